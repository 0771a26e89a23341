import type { AuthDeps } from '../deps.ts';
import { resolveSession, type ActiveSession } from '../sessions.ts';

export type StaffCheck = { kind: 'ok'; agent: ActiveSession } | { kind: 'anonymous' } | { kind: 'forbidden' };

/**
 * Who is behind a session token, for the call-center side: an agent or
 * supervisor (ok), nobody logged in (anonymous), or someone who may not be
 * here, such as a customer (forbidden).
 */
export async function staffSession(
  deps: AuthDeps,
  token: string | undefined,
  need: 'agent' | 'supervisor' = 'agent',
): Promise<StaffCheck> {
  const current = await resolveSession(deps, token);
  if (!current || current.session.stage !== 'full') return { kind: 'anonymous' };
  const role = current.account.role;
  return role === 'supervisor' || (need === 'agent' && role === 'agent') ? { kind: 'ok', agent: current } : { kind: 'forbidden' };
}

/**
 * Runs an agent's lookup or action and writes it to the audit log in the same
 * transaction: nothing happens without its line, and no line without the act.
 */
export async function audited<T>(
  deps: AuthDeps,
  agent: ActiveSession,
  entry: { action: string; subject: string; reason: string },
  work: (store: AuthDeps['store']) => Promise<T>,
): Promise<T> {
  return deps.store.transaction(async (store) => {
    const result = await work(store);
    await store.appendAudit({
      id: deps.random.uuid(),
      at: deps.clock.now(),
      agent_id: agent.account.id,
      agent_email: agent.account.email,
      action: entry.action,
      subject: entry.subject.slice(0, 200),
      reason: entry.reason.slice(0, 500),
    });
    return result;
  });
}
