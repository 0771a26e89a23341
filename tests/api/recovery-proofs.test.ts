import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVEN_TTL_MS, TAKEOVER_NOTICES_PER_HOUR } from '../../src/auth/policy.ts';
import { staffSession } from '../../src/auth/agents/staff.ts';
import { approveRequest } from '../../src/auth/recovery/approve.ts';
import { staffStopRequest } from '../../src/auth/recovery/cancel.ts';
import { proveWithEherkenning } from '../../src/auth/recovery/proofs.ts';
import { newRequestRow } from '../../src/auth/recovery/requests.ts';
import {
  apiClient,
  cancelTokenFrom,
  createActiveAccount,
  GOOD_PASSWORD,
  letterCode,
  newPasswordByMail,
  lastMail,
  mailsTo,
  newCustomer,
  registerAndActivate,
  tokenFrom,
  uniqueEmail,
  type ApiClient,
} from '../support/api.ts';
import { testRuntime, forEachStore } from '../support/runtime.ts';
import { staffClient } from '../support/staff.ts';
import { codeFor, freshCode } from '../support/totp.ts';
import { agentAction } from '../../src/auth/agents/actions.ts';

type Runtime = Awaited<ReturnType<typeof testRuntime>>;

/** Password, mailed link, opened: the session that gives the proof. */
async function askNewPhone(runtime: Runtime, email: string) {
  const phone = apiClient(runtime);
  expect((await phone.post('/api/authenticator/rebind', { email, password: GOOD_PASSWORD })).status).toBe(202);
  const opened = await phone.post('/api/authenticator/rebind/start', {
    token: tokenFrom((await lastMail(runtime, email)).text_body),
  });
  expect(opened.status).toBe(200);
  return { phone, request: opened.json.request };
}

/** Links the app shown to this session; returns the new key and the answer. */
async function linkApp(client: ApiClient) {
  const offer = await client.post('/api/authenticator/enrolment');
  expect(offer.status).toBe(200);
  const key = offer.json.key.replace(/\s/g, '');
  return { key, done: await client.post('/api/authenticator/enrolment/confirm', { code: freshCode(key) }) };
}

/** The link staff's approval mailed to the asker, opened with the password: the session that links the app. */
async function approvedTakeover(runtime: Runtime, email: string) {
  const asker = apiClient(runtime);
  const token = tokenFrom((await lastMail(runtime, email)).text_body);
  expect((await asker.post('/api/authenticator/takeover/start', { token, password: GOOD_PASSWORD })).json).toEqual({
    next: 'enrol',
  });
  return asker;
}

/**
 * A company whose email login is held, and a colleague with a mailbox of their own, logged in at
 * the step that links the first app; each from an address of its own, as the mail limits count per client.
 */
async function heldAndColleague(runtime: Runtime, addresses: [string, string], kvk?: string) {
  const customer = await newCustomer(runtime, kvk ? { kvk } : {});
  const holder = apiClient(runtime, { clientAddress: addresses[0] });
  const { email: holderEmail, key: holderKey } = await createActiveAccount(runtime, holder, customer.policy_number);
  const colleague = apiClient(runtime, { clientAddress: addresses[1] });
  const colleagueEmail = uniqueEmail('collega');
  await registerAndActivate(runtime, colleague, colleagueEmail, customer.policy_number);
  await colleague.post('/api/session', { email: colleagueEmail, password: GOOD_PASSWORD });
  return { customer, holder, holderEmail, holderKey, colleague, colleagueEmail };
}

/**
 * Runs with the clock held at one moment. The app codes a test types come from the real clock,
 * and a second code of one key is a step later than the first: held with ten seconds or more of
 * its step left, a test of a few seconds never types one two steps from the held moment.
 */
