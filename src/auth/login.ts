import type { Account, Store } from '../store/types.ts';
import { hashToken } from './crypto.ts';
import { stillAsChecked } from './as-checked.ts';
import type { AuthDeps } from './deps.ts';
import { mailingTransaction } from './mailing.ts';
import { checkAccountCode, type Diagnosis } from './diagnosis.ts';
import { normalizeCode } from './normalize.ts';
import { verifyPassword, type Audience } from './password-check.ts';
import { recordAttempt } from './login-record.ts';
import { resolveSession, rotateSession, startSession, throttleKeyOf, type ActiveSession, type BrowserSeen } from './sessions.ts';
import { clearAppCodeAttempts, takeAppCodeTry, takeAttempt, type Attempt, type KnownDevice } from './throttle.ts';
import { useRecoveryCode } from './recovery-codes.ts';
import { takeWrongCodesNotice } from './mail-limit.ts';
import { flowLink } from '../config/flow-paths.ts';
import { openRequest, markProven } from './recovery/requests.ts';
import { sendRebindLink } from './recovery/rebind.ts';
import { withinTransaction } from './transaction.ts';
import { mayLinkFirstApp } from './first-app.ts';

export type PasswordStepResult =
  /** Password right; the code comes next. */
  | { kind: 'code'; token: string }
  /** Password right, but no authenticator linked yet: enrolment comes first. */
  | { kind: 'enrol'; token: string }
  /** Wrong address or password: one answer for both. */
  | { kind: 'refused' }
  | { kind: 'locked'; until: number }
  /** The right password of an account its company replaced by a newer one, on this date. */
  | { kind: 'replaced'; at: number }
  /** The right password, but the first app was not linked within a day of choosing it: the mailbox must prove itself again. */
  | { kind: 'setup-expired' };

/**
 * The first login step. An address without an account costs the same
 * password check and gives the same answers, including the lockout, which is
 * counted per address whether or not it has an account.
 */
export async function loginWithPassword(
  deps: AuthDeps,
  input: { email: string; password: string; device?: KnownDevice | null; seen?: BrowserSeen },
  audience: Audience = 'customer',
): Promise<PasswordStepResult> {
  const check = await verifyPassword(deps, input, audience);
  if (check.kind !== 'ok') return check;
  const { account } = check;
  const enrol = account.status === 'verified';
  if (enrol) {
    if (!(await mayLinkFirstApp(deps, account))) {
      await recordAttempt(deps, deps.store, account, 'password', 'refused', 'setupExpired');
      return { kind: 'setup-expired' };
    }
    await deps.store.clearThrottle(check.throttleKey);
  }
  // The code step takes from the same allowance as the password: a known browser's own, or the address's.
  const token = enrol
    ? await startSession(deps, deps.store, account, 'enrol', 'password', { seen: input.seen })
    : await startSession(deps, deps.store, account, 'password', 'password', {
        details: { throttleKey: check.throttleKey },
        seen: input.seen,
      });
  if (!(await passwordStands(deps, account, token))) return { kind: 'refused' };
  return { kind: enrol ? 'enrol' : 'code', token };
}

/**
 * The login's session is made first and looked at after (`stillAsChecked`), so that a reset either
 * ended it or is seen; then it is ended here, and the password counts as wrong, in the login
 * history too.
 */
async function passwordStands(deps: AuthDeps, checked: Account, token: string): Promise<boolean> {
  if (await stillAsChecked(deps.store, checked)) return true;
  await deps.store.endSession(hashToken(token), deps.clock.now());
  await recordAttempt(deps, deps.store, checked, 'password', 'refused', 'wrongPassword');
  return false;
}

