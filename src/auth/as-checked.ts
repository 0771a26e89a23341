import type { Account, Store } from '../store/types.ts';

/**
 * A password is checked for as long as a hash takes, and a session is read before the work it
 * allows. A password reset (the customer's, or a supervisor's) that commits in between ends every
 * session and link there was; what the work makes after it, a session or a link or an app, would
 * outlive it. So the work looks again, in its own transaction, before it makes anything: the
 * password must not have changed since `checked` was read, and the session, if one is named, must
 * still be live. The account's row is taken first, so that on PostgreSQL a reset that has changed
 * the password but not yet committed is waited for.
 */
export async function stillAsChecked(store: Store, checked: Account, sessionIdHash?: string): Promise<boolean> {
  await store.lockAccount(checked.id);
  if (sessionIdHash !== undefined && !(await store.findSession(sessionIdHash))) return false;
  return (await store.findAccountById(checked.id))?.password_changed_at === checked.password_changed_at;
}
