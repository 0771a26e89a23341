import type { Account, RecoveryRequest, Store } from '../../store/types.ts';
import { mailedLink, mailingTransaction } from '../mailing.ts';
import type { AuthDeps } from '../deps.ts';
import { recordEvent } from '../events.ts';
import { maskEmail } from '../mask.ts';
import { takeTakeoverNotice } from '../mail-limit.ts';
import { resolveSession } from '../sessions.ts';
import { endOpenRequest, openRequest, requestView, type RequestView } from './requests.ts';

/** One company, one email login: the account that would have to step aside, and the request to take over. */
export interface Replacement {
  holder: Account;
  request: RecoveryRequest | undefined;
}

/**
 * Whether linking an app for this (new) account would replace its company's
 * current email login; null when the company has none, or it is this account.
 */
export async function replacementFor(deps: AuthDeps, store: Store, account: Account): Promise<Replacement | null> {
  if (!account.customer_id) return null;
  const holder = await store.findActiveAccountOfCustomer(account.customer_id);
  if (!holder || holder.id === account.id) return null;
  const open = await store.findOpenRecoveryRequest(account.id, deps.clock.now());
  return { holder, request: open?.kind === 'replace' && open.replaces_account_id === holder.id ? open : undefined };
}

export type ReplacementStart =
  | { kind: 'started'; request: RequestView }
  | { kind: 'not-needed' }
  /** This hour's takeover notices to the holder are used up: no request starts without telling them. */
  | { kind: 'mail-held' }
  | { kind: 'no-session' };

/**
 * A new account asks to take over its company's email login. Nothing changes
 * yet: the current holder is told at once, can cancel, and keeps logging in
 * until the new account proves it may act for the company.
 */
export async function startReplacement(
  deps: AuthDeps,
  input: { token: string | undefined; eherkenning: boolean },
): Promise<ReplacementStart> {
  const current = await resolveSession(deps, input.token);
  if (!current || current.session.stage !== 'enrol') return { kind: 'no-session' };
  const { account } = current;
  return mailingTransaction(deps, async (store, tx): Promise<ReplacementStart> => {
    const opened = await openTakeover(tx, store, account, 'asked');
    if (opened.kind !== 'started') return opened;
    return { kind: 'started', request: await requestView(store, opened.request, { eherkenning: input.eherkenning }) };
  });
}

export type TakeoverOpened =
  { kind: 'started'; request: RecoveryRequest; created: boolean } | { kind: 'not-needed' } | { kind: 'mail-held' };

/**
 * Opens (or finds) the account's request to take over its company's login, inside the caller's
 * transaction: `asked` waits for its proof, and the holder is mailed a link to stop it; `proven`
 * is proven in the same transaction (eHerkenning given before the request, see
 * proveWithEherkenning), and `vouched` gets a first staff approval in it (startTakeoverForCaller):
 * the proof or the approval tells the holder. The company is locked too, in the order
 * confirmEnrolment takes them, so the holder told is the holder still.
 */
export async function openTakeover(
  deps: AuthDeps,
  store: Store,
  account: Account,
  how: 'asked' | 'proven' | 'vouched',
): Promise<TakeoverOpened> {
  await store.lockAccount(account.id);
  if (account.customer_id) await store.lockCustomer(account.customer_id);
  const replacement = await replacementFor(deps, store, account);
  if (!replacement) return { kind: 'not-needed' };
  // A new request tells the holder by mail (TAKEOVER_NOTICES_PER_HOUR), and none starts untold. Not
  // one proven or vouched for at once: only the company's own eHerkenning or our staff send those
  // notices, so strangers cannot flood the holder with them, and a holder who is a thief could
  // otherwise use up the hour's notices with requests of its own making, stopped at once, and so
  // keep even eHerkenning and staff out.
  const { holder } = replacement;
  const now = deps.clock.now();
  if (how === 'asked' && !replacement.request && !(await takeTakeoverNotice(store, holder.email, now)))
    return { kind: 'mail-held' };
  const { request, created } = await openRequest(deps, store, account, 'replace', holder);
  if (created) {
    if (how === 'asked') {
      const cancelLink = await mailedLink(deps, store, {
        accountId: holder.id,
        purpose: 'cancel-request',
        ttlMs: request.expires_at - now,
        page: 'cancelRequest',
        lang: holder.lang,
        binding: { requestId: request.id },
      });
      await deps.mail.queue(store, {
        to: holder.email,
        lang: holder.lang,
        kind: 'replaceRequested',
        vars: { newEmail: maskEmail(account.email), when: new Date(now), cancelLink },
      });
    }
    await recordEvent(deps, store, holder.id, 'replaceRequested');
  }
  return { kind: 'started', request, created };
}

/**
 * The proven takeover, inside the transaction that links the new account's
 * app: the old account stops at this moment (sessions, links, requests), and
 * its address hears when and by whom.
 */
export async function supersede(deps: AuthDeps, store: Store, holder: Account, by: Account): Promise<void> {
  const now = deps.clock.now();
  await store.lockAccount(holder.id);
  if (
    !(await store.updateAccount(holder.id, { status: 'superseded', superseded_at: now, updated_at: now }, { status: 'active' }))
  )
    return;
  await store.endAllSessions(holder.id, now);
  await store.invalidateTokens(holder.id, now);
  await endOpenRequest(deps, store, holder.id, 'askerReplaced');
  await recordEvent(deps, store, holder.id, 'replaced');
  await deps.mail.queue(store, {
    to: holder.email,
    lang: holder.lang,
    kind: 'replaced',
    vars: { newEmail: maskEmail(by.email), when: new Date(now) },
  });
}
