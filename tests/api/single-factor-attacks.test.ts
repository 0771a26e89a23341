import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  type ApiClient,
  cancelTokenFrom,
  createActiveAccount,
  GOOD_PASSWORD,
  lastMail,
  letterCode,
  mailsTo,
  ORIGIN,
  newCustomer,
  registerAndActivate,
  tokenFrom,
  uniqueEmail,
  newPasswordByMail,
  duringNextPasswordCheck,
} from '../support/api.ts';
import { randomBytes } from 'node:crypto';
import { createMacs } from '../../src/auth/crypto.ts';
import { confirmEnrolment } from '../../src/auth/enrol.ts';
import { endOtherSessions } from '../../src/auth/own-sessions.ts';
import { loginWithPassword } from '../../src/auth/login.ts';
import { confirmEmailChange, requestEmailChange } from '../../src/auth/change-email.ts';
import { register } from '../../src/auth/register.ts';
import { requestPasswordReset } from '../../src/auth/reset-password.ts';
import { FIRST_APP_WINDOW_MS, NEW_COMPANY_LOGIN_MS } from '../../src/auth/policy.ts';
import { loginWithEherkenning } from '../../src/auth/eherkenning/login.ts';
import { proveWithEherkenning } from '../../src/auth/recovery/proofs.ts';
import { withinTransaction } from '../../src/auth/transaction.ts';
import { texts } from '../../src/i18n/index.ts';
import { testRuntime, forEachStore } from '../support/runtime.ts';
import { staffClient } from '../support/staff.ts';
import { raceAfter } from '../support/race.ts';
import { codeFor, freshCode, plainMisses } from '../support/totp.ts';

/**
 * Each test is an attack by someone who holds one thing (a mailbox, a policy
 * number, a guessed code, an old address), chained through the flows as far
 * as they go. None of them may end with the attacker in control of an account.
 */
