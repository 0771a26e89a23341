import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_LINE } from '../../src/auth/agents/audit.ts';
import { LOCKED_UNTIL_RESET, takeAppCodeAttempt, takeAttempt } from '../../src/auth/throttle.ts';
import { inviteStaff } from '../../src/auth/agents/invite.ts';
import {
  apiClient,
  createActiveAccount,
  GOOD_PASSWORD,
  lastMail,
  mailsTo,
  tokenFrom,
  uniqueEmail,
  type ApiClient,
} from '../support/api.ts';
import { testRuntime, forEachStore } from '../support/runtime.ts';
import { wizardEnds } from '../../src/wizards/index.ts';
import { wizardIds } from '../../src/wizards/ids.ts';
import { staffClient } from '../support/staff.ts';
import { codeFor, freshCode, plainMisses } from '../support/totp.ts';

type Runtime = Awaited<ReturnType<typeof testRuntime>>;

const today = () => new Date().toISOString().slice(0, 10);

/** Every agent endpoint, called with harmless but valid input. */
function agentCalls(accountId: string): [string, string, unknown?][] {
  const period = `from=${today()}&to=${today()}`;
  return [
    ['GET', '/api/agent/me'],
    ['PUT', '/api/agent/me', { lang: 'nl' }],
    ['POST', '/api/agent/help-codes', { code: 'ACD-EFG' }],
    ['POST', '/api/agent/lookup', { q: 'ZP100001', reason: 'klant belt' }],
    ['POST', `/api/agent/accounts/${accountId}/lift-lock`, { reason: 'klant belt' }],
    ['POST', `/api/agent/accounts/${accountId}/end-sessions`, { reason: 'klant belt' }],
    ['POST', `/api/agent/accounts/${accountId}/resend-activation`, { reason: 'klant belt' }],
    ['GET', `/api/agent/report?${period}`],
    ['POST', '/api/agent/audit', { from: today(), to: today() }],
    ['POST', '/api/agent/audit', { from: today(), to: today(), format: 'csv' }],
    ['GET', '/api/agent/staff'],
  ];
}

/** Every key in a JSON answer, however deep. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
  return [];
}

/** Nothing an agent sees may let anyone log in as the customer. */
const SECRET_KEY = /hash|secret|totp|token|password|code$/i;

