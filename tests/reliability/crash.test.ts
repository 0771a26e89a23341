import { afterEach, describe, expect, it } from 'vitest';
import { GOOD_PASSWORD, tokenFrom, uniqueEmail } from '../support/api.ts';
import { postgresSkipReason, storeKinds, type StoreKind } from '../support/runtime.ts';
import { activeAccountOver, httpClient, newestMail, startBuiltServer, type BuiltServer } from '../support/server.ts';
import { freshCode } from '../support/totp.ts';

// A server killed (SIGKILL, no goodbye) in the middle of a re-bind or a reset
// must come back with exactly one working authenticator and one working password.

let server: BuiltServer | undefined;
afterEach(async () => {
  await server?.dispose();
  server = undefined;
});

/** Whether this password and a fresh code from this key log in. */
async function logsIn(s: BuiltServer, email: string, password: string, key: string) {
  const client = httpClient(s.origin);
  const step = await client.post('/api/session', { email, password });
  if (step.status !== 200) return false;
  return (await client.post('/api/session/code', { code: freshCode(key) })).status === 200;
}

if (storeKinds.length === 1) {
  describe('crash recovery on PostgreSQL', () => {
    it.skip(postgresSkipReason, () => {});
  });
}

/** The server stopped itself with SIGKILL at its FAULT_POINT (not some other way), and is gone. */
async function diedAtFaultPoint(s: BuiltServer) {
  const child = s.process;
  if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
  expect(child.signalCode).toBe('SIGKILL');
}

/** A new phone, up to the new secret shown: the password, the mailed link, a recovery code. */
async function startRebind(s: BuiltServer, email: string, recoveryCode: string) {
  const phone = httpClient(s.origin);
  await phone.post('/api/authenticator/rebind', { email, password: GOOD_PASSWORD });
  await phone.post('/api/authenticator/rebind/start', { token: tokenFrom((await newestMail(s, email)).text_body) });
  expect((await phone.post('/api/recovery/recovery-code', { code: recoveryCode })).json.request.status).toBe('proven');
  const offer = await phone.post('/api/authenticator/enrolment');
  return { phone, newKey: offer.json.key.replace(/\s/g, '') as string };
}

const newPassword = 'na de crash een nieuw wachtwoord';

/** A password reset sent to a server told to die at `point`; it answers nothing, and is started again without the fault. */
async function resetKilledAt(kind: StoreKind, point: string) {
  const s = (server = await startBuiltServer(kind, { FAULT_POINT: point }));
  const { email, key } = await activeAccountOver(s, uniqueEmail('crash'));
  await httpClient(s.origin).post('/api/password/reset-request', { email });
  const token = tokenFrom((await newestMail(s, email)).text_body);
  const answer = await httpClient(s.origin)
    .post('/api/password/reset', { token, password: newPassword })
    .catch(() => 'no answer');
  expect(answer).toBe('no answer');
  await diedAtFaultPoint(s);
  await s.restart({ FAULT_POINT: null });
  return { s, email, key, token };
}

for (const kind of storeKinds) {
  describe(`a killed server, on ${kind}`, () => {
    it('killed between the re-bind steps: the old app still works, and the re-bind can finish after', async () => {
      server = await startBuiltServer(kind);
      const { email, key: oldKey, recoveryCodes } = await activeAccountOver(server, uniqueEmail('crash'));
      const { phone, newKey } = await startRebind(server, email, recoveryCodes[0]!);

      await server.kill();
      await server.restart();
      expect(await logsIn(server, email, GOOD_PASSWORD, oldKey)).toBe(true);
      expect(await logsIn(server, email, GOOD_PASSWORD, newKey)).toBe(false);

      expect((await phone.post('/api/authenticator/enrolment/confirm', { code: freshCode(newKey) })).json.next).toBe('login');
      expect(await logsIn(server, email, GOOD_PASSWORD, newKey)).toBe(true);
      expect(await logsIn(server, email, GOOD_PASSWORD, oldKey)).toBe(false);
    });

    // FAULT_POINT makes the server SIGKILL itself at a named place: inside the
    // transaction after every write, or just after the commit.
    it('killed inside the re-bind, before it commits: the old app still works, and the re-bind can finish after', async () => {
      server = await startBuiltServer(kind, { FAULT_POINT: 'rebind:inside' });
      const { email, key: oldKey, recoveryCodes } = await activeAccountOver(server, uniqueEmail('crash'));
      const { phone, newKey } = await startRebind(server, email, recoveryCodes[0]!);

      const code = freshCode(newKey);
      expect(await phone.post('/api/authenticator/enrolment/confirm', { code }).catch(() => 'no answer')).toBe('no answer');
      await diedAtFaultPoint(server);
      await server.restart({ FAULT_POINT: null });
      expect(await logsIn(server, email, GOOD_PASSWORD, oldKey)).toBe(true);
      expect(await logsIn(server, email, GOOD_PASSWORD, newKey)).toBe(false);
      // Nothing of the half-done re-bind stayed, not even its code's step: the same code links the new app now.
      expect((await phone.post('/api/authenticator/enrolment/confirm', { code })).json.next).toBe('login');
      expect(await logsIn(server, email, GOOD_PASSWORD, newKey)).toBe(true);
      expect(await logsIn(server, email, GOOD_PASSWORD, oldKey)).toBe(false);
    });

    it('killed just after the re-bind commits, before it answers: only the new app works', async () => {
      server = await startBuiltServer(kind, { FAULT_POINT: 'rebind:committed' });
      const { email, key: oldKey, recoveryCodes } = await activeAccountOver(server, uniqueEmail('crash'));
      const { phone, newKey } = await startRebind(server, email, recoveryCodes[0]!);

      expect(await phone.post('/api/authenticator/enrolment/confirm', { code: freshCode(newKey) }).catch(() => 'no answer')).toBe(
        'no answer',
      );
      await diedAtFaultPoint(server);
      await server.restart({ FAULT_POINT: null });
      expect(await logsIn(server, email, GOOD_PASSWORD, newKey)).toBe(true);
      expect(await logsIn(server, email, GOOD_PASSWORD, oldKey)).toBe(false);
    });

    it('killed inside a password reset, before it commits: the old password works, and the link still finishes the job', async () => {
      const { s, email, key, token } = await resetKilledAt(kind, 'passwordReset:inside');
      expect(await logsIn(s, email, GOOD_PASSWORD, key)).toBe(true);
      expect(await logsIn(s, email, newPassword, key)).toBe(false);
      expect((await httpClient(s.origin).post('/api/password/reset', { token, password: newPassword })).status).toBe(200);
      expect(await logsIn(s, email, newPassword, key)).toBe(true);
      expect(await logsIn(s, email, GOOD_PASSWORD, key)).toBe(false);
    });

    it('killed just after a password reset commits: the new password works, and the link is spent', async () => {
      const { s, email, key, token } = await resetKilledAt(kind, 'passwordReset:committed');
      expect(await logsIn(s, email, newPassword, key)).toBe(true);
      expect(await logsIn(s, email, GOOD_PASSWORD, key)).toBe(false);
      expect(
        (await httpClient(s.origin).post('/api/password/reset', { token, password: 'nog een ander wachtwoord' })).status,
      ).toBe(400);
    });
  });
}
