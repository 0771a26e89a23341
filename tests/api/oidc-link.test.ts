import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/auth/crypto.ts';
import { withinTransaction } from '../../src/auth/transaction.ts';
import { linkLogin } from '../../src/oidc/link-login.ts';
import { apiClient, createActiveAccount } from '../support/api.ts';
import { testRuntime, forEachStore } from '../support/runtime.ts';

forEachStore((kind) => {
  describe(`a hand-over to a portal, racing the end of its session, on ${kind}`, () => {
    let runtime: Awaited<ReturnType<typeof testRuntime>>;
    beforeAll(async () => {
      runtime = await testRuntime(kind);
      // The delivery loop would send (and mark) the logouts these tests look for.
      await runtime.oidc!.stop();
    });
    afterAll(() => runtime.dispose());

    let grants = 0;
    /** A customer's full session, and a grant the provider saved for it. */
    async function handOver() {
      const client = apiClient(runtime);
      await createActiveAccount(runtime, client);
      const session = (await runtime.deps.store.findSession(hashToken(client.cookie().split('=')[1]!)))!;
      const grantId = `grant-${kind}-${++grants}`;
      await runtime.deps.store.oidcSave({
        model: 'Grant',
        id: grantId,
        payload: '{}',
        grant_id: grantId,
        uid: null,
        expires_at: null,
        consumed_at: null,
      });
      const login = {
        grant_id: grantId,
        session_hash: session.id_hash,
        account_id: session.account_id,
        client_id: 'demo-portal',
        created_at: Date.now(),
      };
      return { session, login };
    }
    const queued = async (grantId: string) =>
      (await runtime.deps.store.dueOidcLogouts(Date.now() + 1, 1000)).some((l) => l.grant_id === grantId);

    it('a session that ended before the link gets none, and its grant is revoked', async () => {
      const { session, login } = await handOver();
      await runtime.deps.store.endAllSessions(session.account_id, Date.now());
      expect(await linkLogin(runtime.deps, login)).toBe(false);
      expect(await runtime.deps.store.oidcFindLogin(login.grant_id)).toBeUndefined();
      expect(await runtime.deps.store.oidcFind('Grant', login.grant_id, Date.now())).toBeUndefined();
    });

    it('an end that has not committed yet is waited for: no link', async () => {
      const { session, login } = await handOver();
      let ended!: () => void;
      let commit!: () => void;
      const sessionsEnded = new Promise<void>((resolve) => (ended = resolve));
      const mayCommit = new Promise<void>((resolve) => (commit = resolve));
      // A password reset ends the sessions, and commits a while after the hand-over tries to link.
      const reset = withinTransaction(runtime.deps, async ({ store }) => {
        await store.endAllSessions(session.account_id, Date.now());
        ended();
        await mayCommit;
      });
      await sessionsEnded;
      setTimeout(commit, 300);
      const linked = await linkLogin(runtime.deps, login);
      await reset;
      expect(linked).toBe(false);
      expect(await runtime.deps.store.oidcFindLogin(login.grant_id)).toBeUndefined();
    });

    it('an end that comes while the link is written waits for it, and queues the portal’s logout', async () => {
      const { session, login } = await handOver();
      let touched!: () => void;
      let commit!: () => void;
      const sessionTouched = new Promise<void>((resolve) => (touched = resolve));
      const mayCommit = new Promise<void>((resolve) => (commit = resolve));
      // The link's own transaction, held open between its write and its commit.
      const link = runtime.deps.store.transaction(async (store) => {
        expect(await store.touchSession(session.id_hash, Date.now())).toBe(true);
        await store.oidcLinkLogin(login);
        touched();
        await mayCommit;
      });
      await sessionTouched;
      setTimeout(commit, 300);
      await runtime.deps.store.endAllSessions(session.account_id, Date.now());
      await link;
      expect(await runtime.deps.store.oidcFindLogin(login.grant_id)).toBeDefined();
      expect(await queued(login.grant_id)).toBe(true);
    });
  });
});
