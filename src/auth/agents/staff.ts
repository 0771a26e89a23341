import type { Account, Store } from '../../store/types.ts';
import type { AuthDeps } from '../deps.ts';
import { STAFF_PROOF_MS } from '../policy.ts';
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
 * A member of staff as they are now, under their own row, or null once they are disabled, reset
 * or no longer staff, or the session they act from ended. A disable, reset or change of role takes
 * that row first (staffAction) and ends their sessions, so whatever they sent just before waits
 * for it and is refused, rather than land beside what it withdraws (withdrawApprovalsOf).
 */
export async function staffNow(store: Store, staff: ActiveSession): Promise<Account | null> {
  await store.lockAccount(staff.account.id);
  const now = await store.findAccountById(staff.account.id);
  if (now?.status !== 'active' || now.role === 'customer') return null;
  return (await store.findSession(staff.session.id_hash)) ? now : null;
}

/**
 * Whether staff gave the app's code recently enough for an action that gives or takes away access.
 * A staff session is logged in by its code, and renewed by each code given again (proveStaffAgain),
 * so it starts when the code was last given.
 */
export const provenRecently = (deps: Pick<AuthDeps, 'clock'>, staff: ActiveSession) =>
  staff.session.created_at >= deps.clock.now() - STAFF_PROOF_MS;
