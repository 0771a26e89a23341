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
