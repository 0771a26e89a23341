import type { Lang } from '../../i18n/lang.ts';
import type { Account, RecoveryRequest, Store } from '../../store/types.ts';
import { mailedLink, mailingTransaction } from '../mailing.ts';
import type { AuthDeps } from '../deps.ts';
import { takeMailAllowance } from '../mail-limit.ts';
import { verifyPassword } from '../password-check.ts';
import { mayLinkFirstApp } from '../first-app.ts';
import type { KnownDevice } from '../throttle.ts';
import { resolveSession, startSession } from '../sessions.ts';
import { useToken } from '../tokens.ts';
import { linkedRequest, openRequest, requestView, type RequestView } from './requests.ts';
import { stillAsChecked } from '../as-checked.ts';
import { REQUEST_TTL_MS } from '../policy.ts';

export type RebindRequest =
  /** Password right: a link is on its way to the account's mailbox. */
  | { kind: 'mail-sent' }
  | { kind: 'mail-held' }
  /** Password right, but no app was ever linked: logging in links one. */
  | { kind: 'not-enrolled' }
  /** No app ever linked, and the day to link the first one is past: a new password first. */
  | { kind: 'setup-expired' }
  | { kind: 'refused' }
  | { kind: 'locked'; until: number }
  | { kind: 'replaced'; at: number };

/**
 * A new phone, step 1: the password, then a link to the mailbox. Neither is
 * enough, nor both: the mailbox can set a new password, so opening the link
 * asks for a third, independent proof before a new app can be linked
 * (a recovery code, eHerkenning for the company, a letter, or two members of staff).
 */
export async function requestRebind(
  deps: AuthDeps,
  input: { email: string; password: string; device?: KnownDevice | null; requester: string; lang?: Lang },
): Promise<RebindRequest> {
  const check = await verifyPassword(deps, input);
  if (check.kind !== 'ok') return check;
  const { account } = check;
  if (account.status !== 'active')
    return (await mayLinkFirstApp(deps, account)) ? { kind: 'not-enrolled' } : { kind: 'setup-expired' };
  const sent = await mailingTransaction(deps, async (store) => {
    // The account's row before the mail counters, in the address change's order. A forgot-password
    // request takes the counters first: the two sent at the same moment may deadlock on PostgreSQL,
    // which the store answers by running the loser again.
    if (!(await stillAsChecked(store, account))) return 'changed';
    const allowance = { to: account.email, accountId: account.id, device: input.device, requester: input.requester };
    if (!(await takeMailAllowance(deps, store, { ...allowance, now: deps.clock.now() }))) return false;
    const { request } = await openRequest(deps, store, account, 'rebind');
    await sendRebindLink(deps, store, account, request, 'rebindLink', input.lang);
    return true;
  });
  // The password changed while it was checked: it is no longer right.
  if (sent === 'changed') return { kind: 'refused' };
  return sent ? { kind: 'mail-sent' } : { kind: 'mail-held' };
}

/**
 * Mails the link that continues a new-phone request, and a link that cancels
 * it: the account's address hears of every new phone as it starts.
 */
export async function sendRebindLink(
  deps: AuthDeps,
  store: Store,
  account: Account,
  request: RecoveryRequest,
  kind: 'rebindLink' | 'recoveryCodeUsed' | 'rebindApproved',
  /** The language of the page the request came from; else the account's. */
  lang: Lang = account.lang,
): Promise<void> {
  const now = deps.clock.now();
  const binding = { requestId: request.id };
  const link = await mailedLink(deps, store, {
    accountId: account.id,
    purpose: 'rebind',
    ttlMs: deps.config.recoveryTtlMs,
    page: 'newPhone',
    lang,
    binding,
  });
  // As long as the request could first run: one proven already (a second recovery code within its
  // half hour) still mails a stop link that ends the recovery code's login days later (cancel.ts).
  const cancelLink = await mailedLink(deps, store, {
    accountId: account.id,
    purpose: 'cancel-request',
    ttlMs: request.created_at + REQUEST_TTL_MS - now,
    page: 'cancelRequest',
    lang,
    binding,
  });
  await deps.mail.queue(store, { to: account.email, lang, kind, vars: { link, cancelLink, when: new Date(now) } });
}

export type RebindStart =
  | { kind: 'proof'; session: string; request: RequestView }
  | { kind: 'invalid' }
  /** Proven already: the link goes on to a new app only with the account's password. */
  | { kind: 'password-needed' }
  | { kind: 'refused' }
  | { kind: 'locked'; until: number }
  /** The browser is logged in to another account: it stays so, and the link is not spent. */
  | { kind: 'logged-in-as-other' };

/** The account and request a new phone's link is for, while both can still go on (an account with an app). */
async function linkedPhone(deps: AuthDeps, store: Store, token: string) {
  const link = await linkedRequest(deps, store, token, 'rebind');
  return link?.account.status === 'active' ? link : null;
}

/**
 * A new phone, step 2: the link from the mail opens a short session for its
 * request. While the proof is still to come, that session can only give it;
 * once proven, it may link a new app. The old app keeps working until then.
 *
 * A request proven before its link is opened (a recovery code at login, or our staff) is mailed
 * a link that would link an app at once: whoever reads the mailbox could open it first. So that
 * link asks for the password too, which the customer has and the mailbox alone does not (a new
 * password set from the mailbox ends the request).
 */
export async function openRebindLink(
  deps: AuthDeps,
  input: { token: string; password?: string | undefined; device?: KnownDevice | null; current?: string | undefined },
  options: { eherkenning: boolean },
): Promise<RebindStart> {
  const link = await linkedPhone(deps, deps.store, input.token);
  if (!link) return { kind: 'invalid' };
  // The page opens the link without a click, and a browser holds one session: anyone could mail
  // the link of their own request to a customer and so log that customer out, portal and all.
  const open = await resolveSession(deps, input.current);
  if (open?.session.stage === 'full' && open.account.id !== link.account.id) return { kind: 'logged-in-as-other' };
  const needsPassword = link.request.status === 'proven';
  if (needsPassword) {
    if (!input.password) return { kind: 'password-needed' };
    const check = await verifyPassword(deps, { email: link.account.email, password: input.password, device: input.device });
    if (check.kind === 'locked') return check;
    if (check.kind !== 'ok' || check.account.id !== link.account.id) return { kind: 'refused' };
  }
  return deps.store.transaction(async (store): Promise<RebindStart> => {
    const current = await linkedPhone(deps, store, input.token);
    if (!current) return { kind: 'invalid' };
    const proven = current.request.status === 'proven';
    if (proven && !needsPassword) return { kind: 'password-needed' };
    if (!(await useToken(deps, store, input.token, 'rebind'))) return { kind: 'invalid' };
    // No browser's name: this session only links the new app, then every session ends; no list shows it.
    const session = await startSession(deps, store, current.account, proven ? 'rebind' : 'recovery', 'password', {
      details: { request: current.request.id },
    });
    return { kind: 'proof', session, request: await requestView(store, current.request, options) };
  });
}
