import { flowLink, type FlowPage } from '../config/flow-paths.ts';
import type { Lang } from '../i18n/lang.ts';
import type { Store, TokenPurpose } from '../store/types.ts';
import type { AuthDeps } from './deps.ts';
import { issueToken, type TokenBinding } from './tokens.ts';

/**
 * Runs the work in one transaction, then wakes the mail loop: the mails it queued go out once
 * the change they tell of has committed, and no caller can forget the wake-up. (After a
 * rollback the loop simply finds nothing new.)
 */
export async function mailingTransaction<T>(deps: AuthDeps, work: (store: Store) => Promise<T>): Promise<T> {
  try {
    return await deps.store.transaction(work);
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