forEachStore((kind) => {
  describe(`no single factor opens an account, on ${kind}`, () => {
    let runtime: Awaited<ReturnType<typeof testRuntime>>;
    beforeAll(async () => {
      runtime = await testRuntime(kind);
    });
    afterAll(() => runtime.dispose());

    /** Letters waiting for the printer to one company. */
    const lettersTo = async (customerId: string) =>
      (await runtime.deps.store.listLetters('pending', 10_000)).filter((l) => l.customer_id === customerId).length;

    /** An account activated by its owner, no app linked yet, and someone else who knows the password. */
    async function beforeFirstApp(attackerAddress: string, ownerAddress?: string) {
      const email = uniqueEmail();
      // The suite's browsers share one address, and with it an hour's mail allowance.
      const owner = apiClient(runtime, ownerAddress ? { clientAddress: ownerAddress } : {});
      await registerAndActivate(runtime, owner, email, (await newCustomer(runtime)).policy_number);
      return { email, owner, attacker: apiClient(runtime, { clientAddress: attackerAddress }) };
    }

    it('the password alone, before the first app: a session left open links no app once the owner has', async () => {
      const { email, owner, attacker } = await beforeFirstApp('198.51.100.21');
      expect((await attacker.post('/api/session', { email, password: GOOD_PASSWORD })).json).toEqual({ next: 'enrol' });
      // The owner links an app.
      expect((await owner.post('/api/session', { email, password: GOOD_PASSWORD })).json).toEqual({ next: 'enrol' });
      const key = (await owner.post('/api/authenticator/enrolment')).json.key.replace(/\s/g, '');
      expect((await owner.post('/api/authenticator/enrolment/confirm', { code: freshCode(key) })).status).toBe(200);
      // The session the password opened before is over: it can neither show nor link an app.
      expect((await attacker.get('/api/session')).status).toBe(401);
      expect((await attacker.post('/api/authenticator/enrolment')).status).toBe(401);
      expect((await attacker.post('/api/authenticator/enrolment/confirm', { code: '123456' })).status).toBe(401);
      // A new password login asks for the owner's app, and only its code opens the account.
      expect((await attacker.post('/api/session', { email, password: GOOD_PASSWORD })).json).toEqual({ next: 'code' });
      expect((await runtime.deps.store.findLiveAccountByEmail(email))!.totp_secret).not.toBeNull();
      expect((await owner.post('/api/session', { email, password: GOOD_PASSWORD })).json).toEqual({ next: 'code' });
      expect((await owner.post('/api/session/code', { code: freshCode(key) })).status).toBe(200);
    });

    it('the password alone, before the first app: the key the owner is shown is shown to no other session', async () => {
      const { email, owner, attacker } = await beforeFirstApp('198.51.100.22');
      await attacker.post('/api/session', { email, password: GOOD_PASSWORD });
      const attackerKey = (await attacker.post('/api/authenticator/enrolment')).json.key;
      await owner.post('/api/session', { email, password: GOOD_PASSWORD });
      const ownerKey = (await owner.post('/api/authenticator/enrolment')).json.key;
      expect(ownerKey).not.toBe(attackerKey);
      // Reloading shows the owner the same key again; the attacker's key was never the owner's.
      expect((await owner.post('/api/authenticator/enrolment')).json.key).toBe(ownerKey);
      const key = ownerKey.replace(/\s/g, '');
      expect((await owner.post('/api/authenticator/enrolment/confirm', { code: freshCode(key) })).status).toBe(200);
      // A code from the key the attacker was shown opens nothing.
      const again = apiClient(runtime, { clientAddress: '198.51.100.23' });
      expect((await again.post('/api/session', { email, password: GOOD_PASSWORD })).json).toEqual({ next: 'code' });
      expect((await again.post('/api/session/code', { code: codeFor(attackerKey.replace(/\s/g, '')) })).status).toBe(401);
    });

    it('the password alone, before the first app: a key shown to one session cannot be confirmed from another', async () => {
      const { email, owner, attacker } = await beforeFirstApp('198.51.100.24');
      await owner.post('/api/session', { email, password: GOOD_PASSWORD });
      await attacker.post('/api/session', { email, password: GOOD_PASSWORD });
      // The attacker reads the owner's key over the shoulder, say, and confirms it from their own session.
      const key = (await owner.post('/api/authenticator/enrolment')).json.key.replace(/\s/g, '');
      const confirmed = await attacker.post('/api/authenticator/enrolment/confirm', { code: freshCode(key) });
      expect(confirmed.status).toBe(409);
      expect((await runtime.deps.store.findLiveAccountByEmail(email))!.totp_secret).toBeNull();
      expect((await owner.post('/api/authenticator/enrolment/confirm', { code: freshCode(key) })).status).toBe(200);
    });

    it('the password alone, before the first app: the attacker who links an app first is told to the mailbox', async () => {
      const { email, owner, attacker } = await beforeFirstApp('198.51.100.25', '192.0.2.125');
      await owner.post('/api/session', { email, password: GOOD_PASSWORD });
      const ownerKey = (await owner.post('/api/authenticator/enrolment')).json.key.replace(/\s/g, '');
      // Someone who knows the password links an app of their own first, which voids the owner's key.
      await attacker.post('/api/session', { email, password: GOOD_PASSWORD });
      const attackerKey = (await attacker.post('/api/authenticator/enrolment')).json.key.replace(/\s/g, '');
      expect((await attacker.post('/api/authenticator/enrolment/confirm', { code: freshCode(attackerKey) })).status).toBe(200);
      expect((await owner.post('/api/authenticator/enrolment/confirm', { code: freshCode(ownerKey) })).status).toBe(401);
      // The mailbox hears of it at once, with when, and whom to call: the password is known to someone else.
      const told = await lastMail(runtime, email);
      expect(told.kind).toBe('appLinked');
      expect(told.text_body).toMatch(/gekoppeld/);
      expect(told.text_body).toMatch(/iemand anders uw wachtwoord/);
    });

    it('the password alone, a day after the owner chose it: no app is linked until the mailbox is proven again', async () => {
      const { email, owner, attacker } = await beforeFirstApp('198.51.100.26');
      const clock = runtime.deps.clock;
      const realNow = clock.now;
      clock.now = () => realNow() + FIRST_APP_WINDOW_MS + 60_000;
      try {
        // A set-up left half-way, and a password that leaked since (reused elsewhere, phished).
        const refused = await attacker.post('/api/session', { email, password: GOOD_PASSWORD });
        expect(refused.status).toBe(403);
        expect(refused.json.error).toMatchObject({ code: 'setupExpired', message: texts('nl').api.setupExpired });
        expect((await attacker.post('/api/authenticator/enrolment')).status).toBe(401);
        // "New phone" says the same, rather than "log in and link your app".
        const rebind = await attacker.post('/api/authenticator/rebind', { email, password: GOOD_PASSWORD });
        expect([rebind.status, rebind.json.error.code]).toEqual([403, 'setupExpired']);
        // The owner, with the mailbox: a new password, and the app is linked.
        await newPasswordByMail(runtime, owner, email, 'een nieuw wachtwoord voor de koppeling');
        const next = await owner.post('/api/session', { email, password: 'een nieuw wachtwoord voor de koppeling' });
        expect(next.json).toEqual({ next: 'enrol' });
        const key = (await owner.post('/api/authenticator/enrolment')).json.key.replace(/\s/g, '');
        const confirmed = await owner.post('/api/authenticator/enrolment/confirm', { code: codeFor(key, 0, clock.now()) });
        expect(confirmed.status).toBe(200);
      } finally {
        clock.now = realNow;
      }
    });

    it('one account of their own: asking to move it to another address tells nothing about that address', async () => {
      const { email: taken } = await createActiveAccount(runtime, apiClient(runtime));
      // What the requester sees: the answer, the mail in their own mailbox, and whether the link
      // they were sent for an earlier change (to a mailbox of theirs) still works.
      const seen = async (target: string) => {
        const client = apiClient(runtime, { clientAddress: '198.51.100.25' });
        const { email } = await createActiveAccount(runtime, client);
        const theirs = uniqueEmail('eerder');
        await client.post('/api/account/email', { newEmail: theirs, password: GOOD_PASSWORD });
        const earlier = tokenFrom((await lastMail(runtime, theirs)).text_body);
        const before = (await mailsTo(runtime, email)).length;
        const answer = await client.post('/api/account/email', { newEmail: target, password: GOOD_PASSWORD });
        const own = (await mailsTo(runtime, email)).slice(0, (await mailsTo(runtime, email)).length - before);
        const link = await apiClient(runtime).post('/api/account/email/confirm', { token: earlier });
        return { status: answer.status, body: answer.json, ownMail: own.map((m) => m.kind), earlierLink: link.status };
      };
      const onTaken = await seen(taken);
      const onFree = await seen(uniqueEmail('vrij'));
      expect(onTaken).toEqual(onFree);
      expect(onFree.ownMail).toEqual(['emailChangeNotice']);
    });

    it('the link of a new phone of their own, mailed to a customer who is logged in, logs that customer out of nothing', async () => {
      // Each from an address of its own: the file's other tests register from the default one.
      const customer = apiClient(runtime, { clientAddress: '198.51.100.9' });
      await createActiveAccount(runtime, customer);
      const attacker = apiClient(runtime, { clientAddress: '198.51.100.8' });
      const own = await createActiveAccount(runtime, attacker);
      attacker.dropSession();
      expect((await attacker.post('/api/authenticator/rebind', { email: own.email, password: GOOD_PASSWORD })).status).toBe(202);
      const token = tokenFrom((await lastMail(runtime, own.email)).text_body);
      // The customer's browser opens it: the page posts the link at once, without a click.
      const opened = await customer.post('/api/authenticator/rebind/start', { token });
      expect(opened.status).toBe(409);
      expect(opened.json.error.code).toBe('loggedInAsOther');
      expect((await customer.get('/api/session')).status).toBe(200);
      // The link was not spent: its owner can still open it.
      expect((await attacker.post('/api/authenticator/rebind/start', { token })).status).toBe(200);
    });

    it('the mailbox alone: a password reset, then a new phone, still links no app', async () => {
      const { email, key } = await createActiveAccount(runtime, apiClient(runtime));
      const attacker = apiClient(runtime, { clientAddress: '198.51.100.7' });
      // Step 1: the mailbox sets a new password.
      await attacker.post('/api/password/reset-request', { email });
      const reset = tokenFrom((await lastMail(runtime, email)).text_body);
      const stolenPassword = 'de brievenbus is van mij nu';
      expect((await attacker.post('/api/password/reset', { token: reset, password: stolenPassword })).status).toBe(200);
      // Step 2: password and mailbox ask for a new phone.
      expect((await attacker.post('/api/authenticator/rebind', { email, password: stolenPassword })).status).toBe(202);
      const opened = await attacker.post('/api/authenticator/rebind/start', {
        token: tokenFrom((await lastMail(runtime, email)).text_body),
      });
      expect(opened.json.request.status).toBe('open');
      // No app can be shown or linked without a third proof.
      expect((await attacker.post('/api/authenticator/enrolment')).status).toBe(401);
      expect((await attacker.post('/api/authenticator/enrolment/confirm', { code: '123456' })).status).toBe(401);
      // The letter goes to the company's address on record, never to the mailbox.
      const before = (await runtime.deps.store.listMail(500)).length;
      expect((await attacker.post('/api/recovery/letter')).status).toBe(202);
      const mails = await runtime.deps.store.listMail(500);
      expect(mails.length).toBe(before);
      const letter = (await runtime.deps.store.listLetters('pending', 1000)).at(-1)!;
      expect(letter.kind).toBe('rebindCode');
      expect(letter.street).toMatch(/^Teststraat/);
      // The customer's own app still works, and without it the new password logs nobody in.
      const owner = apiClient(runtime);
      expect((await owner.post('/api/session', { email, password: stolenPassword })).json).toEqual({ next: 'code' });
      expect((await owner.post('/api/session/code', { code: freshCode(key) })).status).toBe(200);
      // Guessing the letter's code runs into the lock, and five misses void the letter.
      const secretBefore = (await runtime.deps.store.findLiveAccountByEmail(email))!.totp_secret;
      for (let i = 0; i < 5; i++)
        expect(
          (await attacker.post('/api/recovery/letter-code', { code: `ACDE-FG${'HJKMN'[i]}H` })).status,
        ).toBeGreaterThanOrEqual(401);
      await runtime.deps.store.clearThrottle(email);
      expect((await attacker.post('/api/recovery/letter-code', { code: 'ACDE-FGHJ' })).json.error.code).toBe('proofNotOffered');
      expect((await runtime.deps.store.findLiveAccountByEmail(email))!.totp_secret).toBe(secretBefore);
    });

    it('the mailbox alone: the link mailed after the owner used a recovery code links no app', async () => {
      const { email, key, recoveryCodes } = await createActiveAccount(runtime, apiClient(runtime));
      const owner = apiClient(runtime);
      await owner.post('/api/session', { email, password: GOOD_PASSWORD });
      expect((await owner.post('/api/session/recovery-code', { code: recoveryCodes[0] })).status).toBe(200);
      // The mailbox reads the link first: proven already, it still wants the password.
      const attacker = apiClient(runtime, { clientAddress: '198.51.100.21' });
      const link = tokenFrom((await lastMail(runtime, email)).text_body);
      expect((await attacker.post('/api/authenticator/rebind/start', { token: link })).status).toBe(401);
      expect((await attacker.post('/api/authenticator/enrolment')).status).toBe(401);
      // A new password from the mailbox ends the request, and the link with it.
      await attacker.post('/api/password/reset-request', { email });
      const reset = tokenFrom((await lastMail(runtime, email)).text_body);
      const password = 'de brievenbus is nu van mij';
      expect((await attacker.post('/api/password/reset', { token: reset, password })).status).toBe(200);
      expect((await attacker.post('/api/authenticator/rebind/start', { token: link, password })).status).toBe(400);
      // The owner's app is still the one that logs in.
      const later = apiClient(runtime);
      await later.post('/api/session', { email, password });
      expect((await later.post('/api/session/code', { code: freshCode(key) })).status).toBe(200);
    });

    it('the mailbox alone: a link from before a password reset stays useless after it', async () => {
      const { email } = await createActiveAccount(runtime, apiClient(runtime));
      const attacker = apiClient(runtime);
      await attacker.post('/api/authenticator/rebind', { email, password: GOOD_PASSWORD });
      const rebind = tokenFrom((await lastMail(runtime, email)).text_body);
      await attacker.post('/api/password/reset-request', { email });
      await attacker.post('/api/password/reset', {
        token: tokenFrom((await lastMail(runtime, email)).text_body),
        password: 'een ander nieuw wachtwoord',
      });
      expect((await attacker.post('/api/authenticator/rebind/start', { token: rebind })).status).toBe(400);
    });

    const OWNERS_NEW_PASSWORD = 'een nieuw wachtwoord van de eigenaar';

    /** The owner resets the password while `work` has its password hashed: the race each test below must not lose. */
    const whileOwnerResets = <T>(owner: ApiClient, email: string, work: () => Promise<T>) =>
      duringNextPasswordCheck(runtime, () => newPasswordByMail(runtime, owner, email, OWNERS_NEW_PASSWORD), work);

    // Each race on addresses of its own: their mails do not count against the other tests' allowance.
    it('the old password and the app, racing the owner’s reset: the login under way gets no session', async () => {
      const owner = apiClient(runtime, { clientAddress: '198.51.100.45' });
      const attacker = apiClient(runtime, { clientAddress: '198.51.100.44' });
      const { email, key } = await createActiveAccount(runtime, owner);
      const login = await whileOwnerResets(owner, email, () => attacker.post('/api/session', { email, password: GOOD_PASSWORD }));
      expect(login.status).toBe(401);
      // The owner, or an agent helping them, sees the old password tried.
      const account = (await runtime.deps.store.findLiveAccountByEmail(email))!;
      expect((await runtime.deps.store.listLoginAttempts(account.id, 1))[0]).toMatchObject({
        step: 'password',
        outcome: 'refused',
        diagnosis: 'wrongPassword',
      });
      expect((await attacker.post('/api/session/code', { code: freshCode(key) })).status).toBe(401);
      expect((await attacker.get('/api/session')).status).toBe(401);
      expect((await owner.post('/api/session', { email, password: OWNERS_NEW_PASSWORD })).json).toEqual({ next: 'code' });
    });

    it('the old password and the app, racing a reset that has not committed yet: the login waits for it, no session', async () => {
      const { email } = await createActiveAccount(runtime, apiClient(runtime, { clientAddress: '198.51.100.48' }));
      const account = (await runtime.deps.store.findLiveAccountByEmail(email))!;
      const newHash = await runtime.deps.passwords.hash('een nieuw wachtwoord van de eigenaar');
      let changed!: () => void;
      let commit!: () => void;
      const passwordChanged = new Promise<void>((resolve) => (changed = resolve));
      const mayCommit = new Promise<void>((resolve) => (commit = resolve));
      let reset: Promise<void> | undefined;
      // The owner's reset changes the password and ends the sessions during the attacker's hash,
      // and commits only a while after the attacker's session is made.
      const hasher = runtime.deps.passwords;
      const deps = {
        ...runtime.deps,
        passwords: {
          ...hasher,
          verify: async (digest: string, password: string) => {
            const right = await hasher.verify(digest, password);
            reset = withinTransaction(runtime.deps, async (tx) => {
              expect(await tx.store.changePassword(account.id, newHash, Date.now(), Date.now())).toBe(true);
              await tx.store.endAllSessions(account.id, Date.now());
              changed();
              await mayCommit;
            });
            await passwordChanged;
            setTimeout(commit, 300);
            return right;
          },
        },
      };
      const login = await loginWithPassword(deps, { email, password: GOOD_PASSWORD });
      await reset;
      expect(login).toEqual({ kind: 'refused' });
    });

    it('the old password and the app, racing the owner’s reset: an address change asked meanwhile mails no link', async () => {
      const owner = apiClient(runtime, { clientAddress: '198.51.100.46' });
      const attacker = apiClient(runtime, { clientAddress: '198.51.100.47' });
      const { email } = await createActiveAccount(runtime, attacker);
      const newEmail = uniqueEmail('aanvaller');
      const asked = await whileOwnerResets(owner, email, () =>
        attacker.post('/api/account/email', { newEmail, password: GOOD_PASSWORD }),
      );
      expect(asked.status).toBe(401);
      expect(await mailsTo(runtime, newEmail)).toEqual([]);
      expect((await runtime.deps.store.findLiveAccountByEmail(email))?.email).toBe(email);
    });

    it('a stolen session, the old password and the app, racing the owner’s reset: no new recovery codes', async () => {
      const owner = apiClient(runtime, { clientAddress: '198.51.100.49' });
      const attacker = apiClient(runtime, { clientAddress: '198.51.100.50' });
      const { email, key, recoveryCodes } = await createActiveAccount(runtime, attacker);
      const renewed = await whileOwnerResets(owner, email, () =>
        attacker.post('/api/account/recovery-codes', { password: GOOD_PASSWORD, code: freshCode(key) }),
      );
      expect(renewed.status).toBe(401);
      // The owner's own codes still work.
      expect((await owner.post('/api/session', { email, password: OWNERS_NEW_PASSWORD })).json).toEqual({ next: 'code' });
      expect((await owner.post('/api/session/recovery-code', { code: recoveryCodes[0] })).status).toBe(200);
    });

    it('the old password alone, racing the owner’s reset: asking for a new phone opens no request', async () => {
      const owner = apiClient(runtime, { clientAddress: '198.51.100.51' });
      const attacker = apiClient(runtime, { clientAddress: '198.51.100.52' });
      const { email } = await createActiveAccount(runtime, owner);
      const asked = await whileOwnerResets(owner, email, () =>
        attacker.post('/api/authenticator/rebind', { email, password: GOOD_PASSWORD }),
      );
      expect(asked.status).toBe(401);
      const account = (await runtime.deps.store.findLiveAccountByEmail(email))!;
      expect(await runtime.deps.store.findOpenRecoveryRequest(account.id, Date.now())).toBeUndefined();
      expect((await lastMail(runtime, email)).kind).toBe('resetDone');
    });

    it('the password alone, before the first app: the owner’s reset ends the enrolment, even one confirmed at that moment', async () => {
      const email = uniqueEmail();
      const owner = apiClient(runtime, { clientAddress: '198.51.100.53' });
      const attacker = apiClient(runtime, { clientAddress: '198.51.100.54' });
      await registerAndActivate(runtime, owner, email, (await newCustomer(runtime)).policy_number);
      expect((await attacker.post('/api/session', { email, password: GOOD_PASSWORD })).json).toEqual({ next: 'enrol' });
      const key = (await attacker.post('/api/authenticator/enrolment')).json.key.replace(/\s/g, '');
      // The confirmation has read its live session when the owner's reset commits.
      const store = runtime.deps.store;
      let reset = false;
      const deps = {
        ...runtime.deps,
        store: {
          ...store,
          findAccountById: async (id: string) => {
            const account = await store.findAccountById(id);
            if (!reset) {
              reset = true;
              await newPasswordByMail(runtime, owner, email, OWNERS_NEW_PASSWORD);
            }
            return account;
          },
        },
      };
      const token = attacker.cookie().split('=')[1]!;
      expect(await confirmEnrolment(deps, { token, code: freshCode(key) })).toEqual({ kind: 'no-session' });
      expect((await store.findLiveAccountByEmail(email))!.totp_secret).toBeNull();
      expect((await owner.post('/api/session', { email, password: OWNERS_NEW_PASSWORD })).json).toEqual({ next: 'enrol' });
    });

    it('a policy number alone: a new account for a company with a login takes nothing over', async () => {
      const customer = await newCustomer(runtime);
      const holder = apiClient(runtime);
      const { email: holderEmail, key } = await createActiveAccount(runtime, holder, customer.policy_number);

      const attacker = apiClient(runtime, { clientAddress: '198.51.100.8' });
      const attackerEmail = uniqueEmail('aanvaller');
      await registerAndActivate(runtime, attacker, attackerEmail, customer.policy_number);
      expect((await attacker.post('/api/session', { email: attackerEmail, password: GOOD_PASSWORD })).json).toEqual({
        next: 'enrol',
      });
      // Told before anything is linked that this would replace the company's login, and by whom it is held.
      const enrol = await attacker.post('/api/authenticator/enrolment');
      expect(enrol.status).toBe(409);
      expect(enrol.json.error.code).toBe('replacementNeeded');
      expect(enrol.json.replacement).toEqual({
        holder: `${holderEmail[0]}***@voorbeeld.test`,
        request: null,
        eherkenning: false,
      });
      expect((await attacker.post('/api/authenticator/enrolment/confirm', { code: '123456' })).status).toBe(409);

      // Asking to take over tells the holder at once, with a way to stop it; nothing else changes.
      const started = await attacker.post('/api/recovery/replacement');
      expect(started.json.request).toMatchObject({ kind: 'replace', status: 'open', proofs: ['letter', 'staff'] });
      const notice = await lastMail(runtime, holderEmail);
      expect(notice.kind).toBe('replaceRequested');
      expect(notice.text_body).toContain(`${attackerEmail[0]}***@voorbeeld.test`);
      expect(notice.text_body).not.toMatch(/hoeft u niets te doen/);
      expect((await holder.get('/api/session')).status).toBe(200);
      expect((await attacker.post('/api/recovery/recovery-code', { code: 'ACDE-FGHJ-KMNP-QRTU' })).status).toBe(409);
      expect((await attacker.post('/api/authenticator/enrolment')).status).toBe(409);

      // The holder stops it: the asker is out and told; the holder logs in as ever.
      const stop = await apiClient(runtime).post('/api/recovery/cancel', { token: cancelTokenFrom(notice.text_body) });
      expect(stop.json).toEqual({ status: 'cancelled', kind: 'replace' });
      expect((await attacker.get('/api/recovery')).status).toBe(401);
      expect((await lastMail(runtime, attackerEmail)).kind).toBe('replaceCancelled');
      const again = apiClient(runtime);
      await again.post('/api/session', { email: holderEmail, password: GOOD_PASSWORD });
      expect((await again.post('/api/session/code', { code: freshCode(key) })).status).toBe(200);
    });

    /** A company's login held, and a colleague of its who asked to take it over; the colleague's password is all the attacker has. */
    async function takeoverAsked(addresses: [string, string, string]) {
      const customer = await newCustomer(runtime);
      await createActiveAccount(runtime, apiClient(runtime, { clientAddress: addresses[0] }), customer.policy_number);
      const colleague = apiClient(runtime, { clientAddress: addresses[1] });
      const email = uniqueEmail('collega');
      await registerAndActivate(runtime, colleague, email, customer.policy_number);
      await colleague.post('/api/session', { email, password: GOOD_PASSWORD });
      expect((await colleague.post('/api/recovery/replacement')).status).toBe(200);
      const attacker = apiClient(runtime, { clientAddress: addresses[2] });
      expect((await attacker.post('/api/session', { email, password: GOOD_PASSWORD })).json).toEqual({ next: 'enrol' });
      return { customer, colleague, email, attacker };
    }

    /** What a session gets when it asks to link an app: the key on offer, or the refusal's code. */
    const offerTo = async (client: ApiClient) => {
      const offer = await client.post('/api/authenticator/enrolment');
      return offer.status === 200 ? (offer.json.key as string).replace(/\s/g, '') : (offer.json.error.code as string);
    };

    it('the asker’s password alone: a takeover proven with the letter links an app only where the letter was typed', async () => {
      const { customer, colleague, email, attacker } = await takeoverAsked(['192.0.2.81', '192.0.2.82', '198.51.100.83']);
      await colleague.post('/api/recovery/letter');
      // The colleague types the code from the letter; the attacker, logged in with the password alone, waits.
      const proven = await colleague.post('/api/recovery/letter-code', { code: await letterCode(runtime, customer.id) });
      expect(proven.json.request.status).toBe('proven');
      expect(await offerTo(attacker)).toBe('takeoverProvenElsewhere');
      // Never shown a key, it has none to confirm.
      expect((await attacker.post('/api/authenticator/enrolment/confirm', { code: '123456' })).json.error.code).toBe(
        'enrolmentExpired',
      );
      // A new login with the password is no better.
      const again = apiClient(runtime, { clientAddress: '198.51.100.83' });
      await again.post('/api/session', { email, password: GOOD_PASSWORD });
      expect(await offerTo(again)).toBe('takeoverProvenElsewhere');
      // The colleague's own session links the app, and takes the company's login over.
      const key = await offerTo(colleague);
      expect((await colleague.post('/api/authenticator/enrolment/confirm', { code: freshCode(key) })).json.next).toBe('portal');
      expect((await colleague.get('/api/session')).json.company).toBe(customer.company_name);
      expect((await attacker.get('/api/session')).status).toBe(401);
    });

    it('the asker’s password alone: a takeover approved by staff links an app only from the mailed link, with the password', async () => {
      const { customer, email, attacker } = await takeoverAsked(['192.0.2.84', '192.0.2.85', '198.51.100.86']);
      const agent = await staffClient(runtime, 'agent');
      const supervisor = await staffClient(runtime, 'supervisor');
      const asking = (await agent.client.post('/api/agent/lookup', { q: email, reason: 'collega belt' })).json.accounts[0];
      const id = asking.requests[0].id;
      await agent.client.post(`/api/agent/requests/${id}/approve`, { reason: 'teruggebeld op het KvK-nummer' });
      expect((await supervisor.client.post(`/api/agent/requests/${id}/approve`, { reason: 'akkoord' })).status).toBe(200);
      expect(await offerTo(attacker)).toBe('takeoverProvenElsewhere');
      const fresh = apiClient(runtime, { clientAddress: '198.51.100.86' });
      await fresh.post('/api/session', { email, password: GOOD_PASSWORD });
      expect(await offerTo(fresh)).toBe('takeoverProvenElsewhere');

      // The mail's link asks for the password: the mailbox alone, or a wrong password, opens nothing.
      const mail = await lastMail(runtime, email);
      expect(mail.kind).toBe('replaceApproved');
      const token = tokenFrom(mail.text_body);
      const mailbox = apiClient(runtime, { clientAddress: '198.51.100.87' });
      expect((await mailbox.post('/api/authenticator/takeover/start', { token })).status).toBe(422);
      const wrong = await mailbox.post('/api/authenticator/takeover/start', { token, password: 'niet het wachtwoord hoor' });
      expect(wrong.json.error.code).toBe('passwordRefused');
      expect(await offerTo(mailbox)).not.toMatch(/^[A-Z2-7]{32}$/);

      // With both, the link opens the session that links the app, and the attacker's sessions end.
      const owner = apiClient(runtime, { clientAddress: '192.0.2.85' });
      expect((await owner.post('/api/authenticator/takeover/start', { token, password: GOOD_PASSWORD })).status).toBe(200);
      // Not spent by opening: a session that lapsed before linking would leave no way to finish.
      const lapsed = apiClient(runtime, { clientAddress: '192.0.2.85' });
      expect((await lapsed.post('/api/authenticator/takeover/start', { token, password: GOOD_PASSWORD })).status).toBe(200);
      const key = await offerTo(owner);
      expect((await owner.post('/api/authenticator/enrolment/confirm', { code: freshCode(key) })).json.next).toBe('portal');
      expect((await owner.get('/api/session')).json.company).toBe(customer.company_name);
      expect((await attacker.get('/api/session')).status).toBe(401);
      // The takeover done, the link has nothing left to open.
      const reused = await apiClient(runtime).post('/api/authenticator/takeover/start', { token, password: GOOD_PASSWORD });
      expect(reused.json.error.code).toBe('linkInvalid');
    });

    it('a policy number alone: the holder’s stop link outlives what the holder does to secure the account', async () => {
      const customer = await newCustomer(runtime);
      // An address of its own: the mails of this file from the default one are near their hourly limit.
      const holder = apiClient(runtime, { clientAddress: '192.0.2.41' });
      const { email: holderEmail, key } = await createActiveAccount(runtime, holder, customer.policy_number);
      const attacker = apiClient(runtime, { clientAddress: '198.51.100.9' });
      const attackerEmail = uniqueEmail('overnemer');
      await registerAndActivate(runtime, attacker, attackerEmail, customer.policy_number);
      await attacker.post('/api/session', { email: attackerEmail, password: GOOD_PASSWORD });
      expect((await attacker.post('/api/recovery/replacement')).status).toBe(200);
      const stopToken = cancelTokenFrom((await lastMail(runtime, holderEmail)).text_body);

      // Worried, the holder first sets a new password, which ends every link mailed to the account…
      await holder.post('/api/password/reset-request', { email: holderEmail });
      const reset = await holder.post('/api/password/reset', {
        token: tokenFrom((await lastMail(runtime, holderEmail)).text_body),
        password: `${GOOD_PASSWORD} en nog wat`,
      });
      expect(reset.status).toBe(200);
      // …but not the one that stops the takeover aimed at it, which the colleague's request outlives.
      const check = await apiClient(runtime).post('/api/links/check', { token: stopToken, purpose: 'cancel-request' });
      expect(check.status).toBe(200);
      const stop = await apiClient(runtime).post('/api/recovery/cancel', { token: stopToken });
      expect(stop.json).toEqual({ status: 'cancelled', kind: 'replace' });
      expect((await attacker.get('/api/recovery')).status).toBe(401);
      // The holder is still the company's login.
      const again = apiClient(runtime);
      await again.post('/api/session', { email: holderEmail, password: `${GOOD_PASSWORD} en nog wat` });
      expect((await again.post('/api/session/code', { code: freshCode(key) })).status).toBe(200);
    });

    it('a policy number alone: new accounts of their own send the company no more than three takeover letters a week', async () => {
      const customer = await newCustomer(runtime);
      const holder = await createActiveAccount(runtime, apiClient(runtime), customer.policy_number);
      const before = await lettersTo(customer.id);
      const answers: number[] = [];
      for (let n = 0; n < 5; n++) {
        // Each a new account, a new mailbox and a new address: each its own takeover request.
        const attacker = apiClient(runtime, { clientAddress: `198.51.100.${60 + n}` });
        const email = uniqueEmail('brievenbus-vol');
        await registerAndActivate(runtime, attacker, email, customer.policy_number);
        await attacker.post('/api/session', { email, password: GOOD_PASSWORD });
        expect((await attacker.post('/api/recovery/replacement')).status).toBeLessThan(300);
        answers.push((await attacker.post('/api/recovery/letter')).status);
      }
      expect(answers).toEqual([202, 202, 202, 409, 409]);
      expect((await lettersTo(customer.id)) - before).toBe(3);
      // They used up no letter of the holder's: a new phone of the company's own login still gets one.
      const phone = apiClient(runtime);
      expect((await phone.post('/api/authenticator/rebind', { email: holder.email, password: GOOD_PASSWORD })).status).toBe(202);
      await phone.post('/api/authenticator/rebind/start', {
        token: tokenFrom((await lastMail(runtime, holder.email)).text_body),
      });
      expect((await phone.post('/api/recovery/letter')).status).toBe(202);
      expect((await lettersTo(customer.id)) - before).toBe(4);
    });

    it('the mailbox alone: a new-phone request stopped and asked again sends the company no more than three letters a week', async () => {
      const customer = await newCustomer(runtime);
      // The mailbox chooses a new password; the test starts from there.
      const { email } = await createActiveAccount(runtime, apiClient(runtime), customer.policy_number);
      const before = await lettersTo(customer.id);
      const answers: number[] = [];
      for (let n = 0; n < 5; n++) {
        // Each round a new request, whose own count of letters starts again, stopped with the link in its mail.
        const phone = apiClient(runtime, { clientAddress: `198.51.100.${80 + n}` });
        expect((await phone.post('/api/authenticator/rebind', { email, password: GOOD_PASSWORD })).status).toBe(202);
        const mail = (await lastMail(runtime, email)).text_body;
        expect((await phone.post('/api/authenticator/rebind/start', { token: tokenFrom(mail) })).status).toBe(200);
        answers.push((await phone.post('/api/recovery/letter')).status);
        expect((await phone.post('/api/recovery/cancel', { token: cancelTokenFrom(mail) })).status).toBeLessThan(300);
      }
      expect(answers).toEqual([202, 202, 202, 409, 409]);
      expect((await lettersTo(customer.id)) - before).toBe(3);
    });

    it('before activation: nobody can set the password of an address they do not own', async () => {
      const { policy_number: policy } = await newCustomer(runtime);
      const victim = uniqueEmail('slachtoffer');
      const attacker = apiClient(runtime, { clientAddress: '198.51.100.9' });
      // The attacker cannot choose a password at registration, before or after the owner asks.
      expect(
        (await attacker.post('/api/accounts', { email: victim, password: 'van de aanvaller!', policyNumber: policy })).status,
      ).toBe(422);
      await attacker.post('/api/accounts', { email: victim, policyNumber: policy });
      await apiClient(runtime).post('/api/accounts', { email: victim, policyNumber: policy });
      // A mail scanner that follows the link and posts it activates nothing.
      const token = tokenFrom((await lastMail(runtime, victim)).text_body);
      expect((await apiClient(runtime).post('/api/accounts/activate', { token })).status).toBe(422);
      expect((await runtime.deps.store.findLiveAccountByEmail(victim))?.status).toBe('unverified');
      // The owner opens the link and chooses the password; only that password works.
      expect((await apiClient(runtime).post('/api/accounts/activate', { token, password: GOOD_PASSWORD })).status).toBe(200);
      expect((await attacker.post('/api/session', { email: victim, password: 'van de aanvaller!' })).status).toBe(401);
      expect((await apiClient(runtime).post('/api/session', { email: victim, password: GOOD_PASSWORD })).json).toEqual({
        next: 'enrol',
      });
      // Registering again now changes nothing; the owner hears of it.
      await attacker.post('/api/accounts', { email: victim, policyNumber: policy });
      expect((await lastMail(runtime, victim)).kind).toBe('registerExisting');
    });

    it('a code diagnosed as a phone clock minutes off is spent: sent again later, it does not log in', async () => {
      const client = apiClient(runtime);
      const { email, key } = await createActiveAccount(runtime, client);
      const clock = runtime.deps.clock;
      const realNow = clock.now;
      try {
        const guess = codeFor(key, 180);
        await client.post('/api/session', { email, password: GOOD_PASSWORD });
        const first = await client.post('/api/session/code', { code: guess });
        expect(first.json.diagnosis.kind).toBe('clockDrift');
        // Three minutes later the guessed code belongs to "now".
        clock.now = () => realNow() + 180_000;
        const later = apiClient(runtime);
        await later.post('/api/session', { email, password: GOOD_PASSWORD });
        const replay = await later.post('/api/session/code', { code: guess });
        expect(replay.status).toBe(401);
        expect(replay.json.diagnosis.kind).toBe('usedCode');
        // And it counted as a failure.
        const throttle = await runtime.deps.store.findThrottle(email);
        expect(throttle?.failures).toBe(2);
      } finally {
        clock.now = realNow;
      }
    });

    it('after an email change the old address has no say: its links stop, other sessions end', async () => {
      const client = apiClient(runtime, { clientAddress: '192.0.2.42' });
      const customer = await newCustomer(runtime);
      const { email, key } = await createActiveAccount(runtime, client, customer.policy_number);
      const elsewhere = apiClient(runtime);
      await elsewhere.post('/api/session', { email, password: GOOD_PASSWORD });
      await elsewhere.post('/api/session/code', { code: freshCode(key) });
      expect((await elsewhere.get('/api/session')).status).toBe(200);
      // Links mailed to the old address before the change.
      await apiClient(runtime).post('/api/password/reset-request', { email });
      const reset = tokenFrom((await lastMail(runtime, email)).text_body);
      await apiClient(runtime).post('/api/authenticator/rebind', { email, password: GOOD_PASSWORD });
      const rebind = tokenFrom((await lastMail(runtime, email)).text_body);
      // And the stop link of a colleague's request to take over the company's login.
      const colleague = apiClient(runtime, { clientAddress: '192.0.2.43' });
      const colleagueEmail = uniqueEmail('collega');
      await registerAndActivate(runtime, colleague, colleagueEmail, customer.policy_number);
      await colleague.post('/api/session', { email: colleagueEmail, password: GOOD_PASSWORD });
      await colleague.post('/api/recovery/replacement');
      const stopTakeover = cancelTokenFrom((await lastMail(runtime, email)).text_body);

      const newEmail = uniqueEmail('nieuwadres');
      await client.post('/api/account/email', { newEmail, password: GOOD_PASSWORD });
      const confirm = tokenFrom((await lastMail(runtime, newEmail)).text_body);
      expect((await client.post('/api/account/email/confirm', { token: confirm })).json).toEqual({
        status: 'changed',
        email: newEmail,
      });
      expect(
        (await apiClient(runtime).post('/api/password/reset', { token: reset, password: 'oude adres wint niet' })).status,
      ).toBe(400);
      expect((await apiClient(runtime).post('/api/authenticator/rebind/start', { token: rebind })).status).toBe(400);
      expect((await apiClient(runtime).post('/api/recovery/cancel', { token: stopTakeover })).status).toBe(400);
      expect((await colleague.get('/api/recovery')).json.request.status).toBe('open');
      expect((await elsewhere.get('/api/session')).status).toBe(401);
      // The session that made the change stays, and shows the takeover, to stop it there if need be.
      const view = (await client.get('/api/session')).json;
      expect(view.email).toBe(newEmail);
      expect(view.takeovers).toMatchObject([{ asker: `${colleagueEmail[0]}***@voorbeeld.test` }]);
    });

    it('a session once, cut off by staff, the owner’s stop link or the owner in the portal (everywhere, or that one place): the address change it asked for never goes through', async () => {
      const staff = await staffClient(runtime, 'agent');
      for (const [cutOff, address] of [
        ['staff', '198.51.100.62'],
        ['stop link', '198.51.100.63'],
        ['portal', '198.51.100.64'],
        ['portal, that place', '198.51.100.78'],
      ] as const) {
        const owner = apiClient(runtime, { clientAddress: address });
        const { email, key } = await createActiveAccount(runtime, owner);
        // Someone held the phone for a minute: logged in, and asked to move the account to their own mailbox.
        const attacker = apiClient(runtime, { clientAddress: '198.51.100.61' });
        await attacker.post('/api/session', { email, password: GOOD_PASSWORD });
        expect((await attacker.post('/api/session/code', { code: freshCode(key) })).status).toBe(200);
        const theirs = uniqueEmail('overname');
        expect((await attacker.post('/api/account/email', { newEmail: theirs, password: GOOD_PASSWORD })).status).toBe(202);
        const confirm = tokenFrom((await lastMail(runtime, theirs)).text_body);
        expect((await lastMail(runtime, email)).kind).toBe('emailChangeNotice');
        if (cutOff === 'staff') {
          // The owner calls, as the notice says: the agent logs the account out everywhere.
          const id = (await runtime.deps.store.findLiveAccountByEmail(email))!.id;
          const ended = await staff.client.post(`/api/agent/accounts/${id}/end-sessions`, {
            reason: 'adres niet zelf gewijzigd',
          });
          expect(ended.status).toBe(200);
        } else if (cutOff === 'portal') {
          // The owner sees a place they do not know, and logs out everywhere else, with the password once more.
          expect((await owner.get('/api/session')).json.sessions).toMatchObject([{ current: true }, { current: false }]);
          const wrong = await owner.post('/api/account/sessions/end-others', { password: `${GOOD_PASSWORD}x` });
          expect([wrong.status, wrong.json.error.code]).toEqual([401, 'passwordRefused']);
          expect((await attacker.get('/api/session')).status).toBe(200);
          const ended = await owner.post('/api/account/sessions/end-others', { password: GOOD_PASSWORD });
          expect(ended.json).toEqual({ ended: 1 });
          expect((await owner.get('/api/session')).json.sessions).toMatchObject([{ current: true }]);
        } else if (cutOff === 'portal, that place') {
          // The owner logs out only the place they do not know.
          const { ref } = ((await owner.get('/api/session')).json.sessions as { ref: string; current: boolean }[]).find(
            (s) => !s.current,
          )!;
          const ended = await owner.post('/api/account/sessions/end-others', { password: GOOD_PASSWORD, only: ref });
          expect(ended.json).toEqual({ ended: 1 });
        } else {
          // They asked for a new phone too; the owner stops it with the mailed link, which logs everyone out.
          expect((await attacker.post('/api/authenticator/rebind', { email, password: GOOD_PASSWORD })).status).toBe(202);
          const stop = cancelTokenFrom((await lastMail(runtime, email)).text_body);
          expect((await apiClient(runtime).post('/api/recovery/cancel', { token: stop })).json).toMatchObject({
            status: 'cancelled',
          });
        }
        expect((await attacker.get('/api/session')).status).toBe(401);
        expect((await apiClient(runtime).post('/api/account/email/confirm', { token: confirm })).status).toBe(400);
        expect(
          (await runtime.deps.store.findAccountById((await runtime.deps.store.findLiveAccountByEmail(email))!.id))?.email,
        ).toBe(email);
      }
    });

    it('the owner’s logout elsewhere also ends a login waiting for its code, and is for a full email login only', async () => {
      const owner = apiClient(runtime, { clientAddress: '198.51.100.68' });
      const { email, key } = await createActiveAccount(runtime, owner);
      // Someone who knows the password, at the code step.
      const waiting = apiClient(runtime, { clientAddress: '198.51.100.69' });
      expect((await waiting.post('/api/session', { email, password: GOOD_PASSWORD })).status).toBe(200);
      // Not listed as logged in, and not one who may end the others.
      expect((await owner.get('/api/session')).json.sessions).toHaveLength(1);
      const half = await waiting.post('/api/account/sessions/end-others', { password: GOOD_PASSWORD });
      expect([half.status, half.json.error.code]).toEqual([401, 'notLoggedIn']);
      expect((await apiClient(runtime).post('/api/account/sessions/end-others', { password: GOOD_PASSWORD })).status).toBe(401);

      // Staff have no portal: at none of its doors that ask the password again is their right one
      // taken as a customer's wrong one.
      const staff = await staffClient(runtime, 'agent');
      for (const [path, body] of [
        ['/api/account/sessions/end-others', {}],
        ['/api/account/email', { newEmail: uniqueEmail('staf-elders') }],
        ['/api/account/recovery-codes', { code: '123456' }],
      ] as const) {
        const notHere = await staff.client.post(path, { ...body, password: GOOD_PASSWORD });
        expect([notHere.status, notHere.json.error.code], path).toEqual([401, 'notLoggedIn']);
      }
      expect((await runtime.deps.store.findThrottle(staff.email))?.failures ?? 0).toBe(0);

      expect((await owner.post('/api/account/sessions/end-others', { password: GOOD_PASSWORD })).json).toEqual({ ended: 1 });
      // The address hears of it: whoever did it had the password and a second factor.
      expect((await lastMail(runtime, email)).kind).toBe('otherSessionsEnded');
      const late = await waiting.post('/api/session/code', { code: freshCode(key) });
      expect(late.status).toBe(401);
      expect((await owner.get('/api/session')).status).toBe(200);
      const id = (await runtime.deps.store.findLiveAccountByEmail(email))!.id;
      expect((await runtime.deps.store.listAccountEvents(id, 10)).map((e) => e.kind)).toContain('otherSessionsEnded');
    });

    /** An owner logged in here and, with the password and a code, at each of these other addresses; the places as the portal lists them. */
    async function ownerAndPlaces(ownerAddress: string, ...addresses: string[]) {
      const owner = apiClient(runtime, { clientAddress: ownerAddress });
      const { email, key } = await createActiveAccount(runtime, owner);
      const places = [];
      for (const address of addresses) {
        const other = apiClient(runtime, { clientAddress: address });
        await other.post('/api/session', { email, password: GOOD_PASSWORD });
        expect((await other.post('/api/session/code', { code: freshCode(key) })).status).toBe(200);
        places.push(other);
      }
      const listed = (await owner.get('/api/session')).json.sessions as { ref: string; current: boolean }[];
      const elsewhere = listed.find((s) => !s.current)!;
      return { owner, email, places, listed, elsewhere, token: owner.cookie().split('=')[1] };
    }

    it('the owner logs out one other place they name: only that one ends, and a name ends nothing of anyone else', async () => {
      const { owner, email, places, listed } = await ownerAndPlaces('198.51.100.70', '198.51.100.71', '198.51.100.72');
      const [shared, phone] = places;
      expect(listed).toHaveLength(3);
      const here = listed.find((s) => s.current)!;
      const [sharedRef, phoneRef] = listed.filter((s) => !s.current).map((s) => s.ref);
      // Which is which does not matter here: one ends, the other stays.
      const endOne = (ref: string, password = GOOD_PASSWORD) =>
        owner.post('/api/account/sessions/end-others', { password, only: ref });

      // A wrong password ends nothing, and counts as at login.
      const wrong = await endOne(sharedRef!, `${GOOD_PASSWORD}x`);
      expect([wrong.status, wrong.json.error.code]).toEqual([401, 'passwordRefused']);
      // This browser is not another place: use the logout for that.
      expect((await endOne(here.ref)).json).toEqual({ ended: 0 });
      expect((await owner.get('/api/session')).status).toBe(200);

      expect((await endOne(sharedRef!)).json).toEqual({ ended: 1 });
      const states = await Promise.all([shared!, phone!].map(async (c) => (await c.get('/api/session')).status));
      expect(states.sort()).toEqual([200, 401]);
      expect((await owner.get('/api/session')).status).toBe(200);
      expect((await lastMail(runtime, email)).kind).toBe('oneOtherSessionEnded');
      const id = (await runtime.deps.store.findLiveAccountByEmail(email))!.id;
      expect((await runtime.deps.store.listAccountEvents(id, 10)).map((e) => e.kind)).toContain('oneOtherSessionEnded');
      // The same name again, from a list that is now old: nothing more ends.
      expect((await endOne(sharedRef!)).json).toEqual({ ended: 0 });
      expect((await owner.get('/api/session')).json.sessions).toHaveLength(2);

      // Another account that learns this account's names (a shared screen, a log) ends none of its sessions with them.
      const stranger = apiClient(runtime, { clientAddress: '198.51.100.73' });
      await createActiveAccount(runtime, stranger);
      for (const ref of [phoneRef!, here.ref])
        expect((await stranger.post('/api/account/sessions/end-others', { password: GOOD_PASSWORD, only: ref })).json).toEqual({
          ended: 0,
        });
      expect((await owner.get('/api/session')).json.sessions).toHaveLength(2);
      // A name is keyed: it is not the session's stored hash, nor a part of it.
      const stored = await runtime.deps.store.listLoggedInSessions(id, Date.now(), 0);
      for (const session of stored) for (const s of listed) expect(session.id_hash).not.toContain(s.ref);
      // Not a name at all: refused as input.
      expect((await endOne('../../x')).status).toBe(422);
    });

    it('a place named on a page made before SECRET_KEY was rotated still logs out', async () => {
      const { places, elsewhere, token } = await ownerAndPlaces('198.51.100.74', '198.51.100.75');
      // The server now runs on a new key, with this one as the previous.
      const rotated = { ...runtime.deps, macs: createMacs({ current: randomBytes(32), previous: runtime.config.secretKey }) };
      expect(await endOtherSessions(rotated, { token, password: GOOD_PASSWORD, only: elsewhere.ref })).toEqual({
        kind: 'done',
        ended: 1,
      });
      expect((await places[0]!.get('/api/session')).status).toBe(401);
    });

    // SQLite runs one transaction at a time, so only PostgreSQL lets a logout commit in between.
    (kind === 'postgres' ? it : it.skip)(
      'a place that logs itself out while the owner logs it out is not reported, nor mailed, as ended by the owner (PostgreSQL)',
      async () => {
        const { email, places, elsewhere, token } = await ownerAndPlaces('198.51.100.76', '198.51.100.77');
        // Just after the owner's request found it logged in, the other place logs out by itself.
        const racing = raceAfter(runtime.deps.store, 'listLoggedInSessions', () => places[0]!.call('DELETE', '/api/session'));
        const result = await endOtherSessions(
          { ...runtime.deps, store: racing.store },
          { token, password: GOOD_PASSWORD, only: elsewhere.ref },
        );
        expect(racing.ran()).toBe(true);
        expect(result).toEqual({ kind: 'done', ended: 0 });
        expect((await lastMail(runtime, email)).kind).not.toBe('oneOtherSessionEnded');
      },
    );

    it('an address change asked as staff log the account out everywhere: its link ends with the sessions', async () => {
      const staff = await staffClient(runtime, 'agent');
      const owner = apiClient(runtime, { clientAddress: '198.51.100.66' });
      const { email, key } = await createActiveAccount(runtime, owner);
      const attacker = apiClient(runtime, { clientAddress: '198.51.100.67' });
      await attacker.post('/api/session', { email, password: GOOD_PASSWORD });
      expect((await attacker.post('/api/session/code', { code: freshCode(key) })).status).toBe(200);
      const id = (await runtime.deps.store.findLiveAccountByEmail(email))!.id;
      // The staff's logout is sent once the change has checked its session (under the account's row),
      // and is given time to land before the change writes its link.
      let cutOff: Promise<{ status: number }> | undefined;
      const { store: racing } = raceAfter(runtime.deps.store, 'findAccountById', async () => {
        cutOff = staff.client.post(`/api/agent/accounts/${id}/end-sessions`, { reason: 'adres niet zelf gewijzigd' });
        await new Promise((resolve) => setTimeout(resolve, 300));
      });
      const theirs = uniqueEmail('overname');
      const token = attacker.cookie().split('=')[1];
      expect(
        await requestEmailChange(
          { ...runtime.deps, store: racing },
          { token, newEmail: theirs, password: GOOD_PASSWORD, requester: '198.51.100.67' },
        ),
      ).toEqual({ kind: 'check-mail' });
      expect((await cutOff)?.status).toBe(200);
      const confirm = tokenFrom((await lastMail(runtime, theirs)).text_body);
      expect((await apiClient(runtime).post('/api/account/email/confirm', { token: confirm })).status).toBe(400);
      expect((await runtime.deps.store.findAccountById(id))?.email).toBe(email);
    });

    // SQLite runs one transaction at a time, so only PostgreSQL lets a registration commit in between.
    (kind === 'postgres' ? it : it.skip)(
      'an address change and a registration of that address at once: the one that commits first has it, never a fault (PostgreSQL)',
      async () => {
        const owner = apiClient(runtime, { clientAddress: '198.51.100.68' });
        const { email } = await createActiveAccount(runtime, owner);
        const newEmail = uniqueEmail('tegelijk');
        expect((await owner.post('/api/account/email', { newEmail, password: GOOD_PASSWORD })).status).toBe(202);
        const confirm = tokenFrom((await lastMail(runtime, newEmail)).text_body);
        const { policy_number: policyNumber } = await newCustomer(runtime);
        // Someone registers the new address just after the confirmation found it free.
        const racing = raceAfter(runtime.deps.store, 'findLiveAccountByEmail', () =>
          register(runtime.deps, { email: newEmail, policyNumber, lang: 'nl', requester: '198.51.100.69' }),
        );
        const result = await confirmEmailChange({ ...runtime.deps, store: racing.store }, { token: confirm, session: undefined });
        expect(racing.ran()).toBe(true);
        expect(result).toEqual({ kind: 'in-use' });
        expect(
          (await runtime.deps.store.findAccountById((await runtime.deps.store.findLiveAccountByEmail(email))!.id))?.email,
        ).toBe(email);
      },
    );

    (kind === 'postgres' ? it : it.skip)(
      'the old mailbox alone, asking for a new password as the owner moves the account: no link goes to it (PostgreSQL)',
      async () => {
        const owner = apiClient(runtime, { clientAddress: '198.51.100.64' });
        const { email } = await createActiveAccount(runtime, owner);
        const newEmail = uniqueEmail('eigen');
        expect((await owner.post('/api/account/email', { newEmail, password: GOOD_PASSWORD })).status).toBe(202);
        const confirm = tokenFrom((await lastMail(runtime, newEmail)).text_body);
        // The owner's confirmation commits just after the request for a new password looked the address up.
        const racing = raceAfter(runtime.deps.store, 'findLiveAccountByEmail', async () =>
          expect(await confirmEmailChange(runtime.deps, { token: confirm, session: undefined })).toMatchObject({
            kind: 'changed',
          }),
        );
        const before = (await mailsTo(runtime, email)).length;
        await requestPasswordReset({ ...runtime.deps, store: racing.store }, { email, lang: 'nl', requester: '198.51.100.65' });
        expect(racing.ran()).toBe(true);
        // Newest first: the old address hears of the change, and that it has no account (any more).
        const after = await mailsTo(runtime, email);
        expect(after.slice(0, after.length - before).map((m) => m.kind)).toEqual(['resetUnknown', 'emailChanged']);
      },
    );

    it('a new phone proven earlier is no key under the mat: days later the mailbox alone meets a fresh request', async () => {
      const { email, recoveryCodes } = await createActiveAccount(runtime, apiClient(runtime));
      // The customer once logged in with a recovery code (phone at home) and carried on with the old phone.
      const customer = apiClient(runtime);
      await customer.post('/api/session', { email, password: GOOD_PASSWORD });
      expect((await customer.post('/api/session/recovery-code', { code: recoveryCodes[0] })).status).toBe(200);
      const clock = runtime.deps.clock;
      const realNow = clock.now;
      try {
        clock.now = () => realNow() + 10 * 86_400_000;
        const attacker = apiClient(runtime, { clientAddress: '198.51.100.10' });
        await attacker.post('/api/password/reset-request', { email });
        await attacker.post('/api/password/reset', {
          token: tokenFrom((await lastMail(runtime, email)).text_body),
          password: 'mijn brievenbus nu',
        });
        await attacker.post('/api/authenticator/rebind', { email, password: 'mijn brievenbus nu' });
        const opened = await attacker.post('/api/authenticator/rebind/start', {
          token: tokenFrom((await lastMail(runtime, email)).text_body),
        });
        expect(opened.json.request.status).toBe('open');
        expect((await attacker.post('/api/authenticator/enrolment')).status).toBe(401);
      } finally {
        clock.now = realNow;
      }
    });

    it('the asker’s mailbox alone: a new password chosen from it, then the staff-approved takeover link, links nothing', async () => {
      const { email } = await takeoverAsked(['192.0.2.94', '192.0.2.95', '198.51.100.96']);
      const agent = await staffClient(runtime, 'agent');
      const supervisor = await staffClient(runtime, 'supervisor');
      const id = (await agent.client.post('/api/agent/lookup', { q: email, reason: 'collega belt' })).json.accounts[0].requests[0]
        .id;
      await agent.client.post(`/api/agent/requests/${id}/approve`, { reason: 'teruggebeld op het KvK-nummer' });
      await supervisor.client.post(`/api/agent/requests/${id}/approve`, { reason: 'akkoord' });
      const token = tokenFrom((await lastMail(runtime, email)).text_body);
      // Whoever reads the mailbox sets a password of their own: that ends the takeover, and so its link.
      const mailbox = apiClient(runtime, { clientAddress: '198.51.100.97' });
      await newPasswordByMail(runtime, mailbox, email, 'mijn eigen wachtwoord nu');
      const opened = await mailbox.post('/api/authenticator/takeover/start', { token, password: 'mijn eigen wachtwoord nu' });
      expect(opened.json.error.code).toBe('linkInvalid');
      await mailbox.post('/api/session', { email, password: 'mijn eigen wachtwoord nu' });
      expect((await mailbox.post('/api/authenticator/enrolment')).status).toBe(409);
    });

    it('a staff laptop left unlocked: its session alone approves nothing, opens no takeover, changes no staff and reads no audit log once its code is ten minutes old', async () => {
      const { email } = await takeoverAsked(['192.0.2.84', '192.0.2.85', '198.51.100.86']);
      const agent = await staffClient(runtime, 'agent');
      const supervisor = await staffClient(runtime, 'supervisor');
      const colleague = await staffClient(runtime, 'supervisor');
      const asker = async () =>
        (await agent.client.post('/api/agent/lookup', { q: email, reason: 'collega belt' })).json.accounts[0];
      const lookup = async () => (await asker()).requests[0];
      const id = (await lookup()).id;
      const askerId = (await asker()).id;
      const approve = `/api/agent/requests/${id}/approve`;
      // Just logged in with the app's code: the first approval needs no other.
      expect((await agent.client.post(approve, { reason: 'teruggebeld op het KvK-nummer' })).status).toBe(200);
      const colleagueId = (await supervisor.client.get('/api/agent/staff')).json.staff.find(
        (member: { email: string }) => member.email === colleague.email,
      ).id;
      const { clock } = runtime.deps;
      const realNow = clock.now;
      const later = realNow() + 11 * 60_000;
      try {
        clock.now = () => later;
        // Whoever sits down at the supervisor's laptop, or copied its cookie, has the session, not the phone.
        for (const [path, body] of [
          [approve, { reason: 'akkoord' }],
          [`/api/agent/staff/${colleagueId}/disable`, { reason: 'weg ermee' }],
          ['/api/agent/takeovers', { accountId: crypto.randomUUID(), reason: 'klant belt' }],
          // Stopping the company's takeover, or logging its colleague out, would keep the company out.
          [`/api/agent/requests/${id}/stop`, { reason: 'houder belt' }],
          [`/api/agent/accounts/${askerId}/end-sessions`, { reason: 'houder belt' }],
          [`/api/agent/accounts/${askerId}/lift-lock`, { reason: 'klant belt' }],
          // Who looked up whom, and why: read on screen or exported.
          ['/api/agent/audit', { from: '2026-01-01', to: '2026-12-31' }],
          ['/api/agent/audit', { from: '2026-01-01', to: '2026-12-31', format: 'csv' }],
        ] as const) {
          const asked = await supervisor.client.post(path, body);
          expect(asked.status, path).toBe(403);
          expect(asked.json.error.code).toBe('confirmWithCode');
        }
        // A guess is a wrong code, refused and counted as at login.
        const guessed = await supervisor.client.post(approve, { reason: 'akkoord', code: plainMisses(supervisor.key, 30, 1)[0] });
        expect(guessed.json.error.code).toBe('codeRefused');
        expect((await lookup()).status).toBe('open');
        expect((await supervisor.client.get('/api/agent/staff')).json.staff).toContainEqual(
          expect.objectContaining({ email: colleague.email, state: 'active' }),
        );
        // Back at the desk, the supervisor sends the app's code with the approval; the next action asks nothing more.
        const approved = await supervisor.client.post(approve, { reason: 'akkoord', code: codeFor(supervisor.key, 0, later) });
        expect(approved.json).toEqual({ status: 'proven' });
        const enable = await supervisor.client.post(`/api/agent/staff/${colleagueId}/enable`, { reason: 'al actief' });
        expect(enable.json.error.code).toBe('notApplicable');
        expect((await supervisor.client.post('/api/agent/audit', { from: '2026-01-01', to: '2026-12-31' })).status).toBe(200);
        // The code just given, seen over a shoulder and sent again, is spent.
        const replayed = await supervisor.client.post(`/api/agent/staff/${colleagueId}/disable`, {
          reason: 'weg ermee',
          code: codeFor(supervisor.key, 0, later),
        });
        expect(replayed.json.error.code).toBe('codeRefused');
        expect(replayed.json.diagnosis.kind).toBe('usedCode');
      } finally {
        clock.now = realNow;
      }
    });

    it('a shared computer where the owner proved a new phone and walked away links no app for a later request', async () => {
      const { email, recoveryCodes } = await createActiveAccount(runtime, apiClient(runtime));
      /** Password, mailed link, opened, and proven with a recovery code: a session that may link the app. */
      const provenPhone = async (client: ApiClient, code: string) => {
        expect((await client.post('/api/authenticator/rebind', { email, password: GOOD_PASSWORD })).status).toBe(202);
        const token = tokenFrom((await lastMail(runtime, email)).text_body);
        expect((await client.post('/api/authenticator/rebind/start', { token })).status).toBe(200);
        expect((await client.post('/api/recovery/recovery-code', { code })).json.request.status).toBe('proven');
      };
      const { clock } = runtime.deps;
      const realNow = clock.now;
      const start = realNow();
      try {
        const shared = apiClient(runtime, { clientAddress: '192.0.2.91' });
        await provenPhone(shared, recoveryCodes[0]!);
        // Left open, and looked at again before it idles out; its request lapses unused.
        clock.now = () => start + 25 * 60_000;
        expect((await shared.get('/api/recovery')).status).toBe(200);
        clock.now = () => start + 40 * 60_000;
        // At home, the owner asks again and proves it there.
        await provenPhone(apiClient(runtime, { clientAddress: '192.0.2.92' }), recoveryCodes[1]!);
        // The next person at the shared computer gets no key, so has none to confirm, nor a proof to give.
        expect((await shared.post('/api/authenticator/enrolment')).status).toBe(401);
        const confirm = await shared.post('/api/authenticator/enrolment/confirm', { code: '123456' });
        expect(confirm.json.error.code).toBe('enrolmentExpired');
        expect((await shared.get('/api/recovery')).status).toBe(401);
      } finally {
        clock.now = realNow;
      }
    });

    it('a password reset ends a proven new phone that is waiting to be linked', async () => {
      const { email, recoveryCodes } = await createActiveAccount(runtime, apiClient(runtime));
      const customer = apiClient(runtime);
      await customer.post('/api/session', { email, password: GOOD_PASSWORD });
      await customer.post('/api/session/recovery-code', { code: recoveryCodes[0] });
      const waiting = tokenFrom((await lastMail(runtime, email)).text_body);
      const attacker = apiClient(runtime, { clientAddress: '198.51.100.11' });
      await attacker.post('/api/password/reset-request', { email });
      await attacker.post('/api/password/reset', {
        token: tokenFrom((await lastMail(runtime, email)).text_body),
        password: 'mijn brievenbus nu',
      });
      expect((await attacker.post('/api/authenticator/rebind/start', { token: waiting })).status).toBe(400);
      await attacker.post('/api/authenticator/rebind', { email, password: 'mijn brievenbus nu' });
      const opened = await attacker.post('/api/authenticator/rebind/start', {
        token: tokenFrom((await lastMail(runtime, email)).text_body),
      });
      expect(opened.json.request.status).toBe('open');
    });

    it('the password and a recovery code sheet cannot move the account to another mailbox', async () => {
      const { email, recoveryCodes } = await createActiveAccount(runtime, apiClient(runtime));
      const thief = apiClient(runtime, { clientAddress: '198.51.100.12' });
      await thief.post('/api/session', { email, password: GOOD_PASSWORD });
      expect((await thief.post('/api/session/recovery-code', { code: recoveryCodes[1] })).status).toBe(200);
      const change = await thief.post('/api/account/email', { newEmail: uniqueEmail('dief'), password: GOOD_PASSWORD });
      expect(change.status).toBe(403);
      expect(change.json.error.code).toBe('appNeeded');
      // The stop link the account's address got still works.
      const notice = (await lastMail(runtime, email)).text_body;
      expect((await apiClient(runtime).post('/api/recovery/cancel', { token: cancelTokenFrom(notice) })).status).toBe(200);
      expect((await thief.get('/api/session')).status).toBe(401);
    });

    it('the password and a recovery code sheet cannot stop a colleague taking over the company login', async () => {
      const customer = await newCustomer(runtime);
      const holder = apiClient(runtime, { clientAddress: '192.0.2.61' });
      const { email, recoveryCodes } = await createActiveAccount(runtime, holder, customer.policy_number);
      const colleague = apiClient(runtime, { clientAddress: '192.0.2.62' });
      const colleagueEmail = uniqueEmail('collega');
      await registerAndActivate(runtime, colleague, colleagueEmail, customer.policy_number);
      await colleague.post('/api/session', { email: colleagueEmail, password: GOOD_PASSWORD });
      expect((await colleague.post('/api/recovery/replacement')).status).toBe(200);

      const thief = apiClient(runtime, { clientAddress: '198.51.100.62' });
      await thief.post('/api/session', { email, password: GOOD_PASSWORD });
      expect((await thief.post('/api/session/recovery-code', { code: recoveryCodes[2] })).status).toBe(200);
      const [takeover] = (await thief.get('/api/session')).json.takeovers;
      const stop = await thief.post(`/api/account/takeover/${takeover.id}/stop`);
      expect(stop.status).toBe(403);
      expect(stop.json.error).toEqual({ code: 'appNeededToStop', message: texts('nl').api.appNeededToStop });
      expect((await colleague.get('/api/recovery')).status).toBe(200);
    });

    it('the password and a recovery code sheet: the owner’s stop link still logs them out after the new phone’s half hour', async () => {
      const { email, recoveryCodes } = await createActiveAccount(runtime, apiClient(runtime, { clientAddress: '192.0.2.63' }));
      const thief = apiClient(runtime, { clientAddress: '198.51.100.63' });
      await thief.post('/api/session', { email, password: GOOD_PASSWORD });
      expect((await thief.post('/api/session/recovery-code', { code: recoveryCodes[4] })).status).toBe(200);
      const stopToken = cancelTokenFrom((await lastMail(runtime, email)).text_body);
      // The thief keeps the session busy; the owner reads the mail 40 minutes later.
      const { clock } = runtime.deps;
      const real = clock.now;
      try {
        for (const minutes of [20, 40]) {
          clock.now = () => real() + minutes * 60_000;
          expect((await thief.get('/api/session')).status).toBe(200);
        }
        const owner = apiClient(runtime);
        expect((await owner.post('/api/links/check', { token: stopToken, purpose: 'cancel-request' })).status).toBe(200);
        const stop = await owner.post('/api/recovery/cancel', { token: stopToken });
        expect(stop.json).toEqual({ status: 'loggedOut', kind: 'rebind' });
        expect((await thief.get('/api/session')).status).toBe(401);
        // Once.
        expect((await owner.post('/api/recovery/cancel', { token: stopToken })).status).toBe(400);
      } finally {
        clock.now = real;
      }
    });

    it('the password and two recovery codes: either mail’s stop link, used later, ends both logins and the new phone asked since', async () => {
      const { email, recoveryCodes } = await createActiveAccount(runtime, apiClient(runtime, { clientAddress: '192.0.2.64' }));
      const { clock } = runtime.deps;
      const real = clock.now;
      const at = (minutes: number) => (clock.now = () => real() + minutes * 60_000);
      const recoveryLogin = async (code: string, address: string) => {
        const thief = apiClient(runtime, { clientAddress: address });
        await thief.post('/api/session', { email, password: GOOD_PASSWORD });
        expect((await thief.post('/api/session/recovery-code', { code })).status).toBe(200);
        return { thief, stop: cancelTokenFrom((await lastMail(runtime, email)).text_body) };
      };
      try {
        // A second code within the first one's half hour: the same new phone, a second mail.
        const first = await recoveryLogin(recoveryCodes[5]!, '198.51.100.64');
        at(10);
        const second = await recoveryLogin(recoveryCodes[6]!, '198.51.100.65');
        at(25);
        for (const { thief } of [first, second]) expect((await thief.get('/api/session')).status).toBe(200);
        at(45);
        expect((await second.thief.get('/api/session')).status).toBe(200);
        const owner = apiClient(runtime);
        expect((await owner.post('/api/recovery/cancel', { token: second.stop })).json).toEqual({
          status: 'loggedOut',
          kind: 'rebind',
        });
        for (const { thief } of [first, second]) expect((await thief.get('/api/session')).status).toBe(401);

        // A third code after that half hour starts a new phone of its own; the first mail's link stops it.
        const third = await recoveryLogin(recoveryCodes[7]!, '198.51.100.66');
        at(50);
        expect((await owner.post('/api/recovery/cancel', { token: first.stop })).json).toEqual({
          status: 'cancelled',
          kind: 'rebind',
        });
        expect((await third.thief.get('/api/session')).status).toBe(401);
        const account = (await runtime.deps.store.findLiveAccountByEmail(email))!;
        expect(await runtime.deps.store.findOpenRecoveryRequest(account.id, clock.now())).toBeUndefined();
      } finally {
        clock.now = real;
      }
    });

    it('guesses sent all at once meet the lock like guesses one by one', async () => {
      const { email, key } = await createActiveAccount(runtime, apiClient(runtime));
      const guesser = apiClient(runtime, { clientAddress: '198.51.100.13' });
      await guesser.post('/api/session', { email, password: GOOD_PASSWORD });
      const right = freshCode(key);
      const wrong = Array.from({ length: 30 }, (_, i) => String(100_000 + i * 7919).slice(0, 6)).filter((c) => c !== right);
      const answers = await Promise.all([...wrong, right].map((code) => guesser.post('/api/session/code', { code })));
      const checked = answers.filter((a) => a.status !== 429);
      expect(checked.length).toBeLessThanOrEqual(5);
      expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(answers.length - 5);
    });

    it('the password alone: wrong codes after it tell the mailbox, once in a clock hour, that someone else may know the password', async () => {
      const { email, key } = await createActiveAccount(runtime, apiClient(runtime, { clientAddress: '192.0.2.127' }));
      const told = async () => (await mailsTo(runtime, email)).filter((m) => m.kind === 'wrongCodes');
      // Notices are counted per clock hour: the test starts just after one begins.
      const clock = runtime.deps.clock;
      const realNow = clock.now;
      const start = realNow();
      let later = 3_600_000 - (start % 3_600_000) + 60_000;
      clock.now = () => realNow() + later;
      try {
        const guesser = apiClient(runtime, { clientAddress: '198.51.100.14' });
        await guesser.post('/api/session', { email, password: GOOD_PASSWORD });
        // Plain misses for the next two hours: none is taken for a phone clock off.
        const wrong = plainMisses(key, 2 * 3600, 10);
        for (const code of wrong.slice(0, 4)) await guesser.post('/api/session/code', { code });
        expect(await told()).toEqual([]);
        // The fifth locks this browser out for a minute: the mailbox hears of it, with the way to a new password.
        await guesser.post('/api/session/code', { code: wrong[4] });
        const [notice] = await told();
        expect(notice!.text_body).toMatch(/niet de goede code/);
        expect(notice!.text_body).toMatch(/iemand anders uw wachtwoord/);
        expect(notice!.text_body).toContain(`${ORIGIN}/portaal/wachtwoord-vergeten/`);
        // The next lock in the same hour sends no more.
        later += 2 * 60_000;
        for (const code of wrong.slice(5)) await guesser.post('/api/session/code', { code });
        expect(await told()).toHaveLength(1);
      } finally {
        clock.now = realNow;
      }
    });

    it('the password alone: a lock reached with a typing slip or a wrong recovery code is said in its answer and told to the mailbox', async () => {
      for (const [address, last] of [
        ['192.0.2.129', (c: ApiClient) => c.post('/api/session/code', { code: 'x' })],
        ['192.0.2.130', (c: ApiClient) => c.post('/api/session/recovery-code', { code: 'AAAA-AAAA-AAAA-AAAA' })],
      ] as const) {
        const { email, key } = await createActiveAccount(runtime, apiClient(runtime, { clientAddress: address }));
        const guesser = apiClient(runtime, { clientAddress: '198.51.100.15' });
        await guesser.post('/api/session', { email, password: GOOD_PASSWORD });
        for (const code of plainMisses(key, 600, 4)) await guesser.post('/api/session/code', { code });
        // The try that locks says so, whatever was typed: else the owner would retype the right code into a lock.
        const locking = await last(guesser);
        expect(locking.json.lockedUntil).toBeGreaterThan(Date.now());
        expect(locking.json.error.message).toMatch(/tot \d{2}:\d{2} uur niet inloggen/);
        expect((await guesser.post('/api/session/code', { code: freshCode(key) })).status).toBe(429);
        expect((await mailsTo(runtime, email)).map((m) => m.kind)).toContain('wrongCodes');
      }
    });

    it('the mailbox alone: a new password with every five wrong codes still meets the lock of a hundred', async () => {
      const { email, key, recoveryCodes } = await createActiveAccount(runtime, apiClient(runtime));
      const clock = runtime.deps.clock;
      const realNow = clock.now;
      let later = 0;
      clock.now = () => realNow() + later;
      try {
        // Plain misses over these two hours: never a code a check could take for a phone clock off.
        const wrong = plainMisses(key, 2 * 3600, 100);
        let refused = 0;
        for (let round = 0; round < 20; round++) {
          // Every round a new password from the mailbox, a few minutes apart (the mail limit allows it).
          later += 4 * 60_000;
          const attacker = apiClient(runtime, { clientAddress: `198.51.100.${100 + round}` });
          const password = `de brievenbus ronde ${round} van mij`;
          await newPasswordByMail(runtime, attacker, email, password);
          expect((await attacker.post('/api/session', { email, password })).json).toEqual({ next: 'code' });
          for (let i = 0; i < 5; i++) {
            expect((await attacker.post('/api/session/code', { code: wrong[refused]! })).status).toBe(401);
            refused++;
          }
        }
        // A hundred wrong codes in a row: a new password does not lift that lock, not even for the right code.
        later += 4 * 60_000;
        const owner = apiClient(runtime);
        await newPasswordByMail(runtime, owner, email, GOOD_PASSWORD);
        await owner.post('/api/session', { email, password: GOOD_PASSWORD });
        const locked = await owner.post('/api/session/code', { code: codeFor(key, 0, clock.now()) });
        expect(locked.status).toBe(429);
        expect(locked.json.error.message).toMatch(/herstelcode/);
        // A recovery code still logs in, and starts a new phone; the app linked then starts with no misses.
        await owner.post('/api/session', { email, password: GOOD_PASSWORD });
        expect((await owner.post('/api/session/recovery-code', { code: recoveryCodes[0] })).status).toBe(200);
        const link = tokenFrom((await lastMail(runtime, email)).text_body);
        expect((await owner.post('/api/authenticator/rebind/start', { token: link, password: GOOD_PASSWORD })).status).toBe(200);
        const newKey = (await owner.post('/api/authenticator/enrolment')).json.key.replace(/\s/g, '');
        const linked = await owner.post('/api/authenticator/enrolment/confirm', { code: codeFor(newKey, 0, clock.now()) });
        expect(linked.status).toBe(200);
        await owner.post('/api/session', { email, password: GOOD_PASSWORD });
        expect((await owner.post('/api/session/code', { code: codeFor(newKey, 30, clock.now()) })).status).toBe(200);
      } finally {
        clock.now = realNow;
      }
    });

    it('a letter’s code takes five tries in all, however they are sent', async () => {
      const { email } = await createActiveAccount(runtime, apiClient(runtime));
      const phone = apiClient(runtime);
      await phone.post('/api/authenticator/rebind', { email, password: GOOD_PASSWORD });
      await phone.post('/api/authenticator/rebind/start', { token: tokenFrom((await lastMail(runtime, email)).text_body) });
      expect((await phone.post('/api/recovery/letter')).status).toBe(202);
      const guesses = Array.from({ length: 12 }, (_, i) => `ACDE-FG${'HJKMNPQRTUVW'[i]}H`);
      const answers = await Promise.all(guesses.map((code) => phone.post('/api/recovery/letter-code', { code })));
      expect(answers.filter((a) => a.json?.error?.code === 'letterCodeRefused').length).toBeLessThanOrEqual(5);
      // A new letter only a day after one was used up, and three letters per request at most.
      expect((await phone.post('/api/recovery/letter')).json.error.code).toBe('proofNotOffered');
      expect(
        (await runtime.deps.store.listLetters('pending', 1000)).filter((l) => l.kind === 'rebindCode').length,
      ).toBeGreaterThan(0);
    });

    it('two new accounts of one company linking their apps at once: one wins, the other is told, never an error', async () => {
      const customer = await newCustomer(runtime);
      const clients = [apiClient(runtime), apiClient(runtime)];
      const keys: string[] = [];
      for (const client of clients) {
        const email = uniqueEmail('tegelijk');
        await registerAndActivate(runtime, client, email, customer.policy_number);
        await client.post('/api/session', { email, password: GOOD_PASSWORD });
        keys.push((await client.post('/api/authenticator/enrolment')).json.key.replace(/\s/g, ''));
      }
      const results = await Promise.all(
        clients.map((client, i) => client.post('/api/authenticator/enrolment/confirm', { code: freshCode(keys[i]!) })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    });

    it('a replaced account is told so at login, with the date, only with its right password', async () => {
      const customer = await newCustomer(runtime);
      const { email: oldEmail } = await createActiveAccount(runtime, apiClient(runtime), customer.policy_number);
      // Take over through the letter, the way a colleague would.
      // Its own address: the suite's other browsers share one, and with it an hour's mail allowance.
      const successor = apiClient(runtime, { clientAddress: '192.0.2.128' });
      const successorEmail = uniqueEmail('opvolger');
      await registerAndActivate(runtime, successor, successorEmail, customer.policy_number);
      await successor.post('/api/session', { email: successorEmail, password: GOOD_PASSWORD });
      await successor.post('/api/recovery/replacement');
      await successor.post('/api/recovery/letter');
      const letter = (await runtime.deps.store.listLetters('pending', 1000)).find(
        (l) => l.customer_id === customer.id && l.kind === 'replaceCode',
      )!;
      const code = /([ACDEFGHJKMNPQRTUVWXY34679]{4}-[ACDEFGHJKMNPQRTUVWXY34679]{4})/.exec(letter.body)![1]!;
      expect((await successor.post('/api/recovery/letter-code', { code })).json.request.status).toBe('proven');
      const offer = await successor.post('/api/authenticator/enrolment');
      const bound = await successor.post('/api/authenticator/enrolment/confirm', {
        code: freshCode(offer.json.key.replace(/\s/g, '')),
      });
      expect(bound.json.next).toBe('portal');

      const replaced = await apiClient(runtime).post('/api/session', { email: oldEmail, password: GOOD_PASSWORD });
      expect(replaced.status).toBe(403);
      expect(replaced.json.error.code).toBe('accountReplaced');
      expect(replaced.json.error.message).toMatch(/Op \d{1,2} \w+ \d{4} om \d{2}:\d{2} heeft een ander account/);
      expect((await lastMail(runtime, oldEmail)).kind).toBe('replaced');
      const wrong = await apiClient(runtime).post('/api/session', { email: oldEmail, password: 'niet het wachtwoord' });
      expect(wrong.status).toBe(401);
    });

    it('a policy number and a mailbox: the email login they set up is shown to the colleagues who use eHerkenning, who take it over', async () => {
      const customer = await newCustomer(runtime);
      const identity = {
        kvkNumber: customer.kvk_number,
        branchNumber: null,
        pseudonym: `eigenaar-${customer.kvk_number}`,
        intermediaryKvk: null as string | null,
        level: 'loa3' as const,
      };
      /** The portal home of someone at the company, logged in with eHerkenning (directly or through an intermediary). */
      const portalOf = async (intermediaryKvk: string | null = null) => {
        const login = await loginWithEherkenning(runtime.deps, {
          identity: { ...identity, intermediaryKvk, pseudonym: `${identity.pseudonym}-${intermediaryKvk}` },
          idToken: 'id-token',
          minimum: 'loa3',
        });
        if (login.kind !== 'ok') throw new Error(login.kind);
        const browser = apiClient(runtime);
        browser.setCookie(`__Host-session=${login.token}`);
        const view = await browser.get('/api/session');
        expect(view.status).toBe(200);
        return view.json;
      };
      expect((await portalOf()).companyLogin).toBeNull();

      const stranger = uniqueEmail('vreemde');
      await createActiveAccount(runtime, apiClient(runtime, { clientAddress: '192.0.2.131' }), customer.policy_number, stranger);
      const seen = (await portalOf()).companyLogin;
      expect(seen).toEqual({ email: expect.stringMatching(/^v\*\*\*@/), since: expect.any(Number), recent: true });
      expect(JSON.stringify(seen)).not.toContain(stranger.split('@')[0]);
      expect(Date.now() - seen.since).toBeLessThan(60_000);
      // Someone acting through an intermediary sees it too (the page offers them no takeover).
      expect((await portalOf('90001234')).companyLogin).toEqual(seen);
      // A month on, it is no longer news, but it is still there.
      const clock = runtime.deps.clock;
      const realNow = clock.now;
      clock.now = () => realNow() + NEW_COMPANY_LOGIN_MS;
      try {
        expect((await portalOf()).companyLogin).toEqual({ ...seen, recent: false });
      } finally {
        clock.now = realNow;
      }

      // Nobody at the company knows the address: a colleague sets up a login of their own and
      // takes the company's over with eHerkenning, without waiting; the stranger is out.
      const colleague = apiClient(runtime, { clientAddress: '192.0.2.132' });
      const colleagueEmail = uniqueEmail('collega');
      await registerAndActivate(runtime, colleague, colleagueEmail, customer.policy_number);
      await colleague.post('/api/session', { email: colleagueEmail, password: GOOD_PASSWORD });
      const token = colleague.cookie().split('=')[1];
      const proof = await proveWithEherkenning(runtime.deps, { token, identity, minimum: 'loa3' });
      if (proof.kind !== 'proven') throw new Error(proof.kind);
      // The session goes on under a new id, as the browser's cookie does on the way back.
      colleague.setCookie(`__Host-session=${proof.token}`);
      const offer = await colleague.post('/api/authenticator/enrolment');
      const bound = await colleague.post('/api/authenticator/enrolment/confirm', {
        code: freshCode(offer.json.key.replace(/\s/g, '')),
      });
      expect(bound.status).toBe(200);
      expect((await lastMail(runtime, stranger)).kind).toBe('replaced');
      expect((await portalOf()).companyLogin).toEqual({
        email: expect.stringMatching(/^c\*\*\*@/),
        since: expect.any(Number),
        recent: true,
      });
    });
  });
});
