import type { AuthDeps } from './deps.ts';
import { useToken } from './tokens.ts';
import { recordEvent } from './events.ts';

export type ActivateResult = { kind: 'activated'; email: string } | { kind: 'invalid' };

/** Confirms the mailbox: the account may now log in, and must link an authenticator first. */
export async function activate(deps: AuthDeps, token: string): Promise<ActivateResult> {
  return deps.store.transaction(async (store) => {
    const used = await useToken(deps, store, token, 'activate');
    if (!used) return { kind: 'invalid' };
    const account = await store.findAccountById(used.account_id);
    if (!account) return { kind: 'invalid' };
    const now = deps.clock.now();
    if (
      await store.updateAccount(account.id, { status: 'verified', activated_at: now, updated_at: now }, { status: 'unverified' })
    ) {
      await recordEvent(deps, store, account.id, 'activated');
    }
    return { kind: 'activated', email: account.email };
  });
}
