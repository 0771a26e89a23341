import type { Store, Token, TokenPurpose } from '../store/types.ts';
import { hashToken, newToken } from './crypto.ts';
import type { AuthDeps } from './deps.ts';

/** Issues a single-use token for one account and purpose; the mail gets the token, the store its hash. */
export async function issueToken(
  deps: AuthDeps,
  store: Store,
  accountId: string,
  purpose: TokenPurpose,
  ttlMs: number,
  newEmail: string | null = null,
): Promise<string> {
  const token = newToken(deps.random);
  const now = deps.clock.now();
  await store.insertToken({
    id: deps.random.uuid(),
    token_hash: hashToken(token),
    purpose,
    account_id: accountId,
    new_email: newEmail,
    created_at: now,
    expires_at: now + ttlMs,
    used_at: null,
  });
  return token;
}

/**
 * Uses a token: it must exist, be for this purpose, be unexpired and unused.
 * The use is a conditional update, so two requests racing with one token get one success;
 * the account is locked first, like every change to an account and its tokens.
 */
export async function useToken(deps: AuthDeps, store: Store, token: string, purpose: TokenPurpose): Promise<Token | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const found = await store.findTokenByHash(hashToken(token));
  const now = deps.clock.now();
  if (!found || found.purpose !== purpose || found.used_at !== null || found.expires_at <= now) return null;
  await store.lockAccount(found.account_id);
  return (await store.consumeToken(found.id, now)) ? found : null;
}
