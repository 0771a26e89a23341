import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createActiveAccount, GOOD_PASSWORD, lastMail, tokenFrom, uniqueEmail } from '../support/api.ts';
import { storeKinds, testRuntime } from '../support/runtime.ts';
import { codeFor, freshCode } from '../support/totp.ts';

for (const kind of storeKinds) {
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
        const a = await client.post('/api/accounts', { email: known, password: GOOD_PASSWORD, policyNumber: 'zp-100001' });
        const b = await client.post('/api/accounts', { email: unknownPolicy, password: GOOD_PASSWORD, policyNumber: 'ZP999999' });
        const c = await client.post('/api/accounts', { email: known, password: GOOD_PASSWORD, policyNumber: 'ZP100001' });
        for (const res of [a, b, c]) {
          expect(res.status).toBe(202);
          expect(res.json).toEqual({ status: 'checkMail' });
        }
        expect((await lastMail(runtime, unknownPolicy)).subject).toMatch(/nog niet aangemaakt/);
        expect((await lastMail(runtime, unknownPolicy)).text_body).toContain('ZP999999');
        // Registering again before activating sends a new link; the old one stops working.
        const mails = (await runtime.deps.store.listMail(50)).filter((m) => m.to_address === known);
        expect(mails.map((m) => m.kind)).toEqual(['activate', 'activate']);
        const [newer, older] = mails.map((m) => tokenFrom(m.text_body));
        expect((await client.post('/api/accounts/activate', { token: older })).status).toBe(400);
        expect((await client.post('/api/accounts/activate', { token: newer })).json).toMatchObject({
          status: 'activated',
          email: known,
        });
      });

      it('tells an existing account by mail, not in the answer', async () => {
        const client = apiClient(runtime);
        const { email } = await createActiveAccount(runtime, client, 'ZP100002');
        const res = await client.post('/api/accounts', {
          email,
          password: 'een ander wachtwoord van mij',
          policyNumber: 'ZP100002',
        });
        expect(res.status).toBe(202);
        const mail = await lastMail(runtime, email);
        expect(mail.kind).toBe('registerExisting');
        expect(mail.text_body).toContain('http://localhost:4321/portaal/inloggen/');
      });

      it('refuses short, common and personal passwords with a translated reason', async () => {
        const client = apiClient(runtime);
        const email = uniqueEmail('jansen');
        const cases: [string, RegExp][] = [
          ['kort', /minstens 8 tekens/],
          ['password1', /veel gebruikt/],
          ['Welkom01', /veel gebruikt/],
          [`${email.split('@')[0]}!`, /lijkt op uw e-mailadres/],
        ];
        for (const [password, message] of cases) {
          const res = await client.post('/api/accounts', { email, password, policyNumber: 'ZP100001' });
          expect(res.status, password).toBe(422);
          expect(res.json.error.fields.password, password).toMatch(message);
        }
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
        const res = await client.post('/api/session/code', { code: codeFor(key, 180) });
        expect(res.status).toBe(401);
        expect(res.json.diagnosis).toMatchObject({ kind: 'clockDrift', minutes: 3, direction: 'ahead' });
        expect(res.json.error.message).toMatch(/ongeveer 3 minuten voor/);
        const behind = await client.post('/api/session/code?lang=en', { code: codeFor(key, -240) });
        expect(behind.json.diagnosis).toMatchObject({ kind: 'clockDrift', minutes: 4, direction: 'behind' });
        expect(behind.json.error.message).toMatch(/about 4 minutes behind/);
        const attempts = await runtime.deps.store.listLoginAttempts(
          (await runtime.deps.store.findLiveAccountByEmail(email))!.id,
          5,
        );
        expect(attempts.map((a) => a.diagnosis).slice(0, 2)).toEqual(['clockDrift', 'clockDrift']);
        expect(JSON.stringify(attempts)).not.toContain(codeFor(key, 180));
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
        await client.post('/api/accounts', { email, password: GOOD_PASSWORD, policyNumber: 'ZP100004' });
        expect((await client.post('/api/session', { email, password: GOOD_PASSWORD })).status).toBe(403);
        expect((await lastMail(runtime, email)).kind).toBe('activate');
        await client.post('/api/accounts/activate', { token: tokenFrom((await lastMail(runtime, email)).text_body) });
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
        const drift = await client.post('/api/authenticator/enrolment/confirm', { code: codeFor(key, -300) });
        expect(drift.json.diagnosis).toMatchObject({ kind: 'clockDrift', minutes: 5, direction: 'behind' });
        expect((await client.post('/api/authenticator/enrolment/confirm', { code: freshCode(key) })).json).toEqual({
          next: 'portal',
        });
        expect((await client.get('/api/session')).json.company).toBe('Transport Noord B.V.');
      });

      it('lets a new account take over the company only once its app is linked, and tells the old address', async () => {
        const first = apiClient(runtime);
        const { email: oldEmail, key: oldKey } = await createActiveAccount(runtime, first, 'ZP100005');
        const second = apiClient(runtime);
        const newEmail = uniqueEmail('opvolger');
        await second.post('/api/accounts', { email: newEmail, password: GOOD_PASSWORD, policyNumber: 'ZP100005' });
        await second.post('/api/accounts/activate', { token: tokenFrom((await lastMail(runtime, newEmail)).text_body) });
        // Activated but not bound yet: the old account still works.
        const stillOld = apiClient(runtime);
        expect((await stillOld.post('/api/session', { email: oldEmail, password: GOOD_PASSWORD })).json).toEqual({
          next: 'code',
        });
        await second.post('/api/session', { email: newEmail, password: GOOD_PASSWORD });
        const key = (await second.post('/api/authenticator/enrolment')).json.key.replace(/\s/g, '');
        await second.post('/api/authenticator/enrolment/confirm', { code: freshCode(key) });

        expect((await first.get('/api/session')).status).toBe(401);
        expect((await stillOld.post('/api/session/code', { code: codeFor(oldKey, 30) })).status).toBe(401);
        expect((await apiClient(runtime).post('/api/session', { email: oldEmail, password: GOOD_PASSWORD })).status).toBe(401);
        const notice = await lastMail(runtime, oldEmail);
        expect(notice.kind).toBe('takeover');
        expect(notice.text_body).toContain(`${newEmail[0]}***@voorbeeld.test`);
      });
    });
  });
}
