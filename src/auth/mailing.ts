import { flowLink, type FlowPage } from '../config/flow-paths.ts';
import type { Lang } from '../i18n/lang.ts';
import type { Store, TokenPurpose } from '../store/types.ts';
import type { AuthDeps } from './deps.ts';
import { issueToken, type TokenBinding } from './tokens.ts';
import { withinTransaction } from './transaction.ts';

/**
 * Runs the work in one transaction, then wakes the mail loop: the mails it queued go out once
 * the change they tell of has committed, and no caller can forget the wake-up. (After a
 * rollback the loop simply finds nothing new.) Work that emits security events takes the
 * transaction's deps, its second argument: those wait for the commit (`withinTransaction`).
 */
export async function mailingTransaction<T>(deps: AuthDeps, work: (store: Store, deps: AuthDeps) => Promise<T>): Promise<T> {
  // The wake-up below is the one: the transaction's own, after a mail queued through its deps, would run the loop twice.
  const quiet = { ...deps, mail: { queue: deps.mail.queue.bind(deps.mail), notify: () => {} } };
  try {
    return await withinTransaction(quiet, (tx) => work(tx.store, tx));
  } finally {
    deps.mail.notify();
  }
}

/** A one-time link for a mail: the token, and its page's address in the mail's language. */
export async function mailedLink(
  deps: AuthDeps,
  store: Store,
  link: { accountId: string; purpose: TokenPurpose; ttlMs: number; page: FlowPage; lang: Lang; binding?: TokenBinding },
): Promise<string> {
  const token = await issueToken(deps, store, link.accountId, link.purpose, link.ttlMs, link.binding);
  return flowLink(deps.config.publicOrigin, link.page, link.lang, token);
}
