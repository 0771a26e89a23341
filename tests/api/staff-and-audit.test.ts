import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_LINE } from '../../src/auth/agents/audit.ts';
import { inviteStaff } from '../../src/auth/agents/invite.ts';
import { staffAction } from '../../src/auth/agents/staff-admin.ts';
import { staffSession } from '../../src/auth/agents/staff.ts';
import { auditHash, GENESIS, verifyChain } from '../../src/store/audit-chain.ts';
import { appCodeKey, takeAppCodeAttempt, takeAttempt } from '../../src/auth/throttle.ts';
import {
  apiClient,
  duringNextPasswordCheck,
  GOOD_PASSWORD,
  lastMail,
  newCustomer,
  tokenFrom,
  uniqueEmail,
} from '../support/api.ts';
import { cliEnvOf, testRuntime, forEachStore } from '../support/runtime.ts';
import { staffClient } from '../support/staff.ts';
import { freshCode } from '../support/totp.ts';
import { FIRST_APP_WINDOW_MS } from '../../src/auth/policy.ts';
import { texts } from '../../src/i18n/index.ts';

type Runtime = Awaited<ReturnType<typeof testRuntime>>;
const today = () => new Date().toISOString().slice(0, 10);

forEachStore((kind) => {
  describe(`staff you can manage, and an audit log that is evidence, on ${kind}`, () => {
    let runtime: Runtime;
    let supervisor: Awaited<ReturnType<typeof staffClient>>;
    beforeAll(async () => {
      runtime = await testRuntime(kind);
      supervisor = await staffClient(runtime, 'supervisor');
    });
    afterAll(() => runtime.dispose());

    const staffId = async (email: string) => (await runtime.deps.store.findLiveAccountByEmail(email))!.id;
    const act = (who: typeof supervisor, id: string, action: string, body: Record<string, string> = {}) =>
      who.client.post(`/api/agent/staff/${id}/${action}`, { reason: 'teamleider regelt het', ...body });

    it('disables someone who leaves (their sessions end at once) and enables them again', async () => {
      const agent = await staffClient(runtime, 'agent');
      const id = await staffId(agent.email);
      const listed = (await supervisor.client.get('/api/agent/staff')).json.staff;
      expect(listed).toContainEqual(expect.objectContaining({ email: agent.email, role: 'agent', state: 'active' }));
      expect((await act(supervisor, id, 'disable')).status).toBe(200);
      expect((await agent.client.get('/api/agent/me')).status).toBe(401);
      expect((await apiClient(runtime).post('/api/agent/session', { email: agent.email, password: GOOD_PASSWORD })).status).toBe(
        401,
      );
      expect((await act(supervisor, id, 'disable')).status).toBe(409);
      expect((await act(supervisor, id, 'enable')).status).toBe(200);
      expect((await apiClient(runtime).post('/api/agent/session', { email: agent.email, password: GOOD_PASSWORD })).json).toEqual(
        {
          next: 'code',
        },
      );
    });

    it('resets a password and app with a new single-use invitation, lifts a lock, changes a role', async () => {
      const agent = await staffClient(runtime, 'agent');
      const id = await staffId(agent.email);
      for (let i = 0; i < 5; i++)
        await apiClient(runtime).post('/api/agent/session', { email: agent.email, password: `fout ${i}` });
      expect(
        (await supervisor.client.get('/api/agent/staff')).json.staff.find((s: { id: string }) => s.id === id).lockedUntil,
      ).toEqual(expect.any(Number));
      expect((await act(supervisor, id, 'lift-lock')).status).toBe(200);
      expect((await act(supervisor, id, 'reset')).status).toBe(200);
      expect((await agent.client.get('/api/agent/me')).status).toBe(401);
      expect((await apiClient(runtime).post('/api/agent/session', { email: agent.email, password: GOOD_PASSWORD })).status).toBe(
        401,
      );
      const token = tokenFrom((await lastMail(runtime, agent.email)).text_body);
      const fresh = apiClient(runtime);
      expect((await fresh.post('/api/agent/invitation', { token, password: 'een nieuw begin voor mij' })).status).toBe(200);
      expect((await fresh.post('/api/agent/invitation', { token, password: 'een nieuw begin voor mij' })).status).toBe(400);
      expect((await fresh.post('/api/agent/session', { email: agent.email, password: 'een nieuw begin voor mij' })).json).toEqual(
        {
          next: 'enrol',
        },
      );
      expect((await act(supervisor, id, 'role', { role: 'supervisor' })).status).toBe(200);
      expect((await supervisor.client.get('/api/agent/staff')).json.staff.find((s: { id: string }) => s.id === id).role).toBe(
        'supervisor',
      );
    });

    it('resets an account in other hands without enabling it first: its old password and app never work again', async () => {
      const agent = await staffClient(runtime, 'agent');
      const id = await staffId(agent.email);
      expect((await act(supervisor, id, 'disable')).status).toBe(200);
      expect((await act(supervisor, id, 'reset')).json).toEqual({ status: 'done', stopped: 0 });
      const invitation = await lastMail(runtime, agent.email);
      expect(invitation.kind).toBe('staffInvite');
      const listed = (await supervisor.client.get('/api/agent/staff')).json.staff;
      expect(listed).toContainEqual(expect.objectContaining({ email: agent.email, state: 'invited' }));
      const thief = apiClient(runtime);
      expect((await thief.post('/api/agent/session', { email: agent.email, password: GOOD_PASSWORD })).status).toBe(401);
      const back = apiClient(runtime);
      const password = 'weer aan het werk met een nieuw toestel';
      expect((await back.post('/api/agent/invitation', { token: tokenFrom(invitation.text_body), password })).status).toBe(200);
      expect((await back.post('/api/agent/session', { email: agent.email, password })).json).toEqual({ next: 'enrol' });
    });

    it('refuses what a supervisor sent just before they were disabled, reset or made agent (even if made supervisor again)', async () => {
      for (const [action, body, again] of [
        ['disable', {}, false],
        ['reset', {}, false],
        ['role', { role: 'agent' }, false],
        ['role', { role: 'agent' }, true],
      ] as const) {
        const rogue = await staffClient(runtime, 'supervisor');
        const victim = await staffClient(runtime, 'supervisor');
        // Their session was checked; the action is on its way when another supervisor acts on them.
        const checked = await staffSession(runtime.deps, rogue.client.cookie().split('=')[1], 'supervisor');
        if (checked.kind !== 'ok') throw new Error('the supervisor is logged in');
        expect((await act(supervisor, await staffId(rogue.email), action, body)).status).toBe(200);
        // Made supervisor again meanwhile: the session the action came from ended all the same.
        if (again) expect((await act(supervisor, await staffId(rogue.email), 'role', { role: 'supervisor' })).status).toBe(200);
        const late = await staffAction(runtime.deps, checked.agent, {
          email: victim.email,
          action: { kind: 'disable' },
          reason: 'net op tijd',
        });
        expect(late).toEqual({ kind: 'not-supervisor' });
        expect((await victim.client.get('/api/agent/me')).status).toBe(200);
        expect(
          (await rogue.client.post(`/api/agent/staff/${await staffId(victim.email)}/disable`, { reason: 'nu' })).status,
        ).toBe(401);
      }
    });

    it('cannot lift the lock of a hundred failures in a row: a new invitation is the way back', async () => {
      const agent = await staffClient(runtime, 'agent');
      const id = await staffId(agent.email);
      // Someone with the staff password but not the phone, a hundred codes later (each lock waited out).
      for (let i = 0; i < 100; i++) {
        await takeAttempt({ ...runtime.deps, clock: { now: () => Date.now() + i * 86_400_000 } }, agent.email);
      }
      const listed = (await supervisor.client.get('/api/agent/staff')).json.staff.find((s: { id: string }) => s.id === id);
      expect(listed).toMatchObject({ lockedUntil: null, lockedUntilReset: true });
      expect((await act(supervisor, id, 'lift-lock')).status).toBe(409);
      expect((await act(supervisor, id, 'reset')).status).toBe(200);
      expect((await runtime.deps.store.findThrottle(agent.email))?.locked_until ?? null).toBeNull();
    });

    it('an invitation accepted more than a day ago links no app with the password alone: a new invitation does', async () => {
      const email = uniqueEmail('trage-collega');
      await inviteStaff(runtime.deps, COMMAND_LINE, { email, role: 'agent', lang: 'nl' });
      const client = apiClient(runtime);
      const token = tokenFrom((await lastMail(runtime, email)).text_body);
      expect((await client.post('/api/agent/invitation', { token, password: GOOD_PASSWORD })).status).toBe(200);
      // A day and more passes (written into the row: the supervisor's session would not outlive a shifted clock).
      const id = await staffId(email);
      await runtime.deps.store.updateAccount(id, { password_changed_at: Date.now() - FIRST_APP_WINDOW_MS - 60_000 });
      const refused = await apiClient(runtime).post('/api/agent/session', { email, password: GOOD_PASSWORD });
      expect(refused.status).toBe(403);
      expect(refused.json.error).toMatchObject({ code: 'setupExpiredStaff', message: texts('nl').api.setupExpiredStaff });
      expect((await act(supervisor, id, 'reset')).status).toBe(200);
      const again = tokenFrom((await lastMail(runtime, email)).text_body);
      expect((await client.post('/api/agent/invitation', { token: again, password: GOOD_PASSWORD })).status).toBe(200);
      expect((await client.post('/api/agent/session', { email, password: GOOD_PASSWORD })).json).toEqual({ next: 'enrol' });
    });

    it('a login with the old password that a reset overtakes keeps no session to link an app with later', async () => {
      const email = uniqueEmail('gelekt');
      await inviteStaff(runtime.deps, COMMAND_LINE, { email, role: 'agent', lang: 'nl' });
      const owner = apiClient(runtime, { clientAddress: '198.51.100.61' });
      const attacker = apiClient(runtime, { clientAddress: '198.51.100.62' });
      const invitation = () => lastMail(runtime, email).then((mail) => tokenFrom(mail.text_body));
      expect((await owner.post('/api/agent/invitation', { token: await invitation(), password: GOOD_PASSWORD })).status).toBe(
        200,
      );
      // The supervisor resets the account while the attacker's password is being hashed.
      const login = await duringNextPasswordCheck(
        runtime,
        async () => expect((await act(supervisor, await staffId(email), 'reset')).status).toBe(200),
        () => attacker.post('/api/agent/session', { email, password: GOOD_PASSWORD }),
      );
      expect(login.status).toBe(401);
      // The owner takes the new invitation; the attacker has nothing to link an app with.
      expect(
        (await owner.post('/api/agent/invitation', { token: await invitation(), password: 'een heel ander wachtwoord' })).status,
      ).toBe(200);
      expect((await attacker.post('/api/authenticator/enrolment')).status).toBe(401);
      expect((await attacker.get('/api/agent/me')).status).toBe(401);
    });

    it('an invited address cannot be signed up as a customer before the invitation is accepted', async () => {
      const email = uniqueEmail('nieuwe-collega');
      await inviteStaff(runtime.deps, COMMAND_LINE, { email, role: 'supervisor', lang: 'nl' });
      const invitation = tokenFrom((await lastMail(runtime, email)).text_body);
      // Anyone with a policy number signs the address up, and the new colleague clicks what arrives.
      const customer = await newCustomer(runtime);
      const stranger = apiClient(runtime, { clientAddress: '198.51.100.90' });
      expect((await stranger.post('/api/accounts', { email, policyNumber: customer.policy_number, lang: 'nl' })).status).toBe(
        202,
      );
      const mail = await lastMail(runtime, email);
      expect(mail.kind).toBe('registerExisting');
      // Even an activation link made for the staff account (there is none to mail) would not open it.
      expect((await stranger.post('/api/accounts/activate', { token: invitation, password: GOOD_PASSWORD })).status).toBe(400);
      const account = (await runtime.deps.store.findLiveAccountByEmail(email))!;
      expect(account).toMatchObject({ role: 'supervisor', status: 'unverified', customer_id: null });
      // The invitation still works, and says so only when it did.
      expect(
        (await apiClient(runtime).post('/api/agent/invitation', { token: invitation, password: GOOD_PASSWORD })).status,
      ).toBe(200);
      expect((await runtime.deps.store.findLiveAccountByEmail(email))!.status).toBe('verified');
    });

    it('a hundred wrong app codes lock a member of staff out of the app until a new invitation', async () => {
      const agent = await staffClient(runtime, 'agent');
      const id = await staffId(agent.email);
      for (let i = 0; i < 100; i++) await takeAppCodeAttempt(runtime.deps, id);
      const client = apiClient(runtime);
      expect((await client.post('/api/agent/session', { email: agent.email, password: GOOD_PASSWORD })).json).toEqual({
        next: 'code',
      });
      const locked = await client.post('/api/session/code', { code: '123456' });
      expect(locked.status).toBe(429);
      expect(locked.json.error.message).toContain('nieuwe uitnodiging');
      // The new invitation links a new app, and the count starts again.
      expect((await act(supervisor, id, 'reset')).status).toBe(200);
      const fresh = apiClient(runtime);
      const token = tokenFrom((await lastMail(runtime, agent.email)).text_body);
      expect((await fresh.post('/api/agent/invitation', { token, password: GOOD_PASSWORD })).status).toBe(200);
      await fresh.post('/api/agent/session', { email: agent.email, password: GOOD_PASSWORD });
      const key = (await fresh.post('/api/authenticator/enrolment')).json.key.replace(/\s/g, '');
      expect((await fresh.post('/api/authenticator/enrolment/confirm', { code: freshCode(key) })).status).toBe(200);
      expect((await runtime.deps.store.findThrottle(appCodeKey(id)))?.failures ?? 0).toBe(0);
    });

    it('lets no one act on themselves, no agent manage staff, and no agent look up staff', async () => {
      const agent = await staffClient(runtime, 'agent');
      expect((await act(supervisor, await staffId(supervisor.email), 'disable')).json.error.code).toBe('staffSelf');
      expect((await act(agent, await staffId(supervisor.email), 'disable')).status).toBe(403);
      const found = await agent.client.post('/api/agent/lookup', { q: supervisor.email, reason: 'nieuwsgierig' });
      expect(found.json.accounts).toEqual([]);
    });

    it('always keeps an active supervisor', async () => {
      const own = await testRuntime(kind);
      try {
        const only = await staffClient(own, 'supervisor');
        const result = await staffAction(own.deps, 'command-line', {
          email: only.email,
          action: { kind: 'disable' },
          reason: 'test test',
        });
        expect(result).toEqual({ kind: 'last-supervisor' });
        const demote = await staffAction(own.deps, 'command-line', {
          email: only.email,
          action: { kind: 'role', role: 'agent' },
          reason: 'test test',
        });
        expect(demote).toEqual({ kind: 'last-supervisor' });
      } finally {
        await own.dispose();
      }
    });

    it('writes one entry per attempt, with how it ended, readable, chained; a removed entry is found', async () => {
      const agent = await staffClient(runtime, 'agent');
      await act(supervisor, await staffId(agent.email), 'enable');
      const entries = (await supervisor.client.post('/api/agent/audit', { from: today(), to: today() })).json.entries;
      expect(entries).toContainEqual(
        expect.objectContaining({ action: 'staff:enable', subject: agent.email, outcome: 'refused: not-applicable' }),
      );
      expect(entries).toContainEqual(
        expect.objectContaining({ action: 'staffInvite:agent', agent_email: 'operator (command line)' }),
      );
      const chain = await runtime.deps.store.auditChain(0, 10_000);
      expect(chain.map((e) => e.seq)).toEqual(chain.map((_, i) => i + 1));
      expect(verifyChain(chain)).toEqual([]);

      const env = cliEnvOf(runtime);
      const verify = () => spawnSync(process.execPath, ['scripts/verify-audit.ts'], { env, encoding: 'utf8' });
      const good = verify();
      expect(good.status).toBe(0);
      expect(good.stdout).toContain(`${chain.length} entries`);
      // Someone with the database removes an entry in the middle, and changes another.
      await runtime.opened.db.deleteFrom('audit_log').where('seq', '=', 3).execute();
      await runtime.opened.db.updateTable('audit_log').set({ reason: 'niets aan de hand' }).where('seq', '=', 5).execute();
      const bad = verify();
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('entry 4: missing entries');
      expect(bad.stderr).toContain('entry 5: changed');
    });

    it('an agent cannot make an entry look changed with text the database stores otherwise than it was hashed', async () => {
      const agent = await staffClient(runtime, 'agent');
      const before = (await runtime.deps.store.auditChain(0, 10_000)).at(-1)!.seq;
      // Half of a pair of UTF-16 units: stored as UTF-8, it would read back as U+FFFD.
      const lone = await agent.client.post('/api/agent/lookup', { q: 'ZP100001', reason: 'klant belt \ud83d' });
      expect(lone.status).toBe(422);
      expect(lone.json.error.message).toBeTruthy();
      // A subject cut to its first 200 units, in the middle of an emoji's pair.
      const cut = await agent.client.post('/api/agent/lookup', { q: `a@${'😀'.repeat(120)}.nl`, reason: 'klant belt' });
      expect(cut.status).toBe(200);
      const written = (await runtime.deps.store.auditChain(before, 10_000)).filter((e) => e.agent_email === agent.email);
      expect(written.length).toBeGreaterThan(0);
      for (const entry of written) expect(auditHash(entry), `entry ${entry.seq}`).toBe(entry.hash);
    });

    it('an insider who rewrites the chain, hashes and all, or cuts off its end, does not match the security log', async () => {
      const own = await testRuntime(kind);
      try {
        // What the security log, kept outside the database, recorded for each entry.
        const logged: { auditSeq: number; auditHash: string }[] = [];
        const emit = own.deps.events.emit.bind(own.deps.events);
        own.deps.events.emit = (event, fields) => {
          if (event === 'staffAction') logged.push(fields as (typeof logged)[number]);
          emit(event, fields);
        };
        for (const role of ['agent', 'agent', 'supervisor'] as const)
          await inviteStaff(own.deps, COMMAND_LINE, { email: uniqueEmail('collega'), role, lang: 'nl' });
        const last = logged.at(-1)!;
        const anchor = ['--anchor', `${last.auditSeq}:${last.auditHash}`];
        const verify = (...args: string[]) =>
          spawnSync(process.execPath, ['scripts/verify-audit.ts', ...args], { env: cliEnvOf(own), encoding: 'utf8' });
        expect(verify(...anchor).status).toBe(0);

        // Entry 1 rewritten, and every hash after it computed again: the chain alone still holds.
        const chain = await own.deps.store.auditChain(0, 100);
        let prev = GENESIS;
        for (const entry of chain) {
          const { hash: _old, ...rest } = {
            ...entry,
            prev_hash: prev,
            ...(entry.seq === 1 ? { reason: 'niets aan de hand' } : {}),
          };
          prev = auditHash(rest);
          await own.opened.db
            .updateTable('audit_log')
            .set({ ...rest, hash: prev })
            .where('seq', '=', entry.seq)
            .execute();
        }
        expect(verify().status).toBe(0);
        const rewritten = verify(...anchor);
        expect(rewritten.status).toBe(2);
        expect(rewritten.stderr).toContain(`entry ${last.auditSeq}: differs from its anchor`);

        // The newest entry removed: nothing in the chain says so, the anchor does.
        await own.opened.db.deleteFrom('audit_log').where('seq', '=', last.auditSeq).execute();
        const cut = verify('--anchor', `${last.auditSeq}:${prev}`);
        expect(cut.status).toBe(2);
        expect(cut.stderr).toContain(`entry ${last.auditSeq}: missing entries`);

        // Everything removed, and an entry added that says the retention job did it: not anchored, not believed.
        await own.opened.db.deleteFrom('audit_log').execute();
        const cover = {
          id: 'vals',
          seq: last.auditSeq + 1,
          at: Date.now(),
          agent_id: COMMAND_LINE.id,
          agent_email: 'retention',
          action: 'auditRetention',
          subject: `entries up to ${last.auditSeq}`,
          reason: 'kept 7 years',
          outcome: 'done',
          prev_hash: prev,
        };
        await own.opened.db
          .insertInto('audit_log')
          .values({ ...cover, hash: auditHash(cover) })
          .execute();
        expect(verify().status).toBe(0);
        const wiped = verify('--anchor', `${last.auditSeq}:${prev}`);
        expect(wiped.status).toBe(2);
        expect(wiped.stderr).toContain('missing entries');

        // Cut and written again: the security log holds two hashes for one place.
        const twice = verify('--anchor', `${last.auditSeq}:${prev}`, '--anchor', `${last.auditSeq}:${'0'.repeat(64)}`);
        expect(twice.stderr).toContain(`entry ${last.auditSeq}: anchored twice, with different hashes`);
      } finally {
        await own.dispose();
      }
    });

    it('says when a period holds more entries than it shows, and exports no part of it as the whole', async () => {
      const own = await testRuntime(kind);
      try {
        const boss = await staffClient(own, 'supervisor');
        // An agent who sends thousands of requests, to push one lookup out of the supervisors' view.
        const now = Date.now();
        const flood = Array.from({ length: 10_001 }, (_, i) => ({
          id: `vloed-${i}`,
          seq: 1_000_000 + i,
          at: now - i,
          agent_id: 'vloed',
          agent_email: 'vloed@voorbeeld.test',
          action: 'helpCode',
          subject: 'AAA-AAA',
          reason: '',
          outcome: 'refused: not-found',
          prev_hash: GENESIS,
          hash: GENESIS,
        }));
        for (let i = 0; i < flood.length; i += 500)
          await own.opened.db
            .insertInto('audit_log')
            .values(flood.slice(i, i + 500))
            .execute();
        const shown = await boss.client.post('/api/agent/audit', { from: today(), to: today() });
        expect(shown.json.truncated).toBe(true);
        expect(shown.json.entries).toHaveLength(10_000);
        const exported = await boss.client.post('/api/agent/audit', { from: today(), to: today(), format: 'csv' });
        expect(exported.status).toBe(409);
        expect(exported.json.error.message).toContain('10.000');
      } finally {
        await own.dispose();
      }
    });

    it('writes nothing for a link from another site: reading a customer is a POST with the same-origin check', async () => {
      const before = (await runtime.deps.store.auditChain(0, 10_000)).length;
      expect((await supervisor.client.get('/api/agent/lookup?q=ZP100001&reason=gelokt')).status).toBe(405);
      const foreign = await supervisor.client.call(
        'POST',
        '/api/agent/lookup',
        { q: 'ZP100001', reason: 'gelokt' },
        {
          Origin: 'https://elders.example',
        },
      );
      expect(foreign.status).toBe(403);
      expect((await runtime.deps.store.auditChain(0, 10_000)).length).toBe(before);
    });

    it('exports CSV that a spreadsheet opens as text, never as a formula', async () => {
      await supervisor.client.post('/api/agent/lookup', { q: 'ZP100001', reason: '=HYPERLINK("http://x","klik")' });
      const csv = (await supervisor.client.post('/api/agent/audit', { from: today(), to: today(), format: 'csv' })).text;
      expect(csv).toContain(`"'=HYPERLINK(""http://x"",""klik"")"`);
      expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
    });

    it('exports a reason with a line break or a semicolon in it as one cell that starts no formula anywhere', async () => {
      const reasons = ['klant belt\n=1+1', 'klant belt\r=2+2', 'klant belt;=3+3', 'klant belt\r\n@SUM(1)'];
      for (const reason of reasons) await supervisor.client.post('/api/agent/lookup', { q: 'ZP100001', reason });
      const csv = (await supervisor.client.post('/api/agent/audit', { from: today(), to: today(), format: 'csv' })).text;
      // A spreadsheet that breaks a row at any line end, or a cell at a semicolon, meets no formula either.
      for (const line of csv.split(/\r\n|\n|\r|;/)) expect(line).not.toMatch(/^"?[=+\-@]/);
      // Read as RFC 4180 says, each reason is one cell of its own row.
      const { parse } = await import('csv-parse/sync');
      const rows = parse(csv) as string[][];
      for (const row of rows) expect(row).toHaveLength(8);
      for (const defused of ["klant belt\n'=1+1", "klant belt\r'=2+2", "klant belt;'=3+3", "klant belt\r\n'@SUM(1)"])
        expect(rows.map((row) => row[5])).toContain(defused);
    });
  });
});
