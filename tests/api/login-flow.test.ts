import { texts } from '../../src/i18n/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  type ApiClient,
  createActiveAccount,
  GOOD_PASSWORD,
  lastMail,
  newCustomer,
  tokenFrom,
  uniqueEmail,
} from '../support/api.ts';
import { testRuntime, forEachStore } from '../support/runtime.ts';
import { staffClient } from '../support/staff.ts';
import { codeFor, freshCode } from '../support/totp.ts';
import { hashToken } from '../../src/auth/crypto.ts';
import { SESSION_TOUCH_MS } from '../../src/auth/policy.ts';
import { resolveSession } from '../../src/auth/sessions.ts';

forEachStore((kind) => {
  describe(`on ${kind}`, () => {
    let runtime: Awaited<ReturnType<typeof testRuntime>>;
    beforeAll(async () => {
      runtime = await testRuntime(kind);
    });
    afterAll(() => runtime.dispose());

    describe('creating an account', () => {
      it('always answers "check your mailbox", and the mail says what happened', async () => {
        const client = apiClient(runtime);
        const known = uniqueEmail();
        const unknownPolicy = uniqueEmail();
        const { policy_number: policy } = await newCustomer(runtime);
        const a = await client.post('/api/accounts', { email: known, policyNumber: policy.toLowerCase() });
        const b = await client.post('/api/accounts', { email: unknownPolicy, policyNumber: 'ZP999999' });
        const c = await client.post('/api/accounts', { email: known, policyNumber: policy });
        for (const res of [a, b, c]) {
          expect(res.status).toBe(202);
          expect(res.json).toEqual({ status: 'checkMail' });
        }
        expect((await lastMail(runtime, unknownPolicy)).subject).toMatch(/nog niet aangemaakt/);
        expect((await lastMail(runtime, unknownPolicy)).text_body).toContain('ZP999999');
        // Asking again before activating sends another link; each names the policy it was asked for.
        const mails = (await runtime.deps.store.listMail(50)).filter((m) => m.to_address === known);
        expect(mails.map((m) => m.kind)).toEqual(['activate', 'activate']);
        expect(mails[0]!.text_body).toContain(`polisnummer ${policy}`);
        const [newer, older] = mails.map((m) => tokenFrom(m.text_body));
        expect((await client.post('/api/accounts/activate', { token: older, password: GOOD_PASSWORD })).json).toMatchObject({
          status: 'activated',
          email: known,
        });
        // Once activated, every other activation link stops working.
        expect((await client.post('/api/accounts/activate', { token: newer, password: GOOD_PASSWORD })).status).toBe(400);
      });

      it('tells whoever opens a dead mailed link why, as far as the link itself tells: too old, or the account active already', async () => {
        const client = apiClient(runtime);
        const email = uniqueEmail('dood');
        const { policy_number: policy } = await newCustomer(runtime);
        for (let i = 0; i < 2; i++) await client.post('/api/accounts', { email, policyNumber: policy });
        const [newer, older] = (await runtime.deps.store.listMail(50))
          .filter((m) => m.to_address === email)
          .map((m) => tokenFrom(m.text_body));
        const check = (token: string, purpose = 'activate') => client.post('/api/links/check', { token, purpose });
        const clock = runtime.deps.clock;
        const realNow = clock.now;
        clock.now = () => realNow() + 60 * 24 * 3_600_000;
        try {
          expect(await check(newer!)).toMatchObject({ status: 400, json: { error: { code: 'linkExpired' } } });
        } finally {
          clock.now = realNow;
        }
        await client.post('/api/accounts/activate', { token: older, password: GOOD_PASSWORD });
        // Opened again, or the other link: the account is active, and the page leads to the login.
        for (const token of [older!, newer!])
          expect(await check(token)).toMatchObject({ status: 409, json: { error: { code: 'alreadyActive' } } });
        // A link that is none, or one of another kind, tells nothing more.
        expect((await check('x'.repeat(40))).json.error.code).toBe('linkInvalid');
        expect((await check(older!, 'reset-password')).json.error.code).toBe('linkInvalid');
      });

      it('puts no text of a stranger’s into the mail: what is not a policy number is refused at the form', async () => {
        const client = apiClient(runtime);
        const victim = uniqueEmail('ontvanger');
        // A link in the insurer's own mail, to any address: the mail echoed what was typed.
        for (const typed of ['https://herstel.example/x', 'bel ons: 0900', 'ZP1']) {
          const answer = await client.post('/api/accounts', { email: victim, policyNumber: typed });
          expect(answer.status).toBe(422);
          expect(answer.json.error.fields.policyNumber).toBe(texts('nl').fields.policyNumber);
        }
        expect(await lastMail(runtime, victim).catch(() => null)).toBeNull();
        // As typed from the policy, with spaces and dashes: the mail names it as the policy has it.
        expect((await client.post('/api/accounts', { email: victim, policyNumber: 'zp 999-998' })).status).toBe(202);
        expect((await lastMail(runtime, victim)).text_body).toContain('polisnummer ZP999998 niet');
      });

      it('takes no password when asked, only when the mailed link is opened', async () => {
        const client = apiClient(runtime);
        const { policy_number: policy } = await newCustomer(runtime);
        const refused = await client.post('/api/accounts', {
          email: uniqueEmail(),
          password: GOOD_PASSWORD,
          policyNumber: policy,
        });
        expect(refused.status).toBe(422);
      });

      it('tells an existing account by mail, not in the answer', async () => {
        const client = apiClient(runtime);
        const { email, policyNumber } = await createActiveAccount(runtime, client);
        const res = await client.post('/api/accounts', { email, policyNumber });
        expect(res.status).toBe(202);
        const mail = await lastMail(runtime, email);
        expect(mail.kind).toBe('registerExisting');
        expect(mail.text_body).toContain('http://localhost:4321/portaal/inloggen/');
      });

      it('refuses short, common and personal passwords with a translated reason, and the link still works after', async () => {
        const client = apiClient(runtime);
        const email = uniqueEmail('jansen');
        const { policy_number: policy } = await newCustomer(runtime);
        await client.post('/api/accounts', { email, policyNumber: policy });
        const token = tokenFrom((await lastMail(runtime, email)).text_body);
        const cases: [string, RegExp][] = [
          ['kort', /minstens 8 tekens/],
          ['password1', /veel gebruikt/],
          ['Welkom01', /veel gebruikt/],
          [`${email.split('@')[0]}!`, /lijkt op uw e-mailadres/],
          // Judged in the form it is hashed in: four letters with a combining accent each are four characters,
          ['e\u0301o\u0301a\u0301u\u0301', /minstens 8 tekens/],
          // and eight different lone surrogates, which the hash makes one character eight times, are that.
          [String.fromCharCode(...Array.from({ length: 8 }, (_, i) => 0xd800 + i)), /veel gebruikt/],
          ['😀😀😀😀😀😀😀😀', /veel gebruikt/],
        ];
        for (const [password, message] of cases) {
          const res = await client.post('/api/accounts/activate', { token, password });
          expect(res.status, password).toBe(422);
          expect(res.json.error.fields.password, password).toMatch(message);
        }
        expect((await client.post('/api/accounts/activate', { token, password: GOOD_PASSWORD })).status).toBe(200);
      });
    });

    describe('logging in', () => {
      it('takes password, then code, and ends the session on logout', async () => {
        const client = apiClient(runtime);
        const { email, key } = await createActiveAccount(runtime, client, 'ZP100003');
        expect((await client.get('/api/session')).json).toMatchObject({
          email,
          company: 'Praktijk Fysio Oost',
          method: 'password',
        });
        const loggedIn = client.cookie();
        expect((await client.call('DELETE', '/api/session')).status).toBe(204);
        expect((await client.get('/api/session')).status).toBe(401);
        client.setCookie(loggedIn);
        expect((await client.get('/api/session')).status).toBe(401);

        const step1 = await client.post('/api/session', { email: email.toUpperCase(), password: GOOD_PASSWORD });
        expect(step1.json).toEqual({ next: 'code' });
        const halfway = client.cookie();
        expect((await client.get('/api/session')).status).toBe(401);
        const step2 = await client.post('/api/session/code', { code: freshCode(key) });
        expect(step2.json).toEqual({ next: 'portal' });
        expect(client.cookie()).not.toBe(halfway);
        expect((await client.get('/api/session')).status).toBe(200);
      });

      it('takes a code typed on a full-width keyboard, or pasted with typographic dashes, as the same code', async () => {
        const wide = (text: string) => text.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
        const { email, key, recoveryCodes } = await createActiveAccount(runtime, apiClient(runtime));
        const app = apiClient(runtime);
        await app.post('/api/session', { email, password: GOOD_PASSWORD });
        const code = freshCode(key);
        expect(
          (await app.post('/api/session/code', { code: `${wide(code.slice(0, 3))}\u2009${wide(code.slice(3))}` })).json,
        ).toEqual({
          next: 'portal',
        });
        for (const typed of [wide(recoveryCodes[0]!), recoveryCodes[1]!.replaceAll('-', '\u2010').toLowerCase()]) {
          const sheet = apiClient(runtime);
          await sheet.post('/api/session', { email, password: GOOD_PASSWORD });
          expect((await sheet.post('/api/session/recovery-code', { code: typed })).json).toMatchObject({ next: 'portal' });
        }
      });

      it('serves no request whose session a logout ended while the request read it', async () => {
        const client = apiClient(runtime);
        await createActiveAccount(runtime, client);
        const token = client.cookie().split('=')[1]!;
        const { clock, store } = runtime.deps;
        const realNow = clock.now;
        clock.now = () => realNow() + 2 * SESSION_TOUCH_MS;
        try {
          // A logout in another tab commits after the session was found, before it is touched.
          const racing: typeof store = {
            ...store,
            findAccountById: async (id) => {
              await store.endSession(hashToken(token), clock.now());
              return store.findAccountById(id);
            },
          };
          expect(await resolveSession({ ...runtime.deps, store: racing }, token)).toBeNull();
        } finally {
          clock.now = realNow;
        }
        expect((await client.get('/api/session')).status).toBe(401);
      });

      it('gives one answer for a wrong password and an unknown address', async () => {
        const client = apiClient(runtime);
        const { email } = await createActiveAccount(runtime, apiClient(runtime));
        const wrong = await client.post('/api/session', { email, password: 'niet mijn wachtwoord hoor' });
        const unknown = await client.post('/api/session', {
          email: uniqueEmail('niemand'),
          password: 'niet mijn wachtwoord hoor',
        });
        expect(wrong.status).toBe(401);
        expect(unknown.status).toBe(401);
        expect(wrong.json.error).toEqual(unknown.json.error);
      });

      it('explains a code from a phone clock three minutes ahead, and still refuses it', async () => {
        const client = apiClient(runtime);
        const { email, key } = await createActiveAccount(runtime, client);
        await client.post('/api/session', { email, password: GOOD_PASSWORD });
        const ahead = codeFor(key, 180);
        const res = await client.post('/api/session/code', { code: ahead });
        expect(res.status).toBe(401);
        expect(res.json.diagnosis).toMatchObject({ kind: 'clockDrift', minutes: 3, direction: 'ahead' });
        expect(res.json.error.message).toMatch(/ongeveer 3 minuten voor/);
        // 225 s, not 240: a code from 240 s ago reads as 8 or 9 steps (4 or 5 min) when the
        // clock passes a step before the server checks it; from 225 s ago it is 7 or 8 (4 min).
        const behindCode = codeFor(key, -225);
        const behind = await client.post('/api/session/code?lang=en', { code: behindCode });
        expect(behind.json.diagnosis).toMatchObject({ kind: 'clockDrift', minutes: 4, direction: 'behind' });
        expect(behind.json.error.message).toMatch(/about 4 minutes behind/);
        const attempts = await runtime.deps.store.listLoginAttempts(
          (await runtime.deps.store.findLiveAccountByEmail(email))!.id,
          5,
        );
        expect(attempts.map((a) => a.diagnosis).slice(0, 2)).toEqual(['clockDrift', 'clockDrift']);
        // The codes sent are not kept, not even in the diagnosis (ids and times left out: their digits may hold any six).
        const kept = JSON.stringify(attempts, (key, value: unknown) =>
          ['id', 'account_id', 'at'].includes(key) ? undefined : value,
        );
        for (const code of [ahead, behindCode]) expect(kept).not.toContain(code);
      });

      it('refuses a code used before, with its own explanation', async () => {
        const client = apiClient(runtime);
        const { email, key } = await createActiveAccount(runtime, client);
        const code = freshCode(key);
        await client.post('/api/session', { email, password: GOOD_PASSWORD });
        expect((await client.post('/api/session/code', { code })).status).toBe(200);
        const other = apiClient(runtime);
        await other.post('/api/session', { email, password: GOOD_PASSWORD });
        const replay = await other.post('/api/session/code', { code });
        expect(replay.status).toBe(401);
        expect(replay.json.diagnosis.kind).toBe('usedCode');
      });

      it('locks the address after five wrong codes, says until when, and the same for an address without account', async () => {
        const client = apiClient(runtime);
        const { email, key } = await createActiveAccount(runtime, client);
        await client.post('/api/session', { email, password: GOOD_PASSWORD });
        let last;
        for (let i = 0; i < 5; i++)
          last = await client.post('/api/session/code', { code: '000000' === codeFor(key) ? '111111' : '000000' });
        expect(last!.json.diagnosis.kind).toBe('wrongCode');
        expect(last!.json.diagnosis.lockedUntil).toBeGreaterThan(Date.now());
        const locked = await client.post('/api/session/code', { code: freshCode(key) });
        expect(locked.status).toBe(429);
        expect(locked.json.error.message).toMatch(/tot \d{2}:\d{2} uur niet inloggen/);
        // The password step says the same; an unknown address gets there the same way.
        expect((await apiClient(runtime).post('/api/session', { email, password: GOOD_PASSWORD })).status).toBe(429);
        const nobody = uniqueEmail('niemand');
        const answers = [];
        for (let i = 0; i < 6; i++)
          answers.push(
            (await apiClient(runtime).post('/api/session', { email: nobody, password: 'fout fout fout fout' })).status,
          );
        expect(answers).toEqual([401, 401, 401, 401, 429, 429]);
      });

      it('needs the authenticator linked before anything else after activation', async () => {
        const client = apiClient(runtime);
        const email = uniqueEmail();
        const customer = await newCustomer(runtime);
        await client.post('/api/accounts', { email, policyNumber: customer.policy_number });
        // Not activated: there is no password yet, so nothing logs in.
        expect((await client.post('/api/session', { email, password: GOOD_PASSWORD })).status).toBe(401);
        await client.post('/api/accounts/activate', {
          token: tokenFrom((await lastMail(runtime, email)).text_body),
          password: GOOD_PASSWORD,
        });
        expect((await client.post('/api/session', { email, password: GOOD_PASSWORD })).json).toEqual({ next: 'enrol' });
        expect((await client.get('/api/session')).status).toBe(401);
        expect((await client.post('/api/session/code', { code: '123456' })).status).toBe(401);
        const offer = (await client.post('/api/authenticator/enrolment')).json;
        expect(offer.uri).toMatch(
          new RegExp(
            `^otpauth://totp/Voorbeeld%20Verzekeringen:${encodeURIComponent(email)}\\?secret=[A-Z2-7]{32}&issuer=Voorbeeld%20Verzekeringen`,
          ),
        );
        expect(offer.key).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
        expect(offer.qrSvg).toMatch(/^<svg role="img" aria-label="[^"]+"/);
        // The same secret again on reload, until it is confirmed.
        expect((await client.post('/api/authenticator/enrolment')).json.key).toBe(offer.key);
        const key = offer.key.replace(/\s/g, '');
        const drift = await client.post('/api/authenticator/enrolment/confirm', { code: codeFor(key, -285) });
        expect(drift.json.diagnosis).toMatchObject({ kind: 'clockDrift', minutes: 5, direction: 'behind' });
        const bound = await client.post('/api/authenticator/enrolment/confirm', { code: freshCode(key) });
        expect(bound.json.next).toBe('portal');
        // Ten recovery codes, shown this once; only their keyed hashes are kept.
        expect(bound.json.recoveryCodes).toHaveLength(10);
        expect(new Set(bound.json.recoveryCodes).size).toBe(10);
        for (const code of bound.json.recoveryCodes)
          expect(code).toMatch(/^([ACDEFGHJKMNPQRTUVWXY34679]{4}-){3}[ACDEFGHJKMNPQRTUVWXY34679]{4}$/);
        const stored = await runtime.opened.db.selectFrom('recovery_codes').select('code_hash').execute();
        expect(JSON.stringify(stored)).not.toContain(bound.json.recoveryCodes[0].replace(/-/g, ''));
        const view = (await client.get('/api/session')).json;
        expect(view).toMatchObject({ company: customer.company_name, recoveryCodesLeft: 10 });
        // The company's first email login is told to the company by post.
        const letters = await runtime.deps.store.listLetters('pending', 1000);
        const letter = letters.find((l) => l.customer_id === customer.id);
        expect(letter).toMatchObject({ kind: 'newLogin', recipient: customer.company_name, street: customer.street });
        expect(letter!.body).toContain(`${email[0]}***@voorbeeld.test`);
      });
    });

    it('a company with no address on record cannot be told of its first login by post: an agent who looks it up sees so', async () => {
      const customer = await newCustomer(runtime, { address: false });
      const browser = apiClient(runtime, { clientAddress: '198.51.100.89' });
      const { email } = await createActiveAccount(runtime, browser, customer.policy_number);
      const letters = await runtime.deps.store.listLetters('pending', 1000);
      expect(letters.filter((l) => l.customer_id === customer.id)).toEqual([]);
      const agent = await staffClient(runtime);
      const found = await agent.client.post('/api/agent/lookup', { q: email, reason: 'klant belt over inloggen' });
      const [state] = found.json.accounts;
      expect(state.events.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['bound', 'companyNotTold']));
      // Lasting, where the history keeps only its latest events: no letter can reach this company.
      expect(state.letterAddress).toBe(false);
    });

    it('names each place the account is logged in by the browser and system the login came with, and only by names it knows', async () => {
      const office = apiClient(runtime, { clientAddress: '198.51.100.90' });
      const { email, key, recoveryCodes } = await createActiveAccount(runtime, office);
      const logIn = async (userAgent: string, second: (client: ApiClient) => Promise<unknown>) => {
        const client = apiClient(runtime, { clientAddress: '198.51.100.91' });
        const first = await client.call('POST', '/api/session', { email, password: GOOD_PASSWORD }, { 'User-Agent': userAgent });
        expect(first.status).toBe(200);
        await second(client);
        return client;
      };
      const firefox = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
      const laptop = await logIn(firefox, (c) => c.post('/api/session/code', { code: freshCode(key) }));
      // The name is the one the login began with, kept through the code step and a recovery code.
      const iphone = `Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1 ${'x'.repeat(3000)}`;
      await logIn(iphone, (c) => c.post('/api/session/recovery-code', { code: recoveryCodes[0] }));
      // Nor pass for a crawler, which an owner might take for harmless.
      await logIn('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', (c) =>
        c.post('/api/session/recovery-code', { code: recoveryCodes[1] }),
      );
      // Whoever logs in with the password and a code cannot put words of their own in the owner's list.
      await logIn('Dit bent u zelf/1.0 (compatible)', (c) => c.post('/api/session/recovery-code', { code: recoveryCodes[2] }));
      const places = (await laptop.get('/api/session')).json.sessions as {
        current: boolean;
        browser: string | null;
        os: string | null;
      }[];
      expect(places[0]).toMatchObject({ current: true, browser: 'Firefox', os: 'Windows' });
      // The office's enrolment sent none; the made-up name is not kept.
      expect(places.map(({ browser, os }) => `${browser} on ${os}`).sort()).toEqual([
        'Firefox on Windows',
        'Safari on iOS',
        'null on null',
        'null on null',
        'null on null',
      ]);
      // Once a place is logged out, its row keeps no name: it was only for this list.
      const account = (await runtime.deps.store.findLiveAccountByEmail(email))!;
      expect((await laptop.post('/api/account/sessions/end-others', { password: GOOD_PASSWORD })).json).toEqual({ ended: 4 });
      const rows = await runtime.opened.db.selectFrom('sessions').selectAll().where('account_id', '=', account.id).execute();
      expect(rows.filter((r) => r.ended_at !== null && (r.browser !== null || r.os !== null))).toEqual([]);
      expect(rows.filter((r) => r.ended_at === null)).toMatchObject([{ browser: 'Firefox', os: 'Windows' }]);
    });
  });
});