async function withClockHeld(runtime: Runtime, work: () => Promise<void>) {
  const { clock } = runtime.deps;
  const realNow = clock.now;
  const left = 30_000 - (realNow() % 30_000);
  if (left < 10_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
  const fixed = realNow();
  clock.now = () => fixed;
  try {
    await work();
  } finally {
    clock.now = realNow;
  }
}

async function logIn(runtime: Runtime, email: string, key: string) {
  const client = apiClient(runtime);
  await client.post('/api/session', { email, password: GOOD_PASSWORD });
  return client.post('/api/session/code', { code: freshCode(key) });
}

forEachStore((kind) => {
  describe(`the honest ways back in, on ${kind}`, () => {
    let runtime: Runtime;
    let agent: Awaited<ReturnType<typeof staffClient>>;
    let supervisor: Awaited<ReturnType<typeof staffClient>>;
    let otherSupervisor: Awaited<ReturnType<typeof staffClient>>;
    beforeAll(async () => {
      runtime = await testRuntime(kind);
      agent = await staffClient(runtime, 'agent');
      supervisor = await staffClient(runtime, 'supervisor');
      otherSupervisor = await staffClient(runtime, 'supervisor');
    });
    afterAll(() => runtime.dispose());

    /** A colleague asks to take over the company's login; with `vouch`, an agent approves it first, and the holder hears so. */
    async function askedTakeover(addresses: [string, string], vouch: boolean, kvk?: string) {
      const company = await heldAndColleague(runtime, addresses, kvk);
      await company.colleague.post('/api/recovery/replacement');
      if (vouch) {
        const asker = (await agent.client.post('/api/agent/lookup', { q: company.colleagueEmail, reason: 'collega belt' })).json
          .accounts[0];
        await agent.client.post(`/api/agent/requests/${asker.requests[0].id}/approve`, { reason: 'teruggebeld' });
        expect((await lastMail(runtime, company.holderEmail)).kind).toBe('replaceVouched');
      }
      return company;
    }

    it('a new phone proven in its request’s last minutes can be stopped for as long as it can be linked', async () => {
      const { email, recoveryCodes } = await createActiveAccount(runtime, apiClient(runtime));
      const { store, clock } = runtime.deps;
      const realNow = clock.now;
      const start = realNow();
      clock.now = () => start;
      try {
        // Asked with the password alone; the request has five minutes left when a recovery code proves it.
        expect((await apiClient(runtime).post('/api/authenticator/rebind', { email, password: GOOD_PASSWORD })).status).toBe(202);
        const account = (await store.findLiveAccountByEmail(email))!;
        const { id } = (await store.findOpenRecoveryRequest(account.id, start))!;
        await store.updateRecoveryRequest(id, { expires_at: start + 5 * 60_000 }, { status: ['open'] });
        const client = apiClient(runtime);
        await client.post('/api/session', { email, password: GOOD_PASSWORD });
        expect((await client.post('/api/session/recovery-code', { code: recoveryCodes[0] })).status).toBe(200);
        const stop = cancelTokenFrom((await lastMail(runtime, email)).text_body);
        const proven = (await store.findRecoveryRequest(id))!;
        expect(proven.status).toBe('proven');
        // To its last second, the owner's stop link still works.
        clock.now = () => proven.expires_at - 1000;
        const check = await apiClient(runtime).post('/api/links/check', { token: stop, purpose: 'cancel-request' });
        expect(check.status).toBe(200);
      } finally {
        clock.now = realNow;
      }
    });

    it('a recovery code in place of the app logs in once and sends the new-phone link, proven already', async () => {
      const { email, recoveryCodes } = await createActiveAccount(runtime, apiClient(runtime));
      const client = apiClient(runtime);
      await client.post('/api/session', { email, password: GOOD_PASSWORD });
      const wrong = await client.post('/api/session/recovery-code', { code: 'ACDE-FGHJ-KMNP-QRTU' });
      expect(wrong.status).toBe(401);
      expect(wrong.json.error.message).toMatch(/herstelcode klopt niet/);
      const ok = await client.post('/api/session/recovery-code', { code: recoveryCodes[2]!.replace(/-/g, ' ') });
      expect(ok.json).toEqual({ next: 'portal', codesLeft: 9, newPhoneMailSent: true });
      expect((await client.get('/api/session')).json.recoveryCodesLeft).toBe(9);
      const mail = await lastMail(runtime, email);
      expect(mail.kind).toBe('recoveryCodeUsed');
      expect(mail.text_body).toMatch(/Op \d{1,2} \w+ \d{4} om \d{2}:\d{2} is op uw account/);
      // The same code never works twice.
      const again = apiClient(runtime);
      await again.post('/api/session', { email, password: GOOD_PASSWORD });
      expect((await again.post('/api/session/recovery-code', { code: recoveryCodes[2] })).status).toBe(401);

      // Proven already, so the link alone (the mailbox alone) links nothing: the password comes with it.
      const phone = apiClient(runtime);
      const link = tokenFrom(mail.text_body);
      const bare = await phone.post('/api/authenticator/rebind/start', { token: link });
      expect([bare.status, bare.json.error.code]).toEqual([401, 'passwordNeeded']);
      const guessed = await phone.post('/api/authenticator/rebind/start', { token: link, password: 'niet mijn wachtwoord' });
      expect([guessed.status, guessed.json.error.code]).toEqual([401, 'passwordRefused']);
      const opened = await phone.post('/api/authenticator/rebind/start', { token: link, password: GOOD_PASSWORD });
      expect(opened.json.request).toMatchObject({ kind: 'rebind', status: 'proven' });
      const { key, done } = await linkApp(phone);
      expect(done.json.next).toBe('login');
      expect((await logIn(runtime, email, key)).status).toBe(200);
    });

    it('a letter to the company: sent once, says when it comes, and its code proves a new phone', async () => {
      const customer = await newCustomer(runtime);
      const { email } = await createActiveAccount(runtime, apiClient(runtime), customer.policy_number);
      const { phone, request } = await askNewPhone(runtime, email);
      expect(request.proofs).toContain('letter');
      const sent = await phone.post('/api/recovery/letter?lang=en');
      expect(sent.status).toBe(202);
      const { letter } = sent.json.request;
      expect(letter.expectedBy).toBeGreaterThan(letter.sentAt + 86_400_000);
      expect(letter.validUntil).toBe(letter.sentAt + 14 * 86_400_000);
      // Asking again within the week sends no second letter.
      await phone.post('/api/recovery/letter');
      const letters = (await runtime.deps.store.listLetters('pending', 1000)).filter(
        (l) => l.kind === 'rebindCode' && l.customer_id === customer.id,
      );
      expect(letters).toHaveLength(1);
      expect(letters[0]).toMatchObject({ lang: 'en', recipient: customer.company_name, postal_code: '9993 ZZ' });
      expect(letters[0]!.body).toMatch(/works until \d{1,2} \w+ \d{4} at \d{2}:\d{2}/);

      // Days later: password and mailbox again, then the code from the letter.
      const { phone: later, request: waiting } = await askNewPhone(runtime, email);
      expect(waiting.letter).toEqual(letter);
      const proven = await later.post('/api/recovery/letter-code', {
        code: (await letterCode(runtime, customer.id)).toLowerCase(),
      });
      expect(proven.json.request.status).toBe('proven');
      expect((await linkApp(later)).done.json.next).toBe('login');
    });

    it('letters asked for at once: one is sent, and its code is the one that works', async () => {
      const customer = await newCustomer(runtime);
      const { email } = await createActiveAccount(runtime, apiClient(runtime), customer.policy_number);
      const { phone } = await askNewPhone(runtime, email);
      const answers = await Promise.all(Array.from({ length: 6 }, () => phone.post('/api/recovery/letter')));
      expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202, 202]);
      const letters = (await runtime.deps.store.listLetters('pending', 1000)).filter(
        (l) => l.customer_id === customer.id && l.kind === 'rebindCode',
      );
      expect(letters).toHaveLength(1);
      const proven = await phone.post('/api/recovery/letter-code', { code: await letterCode(runtime, customer.id) });
      expect(proven.json.request.status).toBe('proven');
    });

    it('no letter for a company without an address on record', async () => {
      const customer = await newCustomer(runtime, { address: false });
      const { email } = await createActiveAccount(runtime, apiClient(runtime), customer.policy_number);
      const { phone, request } = await askNewPhone(runtime, email);
      expect(request.proofs).not.toContain('letter');
      expect((await phone.post('/api/recovery/letter')).status).toBe(409);
    });

    it('eHerkenning for the account’s own company, at the portal’s level, proves a new phone', async () => {
      const customer = await newCustomer(runtime, { kvk: '93000001' });
      const { email } = await createActiveAccount(runtime, apiClient(runtime), customer.policy_number);
      const { phone } = await askNewPhone(runtime, email);
      const token = phone.cookie().split('=')[1];
      const identity = { kvkNumber: '93000001', branchNumber: null, pseudonym: 'p-1', intermediaryKvk: null };
      const prove = (kvkNumber: string, level: 'loa2' | 'loa3', branchNumber: string | null = null) =>
        proveWithEherkenning(runtime.deps, { token, identity: { ...identity, kvkNumber, level, branchNumber }, minimum: 'loa3' });
      expect(await prove('93000002', 'loa3')).toEqual({ kind: 'other-company' });
      // One branch's authorisation does not log in to the company's record, so it does not vouch for it either.
      expect(await prove('93000001', 'loa3', '000093000099')).toEqual({ kind: 'other-company' });
      expect(await prove('93000001', 'loa2')).toEqual({ kind: 'level-too-low', level: 'EH2' });
      const proven = await prove('93000001', 'loa3');
      expect(proven.kind).toBe('proven');
      phone.setCookie(`__Host-session=${(proven as { token: string }).token}`);
      expect((await linkApp(phone)).done.json.next).toBe('login');
    });

    it('an agent and then a supervisor, two people, approve a new phone; the customer gets a fresh link', async () => {
      const { email } = await createActiveAccount(runtime, apiClient(runtime));
      await askNewPhone(runtime, email);
      const lookup = async (who: typeof agent) =>
        (await who.client.post('/api/agent/lookup', { q: email, reason: 'klant belt voor telefoon' })).json.accounts[0]
          .requests[0];
      const request = await lookup(agent);
      expect(request).toMatchObject({ kind: 'rebind', side: 'asker', status: 'open', approvals: [] });
      // Staff stop takeovers only: a new phone is the account's own, and links nothing without a third proof.
      expect(
        (await agent.client.post(`/api/agent/requests/${request.id}/stop`, { reason: 'klant belt' })).json.error,
      ).toMatchObject({
        code: 'requestNotFound',
        message: 'Wij kennen dit verzoek niet. Laad de pagina opnieuw.',
      });
      const approve = (who: typeof agent, reason = 'teruggebeld op het nummer uit de polis, KvK-uittreksel gezien') =>
        who.client.post(`/api/agent/requests/${request.id}/approve`, { reason });
      expect((await approve(agent)).json).toEqual({ status: 'approved' });
      // The same person cannot give the second approval, nor can an agent.
      expect((await approve(agent)).json.error.code).toBe('sameApprover');
      const anotherAgent = await staffClient(runtime, 'agent');
      expect((await approve(anotherAgent)).json.error.code).toBe('needsSupervisor');
      expect((await approve(supervisor, 'gecontroleerd met de medewerker')).json).toEqual({ status: 'proven' });
      expect((await approve(otherSupervisor)).json.error.code).toBe('requestNotOpen');
      const seen = await lookup(supervisor);
      expect(seen.status).toBe('proven');
      expect(seen.approvals.map((a: { by: string }) => a.by)).toEqual([agent.email, supervisor.email]);
      // Both approvals are in the audit log, with the check that was done.
      const day = new Date().toISOString().slice(0, 10);
      const audit = (await supervisor.client.post('/api/agent/audit', { from: day, to: day })).json.entries;
      const approvals = audit.filter(
        (e: { action: string; subject: string }) =>
          e.action === 'approveRequest' && e.subject === `new phone for ${email[0]}***@voorbeeld.test`,
      );
      expect(approvals.map((e: { reason: string }) => e.reason)).toContain(
        'teruggebeld op het nummer uit de polis, KvK-uittreksel gezien',
      );

      const mail = await lastMail(runtime, email);
      expect(mail.kind).toBe('rebindApproved');
      const phone = apiClient(runtime);
      const link = tokenFrom(mail.text_body);
      expect((await phone.post('/api/authenticator/rebind/start', { token: link })).json.error.code).toBe('passwordNeeded');
      const opened = await phone.post('/api/authenticator/rebind/start', { token: link, password: GOOD_PASSWORD });
      expect(opened.json.request.status).toBe('proven');
      expect((await linkApp(phone)).done.json.next).toBe('login');
    });

    it('a colleague takes over the company login: the holder is told, keeps working until the proof, then is replaced', async () => {
      const customer = await newCustomer(runtime);
      const holder = apiClient(runtime);
      const { email: holderEmail, key: holderKey } = await createActiveAccount(runtime, holder, customer.policy_number);
      const colleague = apiClient(runtime);
      const colleagueEmail = uniqueEmail('collega');
      await registerAndActivate(runtime, colleague, colleagueEmail, customer.policy_number);
      await colleague.post('/api/session', { email: colleagueEmail, password: GOOD_PASSWORD });
      expect((await colleague.post('/api/recovery/replacement')).json.request.holder).toBe(`${holderEmail[0]}***@voorbeeld.test`);
      expect((await lastMail(runtime, holderEmail)).kind).toBe('replaceRequested');

      // Staff approve, and the colleague finishes from the mailed link, with the password.
      const found = (await agent.client.post('/api/agent/lookup', { q: customer.policy_number, reason: 'collega neemt over' }))
        .json.accounts;
      const asking = found.find((a: { email: string }) => a.email === colleagueEmail);
      const held = found.find((a: { email: string }) => a.email === holderEmail);
      expect(held.requests[0]).toMatchObject({ kind: 'replace', side: 'holder', status: 'open' });
      const id = asking.requests[0].id;
      await agent.client.post(`/api/agent/requests/${id}/approve`, { reason: 'directeur belde, ID gezien op kantoor' });
      await supervisor.client.post(`/api/agent/requests/${id}/approve`, { reason: 'akkoord' });
      expect((await lastMail(runtime, colleagueEmail)).kind).toBe('replaceApproved');
      // Until the app is linked, the holder still logs in.
      expect((await logIn(runtime, holderEmail, holderKey)).status).toBe(200);

      const next = await approvedTakeover(runtime, colleagueEmail);
      const { done } = await linkApp(next);
      expect(done.json.next).toBe('portal');
      expect((await next.get('/api/session')).json.company).toBe(customer.company_name);
      expect((await holder.get('/api/session')).status).toBe(401);
      expect((await lastMail(runtime, holderEmail)).kind).toBe('replaced');
      expect((await apiClient(runtime).post('/api/session', { email: holderEmail, password: GOOD_PASSWORD })).status).toBe(403);
    });

    it('a thief holding the whole account cannot stop a takeover once it is proven, nor have staff stop it', async () => {
      // A stolen phone with the mail app and the authenticator: password, app and mailbox in one hand.
      const {
        holder: thief,
        holderEmail,
        holderKey,
        colleague,
        colleagueEmail,
      } = await heldAndColleague(runtime, ['192.0.2.56', '192.0.2.57']);
      await colleague.post('/api/recovery/replacement');
      const stopToken = cancelTokenFrom((await lastMail(runtime, holderEmail)).text_body);
      const found = (
        await agent.client.post('/api/agent/lookup', { q: colleagueEmail, reason: 'bedrijf belt: telefoon gestolen' })
      ).json.accounts[0];
      const id = found.requests[0].id;
      await agent.client.post(`/api/agent/requests/${id}/approve`, { reason: 'directeur belde terug op KvK-nummer' });
      await supervisor.client.post(`/api/agent/requests/${id}/approve`, { reason: 'akkoord' });

      // The stop link in the thief's hands says so when opened, and stops nothing; it is not spent either.
      const refused = ['takeoverProven', 409];
      const check = await apiClient(runtime).post('/api/links/check', { token: stopToken, purpose: 'cancel-request' });
      expect([check.json.error?.code, check.status]).toEqual(refused);
      const viaMail = await apiClient(runtime).post('/api/recovery/cancel', { token: stopToken });
      expect([viaMail.json.error?.code, viaMail.status]).toEqual(refused);
      expect(viaMail.json.error.message).toMatch(/bel ons/i);
      // Nor does the portal's button, logged in with password and app; the portal says why.
      expect((await thief.get('/api/session')).json.takeovers).toMatchObject([{ id, proven: true }]);
      const viaPortal = await thief.post(`/api/account/takeover/${id}/stop`);
      expect([viaPortal.json.error?.code, viaPortal.status]).toEqual(refused);
      expect((await colleague.get('/api/recovery')).status).toBe(200);

      // The colleague links the app: the thief is out, for good.
      const next = await approvedTakeover(runtime, colleagueEmail);
      expect((await linkApp(next)).done.json.next).toBe('portal');
      expect((await thief.get('/api/session')).status).toBe(401);
      expect((await logIn(runtime, holderEmail, holderKey)).status).toBe(401);
      const again = await apiClient(runtime).post('/api/session', { email: holderEmail, password: GOOD_PASSWORD });
      expect(again.json.error?.code).toBe('accountReplaced');

      // Nor can the thief phone us and have one member of staff undo what two approved: proven is final.
      const {
        holderEmail: otherHolder,
        colleague: second,
        colleagueEmail: secondEmail,
      } = await heldAndColleague(runtime, ['192.0.2.58', '192.0.2.59']);
      await second.post('/api/recovery/replacement');
      const secondStop = cancelTokenFrom((await lastMail(runtime, otherHolder)).text_body);
      const aimed = (await agent.client.post('/api/agent/lookup', { q: secondEmail, reason: 'bedrijf belt' })).json.accounts[0]
        .requests[0].id;
      await agent.client.post(`/api/agent/requests/${aimed}/approve`, { reason: 'teruggebeld' });
      await supervisor.client.post(`/api/agent/requests/${aimed}/approve`, { reason: 'akkoord' });
      const stopped = await otherSupervisor.client.post(`/api/agent/requests/${aimed}/stop`, {
        reason: 'huidige inlog belt: niet akkoord',
      });
      expect([stopped.json.error?.code, stopped.status]).toEqual(['takeoverFinal', 409]);
      expect((await second.get('/api/recovery')).status).toBe(200);
      // Left unlinked, it lapses after a day: its stop link, made for three weeks, then says it no
      // longer works, rather than offer a stop.
      const checkSecond = () => apiClient(runtime).post('/api/links/check', { token: secondStop, purpose: 'cancel-request' });
      expect((await checkSecond()).status).toBe(409);
      const { clock } = runtime.deps;
      const realNow = clock.now;
      clock.now = () => realNow() + 25 * 3_600_000;
      try {
        expect((await checkSecond()).json.error.code).toBe('linkInvalid');
      } finally {
        clock.now = realNow;
      }
    });

    it('a thief who stops each takeover as it starts still loses to eHerkenning, which asks and proves in one step', async () => {
      // One clock hour for the whole test: the holder's notices are counted per hour.
      await withClockHeld(runtime, async () => {
        const {
          holder: thief,
          holderEmail,
          colleague,
          colleagueEmail,
        } = await heldAndColleague(runtime, ['192.0.2.61', '192.0.2.62'], '93000011');
        const identity = {
          kvkNumber: '93000011',
          branchNumber: null,
          pseudonym: 'p-11',
          intermediaryKvk: null,
          level: 'loa3' as const,
        };
        const prove = (client: ApiClient, kvkNumber = '93000011') =>
          proveWithEherkenning(runtime.deps, {
            token: client.cookie().split('=')[1],
            identity: { ...identity, kvkNumber },
            minimum: 'loa3',
          });

        // Asked first, the request is seen and stopped before eHerkenning comes back, which then proves nothing.
        await colleague.post('/api/recovery/replacement');
        const seen = (await thief.get('/api/session')).json.takeovers[0];
        expect((await thief.post(`/api/account/takeover/${seen.id}/stop`)).json).toEqual({ status: 'stopped' });
        expect(await prove(colleague)).toEqual({ kind: 'no-session' });
        // Asked and stopped until the hour's notices to the holder are used up: no request starts untold…
        const again = apiClient(runtime, { clientAddress: '192.0.2.62' });
        for (let i = 1; i <= TAKEOVER_NOTICES_PER_HOUR; i++) {
          await again.post('/api/session', { email: colleagueEmail, password: GOOD_PASSWORD });
          const asked = await again.post('/api/recovery/replacement');
          if (i === TAKEOVER_NOTICES_PER_HOUR) expect(asked.json.error.code).toBe('holderMailHeld');
          else await thief.post(`/api/account/takeover/${(await thief.get('/api/session')).json.takeovers[0].id}/stop`);
        }

        // …but eHerkenning first needs none of them. For another company it opens nothing and tells nobody.
        const toHolder = async () => (await mailsTo(runtime, holderEmail)).length;
        const told = await toHolder();
        expect(await prove(again, '93000012')).toEqual({ kind: 'other-company' });
        expect((await thief.get('/api/session')).json.takeovers).toEqual([]);
        expect(await toHolder()).toBe(told);
        // The company's own: asked and proven at once. The holder is told it passes, and has nothing to stop.
        const proven = await prove(again);
        expect(proven.kind).toBe('proven');
        expect(await toHolder()).toBe(told + 1);
        expect((await lastMail(runtime, holderEmail)).kind).toBe('replaceProven');
        const aimed = (await thief.get('/api/session')).json.takeovers[0];
        expect(aimed.proven).toBe(true);
        expect((await thief.post(`/api/account/takeover/${aimed.id}/stop`)).json.error.code).toBe('takeoverProven');
        again.setCookie(`__Host-session=${(proven as { token: string }).token}`);
        expect((await linkApp(again)).done.json.next).toBe('portal');
        expect((await thief.get('/api/session')).status).toBe(401);
        // Staff see who gave the proof, so that the company can have that person's authorisation withdrawn.
        const asker = (await agent.client.post('/api/agent/lookup', { q: colleagueEmail, reason: 'bedrijf belt' })).json
          .accounts[0];
        expect(asker.requests).toContainEqual(
          expect.objectContaining({
            proof: 'eherkenning',
            provenBy: { kvkNumber: '93000011', branchNumber: null, pseudonym: 'p-11', level: 'EH3' },
          }),
        );
      });
    });

    it('a thief who stops each takeover as it starts still loses to staff, who open it with their first approval in it', async () => {
      // One clock hour for the whole test: the holder's notices are counted per hour.
      await withClockHeld(runtime, async () => {
        const { holder: thief, holderEmail, colleagueEmail } = await heldAndColleague(runtime, ['192.0.2.63', '192.0.2.64']);
        // Each request is seen and stopped at once, until the hour's notices to the holder are used up.
        for (let i = 0; i <= TAKEOVER_NOTICES_PER_HOUR; i++) {
          const again = apiClient(runtime, { clientAddress: '192.0.2.64' });
          await again.post('/api/session', { email: colleagueEmail, password: GOOD_PASSWORD });
          const asked = await again.post('/api/recovery/replacement');
          if (i === TAKEOVER_NOTICES_PER_HOUR) expect(asked.json.error.code).toBe('holderMailHeld');
          else await thief.post(`/api/account/takeover/${(await thief.get('/api/session')).json.takeovers[0].id}/stop`);
        }

        // The colleague calls us. The agent checks, and opens the takeover with that check in it.
        const lookup = async (q: string) =>
          (await agent.client.post('/api/agent/lookup', { q, reason: 'collega belt: verzoek telkens gestopt' })).json.accounts[0];
        const found = await lookup(colleagueEmail);
        expect(found.mayStartTakeover).toBe(true);
        const holderId = (await lookup(holderEmail)).id;
        const notForHolder = await agent.client.post('/api/agent/takeovers', {
          accountId: holderId,
          reason: 'huidige inlog zelf',
        });
        expect(notForHolder.status).toBe(409);
        const toHolder = async () => (await mailsTo(runtime, holderEmail)).length;
        const told = await toHolder();
        const started = await agent.client.post('/api/agent/takeovers', {
          accountId: found.id,
          reason: 'directeur teruggebeld op het nummer uit het KvK-uittreksel',
        });
        expect(started.json.status).toBe('approved');
        const id = started.json.requestId;
        // The holder is told, without a stop link, whatever notices were used up.
        expect(await toHolder()).toBe(told + 1);
        const notice = await lastMail(runtime, holderEmail);
        expect(notice.kind).toBe('replaceVouched');
        expect(notice.text_body).not.toMatch(/\/stoppen|\/stop-request|token=/);
        expect((await lookup(colleagueEmail)).mayStartTakeover).toBe(false);

        // The thief sees it, and cannot stop it; nor can an agent the thief phones.
        expect((await thief.get('/api/session')).json.takeovers).toMatchObject([{ id, vouched: true, proven: false }]);
        const viaPortal = await thief.post(`/api/account/takeover/${id}/stop`);
        expect([viaPortal.json.error?.code, viaPortal.status]).toEqual(['takeoverVouched', 409]);
        expect(viaPortal.json.error.message).toMatch(/bel ons/i);
        const byAgent = await agent.client.post(`/api/agent/requests/${id}/stop`, { reason: 'huidige inlog belt: niet akkoord' });
        expect([byAgent.json.error?.code, byAgent.status]).toEqual(['stopNeedsSupervisor', 403]);
        expect((await agent.client.post('/api/agent/takeovers', { accountId: found.id, reason: 'nog een keer' })).status).toBe(
          409,
        );

        // A supervisor approves it with an hour of its two days left: proven. The holder is told, and
        // the colleague has the whole day to link the app, not that hour.
        const now = runtime.deps.clock.now();
        await runtime.deps.store.updateRecoveryRequest(id, { expires_at: now + 3_600_000 }, { status: ['open'] });
        expect((await supervisor.client.post(`/api/agent/requests/${id}/approve`, { reason: 'akkoord' })).json).toEqual({
          status: 'proven',
        });
        expect((await lastMail(runtime, holderEmail)).kind).toBe('replaceStaffProven');
        const proven = (await lookup(colleagueEmail)).requests.find((r: { id: string }) => r.id === id);
        expect(proven.expiresAt).toBe(now + 86_400_000);
        const next = await approvedTakeover(runtime, colleagueEmail);
        expect((await linkApp(next)).done.json.next).toBe('portal');
        expect((await thief.get('/api/session')).status).toBe(401);
      });
    });

    it('once an agent vouched for a takeover, its stop link and the letter do nothing; a supervisor can still stop it', async () => {
      const { customer, holder, holderEmail, colleague, colleagueEmail } = await heldAndColleague(runtime, [
        '192.0.2.65',
        '192.0.2.66',
      ]);
      await colleague.post('/api/recovery/replacement');
      const stopToken = cancelTokenFrom((await lastMail(runtime, holderEmail)).text_body);
      // The colleague asked for the letter too, before anyone vouched.
      expect((await colleague.post('/api/recovery/letter')).status).toBe(202);
      const code = await letterCode(runtime, customer.id);
      const asker = (await agent.client.post('/api/agent/lookup', { q: colleagueEmail, reason: 'collega belt' })).json
        .accounts[0];
      const id = asker.requests[0].id;
      expect((await agent.client.post(`/api/agent/requests/${id}/approve`, { reason: 'teruggebeld' })).json.status).toBe(
        'approved',
      );
      // The holder hears of it, and it waits two days at most for the supervisor, not three weeks.
      expect((await lastMail(runtime, holderEmail)).kind).toBe('replaceVouched');
      const vouched = (await agent.client.post('/api/agent/lookup', { q: colleagueEmail, reason: 'collega belt' })).json
        .accounts[0].requests[0];
      expect(vouched.expiresAt).toBeLessThanOrEqual(runtime.deps.clock.now() + 2 * 86_400_000);
      expect(vouched.expiresAt).toBeGreaterThan(runtime.deps.clock.now() + 2 * 86_400_000 - 60_000);
      const refused = ['takeoverVouched', 409];
      const check = await apiClient(runtime).post('/api/links/check', { token: stopToken, purpose: 'cancel-request' });
      expect([check.json.error?.code, check.status]).toEqual(refused);
      const viaMail = await apiClient(runtime).post('/api/recovery/cancel', { token: stopToken });
      expect([viaMail.json.error?.code, viaMail.status]).toEqual(refused);
      // With the holder's stop gone, the letter proves nothing: someone who opens the company's post
      // and one agent talked round would be enough. A supervisor or eHerkenning finishes it.
      const byLetter = await colleague.post('/api/recovery/letter-code', { code });
      expect([byLetter.json.error?.code, byLetter.status]).toEqual(['proofNotOffered', 409]);
      expect((await colleague.get('/api/recovery')).json.request.proofs).not.toContain('letter');
      expect((await colleague.post('/api/recovery/letter')).status).toBe(409);
      // The holder calls, and a supervisor finds the approval was a mistake: stopped, the colleague told.
      const stopped = await otherSupervisor.client.post(`/api/agent/requests/${id}/stop`, { reason: 'goedkeuring was een fout' });
      expect(stopped.json).toEqual({ status: 'stopped' });
      expect((await colleague.get('/api/recovery')).status).toBe(401);
      expect((await lastMail(runtime, colleagueEmail)).kind).toBe('replaceStaffCancelled');
      expect((await holder.get('/api/session')).json.takeovers).toEqual([]);
      // The holder was told they could no longer stop it: they hear that it stopped, and why.
      expect(await lastMail(runtime, holderEmail)).toMatchObject({
        kind: 'replaceStopped',
        text_body: expect.stringContaining('Een leidinggevende van ons heeft het verzoek gestopt.'),
      });
      // Vouched for in vain: for a week, only a supervisor vouches for another takeover of this holder.
      // The refusal opens nothing: no request the holder was never told of, waiting for a letter.
      const mailsBefore = (await mailsTo(runtime, holderEmail)).length;
      const again = await agent.client.post('/api/agent/takeovers', { accountId: asker.id, reason: 'collega belt opnieuw' });
      expect([again.json.error?.code, again.status]).toEqual(['vouchAgainNeedsSupervisor', 403]);
      expect(await mailsTo(runtime, holderEmail)).toHaveLength(mailsBefore);
      const holderId = (await runtime.deps.store.findLiveAccountByEmail(holderEmail))!.id;
      expect(await runtime.deps.store.findOpenTakeoversOf(holderId, runtime.deps.clock.now())).toEqual([]);
      const bySupervisor = await supervisor.client.post('/api/agent/takeovers', {
        accountId: asker.id,
        reason: 'teamleider belde de directeur zelf terug',
      });
      expect(bySupervisor.json.status).toBe('approved');
    });

    it('eHerkenning that proves a takeover already asked for, or vouched for by staff, tells the holder it now passes', async () => {
      for (const [kvk, vouch] of [
        ['93000014', false],
        ['93000015', true],
      ] as const) {
        const { holderEmail, colleague, colleagueEmail } = await askedTakeover(['192.0.2.72', '192.0.2.73'], vouch, kvk);
        const identity = {
          kvkNumber: kvk,
          branchNumber: null,
          pseudonym: `p-${kvk}`,
          intermediaryKvk: null,
          level: 'loa3' as const,
        };
        const token = colleague.cookie().split('=')[1];
        const toHolder = async () => (await mailsTo(runtime, holderEmail)).length;
        const before = await toHolder();
        expect((await proveWithEherkenning(runtime.deps, { token, identity, minimum: 'loa3' })).kind).toBe('proven');
        expect(await toHolder()).toBe(before + 1);
        const told = await lastMail(runtime, holderEmail);
        expect(told.kind).toBe('replaceProven');
        expect(told.text_body).toContain(`${colleagueEmail[0]}***@`);
      }
    });

    it('the code from the letter that proves a takeover tells the holder it now passes, and that it is the letter', async () => {
      const { customer, holderEmail, colleague, colleagueEmail } = await heldAndColleague(runtime, ['192.0.2.77', '192.0.2.78']);
      await colleague.post('/api/recovery/replacement');
      expect((await colleague.post('/api/recovery/letter')).status).toBe(202);
      const before = (await mailsTo(runtime, holderEmail)).length;
      await withClockHeld(runtime, async () => {
        // Given in the request's last minutes, the proof still holds the 30 minutes the holder is told of.
        const { store, clock } = runtime.deps;
        const now = clock.now();
        const asker = (await store.findLiveAccountByEmail(colleagueEmail))!;
        const { id } = (await store.findOpenRecoveryRequest(asker.id, now))!;
        await store.updateRecoveryRequest(id, { expires_at: now + 5 * 60_000 }, { status: ['open'] });
        const proven = await colleague.post('/api/recovery/letter-code', { code: await letterCode(runtime, customer.id) });
        expect(proven.json.request).toMatchObject({ status: 'proven', expiresAt: now + PROVEN_TTL_MS });
      });
      expect(await mailsTo(runtime, holderEmail)).toHaveLength(before + 1);
      const told = await lastMail(runtime, holderEmail);
      expect(told.kind).toBe('replaceLetterProven');
      expect(told.text_body).toContain(`${colleagueEmail[0]}***@`);
      expect(told.text_body).toContain('de code in uit de brief');
      expect(told.text_body).toContain('binnen 30 minuten');
    });

    it('a takeover that ends as its asker takes a new password tells the holder only if they could no longer stop it', async () => {
      for (const vouch of [false, true]) {
        const addresses: [string, string] = vouch ? ['192.0.2.81', '192.0.2.82'] : ['192.0.2.79', '192.0.2.80'];
        const { holderEmail, colleague, colleagueEmail } = await askedTakeover(addresses, vouch);
        const before = (await mailsTo(runtime, holderEmail)).length;
        await newPasswordByMail(runtime, apiClient(runtime), colleagueEmail, `${GOOD_PASSWORD} nieuw`);
        expect((await colleague.get('/api/recovery')).status).toBe(401);
        expect(await mailsTo(runtime, holderEmail)).toHaveLength(before + (vouch ? 1 : 0));
        if (vouch)
          expect(await lastMail(runtime, holderEmail)).toMatchObject({
            kind: 'replaceStopped',
            text_body: expect.stringContaining('Die persoon koos daarna een nieuw wachtwoord.'),
          });
      }
    });

    const approve = async (staff: typeof agent, id: string) =>
      (await staff.client.post(`/api/agent/requests/${id}/approve`, { reason: 'teruggebeld' })).json.status;
    const requestsOf = async (email: string) =>
      (await supervisor.client.post('/api/agent/lookup', { q: email, reason: 'controle na uitschakelen' })).json.accounts[0]
        .requests;
    const askTakeover = async (addresses: [string, string], kvk?: string) => {
      const company = await heldAndColleague(runtime, addresses, kvk);
      await company.colleague.post('/api/recovery/replacement');
      return { ...company, id: (await requestsOf(company.colleagueEmail))[0].id as string };
    };
    const askPhone = async (address: string) => {
      const { email } = await createActiveAccount(runtime, apiClient(runtime, { clientAddress: address }));
      const { phone } = await askNewPhone(runtime, email);
      return { email, phone, id: (await requestsOf(email))[0].id as string };
    };
    /** A supervisor acts on a member of staff in the console: what the console hears back. */
    const actOnStaff = async (email: string, action: string, body: object = {}) => {
      const staff = (await supervisor.client.get('/api/agent/staff')).json.staff as { id: string; email: string }[];
      const id = staff.find((s) => s.email === email)!.id;
      return (
        await supervisor.client.post(`/api/agent/staff/${id}/${action}`, {
          reason: 'keurde verzoeken goed zonder controle',
          ...body,
        })
      ).json;
    };

    it('staff disabled take their approvals with them: what waits on them, or they proved and is not used yet, stops', async () => {
      const rogueAgent = await staffClient(runtime, 'agent');
      const rogueSupervisor = await staffClient(runtime, 'supervisor');
      // The rogue agent vouches for a takeover; after an honest agent's check, the rogue supervisor
      // proves another, and a new phone, whose link goes out.
      const vouched = await askTakeover(['192.0.2.67', '192.0.2.68']);
      expect(await approve(rogueAgent, vouched.id)).toBe('approved');
      const proven = await askTakeover(['192.0.2.69', '192.0.2.70']);
      expect(await approve(agent, proven.id)).toBe('approved');
      expect(await approve(rogueSupervisor, proven.id)).toBe('proven');
      const phone = await askPhone('192.0.2.71');
      expect(await approve(agent, phone.id)).toBe('approved');
      expect(await approve(rogueSupervisor, phone.id)).toBe('proven');
      const phoneMail = await lastMail(runtime, phone.email);
      expect(phoneMail.kind).toBe('rebindApproved');
      // A takeover the rogue agent vouched for, which the company then proved with eHerkenning, rests on that proof.
      const own = await askTakeover(['192.0.2.74', '192.0.2.75'], '93000016');
      expect(await approve(rogueAgent, own.id)).toBe('approved');
      const identity = {
        kvkNumber: '93000016',
        branchNumber: null,
        pseudonym: 'p-16',
        intermediaryKvk: null,
        level: 'loa3' as const,
      };
      const token = own.colleague.cookie().split('=')[1];
      expect((await proveWithEherkenning(runtime.deps, { token, identity, minimum: 'loa3' })).kind).toBe('proven');
      // An approval already past the session check when the disable comes.
      const late = await askPhone('192.0.2.76');
      const checked = await staffSession(runtime.deps, rogueAgent.client.cookie().split('=')[1]);
      if (checked.kind !== 'ok') throw new Error('the rogue agent is logged in');

      // Found out: a supervisor disables both. The console hears how many requests that stopped.
      const holderMails = new Map<string, number>();
      for (const { holderEmail } of [vouched, proven, own])
        holderMails.set(holderEmail, (await mailsTo(runtime, holderEmail)).length);
      const disable = (email: string, reason?: string) => actOnStaff(email, 'disable', reason ? { reason } : {});
      expect(await disable(rogueAgent.email)).toEqual({ status: 'done', stopped: 1 });
      expect(await disable(rogueSupervisor.email)).toEqual({ status: 'done', stopped: 2 });
      expect(await approveRequest(runtime.deps, checked.agent, { requestId: late.id, check: 'net op tijd' })).toEqual({
        kind: 'not-staff',
      });
      expect((await requestsOf(late.email))[0]).toMatchObject({ status: 'open', approvals: [] });
      // Nor does any other action on its way: the holder stays logged in.
      const holder = (await runtime.deps.store.findLiveAccountByEmail(vouched.holderEmail))!;
      expect(
        await agentAction(runtime.deps, checked.agent, { action: 'endSessions', accountId: holder.id, reason: 'net op tijd' }),
      ).toEqual({ kind: 'not-staff' });
      expect((await vouched.holder.get('/api/session')).status).toBe(200);

      for (const { colleagueEmail: email, id } of [vouched, proven, { colleagueEmail: phone.email, id: phone.id }]) {
        expect((await requestsOf(email)).find((r: { id: string }) => r.id === id).status).toBe('cancelled');
        expect((await lastMail(runtime, email)).kind).toBe('requestApprovalWithdrawn');
      }
      // The holders heard that staff vouched for or proved a takeover: they hear, once, that it stopped.
      for (const { holderEmail, colleagueEmail } of [vouched, proven]) {
        expect(await mailsTo(runtime, holderEmail)).toHaveLength(holderMails.get(holderEmail)! + 1);
        const told = await lastMail(runtime, holderEmail);
        expect(told.kind).toBe('replaceStopped');
        expect(told.text_body).toContain(`${colleagueEmail[0]}***@`);
        expect(told.text_body).toContain('De medewerker die het verzoek goedkeurde, mag dat niet meer doen.');
      }
      expect(await mailsTo(runtime, own.holderEmail)).toHaveLength(holderMails.get(own.holderEmail)!);
      expect((await requestsOf(own.colleagueEmail))[0].status).toBe('proven');
      // The colleague whose takeover the rogue supervisor proved: the session already at the app step
      // ends, and a new login may link no app; the holder still logs in.
      expect((await proven.colleague.post('/api/authenticator/enrolment')).status).toBe(401);
      const next = apiClient(runtime);
      await next.post('/api/session', { email: proven.colleagueEmail, password: GOOD_PASSWORD });
      expect((await next.post('/api/authenticator/enrolment')).json.error.code).toBe('replacementNeeded');
      expect((await logIn(runtime, proven.holderEmail, proven.holderKey)).status).toBe(200);
      // The new phone's mailed link no longer opens anything.
      const link = await apiClient(runtime).post('/api/authenticator/rebind/start', { token: tokenFrom(phoneMail.text_body) });
      expect(link.status).toBe(400);
      // The holder of the vouched one can stop takeovers again.
      expect((await vouched.holder.get('/api/session')).json.takeovers).toEqual([]);
      // Disabling someone who approved nothing stops nothing.
      const honest = await staffClient(runtime, 'agent');
      expect(await disable(honest.email, 'uit dienst')).toEqual({ status: 'done', stopped: 0 });
    });

    it('a new invitation or a lower role takes a member of staff’s approvals with them too; a higher one takes nothing', async () => {
      // The agent's phone or password was lost to someone else; the supervisor is found to approve without a check.
      const rogueAgent = await staffClient(runtime, 'agent');
      const rogueSupervisor = await staffClient(runtime, 'supervisor');
      const vouched = await askTakeover(['192.0.2.83', '192.0.2.84']);
      expect(await approve(rogueAgent, vouched.id)).toBe('approved');
      const phone = await askPhone('192.0.2.85');
      expect(await approve(agent, phone.id)).toBe('approved');
      expect(await approve(rogueSupervisor, phone.id)).toBe('proven');
      const holderMails = (await mailsTo(runtime, vouched.holderEmail)).length;

      expect(await actOnStaff(rogueAgent.email, 'reset')).toEqual({ status: 'done', stopped: 1 });
      expect(await actOnStaff(rogueSupervisor.email, 'role', { role: 'agent' })).toEqual({ status: 'done', stopped: 1 });

      for (const { email, id } of [{ email: vouched.colleagueEmail, id: vouched.id }, phone]) {
        expect((await requestsOf(email)).find((r: { id: string }) => r.id === id).status).toBe('cancelled');
        expect((await lastMail(runtime, email)).kind).toBe('requestApprovalWithdrawn');
      }
      expect(await mailsTo(runtime, vouched.holderEmail)).toHaveLength(holderMails + 1);
      expect((await lastMail(runtime, vouched.holderEmail)).kind).toBe('replaceStopped');
      // A supervisor's approval on its way as they are made agent is refused, not counted as an agent's.
      const demoted = await staffClient(runtime, 'supervisor');
      const checked = await staffSession(runtime.deps, demoted.client.cookie().split('=')[1]);
      if (checked.kind !== 'ok') throw new Error('the supervisor is logged in');
      const waiting = await askPhone('192.0.2.87');
      expect(await actOnStaff(demoted.email, 'role', { role: 'agent' })).toEqual({ status: 'done', stopped: 0 });
      expect(await approveRequest(runtime.deps, checked.agent, { requestId: waiting.id, check: 'net op tijd' })).toEqual({
        kind: 'not-staff',
      });
      expect((await requestsOf(waiting.email))[0]).toMatchObject({ status: 'open', approvals: [] });
      // Nor does a stop on its way stop a takeover vouched for, which of staff only a supervisor stops.
      const aimed = await askTakeover(['192.0.2.88', '192.0.2.89']);
      expect(await approve(agent, aimed.id)).toBe('approved');
      expect(await staffStopRequest(runtime.deps, checked.agent, { requestId: aimed.id, reason: 'de houder belt' })).toEqual({
        kind: 'not-staff',
      });
      expect((await requestsOf(aimed.colleagueEmail)).find((r: { id: string }) => r.id === aimed.id).status).toBe('open');
      // An agent made supervisor keeps what they approved.
      const promoted = await staffClient(runtime, 'agent');
      const later = await askPhone('192.0.2.86');
      expect(await approve(promoted, later.id)).toBe('approved');
      expect(await actOnStaff(promoted.email, 'role', { role: 'supervisor' })).toEqual({ status: 'done', stopped: 0 });
      expect((await requestsOf(later.email))[0]).toMatchObject({ status: 'open', approvals: [expect.anything()] });
    });

    it('an eHerkenning proof whose session ended on its way back leaves nothing behind for a password login', async () => {
      const { holder, holderEmail, colleague, colleagueEmail } = await heldAndColleague(
        runtime,
        ['192.0.2.63', '192.0.2.64'],
        '93000013',
      );
      const toHolder = async () => (await mailsTo(runtime, holderEmail)).length;
      const told = await toHolder();
      // The colleague logs out after the session was checked, before the proof's transaction.
      const { store } = runtime.deps;
      let loggedOut = false;
      const racing = new Proxy(store, {
        get(target, key) {
          if (key === 'transaction')
            return async (work: Parameters<typeof store.transaction>[0]) => {
              if (!loggedOut) {
                loggedOut = true;
                expect((await colleague.call('DELETE', '/api/session')).status).toBe(204);
              }
              return target.transaction(work);
            };
          const value = Reflect.get(target, key);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const identity = {
        kvkNumber: '93000013',
        branchNumber: null,
        pseudonym: 'p-13',
        intermediaryKvk: null,
        level: 'loa3' as const,
      };
      const token = colleague.cookie().split('=')[1];
      expect(await proveWithEherkenning({ ...runtime.deps, store: racing }, { token, identity, minimum: 'loa3' })).toEqual({
        kind: 'no-session',
      });
      expect(loggedOut).toBe(true);
      // No proven takeover, no mail: a plain password login still has to ask.
      expect(await toHolder()).toBe(told);
      expect((await holder.get('/api/session')).json.takeovers).toEqual([]);
      const later = apiClient(runtime, { clientAddress: '192.0.2.64' });
      await later.post('/api/session', { email: colleagueEmail, password: GOOD_PASSWORD });
      expect((await later.post('/api/authenticator/enrolment')).json.error.code).toBe('replacementNeeded');
    });

    it('a colleague whose takeover waits days for the letter still logs in to give its code, and links the app', async () => {
      const customer = await newCustomer(runtime);
      await createActiveAccount(runtime, apiClient(runtime), customer.policy_number);
      const colleague = apiClient(runtime);
      const email = uniqueEmail('collega');
      await registerAndActivate(runtime, colleague, email, customer.policy_number);
      await colleague.post('/api/session', { email, password: GOOD_PASSWORD });
      expect((await colleague.post('/api/recovery/replacement')).status).toBe(200);
      expect((await colleague.post('/api/recovery/letter')).status).toBe(202);
      const { clock } = runtime.deps;
      const realNow = clock.now;
      clock.now = () => realNow() + 3 * 86_400_000;
      try {
        // Three days on, past the day a set-up has to link its first app: the takeover under way is that set-up.
        const later = apiClient(runtime);
        expect((await later.post('/api/session', { email, password: GOOD_PASSWORD })).json).toEqual({ next: 'enrol' });
        const proven = await later.post('/api/recovery/letter-code', { code: await letterCode(runtime, customer.id) });
        expect(proven.json.request.status).toBe('proven');
        const key = (await later.post('/api/authenticator/enrolment')).json.key.replace(/\s/g, '');
        const done = await later.post('/api/authenticator/enrolment/confirm', { code: codeFor(key, 0, clock.now()) });
        expect(done.status).toBe(200);
      } finally {
        clock.now = realNow;
      }
    });

    it('a holder who calls without the mail has staff stop a takeover aimed at them; the colleague is out and told', async () => {
      const { holder, holderEmail, holderKey, colleague, colleagueEmail } = await heldAndColleague(runtime, [
        '192.0.2.51',
        '192.0.2.52',
      ]);
      await colleague.post('/api/recovery/replacement');
      const found = (await agent.client.post('/api/agent/lookup', { q: holderEmail, reason: 'klant belt: mail gewist' })).json
        .accounts[0];
      const aimed = found.requests[0];
      expect(aimed).toMatchObject({ kind: 'replace', side: 'holder', status: 'open' });
      const stop = (reason = 'huidige inlog wil niet overgenomen worden, teruggebeld') =>
        agent.client.post(`/api/agent/requests/${aimed.id}/stop`, { reason });
      expect((await agent.client.post(`/api/agent/requests/${aimed.id}/stop`, { reason: '' })).status).toBe(422);
      expect((await stop()).json).toEqual({ status: 'stopped' });
      // Said plainly when it has ended already; a customer cannot do it at all.
      expect((await stop()).json.error.code).toBe('requestEnded');
      expect((await holder.post(`/api/agent/requests/${aimed.id}/stop`, { reason: 'ik ben het' })).status).toBe(403);

      expect((await colleague.get('/api/recovery')).status).toBe(401);
      expect((await lastMail(runtime, colleagueEmail)).kind).toBe('replaceStaffCancelled');
      expect((await logIn(runtime, holderEmail, holderKey)).status).toBe(200);
      const day = new Date().toISOString().slice(0, 10);
      const audit = (await supervisor.client.post('/api/agent/audit', { from: day, to: day })).json.entries;
      expect(
        audit
          .filter((e: { action: string; reason: string }) => e.action === 'stopRequest')
          .map((e: { outcome: string }) => e.outcome),
      ).toEqual(expect.arrayContaining(['done', 'refused: not-open']));
    });

    it('the holder sees the ten newest takeovers and how many more run: a flood of them does not fill the page', async () => {
      const { holder, holderEmail, colleague, colleagueEmail } = await heldAndColleague(runtime, ['192.0.2.57', '192.0.2.58']);
      await colleague.post('/api/recovery/replacement');
      // Ten older ones, as many accounts asking over three days would leave running.
      const { store, clock } = runtime.deps;
      const asker = (await store.findLiveAccountByEmail(colleagueEmail))!;
      const holderId = (await store.findLiveAccountByEmail(holderEmail))!.id;
      for (let i = 1; i <= 10; i++) {
        const accountId = crypto.randomUUID();
        await store.insertAccount({ ...asker, id: accountId, email: uniqueEmail(`lokaas${i}`) });
        await store.insertRecoveryRequest(
          newRequestRow({
            id: crypto.randomUUID(),
            accountId,
            kind: 'replace',
            replaces: holderId,
            now: clock.now() - i * 3_600_000,
          }),
        );
      }
      const view = (await holder.get('/api/session')).json;
      expect(view.takeovers).toHaveLength(10);
      expect(view.takeovers[0].asker).toBe(`${colleagueEmail[0]}***@voorbeeld.test`);
      expect(view.moreTakeovers).toBe(1);
    });

    it('the holder, logged in, sees every takeover aimed at them and stops each; nobody else can stop one that way', async () => {
      const { customer, holder, colleague, colleagueEmail } = await heldAndColleague(runtime, ['192.0.2.53', '192.0.2.54']);
      await colleague.post('/api/recovery/replacement');

      const view = (await holder.get('/api/session')).json;
      expect(view.takeovers).toMatchObject([{ asker: `${colleagueEmail[0]}***@voorbeeld.test` }]);
      const stopPath = `/api/account/takeover/${view.takeovers[0].id}/stop`;
      // Not the asker, not another customer, not anyone logged out.
      expect((await colleague.post(stopPath)).status).toBe(401);
      const other = apiClient(runtime, { clientAddress: '192.0.2.55' });
      await createActiveAccount(runtime, other);
      const notTheirs = await other.post(stopPath);
      expect([notTheirs.status, notTheirs.json.error.code]).toEqual([404, 'requestNotFound']);
      expect((await apiClient(runtime).post(stopPath)).status).toBe(401);

      // A second newer account asks too: a request made to be stopped must not hide the first.
      const decoy = apiClient(runtime, { clientAddress: '192.0.2.56' });
      const decoyEmail = uniqueEmail('lokaas');
      await registerAndActivate(runtime, decoy, decoyEmail, customer.policy_number);
      await decoy.post('/api/session', { email: decoyEmail, password: GOOD_PASSWORD });
      await decoy.post('/api/recovery/replacement');
      const both = (await holder.get('/api/session')).json.takeovers;
      expect(both.map((t: { asker: string }) => t.asker)).toEqual([
        `${decoyEmail[0]}***@voorbeeld.test`,
        view.takeovers[0].asker,
      ]);
      expect((await holder.post(`/api/account/takeover/${both[0].id}/stop`)).json).toEqual({ status: 'stopped' });
      expect((await holder.get('/api/session')).json.takeovers).toMatchObject([{ id: view.takeovers[0].id }]);

      expect((await holder.post(stopPath)).json).toEqual({ status: 'stopped' });
      expect((await holder.post(stopPath)).json.error.code).toBe('requestEnded');
      expect((await holder.get('/api/session')).json.takeovers).toEqual([]);
      expect((await colleague.get('/api/recovery')).status).toBe(401);
      expect((await lastMail(runtime, colleagueEmail)).kind).toBe('replaceCancelled');
    });

    it('a stop link of a request that lapsed ends only the recovery code’s login, though the link has days to run', async () => {
      const { email, key, recoveryCodes } = await createActiveAccount(
        runtime,
        apiClient(runtime, { clientAddress: '192.0.2.56' }),
      );
      const client = apiClient(runtime, { clientAddress: '192.0.2.56' });
      await client.post('/api/session', { email, password: GOOD_PASSWORD });
      await client.post('/api/session/recovery-code', { code: recoveryCodes[0] });
      // Proven at once, the new phone holds half an hour; its mail's stop link was made for three weeks.
      const stopLink = cancelTokenFrom((await lastMail(runtime, email)).text_body);
      const clock = runtime.deps.clock;
      const realNow = clock.now;
      const later = 31 * 60_000;
      clock.now = () => realNow() + later;
      try {
        const customer = apiClient(runtime, { clientAddress: '192.0.2.57' });
        await customer.post('/api/session', { email, password: GOOD_PASSWORD });
        // The old phone's code for that moment (the server's clock is half an hour on).
        expect((await customer.post('/api/session/code', { code: codeFor(key, later / 1000) })).status).toBe(200);
        expect((await apiClient(runtime).post('/api/recovery/cancel', { token: stopLink })).json).toEqual({
          status: 'loggedOut',
          kind: 'rebind',
        });
        // The owner's own login with the app stays: the link is about the recovery code's login.
        expect((await customer.get('/api/session')).status).toBe(200);
        expect((await client.get('/api/session')).status).toBe(401);
      } finally {
        clock.now = realNow;
      }
    });

    it('the account’s address stops a new phone it did not ask for; whoever started it is logged out', async () => {
      const { email, key, recoveryCodes } = await createActiveAccount(runtime, apiClient(runtime));
      const { phone } = await askNewPhone(runtime, email);
      const notice = (await lastMail(runtime, email)).text_body;
      expect((await apiClient(runtime).post('/api/recovery/cancel', { token: cancelTokenFrom(notice) })).json).toEqual({
        status: 'cancelled',
        kind: 'rebind',
      });
      expect((await phone.post('/api/recovery/recovery-code', { code: recoveryCodes[0] })).status).toBe(401);
      expect((await apiClient(runtime).post('/api/recovery/cancel', { token: cancelTokenFrom(notice) })).status).toBe(400);
      expect((await logIn(runtime, email, key)).status).toBe(200);
    });

    it('new recovery codes: logged in, with password and app code; the old ones stop working', async () => {
      const client = apiClient(runtime);
      const { email, key, recoveryCodes } = await createActiveAccount(runtime, client);
      // The password is checked before the code, so these spend no code of the app.
      expect((await client.post('/api/account/recovery-codes', { password: 'verkeerd wachtwoord', code: '123456' })).status).toBe(
        401,
      );
      expect(
        (await apiClient(runtime).post('/api/account/recovery-codes', { password: GOOD_PASSWORD, code: '123456' })).status,
      ).toBe(401);
      const renewed = await client.post('/api/account/recovery-codes', { password: GOOD_PASSWORD, code: freshCode(key) });
      expect(renewed.json.recoveryCodes).toHaveLength(10);
      const old = apiClient(runtime);
      await old.post('/api/session', { email, password: GOOD_PASSWORD });
      expect((await old.post('/api/session/recovery-code', { code: recoveryCodes[0] })).status).toBe(401);
      expect((await old.post('/api/session/recovery-code', { code: renewed.json.recoveryCodes[0] })).status).toBe(200);
    });
  });
});

describe('npm run letters:export', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'helpcenter-letters-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['scripts/export-letters.ts', ...args], {
      env: { ...process.env, DATA_DIR: dataDir, APP_ENV: 'development', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    });

  it('writes the waiting letters as CSV for the printer, defuses formulas, then forgets their text', async () => {
    const runtime = await testRuntime('sqlite', { DATA_DIR: dataDir });
    try {
      const customer = await newCustomer(runtime);
      await runtime.deps.store.upsertCustomer({ ...customer, company_name: '=HYPERLINK("x")', updated_at: Date.now() });
      const named = (await runtime.deps.store.findCustomerById(customer.id))!;
      await runtime.deps.store.transaction((store) =>
        runtime.deps.letters.queue(store, {
          customer: named,
          lang: 'nl',
          kind: 'newLogin',
          vars: { account: 'a***@voorbeeld.test', when: new Date() },
        }),
      );
    } finally {
      await runtime.close();
    }
    const file = join(dataDir, 'letters.csv');
    const out = run(file);
    expect(out.stderr).toBe('');
    expect(out.stdout).toContain('1 letter exported');
    const csv = readFileSync(file, 'utf8');
    expect(csv).toContain('recipient,street,postal_code,city,subject,body');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain('Er is een inlog voor uw bedrijf gemaakt');
    // A second run the same day, with the same name: the file may not be printed yet, and its
    // letters' text is gone from the database, so it is left as it is.
    const again = run(file);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/exists already/);
    expect(readFileSync(file, 'utf8')).toContain('Er is een inlog voor uw bedrijf gemaakt');
    expect(run(join(dataDir, 'letters-2.csv')).stdout).toContain('0 letters exported');
    expect(run().stderr).toContain('Usage: npm run letters:export');
  });
});
