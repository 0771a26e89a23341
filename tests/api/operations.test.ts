import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServerConfig } from '../../src/config/server.ts';
import Provider from 'oidc-provider';
import { loadOidcConfig, newSigningKey } from '../../src/oidc/config.ts';
import { appsFor } from '../../src/server/edge.ts';
import { createRuntime } from '../../src/server/runtime.ts';
import { openStoreForCli } from '../../src/server/cli.ts';
import { apiClient, createActiveAccount, GOOD_PASSWORD, ORIGIN } from '../support/api.ts';
import { testRuntime, forEachStore } from '../support/runtime.ts';
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
    // Long enough, and guessable: a filler, a typed phrase.
    for (const weak of [Buffer.alloc(32).toString('base64'), 'changemechangemechangemechangemechangemecha'])
      expect(() =>
        loadServerConfig({
          APP_ENV: 'production',
          SECRET_KEY: weak,
          PUBLIC_ORIGIN: 'https://hulp.example.org',
          MAIL_TRANSPORT: 'log',
        }),
      ).toThrow(/SECRET_KEY is not random/);
    // The way off a weak key stays open: it may be the previous one while a rotation replaces it.
    const weakBefore = Buffer.alloc(32).toString('base64');
    expect(
      loadServerConfig({
        APP_ENV: 'production',
        SECRET_KEY: key,
        SECRET_KEY_PREVIOUS: weakBefore,
        PUBLIC_ORIGIN: 'https://hulp.example.org',
        MAIL_TRANSPORT: 'log',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'hc-')),
      }).secretKeyPrevious,
    ).toHaveLength(32);
    expect(() => loadServerConfig({ METRICS_TOKEN: 'a'.repeat(24), DATA_DIR: mkdtempSync(join(tmpdir(), 'hc-')) })).toThrow(
      /METRICS_TOKEN: too few different characters/,
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
          MAIL_TRANSPORT: 'log',
          DATA_DIR: dataDir,
          LOG_LEVEL: 'silent',
        }),
      ).rejects.toThrow(/Run `npm run migrate` first/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

forEachStore((kind) => {
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
});

describe('modes an operator cannot get wrong', () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'hc-mode-'));
  it('is production unless APP_ENV=development says otherwise or everything points at this machine, with no key of its own', () => {
    const prod = { SECRET_KEY: key, PUBLIC_ORIGIN: 'https://hulp.example.org', MAIL_TRANSPORT: 'log' };
    expect(loadServerConfig({ ...prod, DATA_DIR: dataDir() }).mode).toBe('production');
    expect(loadServerConfig({ ...prod, NODE_ENV: 'production', DATA_DIR: dataDir() }).mode).toBe('production');
    expect(() => loadServerConfig({ NODE_ENV: 'production', PUBLIC_ORIGIN: 'https://hulp.example.org' })).toThrow(/SECRET_KEY/);
    expect(() => loadServerConfig({ NODE_ENV: 'production', APP_ENV: 'development', DATA_DIR: dataDir() })).toThrow(
      /contradicts NODE_ENV=production/,
    );
    expect(loadServerConfig({ DATA_DIR: dataDir() }).mode).toBe('development');
    expect(loadServerConfig({ PUBLIC_ORIGIN: 'http://127.0.0.1:4400', DATA_DIR: dataDir() }).mode).toBe('development');
    // Listening beyond this machine, or given a key of its own, it is production: which then says what it lacks.
    expect(() => loadServerConfig({ HOST: '0.0.0.0', SMTP_URL: 'smtp://127.0.0.1:2525', DATA_DIR: dataDir() })).toThrow(
      /SECRET_KEY/,
    );
    expect(() => loadServerConfig({ SECRET_KEY: key, SMTP_URL: 'smtp://127.0.0.1:2525', DATA_DIR: dataDir() })).toThrow(
      /PUBLIC_ORIGIN/,
    );
    expect(loadServerConfig({ APP_ENV: 'development', HOST: '0.0.0.0', SECRET_KEY: key, DATA_DIR: dataDir() }).mode).toBe(
      'development',
    );
    expect(
      loadServerConfig({ APP_ENV: 'development', PUBLIC_ORIGIN: 'https://test.example.org', DATA_DIR: dataDir() }).mode,
    ).toBe('development');
  });

  it('production needs a way to send mail, and says which', () => {
    const prod = { APP_ENV: 'production', SECRET_KEY: key, PUBLIC_ORIGIN: 'https://hulp.example.org', DATA_DIR: dataDir() };
    expect(() => loadServerConfig(prod)).toThrow(/SMTP_URL/);
    expect(() => loadServerConfig({ ...prod, MAIL_TRANSPORT: 'outbox' })).toThrow(/development only/);
    expect(loadServerConfig({ ...prod, MAIL_TRANSPORT: 'log' }).mailTransport).toBe('log');
    expect(loadServerConfig({ ...prod, SMTP_URL: 'smtp://127.0.0.1:2525' }).mailTransport).toBe('smtp');
  });

  const portal = {
    client_id: 'portal',
    client_secret: 'x'.repeat(32),
    redirect_uris: ['https://portal.example.org/cb'],
    backchannel_logout_uri: 'https://portal.example.org/logout',
  };
  const productionConfig = () =>
    loadServerConfig({
      APP_ENV: 'production',
      SECRET_KEY: key,
      PUBLIC_ORIGIN: 'https://hulp.example.org',
      MAIL_TRANSPORT: 'log',
      DATA_DIR: dataDir(),
    });

  it('refuses an OpenID client it cannot serve safely, and production without signing keys, naming the problem', () => {
    const dev = loadServerConfig({ DATA_DIR: dataDir() });
    expect(loadOidcConfig({}, dev)).toBeNull();
    expect(loadOidcConfig({ OIDC_CLIENTS: JSON.stringify([portal]) }, dev)?.signingKeys).toHaveLength(1);
    expect(() => loadOidcConfig({ OIDC_CLIENTS: '[{' }, dev)).toThrow(/OIDC_CLIENTS is not valid JSON/);
    expect(() =>
      loadOidcConfig({ OIDC_CLIENTS: JSON.stringify([{ ...portal, redirect_uris: ['http://portal.example.org/cb'] }]) }, dev),
    ).toThrow(/redirect_uris.0: use https/);
    expect(() => loadOidcConfig({ OIDC_CLIENTS: JSON.stringify([{ ...portal, client_secret: undefined }]) }, dev)).toThrow(
      /client_secret_basic needs a client_secret/,
    );
    expect(() => loadOidcConfig({ OIDC_CLIENTS: JSON.stringify([portal, portal]) }, dev)).toThrow(/every client_id only once/);
    const prod = productionConfig();
    expect(() => loadOidcConfig({ OIDC_CLIENTS: JSON.stringify([portal]) }, prod)).toThrow(/OIDC_SIGNING_KEYS/);
    const keys = JSON.stringify({ keys: [newSigningKey()] });
    expect(loadOidcConfig({ OIDC_CLIENTS: JSON.stringify([portal]), OIDC_SIGNING_KEYS: keys }, prod)?.issuer).toBe(
      'https://hulp.example.org/oidc',
    );
    // A client that cannot hear our sessions end would keep the person logged in on its side.
    const { backchannel_logout_uri: _, ...deaf } = portal;
    expect(loadOidcConfig({ OIDC_CLIENTS: JSON.stringify([deaf]) }, dev)?.clients).toHaveLength(1);
    expect(() => loadOidcConfig({ OIDC_CLIENTS: JSON.stringify([deaf]), OIDC_SIGNING_KEYS: keys }, prod)).toThrow(
      /needs a backchannel_logout_uri for every client, to end its sessions when ours end: portal/,
    );
    // On this machine is for development: production would drop its back-channel logouts.
    const local = { ...portal, backchannel_logout_uri: 'http://127.0.0.1:8080/logout' };
    expect(loadOidcConfig({ OIDC_CLIENTS: JSON.stringify([local]) }, dev)?.clients[0]?.backchannel_logout_uri).toBe(
      local.backchannel_logout_uri,
    );
    expect(() => loadOidcConfig({ OIDC_CLIENTS: JSON.stringify([local]), OIDC_SIGNING_KEYS: keys }, prod)).toThrow(
      /for development only:\nportal: http:\/\/127\.0\.0\.1:8080\/logout/,
    );
    // However it is written: a private network, a trailing dot, a subdomain of localhost, IPv4 in IPv6.
    for (const address of [
      'https://10.0.0.5/logout',
      'https://localhost./x',
      'https://a.localhost/x',
      'https://[::ffff:127.0.0.1]/x',
      'https://0.0.0.0/x',
    ])
      expect(
        () =>
          loadOidcConfig(
            { OIDC_CLIENTS: JSON.stringify([{ ...portal, backchannel_logout_uri: address }]), OIDC_SIGNING_KEYS: keys },
            prod,
          ),
        address,
      ).toThrow(/for development only/);
    expect(
      loadOidcConfig(
        {
          OIDC_CLIENTS: JSON.stringify([{ ...portal, backchannel_logout_uri: 'https://93.184.215.14/x' }]),
          OIDC_SIGNING_KEYS: keys,
        },
        prod,
      ),
    ).not.toBeNull();
  });

  it('refuses at start every signing key oidc-provider would refuse when it is built at its first use, and keys it would take but no client could check', () => {
    const prod = productionConfig();
    const load = (keys: unknown[], clients: unknown[] = [portal]) =>
      loadOidcConfig({ OIDC_CLIENTS: JSON.stringify(clients), OIDC_SIGNING_KEYS: JSON.stringify({ keys }) }, prod);
    const providerTakes = (keys: unknown[]) => {
      try {
        // Only built: its adapter is never called (without one, it warns that it keeps state in memory).
        new Provider('https://hulp.example.org/oidc', {
          jwks: { keys: keys as never },
          adapter: class {} as never,
          features: { devInteractions: { enabled: false } },
        });
        return true;
      } catch {
        return false;
      }
    };
    const good = newSigningKey();
    const other = newSigningKey();
    const cases: [string, unknown[]][] = [
      ['a new key', [good]],
      ['two keys', [good, other]],
      ['key_ops', [{ ...good, key_ops: ['sign'] }]],
      ['the same kid twice', [good, { ...other, kid: good.kid }]],
      ['ES384 on a P-256 key', [{ ...good, alg: 'ES384' }]],
      ['a key for encryption', [{ ...good, use: 'enc' }]],
      ['an empty kid', [{ ...good, kid: '' }]],
      ['key_ops not a list', [{ ...good, key_ops: 'sign' }]],
      ['an empty x5c', [{ ...good, x5c: [] }]],
    ];
    for (const [name, keys] of cases) {
      const taken = (() => {
        try {
          return load(keys) !== null;
        } catch (error) {
          expect(String(error), name).toMatch(/Invalid OIDC_SIGNING_KEYS/);
          return false;
        }
      })();
      expect(taken, name).toBe(providerTakes(keys));
    }
    // Taken by the provider, but no client could check what they sign.
    for (const broken of [{ x: good.y }, { d: other.d }]) {
      expect(providerTakes([{ ...good, ...broken }])).toBe(true);
      expect(() => load([{ ...good, ...broken }])).toThrow(/Invalid OIDC_SIGNING_KEYS:\nkeys.0: (not a usable key|its x and y)/);
    }
    // A client's keys: public ones only, and usable.
    const { d: _private, ...publicHalf } = other;
    const jwtClient = (keys: unknown[]) => ({
      client_id: 'portal',
      redirect_uris: ['https://portal.example.org/cb'],
      backchannel_logout_uri: 'https://portal.example.org/logout',
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: { keys },
    });
    expect(load([good], [jwtClient([publicHalf])])?.clients[0]?.jwks?.keys).toHaveLength(1);
    expect(() => load([good], [jwtClient([other])])).toThrow(/jwks.keys.0: a client’s public key only/);
    expect(() => load([good], [jwtClient([{ kty: 'EC' }])])).toThrow(/jwks.keys.0: not a usable key/);
  });

  it('lets only a development server be told where to die for the crash tests', () => {
    const prod = { APP_ENV: 'production', SECRET_KEY: key, PUBLIC_ORIGIN: 'https://hulp.example.org', MAIL_TRANSPORT: 'log' };
    expect(() => loadServerConfig({ ...prod, FAULT_POINT: 'passwordReset:inside', DATA_DIR: dataDir() })).toThrow(/FAULT_POINT/);
    expect(() => loadServerConfig({ FAULT_POINT: 'anywhere', DATA_DIR: dataDir() })).toThrow(/FAULT_POINT:/);
    expect(loadServerConfig({ FAULT_POINT: 'passwordReset:inside', DATA_DIR: dataDir() }).faultPoint).toBe(
      'passwordReset:inside',
    );
    expect(loadServerConfig({ DATA_DIR: dataDir() }).faultPoint).toBeUndefined();
  });

  it('checks every setting, RATE_LIMIT_FACTOR too, naming the variable', () => {
    for (const [name, value] of [
      ['RATE_LIMIT_FACTOR', 'veel'],
      ['RATE_LIMIT_FACTOR', '0'],
      ['PORT', '99999'],
      ['RETAIN_AUDIT_YEARS', '0'],
      ['SECRET_KEY_PREVIOUS', 'kort'],
    ])
      expect(() => loadServerConfig({ [name!]: value, DATA_DIR: dataDir() }), name).toThrow(new RegExp(`${name}:`));
    expect(loadServerConfig({ RATE_LIMIT_FACTOR: '50', DATA_DIR: dataDir() }).rateLimitFactor).toBe(50);
  });
});

