import { assign, setup } from 'xstate';
import type { LiveOutcome, LiveStep, StepMeta } from './steps.ts';

export interface WizardContext {
  /** The events taken so far, in order: what the customer answered. */
  answers: string[];
}

/**
 * The one setup every wizard uses: each transition records its event, so the
 * path of answers is in the context (for the agent view and the URL).
 */
export const wizardSetup = setup({
  types: {
    context: {} as WizardContext,
    events: {} as { type: string },
    meta: {} as { step: StepMeta },
  },
  actions: {
    record: assign({ answers: ({ context, event }) => [...context.answers, event.type] }),
  },
});

/** A transition to `target` that records the answer. */
export function go(target: string) {
  return { target, actions: 'record' as const };
}

/** `on` for a state whose options each lead somewhere. */
export function options(map: Record<string, string>) {
  return Object.fromEntries(Object.entries(map).map(([event, target]) => [event, go(target)]));
}

/** A question state: options in the order shown, each to its target. */
export function question(map: Record<string, string>) {
  return { meta: { step: { kind: 'question', options: Object.keys(map) } as StepMeta }, on: options(map) };
}

/** Advice, then on. */
export function info(map: Record<string, string>) {
  return { meta: { step: { kind: 'info', options: Object.keys(map) } as StepMeta }, on: options(map) };
}

/** A live flow on the page; each of its outcomes leads somewhere. */
export function live<L extends LiveStep>(step: L, map: Record<LiveOutcome<L>, string>) {
  return { meta: { step: { kind: 'live', live: step, options: Object.keys(map) } as StepMeta }, on: options(map) };
}

/** An end state. */
export function end(action: Extract<StepMeta, { kind: 'end' }>['action']) {
  return { type: 'final' as const, meta: { step: { kind: 'end', action } as StepMeta } };
}
