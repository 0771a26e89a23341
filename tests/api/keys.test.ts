import { spawnSync } from 'node:child_process';
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSealer, purposeKey } from '../../src/auth/crypto.ts';
import { argon2Options } from '../../src/auth/passwords.ts';
import { hash } from '@node-rs/argon2';
import { createRuntime } from '../../src/server/runtime.ts';
import { apiClient, createActiveAccount, GOOD_PASSWORD, registerAndActivate, newCustomer, uniqueEmail } from '../support/api.ts';
import { codeFor, freshCode } from '../support/totp.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'hc-keys-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const oldKey = randomBytes(32).toString('base64');
const newKey = randomBytes(32).toString('base64');
const env = (extra: Record<string, string>) => ({ APP_ENV: 'development', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...extra });

async function logsIn(runtime: Awaited<ReturnType<typeof createRuntime>>, email: string, code: string) {
  const client = apiClient(runtime);
  if ((await client.post('/api/session', { email, password: GOOD_PASSWORD })).status !== 200) return false;
  return (await client.post('/api/session/code', { code })).status === 200;
}

describe('keys', () => {
  it('derives one key per purpose: a sealed TOTP secret does not open as a cookie', () => {
    const ring = { current: randomBytes(32) };
    const totp = createSealer(ring, 'totp-secrets');
    const cookies = createSealer(ring, 'cookies');
    const sealed = totp.seal('JBSWY3DPEHPK3PXP');
    expect(totp.open(sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(() => cookies.open(sealed)).toThrow();
  });

  it('refuses a sealed value with a short authentication tag: a forger gets 2^128 tries to make, not 2^32', () => {
    const ring = { current: randomBytes(32) };
    const key = purposeKey(ring.current, 'cookies');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update('{"a":1}!', 'utf8'), cipher.final(), cipher.getAuthTag().subarray(0, 4)]);
    const id = createHash('sha256').update(key).digest('hex').slice(0, 8);
    const sealer = createSealer(ring, 'cookies');
    expect(() => sealer.open(`v2.${id}.${iv.toString('base64url')}.${body.toString('base64url')}`)).toThrow();
    expect(sealer.open(sealer.seal('{"a":1}!'))).toBe('{"a":1}!');
  });

  it('still opens the v1 secrets of earlier releases, sealed with the server key itself', () => {
    const master = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', master, iv);
    const body = Buffer.concat([cipher.update('JBSWY3DPEHPK3PXP', 'utf8'), cipher.final(), cipher.getAuthTag()]);
    const v1 = `v1.${iv.toString('base64url')}.${body.toString('base64url')}`;
    const sealer = createSealer({ current: master }, 'totp-secrets');
    expect(sealer.open(v1)).toBe('JBSWY3DPEHPK3PXP');
    expect(sealer.isCurrent(v1)).toBe(false);
  });

  it('rotates SECRET_KEY: the previous key opens old secrets, keys:rotate seals them anew and says what still needs the previous key', async () => {
    const first = await createRuntime(env({ SECRET_KEY: oldKey }));
    const { email, key, recoveryCodes } = await createActiveAccount(first, apiClient(first));
    await first.close();

    // Without the previous key, the old secret cannot be read: nobody logs in with it.
    const without = await createRuntime(env({ SECRET_KEY: newKey }));
    // (The code is not spent: the server could not check it.)
    expect(await logsIn(without, email, codeFor(key))).toBe(false);
    await without.close();

    const rotating = await createRuntime(env({ SECRET_KEY: newKey, SECRET_KEY_PREVIOUS: oldKey }));
    expect(await logsIn(rotating, email, freshCode(key))).toBe(true);
    await rotating.close();

    const rotate = () =>
      spawnSync(process.execPath, ['scripts/rotate-keys.ts'], {
        env: { ...process.env, ...env({ SECRET_KEY: newKey, SECRET_KEY_PREVIOUS: oldKey }) },
        encoding: 'utf8',
      });
    const run = rotate();
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('accounts.totp_secret: 1 sealed again under the current key');
    // Never "it can go": the recovery codes made before are keyed hashes only the previous key checks.
    expect(run.stdout).toContain('Keep SECRET_KEY_PREVIOUS: 1 account(s) hold recovery codes');
    expect(run.stdout).not.toMatch(/can be removed/);
    // Run again later, it counts from the same moment: a customer who got codes since, under the new key, is not one of them.
    const meanwhile = await createRuntime(env({ SECRET_KEY: newKey, SECRET_KEY_PREVIOUS: oldKey }));
    await createActiveAccount(meanwhile, apiClient(meanwhile));
    await meanwhile.close();
    expect(rotate().stdout).toContain('Keep SECRET_KEY_PREVIOUS: 1 account(s) hold recovery codes');

    const after = await createRuntime(env({ SECRET_KEY: newKey }));
    try {
      expect(await logsIn(after, email, freshCode(key))).toBe(true);
      // Recovery codes were keyed hashes under the old key: they are for the previous key to match, during the rotation.
      const withCode = apiClient(after);
      await withCode.post('/api/session', { email, password: GOOD_PASSWORD });
      expect((await withCode.post('/api/session/recovery-code', { code: recoveryCodes[0] })).status).toBe(401);
    } finally {
      await after.close();
    }
  });

  it('keeps the SQLite file to the server’s own user', () => {
    expect(statSync(join(dataDir, 'helpcenter.sqlite')).mode & 0o077).toBe(0);
  });

  it('takes a password in any Unicode form, and still knows the hashes made of it as typed', async () => {
    const runtime = await createRuntime(env({ SECRET_KEY: newKey }));
    try {
      const client = apiClient(runtime);
      const email = uniqueEmail('unicode');
      const composed = 'café op het dak van het station'.normalize('NFC');
      await registerAndActivate(runtime, client, email, (await newCustomer(runtime)).policy_number, composed);
      const decomposed = composed.normalize('NFD');
      expect(decomposed).not.toBe(composed);
      expect((await apiClient(runtime).post('/api/session', { email, password: decomposed })).json).toEqual({ next: 'enrol' });
      // A hash from before: made of the password exactly as typed, not normalised.
      const legacy = await hash(decomposed, argon2Options);
      expect(await runtime.deps.passwords.verify(legacy, decomposed)).toBe(true);
      expect(await runtime.deps.passwords.verify(legacy, 'iets anders helemaal')).toBe(false);
    } finally {
      await runtime.close();
    }
  });

  it('makes a hash with older settings again at the next right password, and only then', async () => {
    const runtime = await createRuntime(env({ SECRET_KEY: newKey }));
    try {
      const { email, key } = await createActiveAccount(runtime, apiClient(runtime));
      const account = (await runtime.deps.store.findLiveAccountByEmail(email))!;
      // As OWASP's other minimum, which this server hashed with before.
      const older = await hash(GOOD_PASSWORD.normalize('NFKC'), { ...argon2Options, memoryCost: 19_456, timeCost: 2 });
      await runtime.deps.store.updateAccount(account.id, { password_hash: older });
      expect(runtime.deps.passwords.outdated(older)).toBe(true);

      expect((await apiClient(runtime).post('/api/session', { email, password: 'niet het goede wachtwoord' })).status).toBe(401);
      expect((await runtime.deps.store.findAccountById(account.id))?.password_hash).toBe(older);

      // A rehash that fails only fails the upgrade: the right password still passes.
      const store = runtime.deps.store;
      const rehashPassword = store.rehashPassword.bind(store);
      store.rehashPassword = () => Promise.reject(new Error('the database went away for this one write'));
      const emit = runtime.deps.events.emit;
      const told: unknown[] = [];
      runtime.deps.events.emit = (event, fields) => void told.push({ event, ...fields });
      expect((await apiClient(runtime).post('/api/session', { email, password: GOOD_PASSWORD })).json).toEqual({ next: 'code' });
      store.rehashPassword = rehashPassword;
      runtime.deps.events.emit = emit;
      // The operator hears of it: an account keeps its older hash while this goes on.
      expect(told).toContainEqual({
        event: 'passwordRehashFailed',
        accountId: account.id,
        err: 'the database went away for this one write',
      });
      expect((await store.findAccountById(account.id))?.password_hash).toBe(older);

      expect(await logsIn(runtime, email, freshCode(key))).toBe(true);
      const after = (await runtime.deps.store.findAccountById(account.id))!;
      expect(after.password_hash).not.toBe(older);
      expect(runtime.deps.passwords.outdated(after.password_hash)).toBe(false);
      expect(after.password_changed_at).toBe(account.password_changed_at);
      expect(await logsIn(runtime, email, freshCode(key))).toBe(true);
    } finally {
      await runtime.close();
    }
  });
});
