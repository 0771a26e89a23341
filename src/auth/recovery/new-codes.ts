import type { AuthDeps } from '../deps.ts';
import { checkAccountCode, type Diagnosis } from '../diagnosis.ts';
import { recordEvent } from '../events.ts';
import { normalizeCode } from '../normalize.ts';
import { verifyPasswordAgain } from '../password-check.ts';
import { issueRecoveryCodes } from '../recovery-codes.ts';
import { resolveEmailLogin } from '../sessions.ts';
import { clearAppCodeAttempts, takeAppCodeTry, takeAttempt, type KnownDevice } from '../throttle.ts';
import { recordAttempt } from '../login-record.ts';
import { stillAsChecked } from '../as-checked.ts';

export type NewCodesResult =
  | { kind: 'codes'; codes: string[] }
  | { kind: 'refused' }
  | { kind: 'locked'; until: number }
  /** A hundred wrong app codes in a row, here or at login: a recovery code or a new phone is the way back. */
  | { kind: 'app-locked'; staff: boolean }
  | { kind: 'code-refused'; diagnosis: Diagnosis; lockedUntil: number | null }
  | { kind: 'invalid-code' }
  | { kind: 'no-session' };

/**
 * Ten new recovery codes, in place of the old ones: logged in, and the
 * password and a code from the app once more, since these codes open the door
 * when the phone is gone.
 */
export async function renewRecoveryCodes(
  deps: AuthDeps,
  input: { token: string | undefined; password: string; code: string; device?: KnownDevice | null },
): Promise<NewCodesResult> {
  const current = await resolveEmailLogin(deps, input.token);
  if (!current?.account.totp_secret) return { kind: 'no-session' };
  const { account } = current;
  // A known browser's own allowance, as at login: a stranger's lock on the address does not stop it.
  const check = await verifyPasswordAgain(deps, account, { password: input.password, device: input.device });
  if (check.kind === 'locked') return check;
  if (check.kind !== 'ok') return { kind: 'refused' };
  const code = normalizeCode(input.code);
  if (!code) return { kind: 'invalid-code' };
  // The same count of wrong app codes as at login: else a session opened with a recovery code
  // could go on guessing the app's code here after the hundredth wrong one locked it there.
  const attempt = await takeAttempt(deps, check.throttleKey);
  if (attempt.kind === 'locked') return attempt;
  if (!(await takeAppCodeTry(deps, account.id, { key: check.throttleKey, attempt })))
    return { kind: 'app-locked', staff: account.role !== 'customer' };
  const verdict = await checkAccountCode(deps, deps.store, account, code);
  if (!verdict.ok) {
    await recordAttempt(deps, deps.store, account, 'code', 'refused', verdict.diagnosis.kind);
    return { kind: 'code-refused', diagnosis: verdict.diagnosis, lockedUntil: attempt.lockedIfWrong };
  }
  await deps.store.clearThrottle(check.throttleKey);
  await clearAppCodeAttempts(deps.store, account.id);
  const codes = await deps.store.transaction(async (store) => {
    if (!(await stillAsChecked(store, account, current.session.id_hash))) return null;
    await recordEvent(deps, store, account.id, 'recoveryCodesRenewed');
    return issueRecoveryCodes(deps, store, account.id);
  });
  return codes ? { kind: 'codes', codes } : { kind: 'no-session' };
}
