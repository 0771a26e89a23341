import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServerConfig } from '../../src/config/server.ts';
import { appsFor } from '../../src/server/edge.ts';
import { createRuntime } from '../../src/server/runtime.ts';
import { apiClient, createActiveAccount, GOOD_PASSWORD, ORIGIN } from '../support/api.ts';
import { storeKinds, testRuntime } from '../support/runtime.ts';
import { codeFor } from '../support/totp.ts';

const TOKEN = 'metrics-token-for-the-tests-0123456789';
const key = randomBytes(32).toString('base64');

describe('configuration checked at start', () => {
  it('production needs a key, a public https address, and a real metrics token', () => {
    expect(() => loadServerConfig({ APP_ENV: 'production', PUBLIC_ORIGIN: 'https://hulp.example.org' })).toThrow(/SECRET_KEY/);
    expect(() => loadServerConfig({ APP_ENV: 'production', SECRET_KEY: key })).toThrow(/PUBLIC_ORIGIN/);
    expect(() => loadServerConfig({ APP_ENV: 'production', SECRET_KEY: key, PUBLIC_ORIGIN: 'http://hulp.example.org' })).toThrow(
      /https/,
    );
    expect(() => loadServerConfig({ METRICS_TOKEN: 'short', DATA_DIR: mkdtempSync(join(tmpdir(), 'hc-')) })).toThrow(
      /METRICS_TOKEN/,
    );
    expect(() => loadServerConfig({ DATABASE_URL: 'mysql://x', DATA_DIR: mkdtempSync(join(tmpdir(), 'hc-')) })).toThrow(
      /DATABASE_URL: use a postgres/,
    );
  });

  it('production refuses a database without its migrations, and says what to run', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hc-prod-'));
    try {
      await expect(
        createRuntime({
          APP_ENV: 'production',
          SECRET_KEY: key,
          PUBLIC_ORIGIN: 'https://hulp.example.org',
          DATA_DIR: dataDir,
          LOG_LEVEL: 'silent',
        }),
      ).rejects.toThrow(/Run `npm run migrate` first/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

for (const kind of storeKinds) {
  describe(`readiness and metrics on ${kind}`, () => {
    let runtime: Awaited<ReturnType<typeof testRuntime>>;
    let api: ReturnType<typeof appsFor>['api'];
    const get = async (path: string, headers: Record<string, string> = {}) => {
      const res = await api.fetch(new Request(`${ORIGIN}${path}`, { headers }), { clientAddress: '192.0.2.9' });
      return { status: res.status, text: await res.text(), headers: res.headers };
    };
    beforeAll(async () => {
      runtime = await testRuntime(kind, { METRICS_TOKEN: TOKEN });
      api = appsFor(runtime).api;
    });
    afterAll(() => runtime.dispose());

    it('is ready: database reachable, migrations current, mail going somewhere', async () => {
      const res = await get('/api/ready');
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text)).toEqual({
        status: 'ready',
        checks: { database: 'ok', migrations: 'current', mail: 'outbox' },
      });
    });

    it('shows metrics only with the token', async () => {
      expect((await get('/api/metrics')).status).toBe(401);
      expect((await get('/api/metrics', { Authorization: 'Bearer wrong-token-wrong-token-wrong' })).status).toBe(401);
      const res = await get('/api/metrics', { Authorization: `Bearer ${TOKEN}` });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(res.text).toContain('helpcenter_process_resident_memory_bytes');
      // Not in the public API document.
      expect((await get('/api/openapi.json')).text).not.toContain('/metrics');
    });

    it('counts requests by route pattern, login outcomes by diagnosis, and mail', async () => {
      const { email, key: totpKey } = await createActiveAccount(runtime, apiClient(runtime), 'ZP100003');
      // Through the runtime's own app, as the server runs it.
      const post = (path: string, body: unknown, cookie = '') =>
        api.fetch(
          new Request(`${ORIGIN}${path}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Origin: ORIGIN, ...(cookie ? { Cookie: cookie } : {}) },
            body: JSON.stringify(body),
          }),
          { clientAddress: '192.0.2.9' },
        );
      await post('/api/session', { email, password: 'niet het goede wachtwoord' });
      const passwordStep = await post('/api/session', { email, password: GOOD_PASSWORD });
      const cookie = passwordStep.headers.get('set-cookie')!.split(';')[0]!;
      await post('/api/session/code', { code: codeFor(totpKey, 150) }, cookie);
      await post(`/api/agent/accounts/00000000-0000-4000-8000-000000000000/lift-lock`, { reason: 'test test' });
      await post('/api/password/reset-request', { email });

      const text = (await get('/api/metrics', { Authorization: `Bearer ${TOKEN}` })).text;
      expect(text).toMatch(/helpcenter_login_outcomes_total\{method="password",step="password",outcome="wrongPassword"\} 1/);
      expect(text).toMatch(/helpcenter_login_outcomes_total\{method="password",step="password",outcome="success"\} 1/);
      expect(text).toMatch(/helpcenter_login_outcomes_total\{method="password",step="code",outcome="clockDrift"\} 1/);
      expect(text).toMatch(/helpcenter_http_requests_total\{method="POST",route="\/api\/session",status="401"\} 1/);
      expect(text).toMatch(
        /helpcenter_http_requests_total\{method="POST",route="\/api\/agent\/accounts\/:id\/:action",status="401"\} 1/,
      );
      expect(text).toMatch(/helpcenter_http_request_duration_seconds_bucket\{le="[\d.]+",method="POST",route="\/api\/session"\}/);
      // Every mail is queued through the runtime's queue, whichever app asked.
      expect(text).toMatch(/helpcenter_mail_total\{event="queued",kind="activate"\} [1-9]/);
      expect(text).toMatch(/helpcenter_mail_total\{event="queued",kind="resetLink"\} 1/);
      expect(text).toMatch(/helpcenter_mail_pending \d+/);
      expect(text).not.toMatch(/0000-4000-8000/);
      if (kind === 'postgres') expect(text).toMatch(/helpcenter_db_pool_connections\{state="total"\} [1-9]/);
    });

    it('is not ready when the database is gone', async () => {
      const other = await testRuntime(kind);
      const otherApi = appsFor(other).api;
      await other.opened.close();
      const res = await otherApi.fetch(new Request(`${ORIGIN}/api/ready`), { clientAddress: '192.0.2.9' });
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'not ready', checks: { database: 'unreachable' } });
      await other.close().catch(() => {});
    });
  });
}

describe('readiness in production', () => {
  it('is not ready without a mail server, and ready with one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hc-prod-'));
    const env = { SECRET_KEY: key, PUBLIC_ORIGIN: 'https://hulp.example.org', DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    // Migrate as an operator would (development migrates on start), then start in production.
    await (await createRuntime({ ...env, APP_ENV: 'development' })).close();
    for (const [smtp, status, mail] of [
      [undefined, 503, 'not configured'],
      ['smtp://127.0.0.1:2525', 200, 'smtp'],
    ] as const) {
      const runtime = await createRuntime({ ...env, APP_ENV: 'production', ...(smtp ? { SMTP_URL: smtp } : {}) });
      try {
        const res = await appsFor(runtime).api.fetch(new Request('https://hulp.example.org/api/ready'), {});
        expect(res.status).toBe(status);
        expect((await res.json()).checks.mail).toBe(mail);
        expect((await appsFor(runtime).api.fetch(new Request('https://hulp.example.org/api/metrics'), {})).status).toBe(404);
      } finally {
        await runtime.close();
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });
});
