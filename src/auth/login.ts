import { flowLink } from '../config/flow-paths.ts';
import type { AuthDeps } from './deps.ts';
import { checkAccountCode, type Diagnosis } from './diagnosis.ts';
import { normalizeCode } from './normalize.ts';
import { verifyPassword, type Audience } from './password-check.ts';
import { recordAttempt } from './login-record.ts';
import { resolveSession, rotateSession, startSession } from './sessions.ts';
import { countFailure, lockedUntil } from './throttle.ts';
import { issueToken } from './tokens.ts';
import { withinMailLimit } from './mail-limit.ts';

export type PasswordStepResult =
  /** Password right; the code comes next. */
  | { kind: 'code'; token: string }
  /** Password right, but no authenticator linked yet: enrolment comes first. */
  | { kind: 'enrol'; token: string }
  /** Password right, mailbox not confirmed: a new activation mail is on its way. */
  | { kind: 'not-activated' }
  /** Wrong address or password: one answer for both. */
  | { kind: 'refused' }
  | { kind: 'locked'; until: number };

/**
 * The first login step. An address without an account costs the same
 * password check and gives the same answers, including the lockout, which is
 * counted per address whether or not it has an account.
 */
export async function loginWithPassword(
  deps: AuthDeps,
  input: { email: string; password: string },
  audience: Audience = 'customer',
): Promise<PasswordStepResult> {
  const check = await verifyPassword(deps, input, audience);
  if (check.kind !== 'ok') return check;
  const { account } = check;
  const now = deps.clock.now();

  if (account.status === 'unverified') {
    await deps.store.transaction(async (store) => {
      if (!(await withinMailLimit(store, account.email, now))) return;
      await store.invalidateTokens(account.id, now, 'activate');
      const token = await issueToken(deps, store, account.id, 'activate', deps.config.activationTtlMs);
      await deps.mail.queue(store, {
        to: account.email,
        lang: account.lang,
        kind: 'activate',
        vars: { link: flowLink(deps.config.publicOrigin, 'activate', account.lang, token) },
      });
    });
    deps.mail.notify();
    return { kind: 'not-activated' };
  }
  if (account.status === 'verified') {
    await deps.store.clearThrottle(account.email);
    return { kind: 'enrol', token: await startSession(deps, deps.store, account, 'enrol', 'password') };
  }
  return { kind: 'code', token: await startSession(deps, deps.store, account, 'password', 'password') };
}

export type CodeStepResult =
  | { kind: 'ok'; token: string }
  | { kind: 'refused'; diagnosis: Diagnosis; lockedUntil: number | null }
  | { kind: 'locked'; until: number }
  | { kind: 'invalid-code' }
  /** No password step in progress (expired, or never started): start again. */
  | { kind: 'no-session' };

/** The second login step: the code from the authenticator app. */
export async function loginWithCode(deps: AuthDeps, input: { token: string | undefined; code: string }): Promise<CodeStepResult> {
  const current = await resolveSession(deps, input.token);
  if (!current || current.session.stage !== 'password' || !current.account.totp_secret) return { kind: 'no-session' };
  const { account } = current;
  const now = deps.clock.now();
  const until = await lockedUntil(deps.store, account.email, now);
  if (until) return { kind: 'locked', until };
  const code = normalizeCode(input.code);
  if (!code) return { kind: 'invalid-code' };

  const verdict = await checkAccountCode(deps, deps.store, account, deps.sealer.open(account.totp_secret!), code);
  if (!verdict.ok) {
    await recordAttempt(deps, deps.store, account, 'code', 'refused', verdict.diagnosis.kind, detailOf(verdict.diagnosis));
    const locked = await countFailure(deps.store, account.email, now);
    return { kind: 'refused', diagnosis: verdict.diagnosis, lockedUntil: locked };
  }
  const token = await deps.store.transaction(async (store) => {
    await store.clearThrottle(account.email);
    await recordAttempt(deps, store, account, 'code', 'success', null);
    return rotateSession(deps, store, current, input.token!, 'full');
  });
  return token ? { kind: 'ok', token } : { kind: 'no-session' };
}

function detailOf(diagnosis: Diagnosis): Record<string, unknown> | null {
  return diagnosis.kind === 'clockDrift' ? { minutes: diagnosis.minutes, direction: diagnosis.direction } : null;
}
