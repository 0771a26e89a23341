import { flowLink } from '../config/flow-paths.ts';
import { mailedLink, mailingTransaction } from './mailing.ts';
import type { AuthDeps } from './deps.ts';
import { takeMailAllowance } from './mail-limit.ts';
import type { MailOutcome } from './register.ts';
import { normalizeEmail } from './normalize.ts';
import { checkPassword, type PasswordProblem } from './passwords.ts';
import { endMailedLinks, peekToken, spendToken } from './tokens.ts';
import { recordEvent } from './events.ts';
import type { KnownDevice } from './throttle.ts';
import { endOpenRequest } from './recovery/requests.ts';

/** The id of no account: accounts get random (version 4) ids, never this one. */
const NO_ACCOUNT = '00000000-0000-0000-0000-000000000000';

/**
 * Forgot password, step 1. The answer is always "check your mailbox", and
 * both cases do nearly the same work (the same lookups, one mail; a known
 * address also writes a link), so neither answer nor timing
 * tells whether the address has an account; the mail itself says which it is.
 */
export async function requestPasswordReset(
  deps: AuthDeps,
  input: { email: string; lang: 'nl' | 'en'; requester: string; device?: KnownDevice | null },
): Promise<MailOutcome> {
  const email = normalizeEmail(input.email);
  const now = deps.clock.now();
  const sent = await mailingTransaction(deps, async (store) => {
    // Looked up first, for every address alike: the customer's own browser asks from its own share.
    // Then again, for every address alike, under the account's row if it has one: an address change
    // that commits in between ends every link, and one made after it must not go to the address that
    // lost its say (on PostgreSQL; SQLite runs one transaction at a time). An address without an
    // account asks for a row that is not there: the same statements, so that a held mail, which
    // sends nothing, takes as long for both.
    const found = await store.findLiveAccountByEmail(email);
    await store.lockAccount(found?.id ?? NO_ACCOUNT);
    const account = await store.findLiveAccountByEmail(email);
    const allowance = { to: email, accountId: account?.id, device: input.device, requester: input.requester, now };
    if (!(await takeMailAllowance(deps, store, allowance))) return false;
    if (!account || account.role !== 'customer' || account.status === 'eherkenning' || account.status === 'unverified') {
      // Never activated: only an activation link, which names the company it is for, activates an
      // account. A new password would activate it for the company whoever registered first chose.
      const kind = account?.role === 'customer' && account.status === 'unverified' ? 'resetNotActivated' : 'resetUnknown';
      const vars = { link: flowLink(deps.config.publicOrigin, 'register', input.lang) };
      await deps.mail.queue(store, { to: email, lang: input.lang, kind, vars });
      return true;
    }
    // In the language of the page it was asked on, which may not be the one chosen at sign-up.
    const link = await mailedLink(deps, store, {
      accountId: account.id,
      purpose: 'reset-password',
      ttlMs: deps.config.recoveryTtlMs,
      page: 'resetPassword',
      lang: input.lang,
    });
    await deps.mail.queue(store, { to: account.email, lang: input.lang, kind: 'resetLink', vars: { link } });
    return true;
  });
  return sent ? { kind: 'check-mail' } : { kind: 'mail-held' };
}

export type ResetResult = { kind: 'reset' } | { kind: 'invalid' } | { kind: 'weak-password'; problem: PasswordProblem };

/**
 * Forgot password, step 2: a new password from the mailed link. Every session
 * ends, every other link and any request in progress stops, the lock on the
 * address is lifted, and the mailbox hears of it. The authenticator stays: it is still needed to log in.
 */
export async function resetPassword(deps: AuthDeps, input: { token: string; password: string }): Promise<ResetResult> {
  const found = await peekToken(deps, deps.store, input.token, 'reset-password');
  if (!found) return { kind: 'invalid' };
  const now = deps.clock.now();
  const account = await deps.store.findAccountById(found.account_id);
  if (!account || account.status === 'superseded' || account.status === 'unverified') return { kind: 'invalid' };
  // A weak password is refused before the link is used, so the customer can try another.
  const problem = await checkPassword(input.password, [account.email, deps.config.issuer]);
  if (problem) return { kind: 'weak-password', problem };
  const passwordHash = await deps.passwords.hash(input.password);

  const result = await mailingTransaction(deps, async (store): Promise<ResetResult> => {
    if (!(await spendToken(deps, store, found))) return { kind: 'invalid' };
    // Only if no other change came first (a second link racing this one).
    const changed = await store.changePassword(account.id, passwordHash, now, found.created_at);
    if (!changed) return { kind: 'invalid' };
    await store.endAllSessions(account.id, now);
    await endMailedLinks(store, account.id, now);
    // A proven new phone waiting to be linked must not outlive a password the mailbox changed.
    await endOpenRequest(deps, store, account.id, 'askerPassword');
    await store.clearThrottles(account.email);
    await recordEvent(deps, store, account.id, 'passwordReset');
    await deps.mail.queue(store, {
      to: account.email,
      lang: account.lang,
      kind: 'resetDone',
      vars: { when: new Date(now) },
    });
    deps.faults.reach('passwordReset:inside');
    return { kind: 'reset' };
  });
  if (result.kind === 'reset') deps.faults.reach('passwordReset:committed');
  return result;
}
