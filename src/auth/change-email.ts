import type { Lang } from '../i18n/lang.ts';
import { mailedLink, mailingTransaction } from './mailing.ts';
import type { AuthDeps } from './deps.ts';
import { takeMailAllowance } from './mail-limit.ts';
import { normalizeEmail } from './normalize.ts';
import { verifyPasswordAgain } from './password-check.ts';
import type { KnownDevice } from './throttle.ts';
import { loggedInWithRecoveryCode, resolveEmailLogin } from './sessions.ts';
import { useToken } from './tokens.ts';
import { recordEvent } from './events.ts';
import { hashToken } from './crypto.ts';
import { endOpenRequest } from './recovery/requests.ts';
import { stillAsChecked } from './as-checked.ts';

export type EmailChangeRequest =
  | { kind: 'check-mail' }
  | { kind: 'mail-held' }
  /** Logged in with a recovery code: the app must be linked again before the address can change. */
  | { kind: 'app-needed' }
  | { kind: 'same-address' }
  | { kind: 'no-session' }
  | { kind: 'refused' }
  | { kind: 'locked'; until: number };

/**
 * Changing the login address, step 1: logged in, and the password once more,
 * because the address is the way back into the account. A link goes to the
 * new address (proof it is theirs), a notice to the old one.
 */
export async function requestEmailChange(
  deps: AuthDeps,
  input: {
    token: string | undefined;
    newEmail: string;
    password: string;
    requester: string;
    lang?: Lang;
    /** The browser, if it logged in to this account before: its allowance, not the address's, takes the attempt. */
    device?: KnownDevice | null;
  },
): Promise<EmailChangeRequest> {
  const current = await resolveEmailLogin(deps, input.token);
  if (!current) return { kind: 'no-session' };
  // Password + a recovery code sheet must not move the mailbox, and with it every later proof and notice.
  if (loggedInWithRecoveryCode(current.session)) return { kind: 'app-needed' };
  const { account } = current;
  const check = await verifyPasswordAgain(deps, account, { password: input.password, device: input.device });
  if (check.kind === 'locked') return check;
  if (check.kind !== 'ok') return { kind: 'refused' };
  const newEmail = normalizeEmail(input.newEmail);
  if (newEmail === account.email) return { kind: 'same-address' };
  const now = deps.clock.now();
  const sent = await mailingTransaction(deps, async (store) => {
    if (!(await stillAsChecked(store, account, current.session.id_hash))) return 'ended';
    if (!(await takeMailAllowance(deps, store, { to: newEmail, requester: input.requester, now }))) return false;
    // The language of the page the change was asked on.
    const lang = input.lang ?? account.lang;
    // Whether the new address has an account shows only in the new mailbox: the requester's own
    // mailbox, earlier links and answer are the same either way.
    await store.invalidateTokens(account.id, now, 'change-email');
    if (await store.findLiveAccountByEmail(newEmail)) {
      await deps.mail.queue(store, { to: newEmail, lang, kind: 'emailChangeInUse', vars: {} });
    } else {
      const link = await mailedLink(deps, store, {
        accountId: account.id,
        purpose: 'change-email',
        ttlMs: deps.config.emailChangeTtlMs,
        page: 'confirmEmail',
        lang,
        binding: { newEmail },
      });
      await deps.mail.queue(store, { to: newEmail, lang, kind: 'emailChangeConfirm', vars: { link } });
    }
    await deps.mail.queue(store, {
      to: account.email,
      lang,
      kind: 'emailChangeNotice',
      vars: { newEmail, when: new Date(now) },
    });
    return true;
  });
  if (sent === 'ended') return { kind: 'no-session' };
  return sent ? { kind: 'check-mail' } : { kind: 'mail-held' };
}

export type EmailChangeResult = { kind: 'changed'; email: string } | { kind: 'invalid' } | { kind: 'in-use' };

/**
 * Changing the login address, step 2: the link from the new mailbox. The old
 * address loses all say over the account: every other session ends, and every
 * link mailed to it before (a new password, a new phone) and every request in
 * progress stops working. The authenticator keeps working.
 */
export async function confirmEmailChange(
  deps: AuthDeps,
  input: { token: string; session: string | undefined },
): Promise<EmailChangeResult> {
  const result = await mailingTransaction(deps, async (store): Promise<EmailChangeResult> => {
    const used = await useToken(deps, store, input.token, 'change-email');
    const account = used && (await store.findAccountById(used.account_id));
    if (!used?.new_email || !account || account.status === 'superseded') return { kind: 'invalid' };
    if (await store.findLiveAccountByEmail(used.new_email)) return { kind: 'in-use' };
    const now = deps.clock.now();
    await store.updateAccount(account.id, { email: used.new_email, updated_at: now }, { status: account.status });
    // Every link, the stop links too: the old mailbox has no say any more. A takeover aimed at the
    // account is shown on the portal home, where the holder, logged in at the new address, stops it.
    await store.invalidateTokens(account.id, now);
    await endOpenRequest(deps, store, account.id, 'askerAddress');
    await store.endAllSessions(account.id, now, input.session ? hashToken(input.session) : undefined);
    await recordEvent(deps, store, account.id, 'emailChanged');
    await deps.mail.queue(store, {
      to: account.email,
      lang: account.lang,
      kind: 'emailChanged',
      vars: { newEmail: used.new_email, when: new Date(now) },
    });
    return { kind: 'changed', email: used.new_email };
  });
  return result;
}
