import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_LINE } from '../../src/auth/agents/audit.ts';
import { listStaff } from '../../src/auth/agents/staff-admin.ts';
import { pruneOnce } from '../../src/server/pruning.ts';
import { giveAttemptBack, LOCKED_UNTIL_RESET, takeAppCodeAttempt, takeAttempt, throttleKey } from '../../src/auth/throttle.ts';
import { apiClient, createActiveAccount, GOOD_PASSWORD, lastMail, newCustomer, uniqueEmail } from '../support/api.ts';
import { raceAfter } from '../support/race.ts';
import { register } from '../../src/auth/register.ts';
import { cliEnvOf, testRuntime, forEachStore } from '../support/runtime.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator } from 'kysely/migration';
import { migrationProvider } from '../../src/store/migrations/index.ts';
import { migrate } from '../../src/store/migrate.ts';
import { openStore } from '../../src/store/open.ts';
import { freshCode } from '../support/totp.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

forEachStore((kind) => {
  describe(`retention, on ${kind}`, () => {
    let runtime: Awaited<ReturnType<typeof testRuntime>>;
    beforeAll(async () => {
      runtime = await testRuntime(kind);
    });
    afterAll(() => runtime.dispose());
    /** The deps as they are at a given moment: the job and the counts, days or a year apart. */
    const at = (now: number) => ({ ...runtime.deps, clock: { now: () => now } });

    it('removes each kind of record after its period, keeps what is current, and says where the audit log was cut', async () => {
      const client = apiClient(runtime);
      const { email, key } = await createActiveAccount(runtime, client);
      // History: a failed login, a used link, a staff lookup in the audit log, an ended session.
      await apiClient(runtime).post('/api/session', { email, password: 'fout fout fout' });
      await apiClient(runtime).post('/api/password/reset-request', { email });
      await listStaff(runtime.deps);
      await runtime.deps.store.appendAudit({
        id: crypto.randomUUID(),
        at: Date.now(),
        agent_id: COMMAND_LINE.id,
        agent_email: COMMAND_LINE.email,
        action: 'lookup',
        subject: 'policy ZP100001',
        reason: 'oud',
        outcome: 'done',
      });
      await client.call('DELETE', '/api/session');
      // A provider session a hand-over's code carried to the portal: kept as long as the link of the hand-over.
      await runtime.deps.store.oidcAddLoginSid(`g-${crypto.randomUUID()}`, 'sid-retentie', Date.now());
      expect((await client.post('/api/search-misses', { query: `retentie ${kind}`, lang: 'nl' })).status).toBe(204);
      const retention = runtime.config.retention;
      const clock = runtime.deps.clock;
      const realNow = clock.now;
      let retentionAnchor = '';
      const db = runtime.opened.db;
      const rows = async (table: 'tokens' | 'login_attempts' | 'sessions' | 'audit_log' | 'outbox') =>
        Number(
          (
            await db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      try {
        // At once: every rate-limit window of these requests is still running.
        clock.now = realNow;
        expect((await pruneOnce(runtime.deps, retention))?.rateLimits).toBe(0);
        // A day later: the windows are over, and their rows, which name the client's address, go. Nothing else is old yet.
        clock.now = () => realNow() + DAY;
        const early = await pruneOnce(runtime.deps, retention);
        expect(early?.rateLimits).toBeGreaterThan(0);
        expect(early?.loginAttempts).toBe(0);
        expect(early?.audit).toBe(0);
        expect(early?.searchMisses).toBe(0);
        expect(early?.oidcLoginSids).toBe(0);

        // Past every period but the audit log's.
        clock.now = () => realNow() + 400 * DAY;
        const later = await pruneOnce(runtime.deps, retention);
        expect(later?.tokens).toBeGreaterThan(0);
        expect(later?.loginAttempts).toBeGreaterThan(0);
        expect(later?.sessions).toBeGreaterThan(0);
        expect(later?.oidcLoginSids).toBeGreaterThan(0);
        // The words of searches without result are what visitors typed: they go with the comments.
        expect(later?.searchMisses).toBeGreaterThan(0);
        expect(await db.selectFrom('daily_counts').select('key').where('key', '=', `nl:retentie ${kind}`).execute()).toEqual([]);
        expect(await rows('login_attempts')).toBe(0);
        expect(await rows('audit_log')).toBeGreaterThan(0);

        // Past the audit log's years: removed, and the removal is itself an entry the check accepts.
        clock.now = () => realNow() + (retention.auditYears * 365 + 1) * DAY;
        const logged: Record<string, unknown>[] = [];
        const emit = runtime.deps.events.emit.bind(runtime.deps.events);
        runtime.deps.events.emit = (event, fields) => {
          if (event === 'staffAction') logged.push(fields);
          emit(event, fields);
        };
        const audit = await pruneOnce(runtime.deps, retention).finally(() => (runtime.deps.events.emit = emit));
        // The cut is anchored in the security log like any staff action.
        expect(logged).toEqual([expect.objectContaining({ action: 'auditRetention', auditSeq: expect.any(Number) })]);
        retentionAnchor = `${logged[0]!.auditSeq}:${logged[0]!.auditHash}`;
        expect(audit?.audit).toBeGreaterThan(0);
        const left = await runtime.deps.store.auditChain(0, 100);
        expect(left).toHaveLength(1);
        expect(left[0]).toMatchObject({ action: 'auditRetention', agent_email: 'retention' });
      } finally {
        clock.now = realNow;
      }
      const env = cliEnvOf(runtime);
      const verify = spawnSync(process.execPath, ['scripts/verify-audit.ts'], { env, encoding: 'utf8' });
      expect(verify.stderr).toBe('');
      expect(verify.status).toBe(0);
      const anchored = spawnSync(process.execPath, ['scripts/verify-audit.ts', '--anchor', retentionAnchor], {
        env,
        encoding: 'utf8',
      });
      expect(anchored.stderr).toBe('');
      expect(anchored.status).toBe(0);
      // The account itself, and its app, are untouched.
      const again = apiClient(runtime);
      await again.post('/api/session', { email, password: GOOD_PASSWORD });
      expect((await again.post('/api/session/code', { code: freshCode(key) })).status).toBe(200);
    });

    it('forgets the browser’s name of a session that ran out without a logout, and keeps its row for the record', async () => {
      const firefox = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
      const { email, key } = await createActiveAccount(runtime, apiClient(runtime));
      const account = (await runtime.deps.store.findLiveAccountByEmail(email))!;
      // One login stopped at the password; one went through, and its browser was closed.
      const stopped = apiClient(runtime);
      await stopped.call('POST', '/api/session', { email, password: GOOD_PASSWORD }, { 'User-Agent': firefox });
      const through = apiClient(runtime);
      await through.call('POST', '/api/session', { email, password: GOOD_PASSWORD }, { 'User-Agent': firefox });
      expect((await through.post('/api/session/code', { code: freshCode(key) })).status).toBe(200);
      const named = async () =>
        (
          await runtime.opened.db
            .selectFrom('sessions')
            .select(['stage', 'browser'])
            .where('account_id', '=', account.id)
            .execute()
        )
          .filter((s) => s.browser !== null)
          .map((s) => s.stage)
          .sort();
      expect(await named()).toEqual(['full', 'password']);
      const clock = runtime.deps.clock;
      const realNow = clock.now;
      try {
        // An hour on, the stopped login has run out: its name goes; the logged-in browser's stays.
        clock.now = () => realNow() + HOUR;
        expect((await pruneOnce(runtime.deps, runtime.config.retention))?.browserNames).toBeGreaterThan(0);
        expect(await named()).toEqual(['full']);
        // Past the session's twelve hours: its name goes too, its row stays for the month kept.
        clock.now = () => realNow() + 13 * HOUR;
        await pruneOnce(runtime.deps, runtime.config.retention);
        expect(await named()).toEqual([]);
        const rows = await runtime.opened.db
          .selectFrom('sessions')
          .select('id_hash')
          .where('account_id', '=', account.id)
          .execute();
        expect(rows.length).toBeGreaterThanOrEqual(3);
      } finally {
        clock.now = realNow;
      }
    });

    it("keeps a rate-limit window two hours from its start, and a company's letters a week even when requests go sooner", async () => {
      const { store } = runtime.deps;
      const db = runtime.opened.db;
      const now = runtime.deps.clock.now();
      const id = crypto.randomUUID();
      // The last window the prune may take, and the first it must leave.
      await store.hitRateLimit(`old:${id}`, now - 2 * HOUR - 1);
      await store.hitRateLimit(`live:${id}`, now - 2 * HOUR);
      const customer = (await store.findCustomerByPolicy('ZP100001'))!;
      const letter = (ageDays: number) => ({
        id: crypto.randomUUID(),
        customer_id: customer.id,
        kind: 'takeover',
        lang: 'nl' as const,
        recipient: 'Directie',
        street: 'Voorbeeldstraat 1',
        postal_code: '1234 AB',
        city: 'Utrecht',
        subject: 'Uw code',
        body: 'code',
        status: 'pending' as const,
        created_at: now - ageDays * DAY,
        exported_at: null,
      });
      const [lastWeek, longAgo] = [letter(6), letter(8)];
      for (const l of [lastWeek, longAgo]) await store.enqueueLetter(l);
      await store.markLettersExported([lastWeek.id, longAgo.id], now);

      await pruneOnce({ ...runtime.deps, clock: { now: () => now } }, { ...runtime.config.retention, requestsDays: 1 });
      const keys = (await db.selectFrom('rate_limits').select('key').where('key', 'like', `%:${id}`).execute()).map((r) => r.key);
      expect(keys).toEqual([`live:${id}`]);
      expect(await store.findLetter(lastWeek.id)).toBeDefined();
      expect(await store.findLetter(longAgo.id)).toBeUndefined();
    });

    it('keeps a count of wrong app codes until it is cleared, so that a hundred in a row lock however slowly they come', async () => {
      const account = crypto.randomUUID();
      const address = `${account}@voorbeeld.test`;
      const start = runtime.deps.clock.now();
      for (let i = 0; i < 99; i++) expect(await takeAppCodeAttempt(at(start), account)).toBe(true);
      // A wrong password on an address: a stranger can make such counts on any address, so they go.
      expect(await takeAttempt(at(start), address)).toMatchObject({ kind: 'counted' });
      // Whoever holds the password waits a year between runs of guesses, and the job runs meanwhile.
      const later = start + 365 * DAY;
      await pruneOnce(at(later), runtime.config.retention);
      expect(await runtime.deps.store.findThrottle(address)).toBeUndefined();
      expect(await takeAppCodeAttempt(at(later), account)).toBe(true);
      expect(await takeAppCodeAttempt(at(later), account)).toBe(false);
    });

    for (const whose of ['the address', 'a browser that logged in before'])
      it(`keeps the count of wrong passwords of ${whose}, so that a hundred in a row lock however slowly they come`, async () => {
        // A stolen phone holds the app; its holder guesses the password a few times a day, and the job runs meanwhile.
        const { email } = await createActiveAccount(runtime, apiClient(runtime));
        const { id } = (await runtime.deps.store.findLiveAccountByEmail(email))!;
        const key = whose === 'the address' ? email : throttleKey(email, id, { id: crypto.randomUUID(), accountIds: [id] });
        let now = runtime.deps.clock.now();
        for (let i = 1; i < 100; i++) {
          now += 3 * DAY; // past every timed lock, and past the two quiet days that used to drop the count
          await pruneOnce(at(now), runtime.config.retention);
          expect(await takeAttempt(at(now), key), `guess ${i}`).toMatchObject({ kind: 'counted' });
        }
        now += 3 * DAY;
        await pruneOnce(at(now), runtime.config.retention);
        expect(await takeAttempt(at(now), key)).toEqual({ kind: 'counted', lockedIfWrong: LOCKED_UNTIL_RESET });
        expect(await takeAttempt(at(now + 365 * DAY), key)).toMatchObject({ kind: 'locked', until: LOCKED_UNTIL_RESET });
      }, 60_000);

    it('starts the timed locks over alike for an address with an account and one without, once their counts went quiet', async () => {
      // A list of addresses and a script: four misses each, the job two days on, and one more miss.
      // Were a kept count to lock the fifth, the lock would tell which addresses have an account.
      const { email } = await createActiveAccount(runtime, apiClient(runtime));
      const stranger = `${crypto.randomUUID()}@voorbeeld.test`;
      let now = runtime.deps.clock.now();
      const fiveMisses = async (key: string) => {
        for (let i = 0; i < 4; i++) await takeAttempt(at(now), key);
        await pruneOnce(at(now + 3 * DAY), runtime.config.retention);
        return takeAttempt(at(now + 3 * DAY), key);
      };
      const answers = [await fiveMisses(email), await fiveMisses(stranger)];
      expect(answers[0]).toEqual({ kind: 'counted', lockedIfWrong: null });
      expect(answers[1]).toEqual(answers[0]);
      // The same goes on: the first timed lock comes five misses after the count went quiet, for both.
      now += 3 * DAY;
      for (const key of [email, stranger]) {
        for (let i = 0; i < 3; i++) expect(await takeAttempt(at(now), key)).toEqual({ kind: 'counted', lockedIfWrong: null });
        expect(await takeAttempt(at(now), key)).toEqual({ kind: 'counted', lockedIfWrong: now + 60_000 });
      }
    });

    it('locks until a new password at the hundredth miss in a row, also when it is the fifth since the count went quiet', async () => {
      const { email } = await createActiveAccount(runtime, apiClient(runtime));
      let now = runtime.deps.clock.now();
      // 95 misses in runs that never reach a timed lock, each run carried by the job two days on.
      for (const run of [...Array<number>(23).fill(4), 3]) {
        for (let i = 0; i < run; i++) await takeAttempt(at(now), email);
        now += 3 * DAY;
        await pruneOnce(at(now), runtime.config.retention);
      }
      for (let i = 0; i < 4; i++) expect(await takeAttempt(at(now), email)).toEqual({ kind: 'counted', lockedIfWrong: null });
      // The fifth would set the first timed lock; it is the hundredth in a row, which waits for a new password.
      expect(await takeAttempt(at(now), email)).toEqual({ kind: 'counted', lockedIfWrong: LOCKED_UNTIL_RESET });
      expect(await takeAttempt(at(now + DAY), email)).toEqual({ kind: 'locked', until: LOCKED_UNTIL_RESET });
    }, 60_000);

    it('forgets a quiet count that holds no failures, and strangers’ misses on an address without an account', async () => {
      const { email } = await createActiveAccount(runtime, apiClient(runtime));
      const stranger = `${crypto.randomUUID()}@voorbeeld.test`;
      const start = runtime.deps.clock.now();
      const attempt = await takeAttempt(at(start), email);
      await giveAttemptBack(runtime.deps.store, email, attempt); // the right password: nothing left to count
      await takeAttempt(at(start), stranger);
      await pruneOnce(at(start + 3 * DAY), runtime.config.retention);
      expect(await runtime.deps.store.findThrottle(email)).toBeUndefined();
      expect(await runtime.deps.store.findThrottle(stranger)).toBeUndefined();
    });

    it('forgets a registration never finished once its last link has gone, so its address is free to move a login to', async () => {
      const unfinished = `nooit-${crypto.randomUUID()}@voorbeeld.test`;
      const { policy_number: policyNumber } = await newCustomer(runtime);
      await apiClient(runtime).post('/api/accounts', { email: unfinished, policyNumber, lang: 'nl' });
      const { email } = await createActiveAccount(runtime, apiClient(runtime));
      const start = runtime.deps.clock.now();
      // Its link has run out, but is kept a while: the registration stays with it.
      await pruneOnce(at(start + 2 * DAY), runtime.config.retention);
      expect(await runtime.deps.store.findLiveAccountByEmail(unfinished)).toBeDefined();
      const gone = await pruneOnce(at(start + (runtime.config.retention.linksDays + 2) * DAY), runtime.config.retention);
      expect(gone?.unfinishedAccounts).toBeGreaterThan(0);
      expect(await runtime.deps.store.findLiveAccountByEmail(unfinished)).toBeUndefined();
      expect((await runtime.deps.store.findLiveAccountByEmail(email))?.status).toBe('active');
      // Its address no longer holds back a customer who moves their login there.
      const client = apiClient(runtime);
      await createActiveAccount(runtime, client);
      expect((await client.post('/api/account/email', { newEmail: unfinished, password: GOOD_PASSWORD })).status).toBe(202);
      expect((await lastMail(runtime, unfinished)).kind).toBe('emailChangeConfirm');
    });

    // SQLite runs one transaction at a time, so only PostgreSQL lets the two meet.
    (kind === 'postgres' ? it : it.skip)(
      'a registration asked again while the prune removes it: neither fails, and the address keeps one account (PostgreSQL)',
      async () => {
        const now = Date.now();
        const { policy_number: policyNumber } = await newCustomer(runtime);
        const again = (email: string, store: typeof runtime.deps.store) =>
          register({ ...runtime.deps, store }, { email, policyNumber, lang: 'nl', requester: '198.51.100.150' });
        // Registered 40 days ago and never activated: its link has gone, so the prune takes it…
        const old = async () => {
          const email = uniqueEmail('oud-onaf');
          await register(at(now - 40 * DAY), { email, policyNumber, lang: 'nl', requester: '198.51.100.151' });
          return email;
        };
        // …while its owner asks again, and the new link is written but not yet committed: the prune
        // waits for it, and then leaves the account that has a link again.
        const first = await old();
        const kept = (await runtime.deps.store.findLiveAccountByEmail(first))!.id;
        let pruning: Promise<unknown> | undefined;
        const whileLinked = raceAfter(runtime.deps.store, 'insertToken', async () => {
          pruning = pruneOnce(runtime.deps, runtime.config.retention);
          await new Promise((resolve) => setTimeout(resolve, 300));
        });
        expect(await again(first, whileLinked.store)).toEqual({ kind: 'check-mail' });
        expect(whileLinked.ran()).toBe(true);
        await expect(pruning).resolves.toBeTruthy();
        expect((await runtime.deps.store.findLiveAccountByEmail(first))?.id).toBe(kept);
        // …or the prune commits just after the new request read the account: it makes a new one.
        const second = await old();
        const afterRead = raceAfter(runtime.deps.store, 'findLiveAccountByEmail', () =>
          pruneOnce(runtime.deps, runtime.config.retention),
        );
        expect(await again(second, afterRead.store)).toEqual({ kind: 'check-mail' });
        expect(afterRead.ran()).toBe(true);
        expect((await lastMail(runtime, second)).kind).toBe('activate');
        expect((await runtime.deps.store.findLiveAccountByEmail(second))?.status).toBe('unverified');
      },
    );

    it('prunes on one instance at a time', async () => {
      if (kind === 'sqlite') {
        // One process, one connection: prunes simply run one after the other.
        expect(await pruneOnce(runtime.deps, runtime.config.retention)).not.toBeNull();
        return;
      }
      // Another instance holds the job's lock (its transaction still open): this one skips, and runs once it is free.
      await runtime.deps.store.transaction(async (other) => {
        expect(await other.tryJobLock('prune')).toBe(true);
        expect(await pruneOnce(runtime.deps, runtime.config.retention)).toBeNull();
      });
      expect(await pruneOnce(runtime.deps, runtime.config.retention)).not.toBeNull();
    });
  });
});

describe('searches counted before their words were scrubbed', () => {
  it('are forgotten when the database is migrated; other counts stay', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'helpcenter-migrate-'));
    const opened = openStore({ dataDir });
    try {
      const before = await new Migrator({ db: opened.db, provider: migrationProvider }).migrateTo('0009-prune-indexes');
      expect(before.error).toBeUndefined();
      await opened.db
        .insertInto('daily_counts')
        .values([
          { kind: 'searchMiss', key: 'nl:jan at bakkerij punt nl wachtwoord', day: '2026-11-30', count: 1 },
          { kind: 'wizardEnd', key: 'new-phone:noMailbox', day: '2026-11-30', count: 4 },
        ])
        .execute();
      expect(await migrate(opened)).toContain('0010-forget-search-words');
      expect(await opened.db.selectFrom('daily_counts').select(['kind', 'count']).execute()).toEqual([
        { kind: 'wizardEnd', count: 4 },
      ]);
    } finally {
      await opened.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('accounts whose apps were linked before the first one was kept', () => {
  it('get the time of their first app when the database is migrated, from the old apps still on record', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'helpcenter-migrate-'));
    const opened = openStore({ dataDir });
    try {
      expect(
        (await new Migrator({ db: opened.db, provider: migrationProvider }).migrateTo('0014-oidc-login-sids')).error,
      ).toBeUndefined();
      const row = (id: string, totp_bound_at: number | null) => ({
        id,
        email: `${id}@voorbeeld.test`,
        role: 'customer' as const,
        status: totp_bound_at ? ('active' as const) : ('verified' as const),
        lang: 'nl' as const,
        password_hash: 'x',
        totp_bound_at,
        created_at: 1,
        updated_at: 1,
      });
      await opened.db
        .insertInto('accounts')
        .values([row('nieuwe-telefoon', 5000), row('een-app', 3000), row('geen-app', null)])
        .execute();
      await opened.db
        .insertInto('totp_history')
        .values([
          { id: 'h1', account_id: 'nieuwe-telefoon', secret: 's', bound_at: 1000, replaced_at: 2000 },
          { id: 'h2', account_id: 'nieuwe-telefoon', secret: 's', bound_at: 2000, replaced_at: 5000 },
        ])
        .execute();
      expect(await migrate(opened)).toContain('0015-first-app');
      const firsts = await opened.db.selectFrom('accounts').select(['id', 'first_bound_at']).orderBy('id').execute();
      expect(firsts).toEqual([
        { id: 'een-app', first_bound_at: 3000 },
        { id: 'geen-app', first_bound_at: null },
        { id: 'nieuwe-telefoon', first_bound_at: 1000 },
      ]);
    } finally {
      await opened.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
