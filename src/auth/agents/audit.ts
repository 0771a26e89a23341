import type { Store } from '../../store/types.ts';
import { mailingTransaction } from '../mailing.ts';
import type { AuthDeps } from '../deps.ts';
import { auditText } from '../../shared/audit-words.ts';

/** Who did it: a member of staff in the console, or an operator on the command line. */
export interface Actor {
  id: string;
  email: string;
}

export const COMMAND_LINE: Actor = { id: 'command-line', email: auditText('commandLine') };

export interface AuditedAction<T> {
  action: string;
  /** Readable: a masked address, a policy number, a help code; never a bare id. */
  subject: string;
  /** Why, in the words of the one who does it, for this action. */
  reason: string;
  work: (store: Store) => Promise<T>;
  /** How it ended, for the log: `done`, or `refused: <why>`. */
  outcome: (result: T) => string;
}

/**
 * Runs a staff lookup or action and writes one audit entry for the attempt,
 * with how it ended, in the same transaction: nothing happens without its
 * entry, and no entry claims what did not happen. Mail the work queued goes out after it.
 */
export async function audited<T>(deps: AuthDeps, actor: Actor, entry: AuditedAction<T>): Promise<T> {
  const { result, outcome, anchor } = await mailingTransaction(deps, async (store) => {
    const result = await entry.work(store);
    const outcome = entry.outcome(result).slice(0, 200);
    const anchor = await store.appendAudit({
      id: deps.random.logId(),
      at: deps.clock.now(),
      agent_id: actor.id,
      agent_email: actor.email,
      action: entry.action,
      subject: entry.subject.slice(0, 200),
      reason: entry.reason.slice(0, 500),
      outcome,
    });
    return { result, outcome, anchor };
  });
  announceEntry(deps, actor, entry.action, outcome, anchor);
  return result;
}

/**
 * A committed audit entry in the security log, with its place and hash. That log is kept outside
 * the database: someone who rewrites the chain there and computes every hash again, or cuts off
 * its end, no longer matches these (`npm run audit:verify -- --anchor <seq>:<hash>`).
 */
export function announceEntry(
  deps: Pick<AuthDeps, 'events'>,
  actor: Actor,
  action: string,
  outcome: string,
  anchor: { seq: number; hash: string },
): void {
  deps.events.emit('staffAction', { staffId: actor.id, action, outcome, auditSeq: anchor.seq, auditHash: anchor.hash });
}

/** `done` for a result of kind done (or any of `done`), else `refused: <kind>`. */
export function outcomeOf(result: { kind: string }, done: string[] = ['done']): string {
  return done.includes(result.kind) ? 'done' : `refused: ${result.kind}`;
}
