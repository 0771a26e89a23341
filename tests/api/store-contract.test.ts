import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCKED_UNTIL_RESET } from '../../src/auth/throttle.ts';
import { storeAdapter } from '../../src/oidc/adapter.ts';
import { newRequestRow } from '../../src/auth/recovery/requests.ts';
import { prepared, type SlotOf } from '../../src/store/prepared.ts';
import { migrate } from '../../src/store/migrate.ts';
import { openStore } from '../../src/store/open.ts';
import type { Account, RecoveryKind, RecoveryRequest, Session, Token, TokenPurpose } from '../../src/store/types.ts';
import { postgresSkipReason, postgresUrl, testRuntime, type StoreKind } from '../support/runtime.ts';

// One contract, two stores: every behaviour the domain relies on, on SQLite and
// on PostgreSQL (when TEST_DATABASE_URL is set).

if (!postgresUrl) {
  describe('store contract on PostgreSQL', () => {
    it.skip(postgresSkipReason, () => {});
  });
}

for (const kind of (postgresUrl ? ['sqlite', 'postgres'] : ['sqlite']) as StoreKind[]) {
  describe(`store contract on ${kind}`, () => {
    let runtime: Awaited<ReturnType<typeof testRuntime>>;
    beforeAll(async () => {
      runtime = await testRuntime(kind);
    });
    afterAll(() => runtime?.dispose());
    const store = () => runtime.deps.store;
    const now = Date.now();

    const account = (over: Partial<Account> = {}): Account => ({
      id: crypto.randomUUID(),
      email: `${crypto.randomUUID()}@voorbeeld.test`,
      customer_id: null,
      role: 'customer',
      status: 'unverified',
      lang: 'nl',
      password_hash: 'x',
      totp_secret: null,
      totp_bound_at: null,
      first_bound_at: null,
      pending_totp_secret: null,
      pending_totp_created_at: null,
      pending_totp_session: null,
      activated_at: null,
      password_changed_at: now,
      superseded_at: null,
      created_at: now,
      updated_at: now,
      ...over,
    });

    const token = (accountId: string, purpose: TokenPurpose, over: Partial<Token> = {}): Token => {
      const id = over.id ?? crypto.randomUUID();
      return {
        id,
        token_hash: `h-${id}`,
        purpose,
        account_id: accountId,
        new_email: null,
        customer_id: null,
        request_id: null,
        created_at: now,
        expires_at: now + 1000,
        used_at: null,
        ...over,
      };
    };

    /** A live session of this account, without its id. */
    const sessionOf = (a: Account, stage: 'password' | 'full') => ({
      account_id: a.id,
      stage,
      method: 'password' as const,
      created_at: now,
      last_seen_at: now,
      expires_at: now + 60_000,
      ended_at: null,
      details: null,
      browser: null,
      os: null,
    });

    it("holds an account's row for the rest of a transaction, and says when it took a lock", async () => {
      const a = account();
      await store().insertAccount(a);
      if (kind === 'sqlite') {
        // A transaction holds the whole database from its start (begin immediate): no row lock to take.
        expect(await store().transaction((tx) => tx.lockAccount(a.id))).toBe(false);
        return;
      }
      const steps: string[] = [];
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      const first = store().transaction(async (tx) => {
        expect(await tx.lockAccount(a.id)).toBe(true);
        holding();
        await released;
        steps.push('first ends');
      });
      await held;
      const second = store().transaction(async (tx) => {
        expect(await tx.lockAccount(a.id)).toBe(true);
        steps.push('second holds');
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      steps.push('first released');
      release();
      await Promise.all([first, second]);
      expect(steps).toEqual(['first released', 'first ends', 'second holds']);
    });

    // The hot queries are compiled once (src/store/prepared.ts): a value caught in the compiled
    // query, or one dialect's SQL kept for the other, would answer with the first caller's row.
    it('answers each call of a hot query with its own values, in a transaction and outside it', async () => {
      const a = account();
      const b = account();
      await store().insertAccount(a);
      await store().insertAccount(b);
      await store().insertSession({ ...sessionOf(a, 'password'), id_hash: `prep-${a.id}` });
      await store().insertSession({ ...sessionOf(b, 'full'), id_hash: `prep-${b.id}` });
      expect((await store().findAccountById(a.id))?.email).toBe(a.email);
      expect((await store().findAccountById(b.id))?.email).toBe(b.email);
      const inTransaction = await store().transaction(async (trx) => ({
        emails: [(await trx.findAccountById(b.id))?.email, (await trx.findAccountById(a.id))?.email],
        a: (await trx.findSession(`prep-${a.id}`))?.account_id,
        b: (await trx.findSession(`prep-${b.id}`))?.stage,
        none: await trx.findSession(`prep-none-${a.id}`),
      }));
      expect(inTransaction).toEqual({ emails: [b.email, a.email], a: a.id, b: 'full', none: undefined });
      expect(await store().hitRateLimit(`prep-${a.id}`, 5)).toBe(1);
      expect(await store().hitRateLimit(`prep-${b.id}`, 5)).toBe(1);
      expect(await store().hitRateLimit(`prep-${a.id}`, 5)).toBe(2);
    });

    it('refuses to run a prepared query with a value missing, or through a plugin that would change its SQL', async () => {
      const byEmail = prepared((db, slot: SlotOf<{ email: string }>) =>
        db.selectFrom('accounts').select('id').where('email', '=', slot('email')),
      );
      const db = runtime.opened.db;
      expect((await byEmail(db, { email: 'nobody@voorbeeld.test' })).rows).toEqual([]);
      await expect(byEmail(db, {} as { email: string })).rejects.toThrow(/without email/);
      await expect(byEmail(db.withSchema('elsewhere'), { email: 'nobody@voorbeeld.test' })).rejects.toThrow(/plugin/);
    });

    it('loads the demo customers and upserts by policy number, idempotently', async () => {
      expect(await store().countCustomers()).toBe(5);
      const record = {
        id: crypto.randomUUID(),
        policy_number: 'CT000001',
        company_name: 'Contract B.V.',
        kvk_number: '91234567',
        vestigingsnummer: null,
        product_lines: 'liability',
        created_at: now,
        updated_at: now,
      };
      expect(await store().upsertCustomer(record)).toBe('created');
      expect(await store().upsertCustomer({ ...record, id: crypto.randomUUID() })).toBe('unchanged');
      expect(await store().upsertCustomer({ ...record, company_name: 'Contract Holding B.V.' })).toBe('updated');
      expect((await store().findCustomerByPolicy('CT000001'))?.company_name).toBe('Contract Holding B.V.');
      expect((await store().findCustomersByKvk('91234567')).length).toBe(1);
    });

    it('keeps one live account per address and one active account per company', async () => {
      const customer = (await store().findCustomerByPolicy('ZP100001'))!;
      const a = account({ customer_id: customer.id, status: 'active' });
      await store().insertAccount(a);
      await expect(store().insertAccount(account({ email: a.email }))).rejects.toThrow();
      await expect(store().insertAccount(account({ customer_id: customer.id, status: 'active' }))).rejects.toThrow();
      expect(await store().updateAccount(a.id, { status: 'superseded' }, { status: 'active' })).toBe(true);
      expect(await store().updateAccount(a.id, { status: 'active' }, { status: 'verified' })).toBe(false);
      await store().insertAccount(account({ email: a.email }));
      expect((await store().findLiveAccountByEmail(a.email))?.id).not.toBe(a.id);
    });

    it('swaps a password hash for a new one of the same password only while the old one is stored', async () => {
      const a = account({ password_hash: 'old', password_changed_at: now - 1000 });
      await store().insertAccount(a);
      await store().rehashPassword(a.id, 'changed meanwhile', 'lost');
      expect((await store().findAccountById(a.id))?.password_hash).toBe('old');
      await store().rehashPassword(a.id, 'old', 'new');
      const after = (await store().findAccountById(a.id))!;
      expect(after.password_hash).toBe('new');
      // The same password: links and sessions checked against the last change stay good.
      expect(after.password_changed_at).toBe(now - 1000);
    });

    it('links an app only over the one it was to replace, and keeps when the first was linked', async () => {
      const a = account({ pending_totp_secret: 'first' });
      await store().insertAccount(a);
      expect(await store().swapAuthenticator(a.id, 'first', 'another', now)).toBe(false);
      expect(await store().swapAuthenticator(a.id, 'first', null, now)).toBe(true);
      await store().updateAccount(a.id, { pending_totp_secret: 'second' });
      expect(await store().swapAuthenticator(a.id, 'second', 'first', now + 5000)).toBe(true);
      // A new phone moves when the app was linked, not when the account became its company's login.
      expect(await store().findAccountById(a.id)).toMatchObject({
        status: 'active',
        totp_secret: 'second',
        totp_bound_at: now + 5000,
        first_bound_at: now,
      });
    });

    it('uses a token once, even when two uses race', async () => {
      const a = account();
      await store().insertAccount(a);
      const made = token(a.id, 'activate');
      const { id } = made;
      await store().insertToken(made);
      const results = await Promise.all([
        store().consumeToken(id, now),
        store().consumeToken(id, now),
        store().consumeToken(id, now),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await store().findTokenByHash(`h-${id}`))?.used_at).toBe(now);
    });

    it('ends an account’s tokens: all, of one purpose, or all but the links that stop a takeover of it', async () => {
      const holder = account();
      const asker = account();
      await store().insertAccount(holder);
      await store().insertAccount(asker);
      const request = (id: string, kind: RecoveryKind, accountId: string, replaces: string | null) =>
        store().insertRecoveryRequest(newRequestRow({ id, accountId, kind, replaces, now }));
      const takeover = crypto.randomUUID();
      const ownPhone = crypto.randomUUID();
      await request(takeover, 'replace', asker.id, holder.id);
      await request(ownPhone, 'rebind', holder.id, null);
      const issue = async () => {
        for (const [purpose, requestId] of [
          ['activate', null],
          ['reset-password', null],
          ['cancel-request', takeover],
          ['cancel-request', ownPhone],
        ] as const) {
          await store().insertToken(token(holder.id, purpose, { request_id: requestId }));
        }
      };
      const open = async () => (await store().listOpenTokens(holder.id, now)).map((t) => t.purpose).sort();
      await issue();
      await store().invalidateTokens(holder.id, now, 'all-but-takeover-stops');
      // The takeover's stop link only: the stop link of the account's own new phone goes too.
      expect(await open()).toEqual(['cancel-request']);
      await store().invalidateTokens(holder.id, now, 'cancel-request');
      expect(await open()).toEqual([]);
      await issue();
      await store().invalidateTokens(holder.id, now);
      expect(await open()).toEqual([]);
    });

    it('finds the running takeovers of an account, the newest first, never one that ended or lapsed, nor the account’s own request', async () => {
      const holder = account();
      const asker = account();
      await store().insertAccount(holder);
      await store().insertAccount(asker);
      const insert = (over: Partial<RecoveryRequest>) =>
        store().insertRecoveryRequest({
          ...newRequestRow({ id: crypto.randomUUID(), accountId: asker.id, kind: 'replace', replaces: holder.id, now }),
          ...over,
        });
      await insert({ status: 'cancelled' });
      await insert({ expires_at: now - 1 });
      await insert({ account_id: holder.id, kind: 'rebind', replaces_account_id: null });
      expect(await store().findOpenTakeoversOf(holder.id, now)).toEqual([]);
      const [older, newer] = [crypto.randomUUID(), crypto.randomUUID()];
      await insert({ id: older, created_at: now - 1 });
      // Another newer account's, asked after it: both are listed, so that one cannot hide the other.
      const other = account();
      await store().insertAccount(other);
      await insert({ id: newer, account_id: other.id, status: 'proven' });
      // With the asker's address, read in the same query.
      expect((await store().findOpenTakeoversOf(holder.id, now)).map((r) => [r.id, r.asker_email])).toEqual([
        [newer, other.email],
        [older, asker.email],
      ]);
      expect(await store().findOpenTakeoversOf(asker.id, now)).toEqual([]);
    });

    it('records a TOTP step once per account, also when requests race', async () => {
      const a = account();
      await store().insertAccount(a);
      const results = await Promise.all(Array.from({ length: 5 }, () => store().useTotpStep(a.id, 58_000_000, now)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store().isTotpStepUsed(a.id, 58_000_000)).toBe(true);
      expect(await store().isTotpStepUsed(a.id, 58_000_001)).toBe(false);
    });

    it('counts rate-limit hits and throttle failures without losing any', async () => {
      const key = `ct:${crypto.randomUUID()}`;
      await Promise.all(Array.from({ length: 10 }, () => store().hitRateLimit(key, 1000)));
      expect(await store().hitRateLimit(key, 1000)).toBe(11);
      expect(await store().hitRateLimit(key, 2000)).toBe(1);
      // Hits counted elsewhere come in batches: added to what is there, totals back, windows apart.
      expect(await store().findRateLimitHits(key, 3000)).toBe(0);
      const other = `ct:${crypto.randomUUID()}`;
      const totals = await store().addRateLimitHits([
        { key, windowStart: 1000, hits: 4 },
        { key, windowStart: 3000, hits: 2 },
        { key: other, windowStart: 1000, hits: 7 },
      ]);
      expect(new Set(totals.map((t) => JSON.stringify(t)))).toEqual(
        new Set(
          [
            { key, windowStart: 1000, hits: 15 },
            { key, windowStart: 3000, hits: 2 },
            { key: other, windowStart: 1000, hits: 7 },
          ].map((t) => JSON.stringify(t)),
        ),
      );
      expect(await store().findRateLimitHits(key, 1000)).toBe(15);
      expect(await store().findRateLimitHits(key, 3000)).toBe(2);
      // Many windows at once.
      const many = Array.from({ length: 700 }, (_, i) => ({ key: `${other}:${i}`, windowStart: 1000, hits: 1 + (i % 3) }));
      expect((await store().addRateLimitHits(many)).reduce((sum, t) => sum + t.hits, 0)).toBe(
        many.reduce((sum, t) => sum + t.hits, 0),
      );
      expect(await store().findRateLimitHits(`${other}:699`, 1000)).toBe(1 + (699 % 3));
      // All or none: a batch with one refused row adds nothing.
      const refused = [
        ...Array.from({ length: 400 }, (_, i) => ({ key: `${other}:${i}`, windowStart: 1000, hits: 1 })),
        { key: null as unknown as string, windowStart: 1000, hits: 1 },
      ];
      await expect(store().addRateLimitHits(refused)).rejects.toThrow();
      expect(await store().findRateLimitHits(`${other}:0`, 1000)).toBe(1);
      // Attempts taken all at once still meet the lock: exactly five get through before it.
      const email = `${crypto.randomUUID()}@voorbeeld.test`;
      const locks = new Map([[5, { forMs: 60_000 }]]);
      const taken = await Promise.all(Array.from({ length: 12 }, () => store().takeThrottleAttempt(email, now, locks)));
      expect(taken.filter((t) => 'failures' in t)).toHaveLength(5);
      expect(taken.filter((t) => 'locked' in t)).toHaveLength(7);
      expect((await store().findThrottle(email))?.locked_until).toBe(now + 60_000);
      // A right answer given back takes its own lock with it.
      await store().returnThrottleAttempt(email, now + 60_000);
      expect(await store().findThrottle(email)).toMatchObject({ failures: 4, locked_until: null });
      // One given back without a lock of its own leaves the lock standing.
      await store().takeThrottleAttempt(email, now, locks);
      await store().returnThrottleAttempt(email, null);
      expect(await store().findThrottle(email)).toMatchObject({ failures: 4, locked_until: now + 60_000 });
      await store().clearThrottle(email);
      expect(await store().findThrottle(email)).toBeUndefined();
    });

    it('sets the lock a count names, holds it while it lasts and counts on after it', async () => {
      const email = `${crypto.randomUUID()}@voorbeeld.test`;
      // The lock only a reset lifts is the largest number stored: it must come back as that number.
      const schedule = new Map([
        [2, { forMs: 10 }],
        [4, { until: LOCKED_UNTIL_RESET }],
      ]);
      const take = (at: number) => store().takeThrottleAttempt(email, at, schedule);
      expect(await take(now)).toEqual({ failures: 1, lockedUntil: null });
      expect(await take(now)).toEqual({ failures: 2, lockedUntil: now + 10 });
      expect(await take(now + 9)).toEqual({ locked: now + 10 });
      expect(await take(now + 10)).toEqual({ failures: 3, lockedUntil: null });
      expect((await store().findThrottle(email))?.locked_until).toBe(now + 10);
      expect(await take(now + 11)).toEqual({ failures: 4, lockedUntil: LOCKED_UNTIL_RESET });
      expect(await take(now + 12)).toEqual({ locked: LOCKED_UNTIL_RESET });
    });

    it('sets the lock of a first failure as it makes the row', async () => {
      const email = `${crypto.randomUUID()}@voorbeeld.test`;
      const schedule = new Map([[1, { forMs: 10 }]]);
      expect(await store().takeThrottleAttempt(email, now, schedule)).toEqual({ failures: 1, lockedUntil: now + 10 });
      expect(await store().takeThrottleAttempt(email, now + 9, schedule)).toEqual({ locked: now + 10 });
      expect(await store().findThrottle(email)).toMatchObject({ failures: 1, locked_until: now + 10 });
    });

    it('reports the lock it stored, even when a schedule changes after its first use', async () => {
      const email = `${crypto.randomUUID()}@voorbeeld.test`;
      const schedule = new Map([[2, { forMs: 10 }]]);
      expect(await store().takeThrottleAttempt(email, now, schedule)).toEqual({ failures: 1, lockedUntil: null });
      schedule.set(2, { forMs: 60_000 });
      const taken = await store().takeThrottleAttempt(email, now, schedule);
      expect(taken).toEqual({ failures: 2, lockedUntil: (await store().findThrottle(email))?.locked_until });
    });

    it('rotates a session once and ends all sessions of an account', async () => {
      const a = account();
      await store().insertAccount(a);
      const base = sessionOf(a, 'password');
      await store().insertSession({ ...base, id_hash: `s1-${a.id}` });
      const [first, second] = await Promise.all([
        store().rotateSession(`s1-${a.id}`, { ...base, id_hash: `s2-${a.id}`, stage: 'full' }),
        store().rotateSession(`s1-${a.id}`, { ...base, id_hash: `s3-${a.id}`, stage: 'full' }),
      ]);
      expect([first, second].filter(Boolean)).toHaveLength(1);
      expect(await store().findSession(`s1-${a.id}`)).toBeUndefined();
      await store().insertSession({ ...base, id_hash: `s4-${a.id}` });
      expect(await store().endAllSessions(a.id, now)).toBe(2);
      expect(await store().findSession(`s4-${a.id}`)).toBeUndefined();
    });

    it('lists the logged-in sessions of an account: not ended, expired, idle or half-way, the last seen first', async () => {
      const a = account();
      await store().insertAccount(a);
      const full = { ...sessionOf(a, 'full'), last_seen_at: now - 10 };
      const add = (id: string, over: Partial<Session> = {}) =>
        store().insertSession({ ...full, id_hash: `${id}-${a.id}`, ...over });
      await add('older', { last_seen_at: now - 20 });
      await add('newer');
      await add('ended', { ended_at: now - 1 });
      await add('expired', { expires_at: now });
      await add('idle', { last_seen_at: now - 1_000 });
      await add('waiting', { stage: 'password' });
      const listed = await store().listLoggedInSessions(a.id, now, now - 100);
      expect(listed.map((s) => s.id_hash)).toEqual([`newer-${a.id}`, `older-${a.id}`]);
    });

    it('lets one instance claim a due mail, and keeps a failed one for a retry', async () => {
      const id = crypto.randomUUID();
      await store().enqueueMail({
        id,
        to_address: 'x@voorbeeld.test',
        lang: 'nl',
        kind: 'activate',
        subject: 's',
        text_body: 't',
        html_body: 'h',
        status: 'pending',
        next_attempt_at: now,
        created_at: now,
      });
      expect((await store().dueMail(now, 100)).some((m) => m.id === id)).toBe(true);
      const claims = await Promise.all([store().claimMail(id, now, now + 60_000), store().claimMail(id, now, now + 60_000)]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect((await store().dueMail(now, 100)).some((m) => m.id === id)).toBe(false);
      await store().markMailFailed(id, 'connection refused', now + 10);
      const failed = (await store().findMail(id))!;
      expect(failed).toMatchObject({ status: 'pending', attempts: 1, last_error: 'connection refused' });
      await store().markMailSent(id, now + 20);
      expect(await store().findMail(id)).toMatchObject({ status: 'sent', text_body: '', sent_at: now + 20 });
    });

    it('keeps the OpenID Provider’s objects as its adapter needs: found until expiry, consumed once, revoked by grant', async () => {
      const Adapter = storeAdapter(store(), () => Date.now());
      const codes = new Adapter('AuthorizationCode');
      const sessions = new Adapter('Session');
      const id = crypto.randomUUID();
      await codes.upsert(id, { grantId: 'g-1', accountId: 'a' }, 60);
      expect(await codes.find(id)).toEqual({ grantId: 'g-1', accountId: 'a' });
      await codes.consume(id);
      expect((await codes.find(id))?.consumed).toBeGreaterThan(0);
      // Upserting again (the provider saves a changed object) keeps it findable.
      await sessions.upsert('s-1', { uid: 'u-1', accountId: 'a' }, 60);
      await sessions.upsert('s-1', { uid: 'u-1', accountId: 'b' }, 60);
      expect(await sessions.findByUid('u-1')).toEqual({ uid: 'u-1', accountId: 'b' });
      expect(await new Adapter('Interaction').find('s-1')).toBeUndefined();
      await codes.revokeByGrantId('g-1');
      expect(await codes.find(id)).toBeUndefined();
      const expired = crypto.randomUUID();
      await new (storeAdapter(store(), () => Date.now() - 120_000))('AccessToken').upsert(expired, { grantId: 'g-2' }, 60);
      expect(await new Adapter('AccessToken').find(expired)).toBeUndefined();
      await sessions.destroy('s-1');
      expect(await sessions.findByUid('u-1')).toBeUndefined();
    });

    it('notes each provider session a grant’s codes carried to its client, once, for the grant’s logout', async () => {
      const Adapter = storeAdapter(store(), () => Date.now());
      const grantId = `g-${crypto.randomUUID()}`;
      const codes = new Adapter('AuthorizationCode');
      await codes.upsert(crypto.randomUUID(), { grantId, sid: 'sid-1', accountId: 'a' }, 60);
      await codes.upsert(crypto.randomUUID(), { grantId, sid: 'sid-1', accountId: 'a' }, 60);
      await codes.upsert(crypto.randomUUID(), { grantId, sid: 'sid_2', accountId: 'a' }, 60);
      // A token carries the sid too, but every sid reached its client in a code first.
      await new Adapter('AccessToken').upsert(crypto.randomUUID(), { grantId, sid: 'sid-3', accountId: 'a' }, 60);
      expect((await store().oidcLoginSids(grantId)).sort()).toEqual(['sid-1', 'sid_2']);
      expect(await store().oidcLoginSids(`g-${crypto.randomUUID()}`)).toEqual([]);
    });

    it('revokes a grant’s codes and tokens, never a login under way that carries the grant’s id', async () => {
      const Adapter = storeAdapter(store(), () => Date.now());
      const grantId = `g-${crypto.randomUUID()}`;
      const token = crypto.randomUUID();
      const interaction = crypto.randomUUID();
      await new Adapter('Grant').upsert(grantId, { accountId: 'a' }, 60);
      await new Adapter('AccessToken').upsert(token, { grantId, accountId: 'a' }, 60);
      // A new login at the portal, started from a provider session that still names the old grant.
      await new Adapter('Interaction').upsert(interaction, { grantId, uid: interaction }, 60);
      await store().oidcRevokeGrant(grantId);
      expect(await new Adapter('Grant').find(grantId)).toBeUndefined();
      expect(await new Adapter('AccessToken').find(token)).toBeUndefined();
      expect(await new Adapter('Interaction').find(interaction)).toMatchObject({ uid: interaction });
    });

    it('queues a back-channel logout for every grant of a session that ends, once', async () => {
      const a = account();
      await store().insertAccount(a);
      const session = sessionOf(a, 'full');
      await store().insertSession({ ...session, id_hash: `${a.id}-1` });
      await store().insertSession({ ...session, id_hash: `${a.id}-2` });
      for (const [grant, hash] of [
        [`${a.id}-g1`, `${a.id}-1`],
        [`${a.id}-g2`, `${a.id}-2`],
      ])
        await store().oidcLinkLogin({
          grant_id: grant!,
          session_hash: hash!,
          account_id: a.id,
          client_id: 'portal',
          created_at: now,
        });
      await store().endSession(`${a.id}-1`, now);
      await store().endSession(`${a.id}-1`, now);
      await store().endAllSessions(a.id, now);
      const due = (await store().dueOidcLogouts(now, 1000)).filter((l) => l.account_id === a.id);
      expect(due.map((l) => l.grant_id).sort()).toEqual([`${a.id}-g1`, `${a.id}-g2`]);
      await store().markOidcLogout(`${a.id}-g1`, { sent: true });
      await store().markOidcLogout(`${a.id}-g2`, { retryAt: now + 10_000 });
      expect((await store().dueOidcLogouts(now, 1000)).filter((l) => l.account_id === a.id)).toEqual([]);
      expect(
        (await store().dueOidcLogouts(now + 10_000, 1000)).filter((l) => l.account_id === a.id).map((l) => l.attempts),
      ).toEqual([1]);
    });

    it('rolls a transaction back as a whole', async () => {
      const a = account();
      await expect(
        store().transaction(async (tx) => {
          await tx.insertAccount(a);
          throw new Error('stop');
        }),
      ).rejects.toThrow('stop');
      expect(await store().findAccountById(a.id)).toBeUndefined();
    });
  });
}

describe.skipIf(!postgresUrl)('store on a PostgreSQL database whose collation ignores punctuation', () => {
  // An insurer's database may sort text by a language's rules. Under one that ignores punctuation
  // (ICU's "shifted"), `<address>#<browser>` no longer sorts between `<address>#` and `<address>$`,
  // and a new password would leave a known browser's count of wrong passwords standing.
  it("finds an address's allowances, its own and its known browsers', as under byte order", async () => {
    const name = `hc_collation_${crypto.randomUUID().slice(0, 8)}`;
    const admin = openStore({ databaseUrl: postgresUrl!, dataDir: '' });
    await sql`create database ${sql.id(name)} template template0 locale_provider icu icu_locale 'und-u-ka-shifted' locale 'C.UTF-8'`.execute(
      admin.db,
    );
    const url = new URL(postgresUrl!);
    url.pathname = `/${name}`;
    const opened = openStore({ databaseUrl: url.href, dataDir: '' });
    try {
      await migrate(opened);
      const email = `${crypto.randomUUID()}@voorbeeld.test`;
      const keys = [email, `${email}#${crypto.randomUUID()}`];
      const stranger = `${email}x#${crypto.randomUUID()}`;
      for (const key of [...keys, stranger])
        await opened.store.takeThrottleAttempt(key, Date.now(), new Map([[100, { until: LOCKED_UNTIL_RESET }]]));
      await opened.store.clearThrottles(email);
      for (const key of keys) expect(await opened.store.findThrottle(key), key).toBeUndefined();
      expect(await opened.store.findThrottle(stranger)).toBeDefined();
    } finally {
      await opened.close();
      await sql`drop database ${sql.id(name)}`.execute(admin.db);
      await admin.close();
    }
  });
});
