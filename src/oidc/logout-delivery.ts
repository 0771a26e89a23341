import type { Logger } from 'pino';
import type Provider from 'oidc-provider';
import type { Store } from '../store/types.ts';

/**
 * A portal down for hours must still hear of a session that ended (a new password, staff logging
 * the person out): tried for a day, longer than any session of ours lives.
 */
const GIVE_UP_AFTER_MS = 24 * 3_600_000;
/** 10 s, 20 s, 40 s … at most an hour between tries. */
const retryDelay = (attempts: number) => Math.min(10_000 * 2 ** attempts, 3_600_000);

/**
 * Sends the back-channel logouts that are due: a logout token, signed like an
 * ID token, to each client whose grant came from a session of ours that ended.
 * The grant's tokens are revoked first. A client that does not answer 200 is
 * tried again later, like mail, for a day; then it is given up and logged as an error.
 */
export async function deliverClientLogouts(provider: Provider, store: Store, now: () => number, log: Logger): Promise<number> {
  let sent = 0;
  for (const logout of await store.dueOidcLogouts(now(), 50)) {
    // Several instances share the queue: a lease makes sure one of them sends it, as with mail.
    if (!(await store.claimOidcLogout(logout.grant_id, logout.next_at, now() + 60_000))) continue;
    await store.oidcRevokeGrant(logout.grant_id);
    const client = await provider.Client.find(logout.client_id);
    if (!client?.backchannelLogoutUri) {
      await store.markOidcLogout(logout.grant_id, { sent: true });
      continue;
    }
    try {
      // Typed loosely in @types/oidc-provider; present when the backchannelLogout feature is on.
      const { backchannelLogout } = client as unknown as { backchannelLogout(sub: string, sid?: string): Promise<void> };
      // One token for each provider session the grant reached the client through: the client ends
      // those sessions of the person, not every one; a grant that never gave a code names the person
      // only. Each goes whatever the others answer: the sid of a code the client never exchanged,
      // which it may refuse, must not hold up its session's. A retry sends them all again.
      const sids = await store.oidcLoginSids(logout.grant_id);
      const answers = await Promise.allSettled(
        (sids.length > 0 ? sids : [undefined]).map((sid) => backchannelLogout.call(client, logout.account_id, sid)),
      );
      const refused = answers.find((answer) => answer.status === 'rejected');
      if (refused) throw refused.reason;
      await store.markOidcLogout(logout.grant_id, { sent: true });
      sent++;
    } catch (error) {
      const retryAt = now() + retryDelay(logout.attempts);
      const last = retryAt - logout.created_at > GIVE_UP_AFTER_MS;
      await store.markOidcLogout(logout.grant_id, { retryAt: last ? null : retryAt });
      log[last ? 'error' : 'warn'](
        { client: logout.client_id, attempts: logout.attempts + 1, gaveUp: last, err: (error as Error).message },
        last ? 'back-channel logout given up: the client still holds the session' : 'back-channel logout failed',
      );
    }
  }
  return sent;
}
