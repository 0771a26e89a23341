import type { FlowPage } from '../config/flow-paths.ts';
import type { WizardId } from './ids.ts';

/** The live components a wizard step can embed; each reports how it ended. */
export const liveOutcomes = {
  /** The real login: password, then code; a refused code reports the server's diagnosis. */
  login: ['OK', 'CLOCK', 'USED', 'OLD', 'WRONG', 'LOCKED', 'ENROL'],
  /** New phone: password, then a link to the mailbox. */
  rebind: ['SENT', 'NOT_ENROLLED'],
  /** Forgot password: a link to the address. */
  reset: ['SENT'],
  /** A new account. */
  register: ['SENT'],
} as const;
export type LiveStep = keyof typeof liveOutcomes;
export type LiveOutcome<L extends LiveStep = LiveStep> = (typeof liveOutcomes)[L][number];

/** Where an end sends the customer: a live flow, another wizard, an article, or another portal. */
export type EndAction =
  | { flow: FlowPage }
  | { wizard: WizardId }
  | { article: string }
  | { portal: 'consumer' | 'health' }
  /** Log in with eHerkenning: off to the broker. */
  | { eherkenning: true }
  | { contact: true };

/**
 * What the generic island needs to show a state; the words come from the
 * catalogs under wizards.<id>.steps.<state>.
 */
export type StepMeta =
  /** A question; `options` are the event types, in the order shown. */
  | { kind: 'question'; options: readonly string[] }
  /** Advice to read, then go on. */
  | { kind: 'info'; options: readonly string[] }
  /** A live flow on the page; its outcomes are the events. */
  | { kind: 'live'; live: LiveStep; options: readonly string[] }
  /** The end: what to do now. Every end offers an action, or contact when nothing else helps. */
  | { kind: 'end'; action: EndAction };

export function stepMeta(snapshot: { getMeta(): Record<string, unknown> }): StepMeta {
  const meta = Object.values(snapshot.getMeta())[0] as { step?: StepMeta } | undefined;
  if (!meta?.step) throw new Error('wizard state without step meta');
  return meta.step;
}
