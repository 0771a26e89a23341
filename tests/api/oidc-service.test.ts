import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { hashToken } from '../../src/auth/crypto.ts';
import { apiClient, createActiveAccount, roomInWindow } from '../support/api.ts';
import { logoutReceiver } from '../support/logout-receiver.ts';
import { serveProvider } from '../support/provider-server.ts';
import { rawRequest } from '../support/raw-http.ts';
import { testRuntime } from '../support/runtime.ts';

describe('the OpenID Provider, built at its first use', () => {
  let receiver: Awaited<ReturnType<typeof logoutReceiver>>;
  let runtime: Awaited<ReturnType<typeof testRuntime>>;
  beforeAll(async () => {
    receiver = await logoutReceiver();
    runtime = await testRuntime('sqlite', {
      OIDC_CLIENTS: JSON.stringify([
        {
          client_id: 'portal',
          client_secret: 'p'.repeat(40),
          redirect_uris: ['http://127.0.0.1:9/callback'],
          backchannel_logout_uri: receiver.url,
        },
      ]),
    });
  });
  afterAll(async () => {
    await runtime.dispose();
    receiver.server.close();
  });

  /** A customer logged in, whose session gave the portal a grant that only the store knows of. */
  async function handedOver(grantId: string) {
    const client = apiClient(runtime);
    await createActiveAccount(runtime, client);
    const session = (await runtime.deps.store.findSession(hashToken(client.cookie().split('=')[1]!)))!;
    await runtime.deps.store.oidcLinkLogin({
      grant_id: grantId,
      session_hash: session.id_hash,
      account_id: session.account_id,
      client_id: 'portal',
      created_at: Date.now(),
    });
    return { client, session };
  }

  it('is not built by logins, and is built to send a logout that is due, as after a restart', async () => {
    // Its delivery loop is stopped: each delivery below is this test's own, not one every 2 s.
    await runtime.oidc!.stop();
    // A hand-over made before this process started.
    const { client, session } = await handedOver('grant-from-before-the-restart');
    expect(await runtime.oidc!.deliverLogouts()).toBe(0);
    expect(runtime.oidc!.started()).toBe(false);

    expect((await client.call('DELETE', '/api/session')).status).toBeLessThan(300);
    expect(await runtime.oidc!.deliverLogouts()).toBe(1);
    expect(runtime.oidc!.started()).toBe(true);
    expect(receiver.tokens).toHaveLength(1);
    expect(decodeJwt(receiver.tokens[0]!).sub).toBe(session.account_id);
  });

  it('tries a logout again for a day while the portal is down, so a new password still ends the portal’s session when it is back', async () => {
    await runtime.oidc!.stop();
    const { client } = await handedOver('grant-while-the-portal-is-down');
    const second = await handedOver('grant-while-the-portal-is-down-for-long');
    receiver.state.down = true;
    const clock = runtime.deps.clock;
    const real = clock.now;
    let later = 0;
    clock.now = () => real() + later;
    try {
      expect((await client.call('DELETE', '/api/session')).status).toBeLessThan(300);
      const before = receiver.tokens.length;
      // Twenty hours of refusals, each try as soon as it is due (10 s, 20 s, … then hourly).
      for (; later < 20 * 3_600_000; later += 600_000) await runtime.oidc!.deliverLogouts();
      expect(receiver.tokens.length - before).toBeGreaterThan(12);
      receiver.state.down = false;
      later += 3_600_000;
      expect(await runtime.oidc!.deliverLogouts()).toBe(1);

      // A portal down for more than a day is given up on, as an error in the log.
      receiver.state.down = true;
      expect((await second.client.call('DELETE', '/api/session')).status).toBeLessThan(300);
      const start = later;
      for (; later < start + 26 * 3_600_000; later += 600_000) await runtime.oidc!.deliverLogouts();
      const row = await runtime.opened.db
        .selectFrom('oidc_logouts')
        .select('status')
        .where('grant_id', '=', 'grant-while-the-portal-is-down-for-long')
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('failed');
    } finally {
      clock.now = real;
      receiver.state.down = false;
    }
  });

  it('sends a logout once when two instances look at the queue at the same moment', async () => {
    await runtime.oidc!.stop(); // only the two deliveries below send
    const { client } = await handedOver('grant-two-instances-see');
    expect((await client.call('DELETE', '/api/session')).status).toBeLessThan(300);
    const before = receiver.tokens.length;
    const sent = await Promise.all([runtime.oidc!.deliverLogouts(), runtime.oidc!.deliverLogouts()]);
    expect(sent.sort()).toEqual([0, 1]);
    expect(receiver.tokens.length - before).toBe(1);
  });
});