forEachStore((kind) => {
  describe(`call-center API on ${kind}`, () => {
    let runtime: Runtime;
    let agent: Awaited<ReturnType<typeof staffClient>>;
    let supervisor: Awaited<ReturnType<typeof staffClient>>;
    let customer: { client: ApiClient; email: string; key: string; id: string };

    beforeAll(async () => {
      runtime = await testRuntime(kind);
      agent = await staffClient(runtime, 'agent');
      supervisor = await staffClient(runtime, 'supervisor');
      const client = apiClient(runtime);
      const { email, key } = await createActiveAccount(runtime, client, 'ZP100002');
      const account = await runtime.deps.store.findLiveAccountByEmail(email);
      customer = { client, email, key, id: account!.id };
    });
    afterAll(() => runtime.dispose());

    it('answers 401 without a session and 403 to a logged-in customer, on every endpoint', async () => {
      for (const [method, path, body] of agentCalls(customer.id)) {
        const anonymous = await apiClient(runtime).call(method, path, body);
        expect(anonymous.status, `${method} ${path} anonymous`).toBe(401);
        expect(anonymous.json.error.code).toBe('notLoggedIn');
        const asCustomer = await customer.client.call(method, path, body);
        expect(asCustomer.status, `${method} ${path} as customer`).toBe(403);
        expect(asCustomer.json.error.message).toMatch(/niet voor u bedoeld/);
      }
    });

    it('lets an agent use everything but the audit log and the staff, which are for supervisors', async () => {
      for (const [method, path, body] of agentCalls(customer.id)) {
        const res = await agent.client.call(method, path, body);
        const expected =
          path.startsWith('/api/agent/audit') || path === '/api/agent/staff'
            ? 403
            : path.includes('help-codes')
              ? 404
              : path.endsWith('resend-activation') || path.endsWith('lift-lock')
                ? 409
                : 200;
        expect(res.status, `${method} ${path} as agent`).toBe(expected);
        const asSupervisor = await supervisor.client.call(method, path, body);
        expect(asSupervisor.status, `${method} ${path} as supervisor`).toBe(expected === 403 ? 200 : expected);
      }
    });

    it('mails a member of staff who links an app, and sends them to their supervisor if it was not them', async () => {
      const { email } = await staffClient(runtime);
      const told = await lastMail(runtime, email);
      expect(told.kind).toBe('staffAppLinked');
      expect(told.text_body).toMatch(/leidinggevende/);
      expect(told.text_body).not.toMatch(/herstelcode|Bel ons/);
    });

    it('mails a member of staff whose password is followed by wrong codes to a lock, and sends them to their supervisor', async () => {
      const { email, key } = await staffClient(runtime);
      const guesser = apiClient(runtime, { clientAddress: '198.51.100.61' });
      expect((await guesser.post('/api/agent/session', { email, password: GOOD_PASSWORD })).json).toEqual({ next: 'code' });
      const told = async () => (await mailsTo(runtime, email)).filter((m) => m.kind === 'staffWrongCodes');
      const wrong = plainMisses(key, 3600, 5);
      for (const code of wrong.slice(0, 4)) await guesser.post('/api/session/code', { code });
      expect(await told()).toEqual([]);
      // The fifth locks the login there: the member of staff hears of it.
      expect((await guesser.post('/api/session/code', { code: wrong[4] })).json.diagnosis.lockedUntil).toEqual(
        expect.any(Number),
      );
      const [notice] = await told();
      expect(notice!.text_body).toMatch(/iemand anders uw wachtwoord.*leidinggevende/s);
      // Not the customers' way out: staff get a new password from an operator, not from a mailed link.
      expect(notice!.text_body).not.toMatch(/wachtwoord-vergeten|Bel ons/);
    });

    it('takes an invitation once, with a good password, and never for a second address', async () => {
      const email = uniqueEmail('nieuwe.collega');
      await inviteStaff(runtime.deps, COMMAND_LINE, { email, role: 'agent', lang: 'nl' });
      expect(await inviteStaff(runtime.deps, COMMAND_LINE, { email, role: 'supervisor', lang: 'nl' })).toEqual({
        kind: 'exists',
      });
      const token = tokenFrom((await lastMail(runtime, email)).text_body);
      const client = apiClient(runtime);
      // Before accepting, there is no password to log in with.
      expect((await client.post('/api/agent/session', { email, password: GOOD_PASSWORD })).status).toBe(401);
      const weak = await client.post('/api/agent/invitation', { token, password: 'wachtwoord' });
      expect(weak.status).toBe(422);
      expect(weak.json.error.fields.password).toBeTruthy();
      expect((await client.post('/api/agent/invitation', { token, password: GOOD_PASSWORD })).status).toBe(200);
      const again = await client.post('/api/agent/invitation', { token, password: 'een ander goed wachtwoord' });
      expect(again.status).toBe(400);
      expect(again.json.error.code).toBe('linkInvalid');
      // A customer's activation link is not an invitation.
      const customerEmail = uniqueEmail();
      await apiClient(runtime).post('/api/accounts', { email: customerEmail, policyNumber: 'ZP100005', lang: 'nl' });
      const activation = tokenFrom((await lastMail(runtime, customerEmail)).text_body);
      expect((await client.post('/api/agent/invitation', { token: activation, password: GOOD_PASSWORD })).status).toBe(400);
    });

    it('does not let staff log in as a customer, nor a customer as staff', async () => {
      const refused = await apiClient(runtime).post('/api/agent/session', { email: customer.email, password: GOOD_PASSWORD });
      expect(refused.status).toBe(401);
      const staffAsCustomer = await apiClient(runtime).post('/api/session', { email: agent.email, password: GOOD_PASSWORD });
      expect(staffAsCustomer.status).toBe(401);
    });

    it('shows the login state and the diagnosis of a failed code, but never a secret', async () => {
      const login = apiClient(runtime);
      expect((await login.post('/api/session', { email: customer.email, password: GOOD_PASSWORD })).status).toBe(200);
      const drifted = await login.post('/api/session/code', { code: codeFor(customer.key, -150) });
      expect(drifted.json.diagnosis.kind).toBe('clockDrift');

      for (const q of [customer.email.toUpperCase(), 'ZP100002', '90000002']) {
        const res = await agent.client.post('/api/agent/lookup', { q, reason: 'klant belt over code' });
        expect(res.status).toBe(200);
        expect(keysOf(res.json).filter((k) => SECRET_KEY.test(k))).toEqual([]);
        const state = res.json.accounts.find((a: { id: string }) => a.id === customer.id);
        expect(state, q).toBeDefined();
        expect(state.status).toBe('active');
        expect(state.authenticatorBoundAt).toEqual(expect.any(Number));
        const failed = state.attempts.find((a: { outcome: string }) => a.outcome === 'refused');
        expect(failed).toMatchObject({ step: 'code', diagnosis: 'clockDrift', detail: { minutes: expect.any(Number) } });
        expect(state.events.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['activated', 'bound']));
      }
      // The row never holds more than the state: a column added later cannot leak.
      const raw = (await agent.client.post('/api/agent/lookup', { q: 'ZP100002', reason: 'check' })).text;
      for (const secret of [customer.key, '$argon2']) expect(raw).not.toContain(secret);
    });

    it('tells a password mistyped in the portal, already logged in, from a failed login', async () => {
      const owner = apiClient(runtime, { clientAddress: '198.51.100.81' });
      const target = await createActiveAccount(runtime, owner);
      const wrong = `${GOOD_PASSWORD}x`;
      for (const [path, body] of [
        ['/api/account/sessions/end-others', {}],
        ['/api/account/email', { newEmail: uniqueEmail('typfout') }],
        ['/api/account/recovery-codes', { code: freshCode(target.key) }],
      ] as const) {
        expect((await owner.post(path, { ...body, password: wrong })).status, path).toBe(401);
      }
      await apiClient(runtime).post('/api/session', { email: target.email, password: wrong });
      const state = (await agent.client.post('/api/agent/lookup', { q: target.email, reason: 'klant belt' })).json.accounts[0];
      const refused = state.attempts.filter((a: { outcome: string }) => a.outcome === 'refused');
      expect(refused.map((a: { step: string; diagnosis: string }) => [a.step, a.diagnosis])).toEqual([
        ['password', 'wrongPassword'],
        ...Array.from({ length: 3 }, () => ['password-again', 'wrongPassword']),
      ]);
    });

    it('cannot lift the lock of a hundred failures in a row: only a new password lifts that one', async () => {
      const target = await createActiveAccount(runtime, apiClient(runtime));
      const account = (await runtime.deps.store.findLiveAccountByEmail(target.email))!;
      // Someone with the password but not the phone, a hundred codes later (over some days: each lock waited out).
      for (let i = 0; i < 100; i++) {
        await takeAttempt({ ...runtime.deps, clock: { now: () => Date.now() + i * 86_400_000 } }, target.email);
      }
      const state = (await agent.client.post('/api/agent/lookup', { q: target.email, reason: 'klant belt' })).json.accounts[0];
      expect(state).toMatchObject({ lockedUntil: null, lockedUntilReset: true });
      const lift = await agent.client.post(`/api/agent/accounts/${account.id}/lift-lock`, { reason: 'klant belt, kan niet in' });
      expect(lift.status).toBe(409);
      expect((await runtime.deps.store.findThrottle(target.email))!.locked_until).toBe(LOCKED_UNTIL_RESET);
    });

    it('lifting a lock keeps the count: lifted after every five failures, a hundred in a row still lock for good', async () => {
      const target = await createActiveAccount(runtime, apiClient(runtime));
      const account = (await runtime.deps.store.findLiveAccountByEmail(target.email))!;
      // Someone with the password but not the phone, and an agent who lifts the lock at every call.
      for (let round = 0; round < 20; round++) {
        for (let i = 0; i < 5; i++) expect((await takeAttempt(runtime.deps, target.email)).kind).toBe('counted');
        const lift = await agent.client.post(`/api/agent/accounts/${account.id}/lift-lock`, { reason: 'klant belt weer' });
        expect(lift.status).toBe(round < 19 ? 200 : 409);
      }
      expect((await runtime.deps.store.findThrottle(target.email))!.locked_until).toBe(LOCKED_UNTIL_RESET);
    });

    it('shows the wrong app codes in a row, and the lock after a hundred, which is not staff’s to lift', async () => {
      const target = await createActiveAccount(runtime, apiClient(runtime));
      const account = (await runtime.deps.store.findLiveAccountByEmail(target.email))!;
      const look = async () =>
        (await agent.client.post('/api/agent/lookup', { q: target.email, reason: 'klant belt' })).json.accounts[0].appCodes;
      const clean = { inARow: 0, locked: false };
      for (let i = 0; i < 99; i++) expect(await takeAppCodeAttempt(runtime.deps, account.id)).toBe(true);
      expect(await look()).toEqual({ inARow: 99, locked: false, own: clean });
      expect(await takeAppCodeAttempt(runtime.deps, account.id)).toBe(true);
      expect(await takeAppCodeAttempt(runtime.deps, account.id)).toBe(false);
      expect(await look()).toEqual({ inARow: 100, locked: true, own: clean });
      expect((await agent.client.post(`/api/agent/accounts/${account.id}/lift-lock`, { reason: 'klant belt' })).status).toBe(409);
      expect(await look()).toEqual({ inARow: 100, locked: true, own: clean });
      // The customer's own browsers count apart, and the agent sees that count and its lock too.
      for (let i = 0; i < 100; i++) await takeAppCodeAttempt(runtime.deps, account.id, true);
      expect((await look()).own).toEqual({ inARow: 100, locked: true });
    });

    it('refuses a lookup without a reason, or of something that is not an address or number', async () => {
      const noReason = await agent.client.post('/api/agent/lookup', { q: 'ZP100002' });
      expect(noReason.status).toBe(422);
      const nonsense = await agent.client.post('/api/agent/lookup', { q: '<script>', reason: 'test test' });
      expect(nonsense.status).toBe(422);
      expect(nonsense.json.error.fields.q).toMatch(/e-mailadres, polisnummer of KvK-nummer/);
    });

    it('lifts a lock and writes who, what and why to the audit log', async () => {
      for (let i = 0; i < 10; i++)
        await apiClient(runtime).post('/api/session', { email: customer.email, password: 'verkeerd wachtwoord' });
      const locked = await apiClient(runtime).post('/api/session', { email: customer.email, password: GOOD_PASSWORD });
      expect(locked.status).toBe(429);

      const why = 'klant belde, identiteit gecontroleerd';
      expect((await agent.client.post(`/api/agent/accounts/${customer.id}/lift-lock`, { reason: why })).status).toBe(200);
      expect((await apiClient(runtime).post('/api/session', { email: customer.email, password: GOOD_PASSWORD })).status).toBe(
        200,
      );

      // Lifting a lock that is not there is refused, and logged as refused.
      expect((await agent.client.post(`/api/agent/accounts/${customer.id}/lift-lock`, { reason: 'nog een keer' })).status).toBe(
        409,
      );

      const audit = await supervisor.client.post('/api/agent/audit', { from: today(), to: today() });
      expect(audit.status).toBe(200);
      const subject = `${customer.email[0]}***@voorbeeld.test, ZP100002`;
      expect(audit.json.entries).toContainEqual(
        expect.objectContaining({ agent_email: agent.email, action: 'liftLock', subject, reason: why, outcome: 'done' }),
      );
      expect(audit.json.entries).toContainEqual(
        expect.objectContaining({ action: 'liftLock', reason: 'nog een keer', outcome: 'refused: not-applicable' }),
      );
      expect(audit.json.entries).toContainEqual(
        expect.objectContaining({ agent_email: agent.email, action: 'lookup', subject: 'policy ZP100002' }),
      );

      const csv = await supervisor.client.post('/api/agent/audit', { from: today(), to: today(), format: 'csv' });
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(csv.text.split('\r\n')[0]).toBe('"seq","at","staff","action","subject","reason","outcome","hash"');
      expect(csv.text).toContain(why);
      // Reading the log is itself logged.
      const again = await supervisor.client.post('/api/agent/audit', { from: today(), to: today() });
      expect(again.json.entries).toContainEqual(expect.objectContaining({ agent_email: supervisor.email, action: 'auditView' }));
    });

    it('ends every session of a customer', async () => {
      const session = apiClient(runtime);
      await session.post('/api/session', { email: customer.email, password: GOOD_PASSWORD });
      expect((await session.post('/api/session/code', { code: freshCode(customer.key) })).status).toBe(200);
      expect((await session.get('/api/session')).status).toBe(200);
      expect(
        (await agent.client.post(`/api/agent/accounts/${customer.id}/end-sessions`, { reason: 'telefoon gestolen' })).status,
      ).toBe(200);
      expect((await session.get('/api/session')).status).toBe(401);
    });

    it('re-sends an activation mail to an account that was never activated', async () => {
      const email = uniqueEmail('nieuw');
      await apiClient(runtime).post('/api/accounts', { email, policyNumber: 'ZP100003', lang: 'nl' });
      const first = tokenFrom((await lastMail(runtime, email)).text_body);
      const found = (await agent.client.post('/api/agent/lookup', { q: email, reason: 'activatie kwijt' })).json;
      const id = found.accounts[0].id;
      expect(found.accounts[0].openLinks).toEqual([{ kind: 'activate', expiresAt: expect.any(Number) }]);
      expect(
        (await agent.client.post(`/api/agent/accounts/${id}/resend-activation`, { reason: 'mail niet ontvangen' })).status,
      ).toBe(200);
      const second = tokenFrom((await lastMail(runtime, email)).text_body);
      expect(second).not.toBe(first);
      // The old link stops: one open link at a time. Opened, it says the newer mail holds the link to use.
      const check = (token: string) => apiClient(runtime).post('/api/links/check', { token, purpose: 'activate' });
      expect(await check(first!)).toMatchObject({ status: 400, json: { error: { code: 'linkReplaced' } } });
      expect((await check(first!)).json.error.message).toContain('nieuwste mail');
      expect((await apiClient(runtime).post('/api/accounts/activate', { token: first, password: GOOD_PASSWORD })).status).toBe(
        400,
      );
      expect((await apiClient(runtime).post('/api/accounts/activate', { token: second, password: GOOD_PASSWORD })).status).toBe(
        200,
      );
      // Not for staff accounts, and not for an unknown id.
      const missing = await agent.client.post('/api/agent/accounts/00000000-0000-4000-8000-000000000000/lift-lock', {
        reason: 'test test',
      });
      expect([missing.status, missing.json.error.code]).toEqual([404, 'accountNotFound']);
    });

    it('finds a help code a customer made, with the step they are on', async () => {
      const made = await apiClient(runtime).post('/api/help-codes', {
        context: { kind: 'wizard', wizard: 'code-not-working', path: '10', lang: 'nl' },
      });
      expect(made.status).toBe(201);
      expect(made.json.code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{3}-[ACDEFGHJKMNPQRTUVWXY34679]{3}$/);
      const read = await agent.client.post('/api/agent/help-codes', { code: made.json.code.replace('-', ' ').toLowerCase() });
      expect(read.status).toBe(200);
      expect(read.json).toMatchObject({ code: made.json.code, context: { wizard: 'code-not-working', path: '10' } });
      expect((await agent.client.post('/api/agent/help-codes', { code: 'AAA-AAA' })).status).toBe(404);
      const bad = await apiClient(runtime).post('/api/help-codes', {
        context: { kind: 'wizard', wizard: 'x', path: '', lang: 'nl' },
      });
      expect(bad.status).toBe(422);
      // A step the wizard does not have would leave the agent's page without one.
      for (const path of ['zz', '0z0', '0000000000'.repeat(4)]) {
        const off = await apiClient(runtime).post('/api/help-codes', {
          context: { kind: 'wizard', wizard: 'forgot-password', path, lang: 'nl' },
        });
        expect(off.status, path).toBe(422);
      }
    });

    it('takes a help code for a refusal only with a page and a reason of the site: a caller cannot script the agent’s screen', async () => {
      const made = await apiClient(runtime).post('/api/help-codes', {
        context: { kind: 'error', page: 'cancel-request', reason: 'requestEnded', lang: 'nl' },
      });
      expect(made.status).toBe(201);
      const read = await agent.client.post('/api/agent/help-codes', { code: made.json.code });
      expect(read.json.context).toMatchObject({ page: 'cancel-request', reason: 'requestEnded' });
      // Made up by whoever calls: "a supervisor approved it", shown as if the site had said so.
      for (const context of [
        { page: 'SupervisorApproved', reason: 'loginRefused' },
        { page: 'login', reason: 'identityVerified-approveRequest' },
      ]) {
        const forged = await apiClient(runtime).post('/api/help-codes', { context: { kind: 'error', lang: 'nl', ...context } });
        expect(forged.status).toBe(422);
      }
    });

    it('keeps feedback about a real article or wizard end, and nothing else in its place', async () => {
      const visitor = apiClient(runtime);
      const ends = wizardIds.flatMap((wizard) => wizardEnds(wizard).map((end) => `wizard:${wizard}:${end}`));
      // Ends are named in camelCase (resetFirst): a page pattern of lower case alone refused them all.
      expect(ends).toContain('wizard:new-phone:resetFirst');
      const feedback = (page: string) =>
        visitor.post('/api/feedback', { page, lang: 'en', helpful: false, comment: 'a step is missing' });
      for (const page of [...ends, 'article:what-is-eh3']) expect((await feedback(page)).status).toBe(204);
      // The page is shown to staff in the report: not a place for words or numbers of a caller's own.
      for (const page of [
        'wizard:new-phone:noSuchEnd',
        'wizard:new-phone:oldPhone',
        'wizard:no-such-wizard:resetFirst',
        'article:bel-0612345678',
        'article:zp100001',
        'article:Call-Us',
        'nl/faq/x',
      ])
        expect((await feedback(page)).status, page).toBe(422);
    });

    it('counts feedback, searches without result and wizard ends in the report, without personal data', async () => {
      const visitor = apiClient(runtime);
      const page = `article:report-test-${kind}`;
      expect(
        (
          await visitor.post('/api/feedback', {
            page,
            lang: 'nl',
            helpful: false,
            comment: 'Mail me op jan@bedrijf.test of 0612345678',
          })
        ).status,
      ).toBe(204);
      expect((await visitor.post('/api/feedback', { page, lang: 'nl', helpful: true })).status).toBe(204);
      // The same article read in English counts apart: the two texts can differ.
      expect((await visitor.post('/api/feedback', { page, lang: 'en', helpful: true, comment: 'clear' })).status).toBe(204);
      expect((await visitor.post('/api/search-misses', { query: '  Kwijt  Pasje ', lang: 'nl' })).status).toBe(204);
      // What a searcher types about themselves is scrubbed as a comment is; the words around it stay.
      const personal = 'jan＠bakkerij.nl wachtwoord kwijt 06-12345678 NL91ABNA0417164300 polis ZP100001';
      expect((await visitor.post('/api/search-misses', { query: personal, lang: 'nl' })).status).toBe(204);
      expect(
        (await visitor.post('/api/feedback', { page, lang: 'nl', helpful: false, comment: 'mail jan at bakkerij punt nl' }))
          .status,
      ).toBe(204);
      for (const spelled of [
        'jan(at)bakkerij.nl',
        'jan [at] bakkerij [dot] nl',
        'jan @ bakkerij.nl',
        'bel 06/1234/5678',
        'bsn 123–456–789',
        'bel 061\n234\n5678',
        'jan_at_bakkerij.nl',
        'jan%40bakkerij.nl',
        'bel 06:12:34:56:78',
        'bel ٠٦١٢٣٤٥٦٧٨',
      ])
        expect((await visitor.post('/api/search-misses', { query: `${spelled} kwijt`, lang: 'nl' })).status).toBe(204);
      // The words of an ordinary search stay, numbers and signs included.
      const ordinary = 'eh3 niveau 3 wachtwoord met @ 6 cijfers om 10:30-11:45';
      expect((await visitor.post('/api/search-misses', { query: ordinary, lang: 'nl' })).status).toBe(204);
      expect((await visitor.post('/api/wizard-ends', { wizard: 'new-phone', end: 'nope' })).status).toBe(422);
      expect((await visitor.post('/api/wizard-ends', { wizard: 'new-phone', end: 'oldPhone' })).status).toBe(422);
      expect((await visitor.post('/api/wizard-ends', { wizard: 'new-phone', end: 'noMailbox' })).status).toBe(204);

      const form = await visitor.call(
        'POST',
        '/api/feedback',
        `page=${encodeURIComponent(page)}&lang=nl&helpful=no&back=%2Fvragen%2Fx%2F`,
        {
          'Content-Type': 'application/x-www-form-urlencoded',
        },
      );
      expect(form.status).toBe(303);
      expect(form.headers.get('location')).toBe('/vragen/x/#bedankt');
      const offSite = await visitor.call(
        'POST',
        '/api/feedback',
        `page=${encodeURIComponent(page)}&lang=nl&helpful=no&back=${encodeURIComponent('//evil.test/')}`,
        {
          'Content-Type': 'application/x-www-form-urlencoded',
        },
      );
      expect(offSite.status).toBe(422);

      const res = await agent.client.get(`/api/agent/report?from=${today()}&to=${today()}`);
      expect(res.status).toBe(200);
      expect(res.json.articles).toContainEqual({ page, lang: 'nl', yes: 1, no: 3, helpfulShare: 1 / 4 });
      expect(res.json.articles).toContainEqual({ page, lang: 'en', yes: 1, no: 0, helpfulShare: 1 });
      expect(res.json.comments).toContainEqual(expect.objectContaining({ page, lang: 'en', comment: 'clear' }));
      expect(res.json.searchesWithoutResult).toContainEqual({ lang: 'nl', query: 'kwijt pasje', total: 1 });
      expect(res.json.searchesWithoutResult).toContainEqual({
        lang: 'nl',
        query: '[…] wachtwoord kwijt […] […] polis […]',
        total: 1,
      });
      expect(res.json.comments).toContainEqual(expect.objectContaining({ page, lang: 'nl', comment: 'mail […]' }));
      expect(res.json.searchesWithoutResult).toContainEqual({ lang: 'nl', query: '[…] kwijt', total: 5 });
      expect(res.json.searchesWithoutResult).toContainEqual({ lang: 'nl', query: 'bel […] kwijt', total: 4 });
      expect(res.json.searchesWithoutResult).toContainEqual({ lang: 'nl', query: ordinary, total: 1 });
      expect(res.json.searchesWithoutResult).toContainEqual({ lang: 'nl', query: 'bsn […] kwijt', total: 1 });
      // The texts only: a comment's time, in milliseconds, may hold any run of digits.
      const texts = JSON.stringify(res.json, (key, value: unknown) => (key === 'at' ? undefined : value));
      expect(texts).not.toMatch(/bakkerij|1234|0417164300|100001|456/i);
      expect(res.json.wizardEnds).toContainEqual({ wizard: 'new-phone', end: 'noMailbox', total: expect.any(Number) });
      expect(texts).not.toMatch(/jan@bedrijf|0612345678/);
      const comments = await runtime.deps.store.feedbackSummary(0, Date.now() + 1000);
      expect(comments.length).toBeGreaterThan(0);
    });

    it('keeps the console language each member of staff chose, and only that', async () => {
      const { client } = await staffClient(runtime);
      expect((await client.get('/api/agent/me')).json.lang).toBe('nl');
      expect((await client.call('PUT', '/api/agent/me', { lang: 'en' })).json.lang).toBe('en');
      expect((await client.get('/api/agent/me')).json.lang).toBe('en');
      // Another member of staff keeps their own.
      expect((await agent.client.get('/api/agent/me')).json.lang).toBe('nl');
      const wrong = await client.call('PUT', '/api/agent/me', { lang: 'de' });
      expect(wrong.status).toBe(422);
      expect(wrong.json.error.fields.lang).toBeTruthy();
    });

    it('logs a staff session out after 15 minutes without use', async () => {
      const { client } = await staffClient(runtime);
      expect((await client.get('/api/agent/me')).status).toBe(200);
      const realNow = runtime.deps.clock.now;
      try {
        const later = realNow() + 16 * 60_000;
        runtime.deps.clock.now = () => later;
        expect((await client.get('/api/agent/me')).status).toBe(401);
      } finally {
        runtime.deps.clock.now = realNow;
      }
    });
  });
});
