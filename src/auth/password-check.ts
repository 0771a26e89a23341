import type { Account } from '../store/types.ts';
import { NO_PASSWORD } from './account-row.ts';
import type { AuthDeps } from './deps.ts';
import { normalizeEmail } from './normalize.ts';
import { timingDummyHash } from './passwords.ts';
import { giveAttemptBack, takeAttempt, throttleKey, type KnownDevice } from './throttle.ts';
import { recordAttempt } from './login-record.ts';

export type PasswordCheck =
  /** `throttleKey`: whose allowance the following code step takes from. */
  | { kind: 'ok'; account: Account; throttleKey: string }
  | { kind: 'refused' }
  | { kind: 'locked'; until: number }
  /** The right password of an account that a newer account of its company replaced, and when. */
  | { kind: 'replaced'; at: number };

/** Customers log in at the portal, call-center staff at /agent: each door lets in only its own. */
export type Audience = 'customer' | 'staff';

/**
 * The password check behind every door that asks for one (login, a new phone,
 * changing the address): locked addresses are refused first, and every
 * address costs one real password hash, whether it has an account, an account
 * without a password yet, or none. Each attempt is counted before the hash,
 * towards the lock of that address, and given back when the password is right.
 */
export async function verifyPassword(
  deps: AuthDeps,
  input: { email: string; password: string; device?: KnownDevice | null | undefined },
  audience: Audience = 'customer',
  step: 'password' | 'password-again' = 'password',
): Promise<PasswordCheck> {
  const email = normalizeEmail(input.email);
  const live = await deps.store.findLiveAccountByEmail(email);
  const key = throttleKey(email, live?.id, input.device);
  const attempt = await takeAttempt(deps, key);
  if (attempt.kind === 'locked') return attempt;
  const replaced = live ? undefined : await deps.store.findSupersededAccount(email);
  const candidate = live ?? replaced;
  const hash =
    candidate && candidate.password_hash !== NO_PASSWORD ? candidate.password_hash : await timingDummyHash(deps.passwords);
  const ok = (await deps.passwords.verify(hash, input.password)) && hash === candidate?.password_hash;
  const fits = audience === 'customer' ? candidate?.role === 'customer' : candidate?.role !== 'customer';
  if (ok && fits && live && !['eherkenning', 'unverified', 'disabled'].includes(live.status)) {
    await giveAttemptBack(deps.store, key, attempt);
    if (deps.passwords.outdated(live.password_hash)) await rehash(deps, live, input.password);
    return { kind: 'ok', account: live, throttleKey: key };
  }
  if (ok && fits && replaced?.superseded_at) {
    await giveAttemptBack(deps.store, key, attempt);
    return { kind: 'replaced', at: replaced.superseded_at };
  }
  if (live) await recordAttempt(deps, deps.store, live, step, 'refused', 'wrongPassword');
  return attempt.lockedIfWrong ? { kind: 'locked', until: attempt.lockedIfWrong } : { kind: 'refused' };
}

/**
 * The password once more, from a customer logged in at the portal (a new address, new recovery
 * codes, logging out elsewhere): checked and counted as at login, and a wrong one shows in the
 * agent's history as typed there, not as a failed login.
 */
export function verifyPasswordAgain(
  deps: AuthDeps,
  account: Account,
  input: { password: string; device?: KnownDevice | null | undefined },
): Promise<PasswordCheck> {
  return verifyPassword(deps, { ...input, email: account.email }, 'customer', 'password-again');
}

/**
 * The only moment the password is known: a hash made with older settings is made again with
 * today's, so that the account comes to cost the same to check as an address without one. It
 * upgrades, nothing more: when it fails, the old hash still checks, the login goes on, and the
 * next right password tries again.
 */
async function rehash(deps: AuthDeps, account: Account, password: string): Promise<void> {
  try {
    await deps.store.rehashPassword(account.id, account.password_hash, await deps.passwords.hash(password));
  } catch (error) {
    // See above: nothing is lost. Told all the same, as a store that keeps failing keeps the older hashes.
    deps.events.emit('passwordRehashFailed', { accountId: account.id, err: (error as Error).message });
  }
}