/** For the describe it is called in: the provider over HTTP, with one portal, on a runtime with `env`. */
function servedProvider(env: Record<string, string>) {
  const served = {} as { runtime: Awaited<ReturnType<typeof testRuntime>>; base: string; close(): Promise<void> };
  beforeAll(async () => {
    served.runtime = await testRuntime('sqlite', {
      ...env,
      OIDC_CLIENTS: JSON.stringify([
        { client_id: 'portal', client_secret: 'p'.repeat(40), redirect_uris: ['http://127.0.0.1:9/callback'] },
      ]),
    });
    Object.assign(served, await serveProvider(served.runtime));
  });
  afterAll(async () => {
    await served.close();
    await served.runtime.dispose();
  });
  return served;
}

/** That portal's authorization request, with PKCE. */
const authorization = (extra: Record<string, string> = {}) =>
  new URLSearchParams({
    client_id: 'portal',
    redirect_uri: 'http://127.0.0.1:9/callback',
    response_type: 'code',
    scope: 'openid',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
    ...extra,
  });

describe('the provider’s authorization endpoint, which anyone may call', () => {
  const provider = servedProvider({ RATE_LIMIT_FACTOR: '1' });

  it('stores a login in progress for each call, so one client gets sixty in five minutes, then a page in both languages', async () => {
    const params = authorization();
    const authorize = () => fetch(`${provider.base}/oidc/auth?${params}`, { redirect: 'manual' });
    await roomInWindow('handOver');
    // Another site's images count for nothing: they get a refusal, and the portal's sixty still pass.
    const image = { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Dest': 'image' };
    for (let i = 0; i < 60; i++)
      expect((await fetch(`${provider.base}/oidc/auth?${params}`, { redirect: 'manual', headers: image })).status).toBe(403);
    for (let i = 0; i < 60; i++) expect((await authorize()).status).toBe(303);
    const refused = await authorize();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const text = await refused.text();
    expect(text).toMatch(/Wacht \d+ minuten/);
    expect(text).toMatch(/Wait \d+ minutes?/i);
    // The provider's router finds its endpoint in any case and with a slash at the end: so does the count.
    for (const path of ['/oidc/auth/', '/oidc/AUTH', '/oidc/Auth/'])
      expect((await fetch(`${provider.base}${path}?${params}`, { redirect: 'manual' })).status).toBe(429);
    // The rest of the provider is not counted: its metadata still answers.
    expect((await fetch(`${provider.base}/oidc/.well-known/openid-configuration`)).status).toBe(200);
  });
});

describe('the provider’s addresses, whatever a request says its host is', () => {
  const provider = servedProvider({ PUBLIC_ORIGIN: 'https://hulp.example', TRUST_PROXY: 'true' });

  // What a client sends, or a proxy that ends TLS passes on: another host, and plain http.
  const forged: [string, string][] = [
    ['Host', 'evil.example'],
    ['X-Forwarded-Host', 'evil.example'],
    ['X-Forwarded-Proto', 'http'],
  ];

  it('names its endpoints from PUBLIC_ORIGIN, so a cached discovery document cannot send a portal’s secret elsewhere', async () => {
    const answer = await rawRequest(provider.base, {
      method: 'GET',
      target: '/oidc/.well-known/openid-configuration',
      headers: forged,
    });
    expect(answer.status).toBe(200);
    const discovery = JSON.parse(answer.text) as Record<string, unknown>;
    const addresses = Object.entries(discovery).filter(([name]) => name.endsWith('_endpoint') || name === 'jwks_uri');
    expect(addresses.length).toBeGreaterThanOrEqual(5);
    for (const [, address] of addresses) expect(address).toMatch(/^https:\/\/hulp\.example\/oidc\//);
  });

  it('sets its cookies Secure, and its self-posting answer can be framed by nobody and runs only its own script', async () => {
    const params = authorization({ response_mode: 'form_post' });
    const login = await rawRequest(provider.base, { method: 'GET', target: `/oidc/auth?${params}`, headers: forged });
    expect(login.status).toBe(303);
    expect(login.headers['set-cookie']).toMatch(/_interaction=/);
    for (const cookie of login.headers['set-cookie']!.split(/,(?=\s*_)/)) expect(cookie).toMatch(/;\s*secure/i);

    // No login here yet: the refusal goes back to the portal as a page that posts itself.
    params.set('prompt', 'none');
    const page = await rawRequest(provider.base, { method: 'GET', target: `/oidc/auth?${params}`, headers: forged });
    expect(page.text).toMatch(/<form method="post" action="http:\/\/127\.0\.0\.1:9\/callback"/);
    const policy = page.headers['content-security-policy'] ?? '';
    expect(policy).toMatch(/frame-ancestors 'none'/);
    expect(policy).toMatch(/script-src 'self' 'sha256-[\w+/=]+'/);
    expect(page.headers['x-frame-options']).toBe('DENY');
  });
});
