import type { Account } from '../store/types.ts';
import type { AuthDeps } from './deps.ts';
import { normalizeEmail } from './normalize.ts';
import { timingDummyHash } from './passwords.ts';
import { countFailure, lockedUntil } from './throttle.ts';
import { recordAttempt } from './login-record.ts';

export type PasswordCheck = { kind: 'ok'; account: Account } | { kind: 'refused' } | { kind: 'locked'; until: number };

/**
 * The password check behind every door that asks for one (login, a new phone,
 * changing the address): locked addresses are refused first, an unknown
 * address costs the same hash as a known one, and each failure counts
 * towards the lock of that address.
 */
/** Customers log in at the portal, call-center staff at /agent: each door lets in only its own. */
export type Audience = 'customer' | 'staff';

export async function verifyPassword(
  deps: AuthDeps,
  input: { email: string; password: string },
  audience: Audience = 'customer',
): Promise<PasswordCheck> {
  const email = normalizeEmail(input.email);
  const now = deps.clock.now();
  const until = await lockedUntil(deps.store, email, now);
  if (until) return { kind: 'locked', until };
  const account = await deps.store.findLiveAccountByEmail(email);
  const ok = await deps.passwords.verify(account?.password_hash ?? (await timingDummyHash(deps.passwords)), input.password);
  const fits =
    audience === 'customer' ? account?.role === 'customer' : account?.role === 'agent' || account?.role === 'supervisor';
  if (account && ok && fits && account.status !== 'eherkenning') return { kind: 'ok', account };
  if (account) await recordAttempt(deps, deps.store, account, 'password', 'refused', 'wrongPassword');
  const locked = await countFailure(deps.store, email, now);
  return locked ? { kind: 'locked', until: locked } : { kind: 'refused' };
}
