import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Session, Store } from '../../src/store/types.ts';
import { hashToken } from '../../src/auth/crypto.ts';
import { resolveSession } from '../../src/auth/sessions.ts';
import { withinTransaction } from '../../src/auth/transaction.ts';
import { linkLogin } from '../../src/oidc/link-login.ts';
import { flowPaths } from '../../src/config/flow-paths.ts';
import { newSigningKey } from '../../src/oidc/config.ts';
import { DEMO_CLIENT_ID, DEMO_PORTAL } from '../../src/demo-portal/portal.ts';
import { SESSION_COOKIE } from '../../src/edge/cookies.ts';
import { liveLinkedSession } from '../../src/oidc/linked-session.ts';
import { SESSION_TOUCH_MS } from '../../src/auth/policy.ts';
import { apiClient, createActiveAccount, GOOD_PASSWORD } from '../support/api.ts';
import { freshCode } from '../support/totp.ts';
import { serveProvider } from '../support/provider-server.ts';
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

    for (const [name, end] of [
      ['a logout', (session: Session) => runtime.deps.store.endSession(session.id_hash, Date.now())],
      ['a reset', (session: Session) => runtime.deps.store.endAllSessions(session.account_id, Date.now())],
    ] as const) {
      it(`${name} that comes while the link is written waits for it, and queues the portal’s logout`, async () => {
        const { session, login } = await handOver();
        let touched!: () => void;
        let commit!: () => void;
        const sessionTouched = new Promise<void>((resolve) => (touched = resolve));
        const mayCommit = new Promise<void>((resolve) => (commit = resolve));
        // The link's own transaction, held open once the session is touched.
        const store = runtime.deps.store;
        const pausing: Store = {
          ...store,
          transaction: (work) =>
            store.transaction((tx) =>
              work({
                ...tx,
                touchSession: async (idHash, now) => {
                  const live = await tx.touchSession(idHash, now);
                  touched();
                  await mayCommit;
                  return live;
                },
              }),
            ),
        };
        const linked = linkLogin({ ...runtime.deps, store: pausing }, login);
        await sessionTouched;
        setTimeout(commit, 300);
        await end(session);
        expect(await linked).toBe(true);
        expect(await queued(login.grant_id)).toBe(true);
      });
    }

    it('a code or token is worth nothing once its session ended, also when a logout ends it while it is read', async () => {
      const { login } = await handOver();
      expect(await linkLogin(runtime.deps, login)).toBe(true);
      const { clock, store } = runtime.deps;
      const realNow = clock.now;
      clock.now = () => realNow() + 2 * SESSION_TOUCH_MS;
      try {
        // A logout in another tab commits after the session was found, before it is touched.
        const racing: Store = {
          ...store,
          findSession: async (idHash) => {
            const found = await store.findSession(idHash);
            await store.endSession(idHash, clock.now());
            return found;
          },
        };
        expect(await liveLinkedSession({ ...runtime.deps, store: racing }, login.grant_id)).toBeUndefined();
      } finally {
        clock.now = realNow;
      }
      expect(await liveLinkedSession(runtime.deps, login.grant_id)).toBeUndefined();
    });

    it('a code or token of a live session keeps it alive', async () => {
      const { session, login } = await handOver();
      expect(await linkLogin(runtime.deps, login)).toBe(true);
      const { clock, store } = runtime.deps;
      const realNow = clock.now;
      const later = realNow() + 2 * SESSION_TOUCH_MS;
      clock.now = () => later;
      try {
        expect((await liveLinkedSession(runtime.deps, login.grant_id))?.id_hash).toBe(session.id_hash);
        expect(Number((await store.findSession(session.id_hash))!.last_seen_at)).toBe(later);
      } finally {
        clock.now = realNow;
      }
    });

    it('an end queues a logout for each of thousands of links: the portal of each hears of it', async () => {
      // As many as a flood of hand-overs from a stolen cookie could once make, past what one
      // statement with a value per link can bind (an outside review made them over HTTP).
      const { session, login } = await handOver();
      const links = Array.from({ length: 5_000 }, (_, i) => ({ ...login, grant_id: `${login.grant_id}-${i}` }));
      for (let i = 0; i < links.length; i += 1_000)
        await runtime.opened.db
          .insertInto('oidc_logins')
          .values(links.slice(i, i + 1_000))
          .execute();
      await runtime.deps.store.endSession(session.id_hash, Date.now());
      expect(await runtime.deps.store.findSession(session.id_hash)).toBeUndefined();
      const logouts = await runtime.opened.db
        .selectFrom('oidc_logouts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('grant_id', 'like', `${login.grant_id}-%`)
        .executeTakeFirstOrThrow();
      expect(Number(logouts.n)).toBe(5_000);
      // Gone again, so that the other tests find their own among the first logouts due.
      await runtime.opened.db.deleteFrom('oidc_logouts').where('grant_id', 'like', `${login.grant_id}-%`).execute();
    });

    it('the sweep of lapsed sessions ends the others when one of them cannot be ended', async () => {
      const stuck = await handOver();
      const other = await handOver();
      for (const { login } of [stuck, other]) expect(await linkLogin(runtime.deps, login)).toBe(true);
      const db = runtime.opened.db;
      const refuse =
        kind === 'sqlite'
          ? [
              `create trigger refuse_end before update on sessions when old.id_hash = '${stuck.session.id_hash}'
               begin select raise(abort, 'refused for the test'); end`,
            ]
          : [
              `create function refuse_end() returns trigger language plpgsql as $$ begin
                 if old.id_hash = '${stuck.session.id_hash}' then raise exception 'refused for the test'; end if;
                 return new; end $$`,
              'create trigger refuse_end before update on sessions for each row execute function refuse_end()',
            ];
      for (const statement of refuse) await sql.raw(statement).execute(db);
      try {
        // Everything seen so far counts as idle.
        await expect(runtime.deps.store.endLapsedLinkedSessions(Date.now(), Date.now() + 1)).rejects.toThrow(
          /refused for the test/,
        );
      } finally {
        await sql.raw(kind === 'sqlite' ? 'drop trigger refuse_end' : 'drop function refuse_end cascade').execute(db);
      }
      expect(await runtime.deps.store.findSession(other.session.id_hash)).toBeUndefined();
      expect(await queued(other.login.grant_id)).toBe(true);
      expect(await runtime.deps.store.findSession(stuck.session.id_hash)).toBeDefined();
      await runtime.deps.store.endLapsedLinkedSessions(Date.now(), Date.now() + 1);
      expect(await queued(stuck.login.grant_id)).toBe(true);
    });

    it('an end whose logouts cannot be queued does not happen: the session stays live, to be ended again', async () => {
      const { session, login } = await handOver();
      expect(await linkLogin(runtime.deps, login)).toBe(true);
      const rename = (from: string, to: string) => sql.raw(`alter table ${from} rename to ${to}`).execute(runtime.opened.db);
      await rename('oidc_logouts', 'oidc_logouts_away');
      try {
        await expect(runtime.deps.store.endSession(session.id_hash, Date.now())).rejects.toThrow();
      } finally {
        await rename('oidc_logouts_away', 'oidc_logouts');
      }
      expect(await runtime.deps.store.findSession(session.id_hash)).toBeDefined();
      await runtime.deps.store.endSession(session.id_hash, Date.now());
      expect(await queued(login.grant_id)).toBe(true);
    });
  });

  describe(`the hand-over over HTTP, when its session ends on the way, on ${kind}`, () => {
    let runtime: Awaited<ReturnType<typeof testRuntime>>;
    let base: string;
    let provider: Awaited<ReturnType<typeof serveProvider>>;
    const portal = { client_id: 'portal', client_secret: 'x'.repeat(40), redirect_uris: ['http://127.0.0.1:9/cb'] };
    /** The account whose sessions end the moment the provider saves a grant; and the grants saved. */
    let endOnGrant: string | null = null;
    const grantsSaved: string[] = [];
    /** The session that ends the moment it is read. */
    let endOnRead: string | null = null;
    beforeAll(async () => {
      runtime = await testRuntime(kind, {
        OIDC_CLIENTS: JSON.stringify([portal]),
        OIDC_SIGNING_KEYS: JSON.stringify({ keys: [newSigningKey()] }),
      });
      await runtime.oidc!.stop();
      // The provider is built at its first request, on these deps: a logout in another tab, as the
      // grant is saved, or as a session is read.
      const { store } = runtime.deps;
      runtime.deps.store = {
        ...store,
        async oidcSave(row) {
          await store.oidcSave(row);
          if (row.model !== 'Grant' || !endOnGrant) return;
          grantsSaved.push(row.id);
          await store.endAllSessions(endOnGrant, Date.now());
        },
        async findSession(idHash) {
          const found = await store.findSession(idHash);
          if (found && idHash === endOnRead) await store.endSession(idHash, Date.now());
          return found;
        },
      };
      provider = await serveProvider(runtime);
      base = provider.base;
    });
    afterAll(async () => {
      await provider.close();
      await runtime.dispose();
    });

    /** Where a portal sends the browser to log in, with the PKCE verifier it keeps. */
    function authorization(clientId: string, redirectUri: string) {
      const verifier = randomBytes(32).toString('base64url');
      const params = new URLSearchParams({
        client_id: clientId,
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: 'openid',
        state: 'state',
        nonce: 'nonce',
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
        code_challenge_method: 'S256',
      });
      return { path: `/oidc/auth?${params}`, verifier };
    }

    /** The portal sends the browser to the provider; the browser, logged in with us, opens the interaction. */
    async function openInteraction(sessionToken: string) {
      const { path } = authorization(DEMO_CLIENT_ID, `http://localhost:4321${DEMO_PORTAL}/callback`);
      const authorize = await fetch(`${base}${path}`, { redirect: 'manual' });
      const interaction = new URL(authorize.headers.get('location')!, base).pathname;
      expect(interaction).toMatch(/^\/oidc\/interaction\//);
      const cookies = authorize.headers.getSetCookie().map((c) => c.split(';')[0]);
      const answer = await fetch(`${base}${interaction}`, {
        redirect: 'manual',
        headers: { cookie: [...cookies, `${SESSION_COOKIE}=${sessionToken}`].join('; ') },
      });
      return { interaction, status: answer.status, location: answer.headers.get('location') ?? '' };
    }

    /** The browser, logged in with us, is handed over to the portal, which exchanges the code for tokens. */
    async function tokensFor(sessionToken: string) {
      const redirectUri = portal.redirect_uris[0]!;
      const { path, verifier } = authorization(portal.client_id, redirectUri);
      const jar = new Map([[SESSION_COOKIE, sessionToken]]);
      let location = path;
      for (let hop = 0; !location.startsWith(redirectUri); hop++) {
        expect(hop).toBeLessThan(5);
        const url = new URL(location, base);
        const answer = await fetch(`${base}${url.pathname}${url.search}`, {
          redirect: 'manual',
          headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') },
        });
        for (const line of answer.headers.getSetCookie()) {
          const [name, ...value] = line.split(';')[0]!.split('=');
          jar.set(name!, value.join('='));
        }
        location = answer.headers.get('location')!;
      }
      const answer = await fetch(`${base}/oidc/token`, {
        method: 'POST',
        headers: {
          Authorization: `Basic ${Buffer.from(`${portal.client_id}:${portal.client_secret}`).toString('base64')}`,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: new URL(location).searchParams.get('code')!,
          redirect_uri: redirectUri,
          code_verifier: verifier,
        }),
      });
      expect(answer.status).toBe(200);
      return (await answer.json()) as { access_token: string };
    }

    async function loggedIn() {
      const client = apiClient(runtime);
      await createActiveAccount(runtime, client);
      const token = client.cookie().split('=')[1]!;
      return { token, session: (await runtime.deps.store.findSession(hashToken(token)))! };
    }

    it('a portal’s logout with no session of the provider says logged out only when no session of ours is in the browser', async () => {
      const params = new URLSearchParams({
        client_id: DEMO_CLIENT_ID,
        post_logout_redirect_uri: `http://localhost:4321${DEMO_PORTAL}/?lang=nl`,
      });
      const logoutPage = async (cookie?: string) =>
        (await fetch(`${base}/oidc/session/end?${params}`, { redirect: 'manual', headers: cookie ? { cookie } : {} })).text();
      expect(await logoutPage()).toContain('U was hier al uitgelogd');
      // Someone logged in here since (the next person at a shared computer): that logout is not this one's to end, nor to deny.
      const { token } = await loggedIn();
      const page = await logoutPage(`${SESSION_COOKIE}=${token}`);
      expect(page).not.toContain('U was hier al uitgelogd');
      expect(page).toContain('In het helpcentrum bent u nog ingelogd');
      expect(await resolveSession(runtime.deps, token)).not.toBeNull();
    });

    it('goes on to the portal while the session lives', async () => {
      const { token } = await loggedIn();
      const { status, location } = await openInteraction(token);
      expect(status).toBe(303);
      expect(new URL(location, base).pathname).toMatch(/^\/oidc\/auth\//);
    });

    it('takes up the grant it gave when one session hands over again and again: its links stay one', async () => {
      const { token, session } = await loggedIn();
      // Each time a fresh browser as far as the provider knows: only our own session cookie is sent.
      const tokens = [];
      for (let i = 0; i < 3; i++) tokens.push(await tokensFor(token));
      const links = await runtime.opened.db
        .selectFrom('oidc_logins')
        .select('grant_id')
        .where('session_hash', '=', session.id_hash)
        .execute();
      expect(links).toHaveLength(1);
      // Every hand-over still works, and the session's end reaches all of them.
      for (const { access_token } of tokens)
        expect((await fetch(`${base}/oidc/me`, { headers: { Authorization: `Bearer ${access_token}` } })).status).toBe(200);
      await runtime.deps.store.endSession(session.id_hash, Date.now());
      for (const { access_token } of tokens)
        expect((await fetch(`${base}/oidc/me`, { headers: { Authorization: `Bearer ${access_token}` } })).status).toBe(401);
    });

    for (const step of ['the password', 'the password and the code'])
      it(`ends the portal's hand-over when a second login in the same browser passes ${step} and then logs out`, async () => {
        // A shared computer: the customer is handed over, logs in again (the login page once more),
        // and logs out. The next person at the computer must not find the portal still logged in.
        const client = apiClient(runtime);
        const { email, key } = await createActiveAccount(runtime, client);
        const first = client.cookie().split('=')[1]!;
        const { account_id } = (await runtime.deps.store.findSession(hashToken(first)))!;
        const { access_token } = await tokensFor(first);
        const userinfo = () => fetch(`${base}/oidc/me`, { headers: { Authorization: `Bearer ${access_token}` } });
        expect((await userinfo()).status).toBe(200);

        expect((await client.post('/api/session', { email, password: GOOD_PASSWORD })).status).toBe(200);
        if (step.endsWith('code')) expect((await client.post('/api/session/code', { code: freshCode(key) })).status).toBe(200);
        expect(client.cookie().split('=')[1]).not.toBe(first);
        expect((await client.call('DELETE', '/api/session', {})).status).toBe(204);

        expect(await runtime.deps.store.findSession(hashToken(first))).toBeUndefined();
        expect((await userinfo()).status).toBe(401);
        const logouts = await runtime.deps.store.dueOidcLogouts(Date.now() + 1, 1000);
        expect(logouts.filter((logout) => logout.account_id === account_id)).toHaveLength(1);
      });

    it('goes back to our login page, and revokes the grant', async () => {
      const { token, session } = await loggedIn();
      endOnGrant = session.account_id;
      try {
        const { interaction, status, location } = await openInteraction(token);
        expect(status).toBe(303);
        expect(location).toBe(`${flowPaths.login.nl}?return=${encodeURIComponent(interaction)}`);
      } finally {
        endOnGrant = null;
      }
      expect(grantsSaved).toHaveLength(1);
      expect(await runtime.deps.store.oidcFind('Grant', grantsSaved[0]!, Date.now())).toBeUndefined();
      expect(await runtime.deps.store.oidcFindLogin(grantsSaved[0]!)).toBeUndefined();
    });

    it('gives the portal nothing for a token whose session a logout ends while it is read', async () => {
      const { token, session } = await loggedIn();
      const { access_token } = await tokensFor(token);
      const userinfo = () => fetch(`${base}/oidc/me`, { headers: { Authorization: `Bearer ${access_token}` } });
      expect((await userinfo()).status).toBe(200);
      // A minute on, the read touches the session: the logout that came in between is seen.
      const { clock } = runtime.deps;
      const realNow = clock.now;
      clock.now = () => realNow() + 2 * SESSION_TOUCH_MS;
      endOnRead = session.id_hash;
      try {
        expect((await userinfo()).status).toBe(401);
      } finally {
        endOnRead = null;
        clock.now = realNow;
      }
    });
  });
});