export type CodeStepResult =
  | { kind: 'ok'; token: string; accountId: string }
  | { kind: 'refused'; diagnosis: Diagnosis; lockedUntil: number | null }
  | { kind: 'locked'; until: number }
  /** A hundred wrong app codes in a row: a recovery code or a new phone is the way back (for staff, a new invitation). */
  | { kind: 'app-locked'; staff: boolean }
  /** Not six digits: counted all the same, so it may be the try that locks. */
  | { kind: 'invalid-code'; lockedUntil: number | null }
  /** No password step in progress (expired, or never started): start again. */
  | { kind: 'no-session' };

/**
 * The session between the password and the code, with this attempt counted; or why there is none.
 * Run inside the step's transaction. The account's row is taken first, so that every transaction
 * touching its allowances and spent code steps takes them in one order (on PostgreSQL, a known
 * and an unknown browser sending a code at once would otherwise wait on each other).
 */
async function codeStep(deps: AuthDeps, token: string | undefined, stepFor: CodeStepFor) {
  const current = await resolveSession(deps, token);
  if (!current || !stepFor(current) || !current.account.totp_secret) return { kind: 'no-session' as const };
  // A request of the same session that held the row first may have logged in meanwhile (a double
  // click, on PostgreSQL): this one then ends here, as it would have had it come later, uncounted.
  const locked = await deps.store.lockAccount(current.account.id);
  if (locked && !(await deps.store.findSession(current.session.id_hash))) return { kind: 'no-session' as const };
  const key = throttleKeyOf(current.session) ?? current.account.email;
  const attempt = await takeAttempt(deps, key);
  return attempt.kind === 'locked' ? attempt : { kind: 'ok' as const, current, attempt, key };
}

/** The lock a wrong answer caused, if any. */
const lockOf = (attempt: Attempt) => (attempt.kind === 'counted' ? attempt.lockedIfWrong : null);

/**
 * The second login step: the code from the authenticator app. One transaction takes the
 * attempt, checks the code and writes the outcome: a refused code is what a brute-force
 * attempt sends again and again, and four writes committed one by one cost it most of its
 * database time. Attempts on one account still pass one at a time, as its row is held.
 */
export function loginWithCode(deps: AuthDeps, input: { token: string | undefined; code: string }): Promise<CodeStepResult> {
  return withinTransaction(deps, (tx) => checkCode(tx, input, betweenPasswordAndCode));
}

/**
 * Staff give the app's code again, before an action that gives or takes away access
 * (STAFF_PROOF_MS): the login's second step on a logged-in staff session, counted and locked
 * alike, which renews the session (a new id, proven now).
 */
export function proveStaffAgain(deps: AuthDeps, input: { token: string | undefined; code: string }): Promise<CodeStepResult> {
  return withinTransaction(deps, (tx) => checkCode(tx, input, staffLoggedIn));
}

/** The sessions a code step is for. */
type CodeStepFor = (current: ActiveSession) => boolean;
const betweenPasswordAndCode: CodeStepFor = ({ session }) => session.stage === 'password';
const staffLoggedIn: CodeStepFor = ({ session, account }) => session.stage === 'full' && account.role !== 'customer';

async function checkCode(
  deps: AuthDeps,
  input: { token: string | undefined; code: string },
  stepFor: CodeStepFor,
): Promise<CodeStepResult> {
  const { store } = deps;
  const step = await codeStep(deps, input.token, stepFor);
  if (step.kind !== 'ok') return step;
  const { account } = step.current;
  if (!(await takeAppCodeTry(deps, account.id, step))) return { kind: 'app-locked', staff: account.role !== 'customer' };
  // Not six digits is a typing slip, not a guess: it is counted all the same, so it cannot probe the
  // timed lock for free. (At the app's lock nothing is counted either way: that needs the password.)
  const code = normalizeCode(input.code);
  if (!code) {
    return { kind: 'invalid-code', lockedUntil: await lockAtCodeStep(deps, store, account, step.attempt) };
  }

  const verdict = await checkAccountCode(deps, store, account, code);
  if (!verdict.ok) {
    await recordAttempt(deps, store, account, 'code', 'refused', verdict.diagnosis.kind, detailOf(verdict.diagnosis));
    return {
      kind: 'refused',
      diagnosis: verdict.diagnosis,
      lockedUntil: await lockAtCodeStep(deps, store, account, step.attempt),
    };
  }
  await store.clearThrottle(step.key);
  await clearAppCodeAttempts(store, account.id);
  await recordAttempt(deps, store, account, 'code', 'success', null);
  const token = await rotateSession(deps, store, step.current, input.token!, 'full');
  return token ? { kind: 'ok', token, accountId: account.id } : { kind: 'no-session' };
}

