import type { AuthDeps } from '../auth/deps.ts';
import { withinTransaction } from '../auth/transaction.ts';
import type { OidcLogin } from '../store/schema-oidc.ts';

/**
 * Links a grant to the session of ours it was given from, if that session is still live. It was
 * read before the grant was made, and a logout or a password reset may have ended it since: no
 * back-channel logout would ever be queued for a link made after, so the portal would keep its
 * session. The session's row is held while the link is written (`touchSession`): an end that
 * began first is waited for and seen, and one that comes later reads the link. A grant left
 * without a link is revoked.
 */
export async function linkLogin(deps: AuthDeps, login: OidcLogin): Promise<boolean> {
  const linked = await withinTransaction(deps, async ({ store, clock }) => {
    if (!(await store.touchSession(login.session_hash, clock.now()))) return false;
    await store.oidcLinkLogin(login);
    return true;
  });
  if (!linked) await deps.store.oidcRevokeGrant(login.grant_id);
  return linked;
}