describe('production', () => {
  it('is ready with a mail server or MAIL_TRANSPORT=log, and has no outbox page, no development broker and no demo customers', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hc-prod-'));
    const env = { SECRET_KEY: key, PUBLIC_ORIGIN: 'https://hulp.example.org', DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    // Migrate as an operator would, then start in production.
    const migrating = await openStoreForCli({ ...env, APP_ENV: 'development' });
    await migrating.close();
    for (const [extra, mail] of [
      [{ MAIL_TRANSPORT: 'log' }, 'log'],
      [{ SMTP_URL: 'smtp://127.0.0.1:2525' }, 'smtp'],
    ] as const) {
      const runtime = await createRuntime({ ...env, NODE_ENV: 'production', ...extra });
      try {
        const apps = appsFor(runtime);
        const res = await apps.api.fetch(new Request('https://hulp.example.org/api/ready'), {});
        expect(res.status).toBe(200);
        expect((await res.json()).checks.mail).toBe(mail);
        expect((await apps.api.fetch(new Request('https://hulp.example.org/api/metrics'), {})).status).toBe(404);
        expect((await apps.dev.fetch(new Request('https://hulp.example.org/dev/mail'))).status).toBe(404);
        expect(runtime.devBroker).toBeNull();
        expect(runtime.demoPortal).toBeNull();
        expect(runtime.oidc).toBeNull();
        expect(runtime.eherkenning).toBeNull();
        expect(await runtime.deps.store.countCustomers()).toBe(0);
      } finally {
        await runtime.close();
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });
});
