// The OpenID Provider under load: authorization codes exchanged for tokens
// (the step every portal login ends with), per second, on the built server.
import { hash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { newAccountRow } from '../src/auth/account-row.ts';
import { startSession } from '../src/auth/sessions.ts';
import { newTotpSecret } from '../src/auth/totp.ts';
import { createRuntime } from '../src/server/runtime.ts';
import { startServer } from './server.ts';
import { median, percentile, type Row } from './table.ts';

const SECRET = randomBytes(32).toString('hex');
const REDIRECT = 'http://127.0.0.1:9/callback';
const CODES = 600;

export async function oidcRows(port: number): Promise<Row[]> {
  const section = 'openid provider';
  const env = {
    APP_ENV: 'development',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'helpcenter-bench-oidc-')),
    SECRET_KEY: randomBytes(32).toString('base64'),
    PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
    RATE_LIMIT_FACTOR: '100000',
    LOG_LEVEL: 'warn',
    OIDC_CLIENTS: JSON.stringify([{ client_id: 'bench', client_secret: SECRET, redirect_uris: [REDIRECT] }]),
  };
  // A customer logged in to the help center: after the first hand-over, each authorization is one redirect.
  const runtime = await createRuntime(env);
  const { deps } = runtime;
  const customer = (await deps.store.findCustomerByPolicy('ZP100001'))!;
  const now = Date.now();
  const account = newAccountRow(deps, {
    email: 'oidc-bench@voorbeeld.test',
    customer_id: customer.id,
    role: 'customer',
    status: 'active',
    lang: 'nl',
    password_hash: 'x',
    totp_secret: deps.sealer.seal(newTotpSecret()),
    totp_bound_at: now,
    activated_at: now,
    password_changed_at: now,
  });
  await deps.store.insertAccount(account);
  const jar = new Map([['__Host-session', await startSession(deps, deps.store, account, 'full', 'password')]]);
  await runtime.close();

  const server = await startServer(port, env);
  const base = server.url;
  const verifier = randomBytes(32).toString('base64url');
  const challenge = hash('sha256', verifier, 'base64url');
  const get = async (url: string) => {
    const res = await fetch(url, { redirect: 'manual', headers: { Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const line of res.headers.getSetCookie()) {
      const [name, ...value] = line.split(';')[0]!.split('=');
      jar.set(name!, value.join('='));
    }
    return res.headers.get('location');
  };
  /** One authorization: redirects followed until the code comes back to the client. */
  async function code(): Promise<string> {
    const params = new URLSearchParams({
      client_id: 'bench',
      response_type: 'code',
      scope: 'openid insurance',
      redirect_uri: REDIRECT,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: randomBytes(8).toString('hex'),
      nonce: randomBytes(8).toString('hex'),
    });
    let location = await get(`${base}/oidc/auth?${params}`);
    for (let hop = 0; location && !location.startsWith(REDIRECT) && hop < 10; hop++)
      location = await get(new URL(location, base).href);
    const found = location && new URL(location).searchParams.get('code');
    if (!found) throw new Error(`no code: ${location}`);
    return found;
  }
  try {
    await code();
    const authorizeStart = performance.now();
    const codes: string[] = [];
    for (let i = 0; i < CODES; i++) codes.push(await code());
    const authorizeMs = performance.now() - authorizeStart;

    const basic = `Basic ${Buffer.from(`bench:${SECRET}`).toString('base64')}`;
    const times: number[] = [];
    let failed = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: availableParallelism() * 4 }, async () => {
        for (let c = codes.pop(); c; c = codes.pop()) {
          const t = performance.now();
          const res = await fetch(`${base}/oidc/token`, {
            method: 'POST',
            headers: { Authorization: basic, 'Content-Type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({
              grant_type: 'authorization_code',
              code: c,
              redirect_uri: REDIRECT,
              code_verifier: verifier,
            }),
          });
          await res.arrayBuffer();
          if (res.status !== 200) failed++;
          times.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const cores = availableParallelism();
    return [
      {
        section,
        metric: `authorizations with a live session, one browser (sequential)`,
        value: Math.round(CODES / (authorizeMs / 1000)),
        unit: 'req/s',
      },
      {
        section,
        metric: `code exchanges (token endpoint), ${CODES} codes, ${cores * 4} at once`,
        value: `${Math.round(CODES / seconds)} (${Math.round(CODES / seconds / cores)} per core)`,
        unit: 'req/s',
        goal: '≫ 120 per core',
      },
      {
        section,
        metric: 'code exchange latency p50 / p99',
        value: `${median(times).toFixed(1)} / ${percentile(times, 99).toFixed(1)}`,
        unit: 'ms',
      },
      { section, metric: 'code exchanges refused', value: failed, goal: '0' },
    ];
  } finally {
    await server.stop();
  }
}
