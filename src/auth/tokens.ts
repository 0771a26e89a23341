import type { Store, Token, TokenPurpose } from '../store/types.ts';
import { hashToken, newToken } from './crypto.ts';
import type { AuthDeps } from './deps.ts';

/** What a token is bound to besides its account: a new address, the company asked for, or a recovery request. */
export interface TokenBinding {
  newEmail?: string;
  customerId?: string;
  requestId?: string;
}

/** Issues a single-use token for one account and purpose; the mail gets the token, the store its hash. */
export async function issueToken(
  deps: AuthDeps,
  store: Store,
  accountId: string,
  purpose: TokenPurpose,
  ttlMs: number,
  binding: TokenBinding = {},
): Promise<string> {
  const token = newToken(deps.random);
  const now = deps.clock.now();
  await store.insertToken({
    id: deps.random.uuid(),
    token_hash: hashToken(token),
    purpose,
    account_id: accountId,
    new_email: binding.newEmail ?? null,
    customer_id: binding.customerId ?? null,
    request_id: binding.requestId ?? null,
    created_at: now,
    expires_at: now + ttlMs,
    used_at: null,
  });
  return token;
}

/** The token for this purpose if it would be accepted now, without using it. */
export async function peekToken(deps: AuthDeps, store: Store, token: string, purpose: TokenPurpose): Promise<Token | null> {
  const found = await storedToken(store, token);
  if (!found || found.purpose !== purpose || found.used_at !== null || found.expires_at <= deps.clock.now()) return null;
  return found;
}

/** A link's stored token, whatever its state; none for what is not shaped like one. */
async function storedToken(store: Store, token: string): Promise<Token | undefined> {
  return /^[A-Za-z0-9_-]{20,100}$/.test(token) ? store.findTokenByHash(hashToken(token)) : undefined;
}

/**
 * Whether a mailed link still works, and if not, what the page it opens should say: that it is
 * too old, that the account it would activate is active already (opened a second time), that staff
 * mailed a newer activation link that still works, or only that it no longer works (used, or ended
 * by a new password). Only whoever holds the link learns this, and nothing of any address.
 */
export async function mailedLinkState(
  deps: AuthDeps,
  store: Store,
  token: string,
  purpose: TokenPurpose,
): Promise<'open' | 'linkExpired' | 'linkReplaced' | 'alreadyActive' | 'linkInvalid'> {
  const found = await storedToken(store, token);
  if (!found || found.purpose !== purpose) return 'linkInvalid';
  if (found.used_at === null && found.expires_at > deps.clock.now()) return 'open';
  if (purpose === 'activate') {
    const account = await store.findAccountById(found.account_id);
    // Activated ('verified' until its app is linked, then 'active'); never one replaced or switched off.
    if (account && (account.status === 'verified' || account.status === 'active')) return 'alreadyActive';
    // An activation link is ended unused only by a newer one staff send when the customer calls; while
    // that one works, it is the way on. Only activation: its mails all go to the one address it was made
    // for. A reset link outlives an address change, and would tell the old mailbox of resets asked
    // for the new one.
    if (found.used_at !== null && (await store.hasNewerOpenToken(found.account_id, purpose, found.created_at, deps.clock.now())))
      return 'linkReplaced';
  }
  return found.used_at === null ? 'linkExpired' : 'linkInvalid';
}

/**
 * Uses a token found by peekToken. The use is a conditional update, so two
 * requests racing with one token get one success; the account is locked first,
 * like every change to an account and its tokens.
 */
export async function spendToken(deps: AuthDeps, store: Store, found: Token): Promise<boolean> {
  await store.lockAccount(found.account_id);
  return store.consumeToken(found.id, deps.clock.now());
}

/** Peeks and spends in one go: the token, or null when it is unknown, for another purpose, used or expired. */
export async function useToken(deps: AuthDeps, store: Store, token: string, purpose: TokenPurpose): Promise<Token | null> {
  const found = await peekToken(deps, store, token, purpose);
  return found && (await spendToken(deps, store, found)) ? found : null;
}

/**
 * After a new password or phone: every link mailed to the account ends, but those that stop a
 * takeover of it. A colleague's request to take over the company's login lives on the colleague's
 * account and outlives these changes, so the holder's way to stop it must too. (An email change
 * ends those as well: the old mailbox has no say, and the portal shows the holder the takeover.)
 */
export function endMailedLinks(store: Store, accountId: string, now: number): Promise<void> {
  return store.invalidateTokens(accountId, now, 'all-but-takeover-stops');
}
