import { texts } from '../../src/i18n/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  cancelTokenFrom,
  createActiveAccount,
  GOOD_PASSWORD,
  lastMail,
  newCustomer,
  registerAndActivate,
  tokenFrom,
  uniqueEmail,
} from '../support/api.ts';
import { testRuntime, forEachStore } from '../support/runtime.ts';
import { codeFor, freshCode } from '../support/totp.ts';

forEachStore((kind) => {
  describe(`getting back in, on ${kind}`, () => {
    let runtime: Awaited<ReturnType<typeof testRuntime>>;
    beforeAll(async () => {
      runtime = await testRuntime(kind);
    });
    afterAll(() => runtime.dispose());

    /** Logs in with a fresh code, or with the code of a phone `skew` seconds off. */
    async function logIn(email: string, key: string, options: { skew?: number; password?: string } = {}) {
      const client = apiClient(runtime);
      const step = await client.post('/api/session', { email, password: options.password ?? GOOD_PASSWORD });
      if (step.status !== 200) return { client, status: step.status, step };
      const code = await client.post('/api/session/code', {
        code: options.skew === undefined ? freshCode(key) : codeFor(key, options.skew),
      });
      return { client, status: code.status, step: code };
    }

    it('mails a link in the language of the page it was asked on, not only the one chosen at sign-up', async () => {
      // From an address of its own, so its mails do not eat the other tests' allowance.
      const client = apiClient(runtime, { clientAddress: '198.51.100.42' });
      const { email } = await createActiveAccount(runtime, client);
      const english = { 'Accept-Language': 'en' };
      expect((await client.call('POST', '/api/password/reset-request', { email }, english)).status).toBe(202);
      const reset = await lastMail(runtime, email);
      expect(reset.lang).toBe('en');
      expect(reset.text_body).toContain('/en/portal/new-password/#token=');

      expect((await client.call('POST', '/api/authenticator/rebind', { email, password: GOOD_PASSWORD }, english)).status).toBe(
        202,
      );
      const rebind = await lastMail(runtime, email);
      expect(rebind.kind).toBe('rebindLink');
      expect(rebind.text_body).toContain('/en/portal/new-phone/#token=');
      expect(rebind.text_body).toContain('/en/portal/stop-request/#token=');

      // A slip says what it is, at the field it is about: no address was typed beside the password,
      // and the current address is not a new one.
      const nl = { 'Accept-Language': 'nl' };
      const t = texts('nl').api;
      const wrong = await client.call(
        'POST',
        '/api/account/email',
        { newEmail: uniqueEmail(), password: 'niet het wachtwoord' },
        nl,
      );
      expect([wrong.status, wrong.json.error.message, wrong.json.error.fields]).toEqual([
        401,
        t.passwordRefused,
        { password: t.passwordRefused },
      ]);
      const same = await client.call('POST', '/api/account/email', { newEmail: email, password: GOOD_PASSWORD }, nl);
      expect([same.status, same.json.error.fields]).toEqual([422, { newEmail: t.sameAddress }]);

      // Asked on the Dutch page, the mail is Dutch again.
      const newEmail = uniqueEmail();
      expect(
        (await client.call('POST', '/api/account/email', { newEmail, password: GOOD_PASSWORD }, { 'Accept-Language': 'nl' }))
          .status,
      ).toBe(202);
      const confirm = await lastMail(runtime, newEmail);
      expect(confirm.lang).toBe('nl');
      expect(confirm.text_body).toContain('/portaal/e-mailadres-bevestigen/#token=');
    });

    it('new phone: password, mailed link, a recovery code, new app; the old one stops at that moment', async () => {
      const setup = apiClient(runtime);
      const { email, key: oldKey, recoveryCodes } = await createActiveAccount(runtime, setup);
      const other = await logIn(email, oldKey);
      expect(other.status).toBe(200);

      expect(
        (await apiClient(runtime).post('/api/authenticator/rebind', { email, password: 'niet het goede wachtwoord' })).status,
      ).toBe(401);
      const phone = apiClient(runtime);
      const asked = await phone.post('/api/authenticator/rebind', { email, password: GOOD_PASSWORD });
      expect(asked.status).toBe(202);
      const mail = await lastMail(runtime, email);
      expect(mail.kind).toBe('rebindLink');
      expect(mail.text_body).toContain('/portaal/nieuwe-telefoon/#token=');
      // The address hears of it at the start, with a way to stop it.
      expect(mail.text_body).toContain('/portaal/verzoek-stoppen/#token=');
      const token = tokenFrom(mail.text_body);

      const firefox = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
      const opened = await phone.call('POST', '/api/authenticator/rebind/start', { token }, { 'User-Agent': firefox });
      expect(opened.status).toBe(200);
      expect(opened.json.request).toMatchObject({ kind: 'rebind', status: 'open', proofs: ['recovery-code', 'letter', 'staff'] });
      // The session only links the new app, and no list of places shows it: it keeps no browser's name.
      const account = (await runtime.deps.store.findLiveAccountByEmail(email))!;
      const named = await runtime.opened.db
        .selectFrom('sessions')
        .select('stage')
        .where('account_id', '=', account.id)
        .where('browser', 'is not', null)
        .execute();
      expect(named).toEqual([]);
      // The link works once, and alone it links nothing.
      expect((await apiClient(runtime).post('/api/authenticator/rebind/start', { token })).status).toBe(400);
      expect((await phone.post('/api/authenticator/enrolment')).status).toBe(401);
      expect((await phone.post('/api/recovery/recovery-code', { code: 'ACDE-FGHJ-KMNP-QRTU' })).status).toBe(401);
      const proven = await phone.post('/api/recovery/recovery-code', { code: recoveryCodes[3]!.toLowerCase() });
      expect(proven.json.request.status).toBe('proven');
      const offer = await phone.post('/api/authenticator/enrolment');
      const newKey = offer.json.key.replace(/\s/g, '');
      expect(newKey).not.toBe(oldKey);
      // Until the new app is confirmed, the old one still works.
      expect((await logIn(email, oldKey)).status).toBe(200);
      // A wrong code here is not checked against the app still linked: else this session, which a
      // stranger holding the password, the mailbox and one proof could keep for hours, would learn
      // the owner's current codes by guessing, unlimited and unseen, and log in with them.
      const current = await phone.post('/api/authenticator/enrolment/confirm', { code: codeFor(oldKey) });
      expect(current.status).toBe(401);
      expect(current.json.diagnosis.kind).toBe('wrongCode');

      const confirmed = await phone.post('/api/authenticator/enrolment/confirm', { code: freshCode(newKey) });
      expect(confirmed.json.next).toBe('login');
      expect(confirmed.json.recoveryCodes).toHaveLength(10);
      expect((await other.client.get('/api/session')).status).toBe(401);
      expect((await phone.get('/api/session')).status).toBe(401);
      expect((await lastMail(runtime, email)).kind).toBe('rebindDone');

      const old = await logIn(email, oldKey, { skew: 30 });
      expect(old.status).toBe(401);
      expect(old.step.json.diagnosis.kind).toBe('oldAuthenticator');
      expect(old.step.json.error.message).toMatch(/code van uw vorige authenticator/);
      const fresh = await logIn(email, newKey);
      expect(fresh.status).toBe(200);
      expect((await fresh.client.get('/api/session')).json.recoveryCodesLeft).toBe(10);
      // The old codes went with the old app.
      const withOld = apiClient(runtime);
      await withOld.post('/api/session', { email, password: GOOD_PASSWORD });
      expect((await withOld.post('/api/session/recovery-code', { code: recoveryCodes[5] })).status).toBe(401);
    });

    it('new phone: an account without an app is told to log in; links are bound to their purpose', async () => {
      const client = apiClient(runtime);
      const email = uniqueEmail();
      await registerAndActivate(runtime, client, email, (await newCustomer(runtime)).policy_number);
      expect((await client.post('/api/authenticator/rebind', { email, password: GOOD_PASSWORD })).status).toBe(409);

      const { email: active } = await createActiveAccount(runtime, apiClient(runtime));
      await apiClient(runtime).post('/api/authenticator/rebind', { email: active, password: GOOD_PASSWORD });
      const rebindMail = (await lastMail(runtime, active)).text_body;
      const rebindToken = tokenFrom(rebindMail);
      const cancelToken = cancelTokenFrom(rebindMail);
      for (const token of [rebindToken, cancelToken]) {
        expect((await client.post('/api/password/reset', { token, password: 'een nieuw lang wachtwoord' })).status).toBe(400);
        expect((await client.post('/api/accounts/activate', { token, password: 'een nieuw lang wachtwoord' })).status).toBe(400);
        expect((await client.post('/api/account/email/confirm', { token })).status).toBe(400);
      }
      expect((await client.post('/api/recovery/cancel', { token: rebindToken })).status).toBe(400);
      expect((await client.post('/api/authenticator/rebind/start', { token: cancelToken })).status).toBe(400);
    });

    it('forgot password: a registration never finished is not activated by it, for the company whoever registered first chose', async () => {
      // A stranger registers the victim's address with another company's policy number (printed on its letters).
      const victim = uniqueEmail('nooit-geactiveerd');
      const strangers = await newCustomer(runtime);
      await apiClient(runtime, { clientAddress: '198.51.100.140' }).post('/api/accounts', {
        email: victim,
        policyNumber: strangers.policy_number,
        lang: 'nl',
      });
      const strangersLink = tokenFrom((await lastMail(runtime, victim)).text_body);
      // The victim, who never opened that, asks for a new password: told to register, no link that activates.
      const asked = await apiClient(runtime).post('/api/password/reset-request', { email: victim });
      expect(asked.status).toBe(202);
      const told = await lastMail(runtime, victim);
      expect(told.kind).toBe('resetNotActivated');
      expect(told.text_body).not.toMatch(/#token=/);
      // Registering with their own policy number gives an activation link for their own company.
      const own = await newCustomer(runtime);
      await apiClient(runtime).post('/api/accounts', { email: victim, policyNumber: own.policy_number, lang: 'nl' });
      await apiClient(runtime).post('/api/accounts/activate', {
        token: tokenFrom((await lastMail(runtime, victim)).text_body),
        password: GOOD_PASSWORD,
      });
      const account = (await runtime.deps.store.findLiveAccountByEmail(victim))!;
      expect([account.status, account.customer_id]).toEqual(['verified', own.id]);
      // The stranger's link is spent with it.
      expect(
        (await apiClient(runtime).post('/api/accounts/activate', { token: strangersLink, password: GOOD_PASSWORD })).status,
      ).toBe(400);
    });

    it('forgot password: same answer for any address, the mail says which; a reset keeps the second factor', async () => {
      const { email, key } = await createActiveAccount(runtime, apiClient(runtime));
      const session = await logIn(email, key);
      const nobody = uniqueEmail('niemand');
      const a = await apiClient(runtime).post('/api/password/reset-request', { email });
      const b = await apiClient(runtime).post('/api/password/reset-request', { email: nobody });
      expect([a.status, b.status]).toEqual([202, 202]);
      expect(a.json).toEqual(b.json);
      expect((await lastMail(runtime, nobody)).kind).toBe('resetUnknown');
      const mail = await lastMail(runtime, email);
      expect(mail.kind).toBe('resetLink');
      const token = tokenFrom(mail.text_body);

      const client = apiClient(runtime);
      const weak = await client.post('/api/password/reset', { token, password: 'password' });
      expect(weak.status).toBe(422);
      expect(weak.json.error.fields.password).toMatch(/veel gebruikt/);
      const newPassword = 'zeven zwanen zwemmen zuidwaarts';
      expect((await client.post('/api/password/reset', { token, password: newPassword })).json).toEqual({ status: 'reset' });
      expect((await client.post('/api/password/reset', { token, password: 'nog een ander wachtwoord' })).status).toBe(400);
      expect((await lastMail(runtime, email)).kind).toBe('resetDone');

      expect((await session.client.get('/api/session')).status).toBe(401);
      expect((await apiClient(runtime).post('/api/session', { email, password: GOOD_PASSWORD })).status).toBe(401);
      const again = apiClient(runtime);
      expect((await again.post('/api/session', { email, password: newPassword })).json).toEqual({ next: 'code' });
      expect((await again.get('/api/session')).status).toBe(401);
      expect((await again.post('/api/session/code', { code: freshCode(key) })).status).toBe(200);
    });

    it('forgot password: a link issued before a change no longer works, and a reset lifts the lock', async () => {
      const { email, key } = await createActiveAccount(runtime, apiClient(runtime));
      await apiClient(runtime).post('/api/password/reset-request', { email });
      const first = tokenFrom((await lastMail(runtime, email)).text_body);
      await apiClient(runtime).post('/api/password/reset-request', { email });
      const second = tokenFrom((await lastMail(runtime, email)).text_body);
      for (let i = 0; i < 5; i++)
        await apiClient(runtime).post('/api/session', { email, password: 'fout wachtwoord nummer ' + i });
      expect((await apiClient(runtime).post('/api/session', { email, password: GOOD_PASSWORD })).status).toBe(429);

      expect(
        (await apiClient(runtime).post('/api/password/reset', { token: second, password: 'het tweede nieuwe wachtwoord' }))
          .status,
      ).toBe(200);
      expect(
        (await apiClient(runtime).post('/api/password/reset', { token: first, password: 'het eerste nieuwe wachtwoord' })).status,
      ).toBe(400);
      // Opened, the first says only that it no longer works: the newer one is used too, so no mail holds a way on.
      const check = await apiClient(runtime).post('/api/links/check', { token: first, purpose: 'reset-password' });
      expect(check.json.error.code).toBe('linkInvalid');
      expect((await logIn(email, key, { password: 'het tweede nieuwe wachtwoord' })).status).toBe(200);
    });

    it.each([1, 2, 3])('two resets racing for one account: one wins, the state is consistent (round %i)', async () => {
      const { email, key } = await createActiveAccount(runtime, apiClient(runtime));
      await apiClient(runtime).post('/api/password/reset-request', { email });
      const a = tokenFrom((await lastMail(runtime, email)).text_body);
      await apiClient(runtime).post('/api/password/reset-request', { email });
      const b = tokenFrom((await lastMail(runtime, email)).text_body);
      const results = await Promise.all([
        apiClient(runtime).post('/api/password/reset', { token: a, password: 'wachtwoord van de eerste race' }),
        apiClient(runtime).post('/api/password/reset', { token: b, password: 'wachtwoord van de tweede race' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
      const winner = results[0]!.status === 200 ? 'wachtwoord van de eerste race' : 'wachtwoord van de tweede race';
      const loser = winner.includes('eerste') ? 'wachtwoord van de tweede race' : 'wachtwoord van de eerste race';
      expect((await logIn(email, key, { password: winner })).status).toBe(200);
      expect((await apiClient(runtime).post('/api/session', { email, password: loser })).status).toBe(401);
    });

    it('two new phones confirmed at once: one wins, exactly one app works', async () => {
      const { email, key: oldKey, recoveryCodes } = await createActiveAccount(runtime, apiClient(runtime));
      const phones = [apiClient(runtime), apiClient(runtime)];
      const keys: string[] = [];
      for (const [i, phone] of phones.entries()) {
        await phone.post('/api/authenticator/rebind', { email, password: GOOD_PASSWORD });
        // Both links continue the one request: the second finds it proven by the first, so it asks the password too.
        const opened = await phone.post('/api/authenticator/rebind/start', {
          token: tokenFrom((await lastMail(runtime, email)).text_body),
          ...(i === 1 ? { password: GOOD_PASSWORD } : {}),
        });
        if (i === 0) await phone.post('/api/recovery/recovery-code', { code: recoveryCodes[0] });
        else expect(opened.json.request.status).toBe('proven');
        keys.push((await phone.post('/api/authenticator/enrolment')).json.key.replace(/\s/g, ''));
      }
      // The second start made a secret of its own, and the first one's stopped working. Its
      // session confirms twice at once (two tabs), beside the first session: one winner.
      const results = await Promise.all([
        phones[0]!.post('/api/authenticator/enrolment/confirm', { code: freshCode(keys[0]!) }),
        phones[1]!.post('/api/authenticator/enrolment/confirm', { code: freshCode(keys[1]!) }),
        phones[1]!.post('/api/authenticator/enrolment/confirm', { code: freshCode(keys[1]!) }),
      ]);
      expect(keys[0]).not.toBe(keys[1]);
      // The others find their secret gone (409) or, after the winner ended every session, their session (401).
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status !== 200).every((r) => r.status === 401 || r.status === 409)).toBe(true);
      const account = (await runtime.deps.store.findLiveAccountByEmail(email))!;
      expect(account.pending_totp_secret).toBeNull();
      expect((await logIn(email, keys[1]!)).status).toBe(200);
      expect((await logIn(email, keys[0]!, { skew: 60 })).step.json.diagnosis.kind).toBe('wrongCode');
      expect((await logIn(email, oldKey, { skew: 60 })).step.json.diagnosis.kind).toBe('oldAuthenticator');
    });

    it('change email: logged in, confirmed from the new mailbox, the old one told; the app keeps working', async () => {
      const client = apiClient(runtime);
      const { email, key } = await createActiveAccount(runtime, client);
      const newEmail = uniqueEmail('nieuw');
      expect((await apiClient(runtime).post('/api/account/email', { newEmail, password: GOOD_PASSWORD })).status).toBe(401);
      expect((await client.post('/api/account/email', { newEmail, password: 'verkeerd wachtwoord hier' })).status).toBe(401);
      expect((await client.post('/api/account/email', { newEmail: email.toUpperCase(), password: GOOD_PASSWORD })).status).toBe(
        422,
      );
      // A reset link the old mailbox still holds, from before the change.
      const elsewhere = apiClient(runtime, { clientAddress: '198.51.100.121' });
      await elsewhere.post('/api/password/reset-request', { email });
      const oldReset = tokenFrom((await lastMail(runtime, email)).text_body);
      expect((await client.post('/api/account/email', { newEmail, password: GOOD_PASSWORD })).status).toBe(202);
      expect((await lastMail(runtime, email)).kind).toBe('emailChangeNotice');
      const confirm = await lastMail(runtime, newEmail);
      expect(confirm.kind).toBe('emailChangeConfirm');
      // Nothing changes until the new address confirms.
      expect((await logIn(email, key)).status).toBe(200);

      // The page the link opens checks it without using it, and waits for a click.
      const check = { token: tokenFrom(confirm.text_body), purpose: 'change-email' };
      expect((await apiClient(runtime).post('/api/links/check', check)).json).toEqual({ status: 'open' });
      expect((await apiClient(runtime).post('/api/session', { email, password: GOOD_PASSWORD })).json).toEqual({ next: 'code' });
      const done = await apiClient(runtime).post('/api/account/email/confirm', { token: tokenFrom(confirm.text_body) });
      expect(done.json).toEqual({ status: 'changed', email: newEmail });
      expect((await apiClient(runtime).post('/api/links/check', check)).json.error.code).toBe('linkInvalid');
      expect((await lastMail(runtime, email)).kind).toBe('emailChanged');
      expect((await apiClient(runtime).post('/api/session', { email, password: GOOD_PASSWORD })).status).toBe(401);
      expect((await logIn(newEmail, key)).status).toBe(200);
      // Whoever keeps the old mailbox cannot learn the new address from that link: asking a reset for
      // a guess, right or wrong, changes nothing in what the old link says.
      const said = async () =>
        (await elsewhere.post('/api/links/check', { token: oldReset, purpose: 'reset-password' })).json.error.code;
      expect(await said()).toBe('linkInvalid');
      await elsewhere.post('/api/password/reset-request', { email: uniqueEmail('gok') });
      expect(await said()).toBe('linkInvalid');
      await elsewhere.post('/api/password/reset-request', { email: newEmail });
      expect(await said()).toBe('linkInvalid');
    });

    it('change email: an address that has an account is told by mail, and nothing changes', async () => {
      const client = apiClient(runtime);
      const { email } = await createActiveAccount(runtime, client);
      const { email: taken } = await createActiveAccount(runtime, apiClient(runtime));
      expect((await client.post('/api/account/email', { newEmail: taken, password: GOOD_PASSWORD })).status).toBe(202);
      expect((await lastMail(runtime, taken)).kind).toBe('emailChangeInUse');
      expect((await runtime.deps.store.findLiveAccountByEmail(email))?.email).toBe(email);
    });
  });
});