/**
 * The lock a wrong answer after the right password caused, if any: any answer, a typing slip or a
 * recovery code too, or whoever holds the password would end each run with one and go untold. Its
 * owner may be at the wrong phone, or someone else has the password, which only the owner can
 * tell. A customer hears of it, with the way to a new password; staff, who get a new one from an
 * operator, are sent to their supervisor.
 */
async function lockAtCodeStep(deps: AuthDeps, store: Store, account: Account, attempt: Attempt): Promise<number | null> {
  const lockedUntil = lockOf(attempt);
  if (lockedUntil === null) return lockedUntil;
  const now = deps.clock.now();
  if (!(await takeWrongCodesNotice(store, account.id, now))) return lockedUntil;
  const customer = account.role === 'customer';
  const link = customer ? { link: flowLink(deps.config.publicOrigin, 'forgotPassword', account.lang) } : {};
  await deps.mail.queue(store, {
    to: account.email,
    lang: account.lang,
    kind: customer ? 'wrongCodes' : 'staffWrongCodes',
    vars: { when: new Date(now), ...link },
  });
  return lockedUntil;
}

export type RecoveryCodeLoginResult =
  | { kind: 'ok'; token: string; codesLeft: number; accountId: string }
  | { kind: 'refused'; lockedUntil: number | null }
  | { kind: 'locked'; until: number }
  | { kind: 'no-session' };

/**
 * The second step with a recovery code instead of the app: logs in once, and
 * starts a new phone at once. The code is the proof beside the password, so
 * the link mailed to the account's address is all that is still needed to
 * link a new app.
 */
export async function loginWithRecoveryCode(
  deps: AuthDeps,
  input: { token: string | undefined; code: string },
): Promise<RecoveryCodeLoginResult> {
  return mailingTransaction(deps, (_store, tx) => checkRecoveryCode(tx, input));
}

async function checkRecoveryCode(
  deps: AuthDeps,
  input: { token: string | undefined; code: string },
): Promise<RecoveryCodeLoginResult> {
  const { store } = deps;
  const step = await codeStep(deps, input.token, betweenPasswordAndCode);
  if (step.kind !== 'ok') return step;
  const { current } = step;
  const { account } = current;
  if (!(await useRecoveryCode(deps, store, account.id, input.code))) {
    await recordAttempt(deps, store, account, 'recovery-code', 'refused', 'wrongRecoveryCode');
    return { kind: 'refused', lockedUntil: await lockAtCodeStep(deps, store, account, step.attempt) };
  }
  await store.clearThrottle(step.key);
  await recordAttempt(deps, store, account, 'recovery-code', 'success', null);
  // Marked, so that this session cannot move the account to another address before a new app is linked.
  const token = await rotateSession(deps, store, current, input.token!, 'full', { recoveryCode: true });
  if (!token) return { kind: 'no-session' };
  const { request } = await openRequest(deps, store, account, 'rebind');
  if (request.status === 'open') await markProven(deps, store, request, 'recovery-code');
  await sendRebindLink(deps, store, account, request, 'recoveryCodeUsed');
  return { kind: 'ok', token, codesLeft: await store.countRecoveryCodes(account.id), accountId: account.id };
}

function detailOf(diagnosis: Diagnosis): Record<string, unknown> | null {
  return diagnosis.kind === 'clockDrift' ? { minutes: diagnosis.minutes, direction: diagnosis.direction } : null;
}
