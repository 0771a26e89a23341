import type { Account } from '../store/types.ts';
import type { AuthDeps } from './deps.ts';
import { FIRST_APP_WINDOW_MS } from './policy.ts';

/**
 * The first app is linked within a day of choosing the password through a mailed link; after that
 * the password alone may have leaked, so the mailbox proves itself again. A takeover of the
 * company's login under way is the exception: its proof (a letter, our staff) takes days, it
 * needs that proof before any app is linked, and a new password would end it.
 */
export async function mayLinkFirstApp(deps: AuthDeps, account: Account): Promise<boolean> {
  const now = deps.clock.now();
  if (now - (account.password_changed_at ?? 0) <= FIRST_APP_WINDOW_MS) return true;
  return (await deps.store.findOpenRecoveryRequest(account.id, now))?.kind === 'replace';
}
