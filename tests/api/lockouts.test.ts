import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeAppCodeAttempt } from '../../src/auth/throttle.ts';
import { texts } from '../../src/i18n/index.ts';
import { MAIL_WINDOW_MS, TAKEOVER_NOTICES_PER_HOUR } from '../../src/auth/policy.ts';
import { createSecurityEvents } from '../../src/server/security-log.ts';
import {
  apiClient,
  roomInWindow,
  createActiveAccount,
  GOOD_PASSWORD,
  lastMail,
  newCustomer,
  registerAndActivate,
  tokenFrom,
  uniqueEmail,
  newPasswordByMail,
} from '../support/api.ts';
import { testRuntime, forEachStore } from '../support/runtime.ts';
import { recordingCalls } from '../support/store-calls.ts';
import { requestPasswordReset } from '../../src/auth/reset-password.ts';
import { codeFor, freshCode, plainMisses } from '../support/totp.ts';

forEachStore((kind) => {
  describe(`lockouts that stop attackers, not customers, on ${kind}`, () => {
    let runtime: Awaited<ReturnType<typeof testRuntime>>;
    beforeAll(async () => {
      runtime = await testRuntime(kind);
    });
    afterAll(() => runtime.dispose());

    /** A customer's browser that has logged in to the account before, with password and code: a known one. */
    async function knownBrowser(clientAddress: string) {
      const customer = apiClient(runtime, { clientAddress });
      const { email, key } = await createActiveAccount(runtime, customer);
      customer.dropSession();
      await customer.post('/api/session', { email, password: GOOD_PASSWORD });
      expect((await customer.post('/api/session/code', { code: freshCode(key) })).status).toBe(200);
      return { customer, email, key };
    }

    it('limits login attempts per client address, and asking who is logged in is not an attempt', async () => {
      const client = apiClient(runtime, { rateLimitFactor: 1, clientAddress: '198.51.100.77' });
      await roomInWindow('login');
      // The header asks on every page view of a logged-in customer: that must never use up the login allowance.
      for (let i = 0; i < 70; i++) expect((await client.get('/api/session')).status).toBe(401);
      // Attempts count, even malformed ones, which are refused before anything is checked.
      const answers: number[] = [];
      for (let i = 0; i < 61; i++) answers.push((await client.post('/api/session', { email: 'geen adres' })).status);
      expect(answers.slice(0, 60).every((status) => status === 422)).toBe(true);
      expect(answers[60]).toBe(429);
    });

    it('a stranger’s wrong passwords lock the address for strangers, not for the customer’s own browser', async () => {
      const { customer, email, key } = await knownBrowser('192.0.2.20');
      customer.dropSession();

      const stranger = apiClient(runtime, { clientAddress: '198.51.100.30' });
      const answers = [];
      for (let i = 0; i < 10; i++) answers.push((await stranger.post('/api/session', { email, password: `raden ${i}` })).status);
      expect(answers.slice(4)).toEqual([429, 429, 429, 429, 429, 429]);
      // The customer's browser has its own allowance: in, with password and code.
      expect((await customer.post('/api/session', { email, password: GOOD_PASSWORD })).json).toEqual({ next: 'code' });
      expect((await customer.post('/api/session/code', { code: freshCode(key) })).status).toBe(200);
      // A fresh browser of the customer's meets the strangers' lock, which a new password lifts.
      expect((await apiClient(runtime).post('/api/session', { email, password: GOOD_PASSWORD })).status).toBe(429);
      // A forged device cookie is not a known browser.
      const forged = apiClient(runtime);
      const forgedHeaders = { Cookie: '__Host-device=v2.00000000.AAAA.BBBB' };
      expect((await forged.call('POST', '/api/session', { email, password: GOOD_PASSWORD }, forgedHeaders)).status).toBe(429);
    });

    it('a hundred wrong codes from strangers lock the app for strangers’ browsers, not for the customer’s own', async () => {
      const { customer, email, key } = await knownBrowser('192.0.2.24');
      const id = (await runtime.deps.store.findLiveAccountByEmail(email))!.id;
      // Someone with the password (or the mailbox, choosing new passwords), a hundred wrong codes over a weekend.
      for (let i = 0; i < 100; i++) await takeAppCodeAttempt(runtime.deps, id);
      const stranger = apiClient(runtime, { clientAddress: '198.51.100.34' });
      await stranger.post('/api/session', { email, password: GOOD_PASSWORD });
      // Refused before any code is looked at: even the right one. Tried again and again, the answer
      // stays the way back (a recovery code, a new phone), not a wait: nothing was guessed.
      for (let i = 0; i < 8; i++) {
        const refused = await stranger.post('/api/session/code', { code: '123456' });
        expect(refused.status).toBe(429);
        expect(refused.json.error.message).toBe(texts('nl').api.appCodeLocked);
      }
      // The customer's own browser guesses from its own allowance: the right code still logs in.
      customer.dropSession();
      await customer.post('/api/session', { email, password: GOOD_PASSWORD });
      expect((await customer.post('/api/session/code', { code: freshCode(key) })).status).toBe(200);
    });

    it('a stranger’s lock on the address does not stop what the customer’s own browser does next', async () => {
      const { customer, email, key } = await knownBrowser('192.0.2.22');
      const stranger = apiClient(runtime, { clientAddress: '198.51.100.32' });
      for (let i = 0; i < 5; i++) await stranger.post('/api/session', { email, password: `raden ${i}` });
      expect((await stranger.post('/api/session', { email, password: GOOD_PASSWORD })).status).toBe(429);
      // Logged in on a known browser: the steps that ask for the password again take from its allowance.
      const renewed = await customer.post('/api/account/recovery-codes', { password: GOOD_PASSWORD, code: freshCode(key) });
      expect(renewed.status).toBe(200);
      const moved = await customer.post('/api/account/email', { newEmail: uniqueEmail('verhuisd'), password: GOOD_PASSWORD });
      expect(moved.status).toBe(202);
      // And a new phone, asked for and proven with a recovery code from that browser.
      customer.dropSession();
      expect((await customer.post('/api/authenticator/rebind', { email, password: GOOD_PASSWORD })).status).toBe(202);
      await customer.post('/api/authenticator/rebind/start', { token: tokenFrom((await lastMail(runtime, email)).text_body) });
      const proof = await customer.post('/api/recovery/recovery-code', { code: renewed.json.recoveryCodes[0] });
      expect(proof.status).toBe(200);
      // The stranger's lock still stands for everyone else.
      expect((await apiClient(runtime).post('/api/session', { email, password: GOOD_PASSWORD })).status).toBe(429);
    });

    it('the customer’s browser and a stranger’s sending the code at once never wait on each other', async () => {
      const { customer, email, key } = await knownBrowser('192.0.2.30');
      const { id } = (await runtime.deps.store.findLiveAccountByEmail(email))!;
      const clock = runtime.deps.clock;
      const realNow = clock.now;
      let later = 0;
      clock.now = () => realNow() + later;
      // Every transaction begun, so that one run again after a deadlock shows (PostgreSQL ends one of the two).
      const db = runtime.opened.db;
      const begin = db.transaction.bind(db);
      let begun = 0;
      db.transaction = () => (begun++, begin());
      try {
        for (let round = 0; round < 16; round++) {
          later += 2 * 3_600_000; // a new code for each round
          await runtime.deps.store.clearThrottle(email); // strangers' misses add up on the address; not what this is about
          const stranger = apiClient(runtime, { clientAddress: `198.51.100.${150 + round}` });
          customer.dropSession();
          await customer.post('/api/session', { email, password: GOOD_PASSWORD });
          await stranger.post('/api/session', { email, password: GOOD_PASSWORD });
          // A stranger's miss before: the account's count of strangers' codes has its row.
          expect((await stranger.post('/api/session/code', { code: codeFor(key, 600, clock.now()) })).status).toBe(401);
          await stranger.post('/api/session', { email, password: GOOD_PASSWORD });
          const code = codeFor(key, 0, clock.now());
          begun = 0;
          const answers = await Promise.all([customer, stranger].map((client) => client.post('/api/session/code', { code })));
          expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
          expect(begun, `round ${round}`).toBe(2);
        }
        // The code that worked cleared the count; the one that came second was told it was used.
        expect((await runtime.deps.store.findThrottle(`app-code:${id}`))?.failures ?? 0).toBeLessThanOrEqual(1);
      } finally {
        db.transaction = begin;
        clock.now = realNow;
      }
    }, 60_000);

    it('the right code sent twice at once (a double click) logs in once and counts no failure', async () => {
      const { email, key } = await createActiveAccount(runtime, apiClient(runtime));
      const { id } = (await runtime.deps.store.findLiveAccountByEmail(email))!;
      const clock = runtime.deps.clock;
      const realNow = clock.now;
      let later = 0;
      clock.now = () => realNow() + later;
      try {
        for (let round = 0; round < 8; round++) {
          later += 2 * 3_600_000; // a new code for each round
          // A browser that never logged in to the account: it takes from the address and the strangers' count.
          const browser = apiClient(runtime, { clientAddress: `203.0.113.${40 + round}` });
          await browser.post('/api/session', { email, password: GOOD_PASSWORD });
          const code = codeFor(key, 0, clock.now());
          const answers = await Promise.all([1, 2].map(() => browser.post('/api/session/code', { code })));
          expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
          expect(answers.find((a) => a.status === 401)!.json.error.code).toBe('sessionExpired');
          expect((await runtime.deps.store.findThrottle(email))?.failures ?? 0, `round ${round}`).toBe(0);
          expect((await runtime.deps.store.findThrottle(`app-code:${id}`))?.failures ?? 0, `round ${round}`).toBe(0);
        }
      } finally {
        clock.now = realNow;
      }
    });

    it('a known browser and the mailbox: a new password with every four wrong codes still meets the lock of a hundred', async () => {
      // A shared office computer that logged in before, and the company's shared mailbox.
      const { customer: office, email, key } = await knownBrowser('192.0.2.40');
      const clock = runtime.deps.clock;
      const realNow = clock.now;
      let later = 0;
      clock.now = () => realNow() + later;
      try {
        // Plain misses over these hours: never a code a check could take for a phone clock off.
        const wrong = plainMisses(key, 6 * 3600, 100);
        let refused = 0;
        for (let round = 0; round < 25; round++) {
          // A new password from the mailbox before the fifth miss would lock this browser's allowance
          // (a browser has five mails an hour of its own).
          later += 13 * 60_000;
          const password = `het gedeelde postvak ronde ${round}`;
          await newPasswordByMail(runtime, office, email, password);
          expect((await office.post('/api/session', { email, password })).json).toEqual({ next: 'code' });
          for (let i = 0; i < 4; i++) {
            expect((await office.post('/api/session/code', { code: wrong[refused]! })).status).toBe(401);
            refused++;
          }
        }
        // A hundred wrong codes in a row from the customer's own browsers: the app's code no longer works there.
        later += 13 * 60_000;
        await newPasswordByMail(runtime, office, email, GOOD_PASSWORD);
        await office.post('/api/session', { email, password: GOOD_PASSWORD });
        const locked = await office.post('/api/session/code', { code: codeFor(key, 0, clock.now()) });
        expect(locked.status).toBe(429);
      } finally {
        clock.now = realNow;
      }
    });

    it('the password and one recovery code: renewing the codes counts wrong app codes, and meets the lock of a hundred', async () => {
      const { email, key, recoveryCodes } = await createActiveAccount(runtime, apiClient(runtime));
      const account = (await runtime.deps.store.findLiveAccountByEmail(email))!;
      // A hundred wrong app codes from strangers' browsers, ninety-nine from browsers that logged in before.
      for (let i = 0; i < 100; i++) await takeAppCodeAttempt(runtime.deps, account.id);
      for (let i = 0; i < 99; i++) await takeAppCodeAttempt(runtime.deps, account.id, true);
      // The sheet logs the thief in, and makes the browser a known one.
      const thief = apiClient(runtime, { clientAddress: '192.0.2.41' });
      await thief.post('/api/session', { email, password: GOOD_PASSWORD });
      expect((await thief.post('/api/session/recovery-code', { code: recoveryCodes[0] })).status).toBe(200);
      // The page for new codes asks for the app's code: a wrong one is the hundredth, and then even the right one is refused.
      expect((await thief.post('/api/account/recovery-codes', { password: GOOD_PASSWORD, code: '000000' })).status).toBe(401);
      const answer = await thief.post('/api/account/recovery-codes', { password: GOOD_PASSWORD, code: codeFor(key, 30) });
      expect(answer.status).toBe(429);
      expect(answer.json.error.message).toMatch(/herstelcode/);
    });

    it('asks the database the same of an address with an account as of one without, when its mail is held back', async () => {
      // Held back, no mail goes: only the time the answer takes could tell the two addresses apart.
      const { email } = await createActiveAccount(runtime, apiClient(runtime));
      const nobody = `niemand.${crypto.randomUUID()}@voorbeeld.test`;
      const asked = async (address: string) => {
        for (let i = 0; i < 5; i++) await requestPasswordReset(runtime.deps, { email: address, lang: 'nl', requester: 'ip:1' });
        const { store, calls } = recordingCalls(runtime.deps.store);
        const held = await requestPasswordReset({ ...runtime.deps, store }, { email: address, lang: 'nl', requester: 'ip:1' });
        expect(held).toEqual({ kind: 'mail-held' });
        return calls;
      };
      expect(await asked(email)).toEqual(await asked(nobody));
    });

    it('a stranger using up mails to an address leaves the customer theirs; held-back mail is said as it is', async () => {
      const { email } = await createActiveAccount(runtime, apiClient(runtime));
      const stranger = apiClient(runtime, { clientAddress: '198.51.100.31' });
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await stranger.post('/api/password/reset-request', { email })).status);
      expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
      const held = await stranger.post('/api/password/reset-request', { email });
      expect(held.json.error.code).toBe('mailHeld');
      expect(held.json.error.message).toMatch(/sturen we nu geen nieuwe mail/);
      // The same answer for an address without an account: it says nothing about accounts.
      const nobody = `niemand.${Date.now()}@voorbeeld.test`;
      for (let i = 0; i < 5; i++) await stranger.post('/api/password/reset-request', { email: nobody });
      expect((await stranger.post('/api/password/reset-request', { email: nobody })).json.error.code).toBe('mailHeld');
      // The customer, elsewhere, still gets their link.
      const before = (await lastMail(runtime, email)).id;
      expect(
        (await apiClient(runtime, { clientAddress: '192.0.2.21' }).post('/api/password/reset-request', { email })).status,
      ).toBe(202);
      expect((await lastMail(runtime, email)).id).not.toBe(before);
    });

    it('a policy number and mailboxes of one’s own: takeover notices to the holder are counted, and none starts untold', async () => {
      const { policy_number: policy } = await newCustomer(runtime);
      const { email: holder } = await createActiveAccount(runtime, apiClient(runtime), policy);
      const { clock } = runtime.deps;
      const realNow = clock.now;
      const fixed = realNow();
      clock.now = () => fixed;
      try {
        // Strangers use up the holder's twenty mails of this hour: that holds back no takeover.
        for (const address of ['198.51.100.51', '198.51.100.52', '198.51.100.53', '198.51.100.54']) {
          const sender = apiClient(runtime, { clientAddress: address });
          for (let i = 0; i < 5; i++) await sender.post('/api/password/reset-request', { email: holder });
        }
        const told = async () =>
          (await runtime.deps.store.listMail(500)).filter((m) => m.to_address === holder && m.kind === 'replaceRequested').length;
        const newcomer = async (n: number) => {
          const client = apiClient(runtime, { clientAddress: `198.51.100.${60 + n}` });
          const email = uniqueEmail(`nieuwkomer${n}`);
          await registerAndActivate(runtime, client, email, policy);
          expect((await client.post('/api/session', { email, password: GOOD_PASSWORD })).json).toEqual({ next: 'enrol' });
          return { client, email };
        };
        for (let n = 0; n < TAKEOVER_NOTICES_PER_HOUR; n++)
          expect((await (await newcomer(n)).client.post('/api/recovery/replacement')).status).toBe(200);
        expect(await told()).toBe(TAKEOVER_NOTICES_PER_HOUR);
        // One more would be one mail more: it waits, rather than start without telling the holder.
        const last = await newcomer(TAKEOVER_NOTICES_PER_HOUR);
        const held = await last.client.post('/api/recovery/replacement');
        expect(held.status).toBe(429);
        expect(held.json.error).toMatchObject({ code: 'holderMailHeld', message: texts('nl').api.holderMailHeld });
        expect(await told()).toBe(TAKEOVER_NOTICES_PER_HOUR);
        // An hour on, the holder is told, and the request starts.
        const later = fixed + MAIL_WINDOW_MS;
        clock.now = () => later;
        await last.client.post('/api/session', { email: last.email, password: GOOD_PASSWORD });
        expect((await last.client.post('/api/recovery/replacement')).status).toBe(200);
        expect(await told()).toBe(TAKEOVER_NOTICES_PER_HOUR + 1);
      } finally {
        clock.now = realNow;
      }
    });

    it('a stranger’s refused mail requests leave the address’s share alone, and the customer’s browser has its own', async () => {
      const { customer, email } = await knownBrowser('192.0.2.26');
      customer.dropSession();
      // One clock hour for the whole test: the counts are per hour.
      const { clock } = runtime.deps;
      const realNow = clock.now;
      const fixed = realNow();
      clock.now = () => fixed;
      try {
        const reset = (client: ReturnType<typeof apiClient>) => client.post('/api/password/reset-request', { email });
        // Twenty from one stranger: five mails, then refusals that must not count towards the address.
        const stranger = apiClient(runtime, { clientAddress: '198.51.100.41' });
        const statuses = [];
        for (let i = 0; i < 20; i++) statuses.push((await reset(stranger)).status);
        expect(statuses.filter((s) => s === 202)).toHaveLength(5);
        expect((await reset(apiClient(runtime, { clientAddress: '192.0.2.27' }))).status).toBe(202);
        // Strangers on more addresses can use up the share of browsers the account does not know…
        for (const address of ['198.51.100.42', '198.51.100.43', '198.51.100.44']) {
          const another = apiClient(runtime, { clientAddress: address });
          for (let i = 0; i < 5; i++) await reset(another);
        }
        const held = await reset(apiClient(runtime, { clientAddress: '192.0.2.28' }));
        expect(held.json.error.code).toBe('mailHeld');
        // The strangers' requests mailed the customer links, and a held request voids none: the answer
        // says to look for the newest, which still works.
        expect(held.json.error.message).toMatch(/nieuwste mail werkt misschien nog/);
        const newest = tokenFrom((await lastMail(runtime, email)).text_body);
        expect((await apiClient(runtime).post('/api/links/check', { token: newest, purpose: 'reset-password' })).status).toBe(
          200,
        );
        // …but not the share of the customer's own browser, which still gets its link.
        const before = (await lastMail(runtime, email)).id;
        expect((await reset(customer)).status).toBe(202);
        expect((await lastMail(runtime, email)).id).not.toBe(before);
      } finally {
        clock.now = realNow;
      }
    });

    it('writes login failures, locks and account changes to the log, with the request id and without secrets', async () => {
      const lines: Record<string, unknown>[] = [];
      const sink = new Writable({
        write(chunk, _encoding, done) {
          lines.push(JSON.parse(String(chunk)));
          done();
        },
      });
      const events = runtime.deps.events;
      const log = pino({ level: 'info' }, sink);
      runtime.deps.events = createSecurityEvents(log);
      try {
        const { email } = await createActiveAccount(runtime, apiClient(runtime, { log }));
        const client = apiClient(runtime, { clientAddress: '198.51.100.32', log });
        let last;
        for (let i = 0; i < 5; i++) last = await client.post('/api/session', { email, password: `fout wachtwoord ${i}` });
        const requestId = last!.headers.get('x-request-id');
        const failed = lines.filter((l) => l.securityEvent === 'loginFailed');
        expect(failed.length).toBeGreaterThanOrEqual(5);
        expect(lines).toContainEqual(expect.objectContaining({ securityEvent: 'addressLocked', requestId }));
        expect(lines).toContainEqual(expect.objectContaining({ securityEvent: 'accountChanged', change: 'bound' }));
        // The request's own line, with the same id.
        expect(lines).toContainEqual(
          expect.objectContaining({ msg: 'request', requestId, method: 'POST', path: '/api/session', status: last!.status }),
        );
        const text = JSON.stringify(lines);
        for (const secret of [email, GOOD_PASSWORD, 'fout wachtwoord']) expect(text).not.toContain(secret);
        // At the warning level a refused login writes nothing: neither its request nor its security event.
        const other = await createActiveAccount(runtime, apiClient(runtime, { log }));
        log.level = 'warn';
        const before = lines.length;
        const refused = await apiClient(runtime, { log }).post('/api/session', { email: other.email, password: 'fout' });
        expect(refused.status).toBe(401);
        expect(lines.length).toBe(before);
      } finally {
        runtime.deps.events = events;
      }
    });
  });
});
