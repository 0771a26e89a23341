import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { systemRandom } from '../../src/auth/crypto.ts';
import { importCustomers } from '../../src/auth/customers.ts';
import { openStore, type OpenedStore } from '../../src/store/open.ts';
import { serverArgs } from '../../src/server/node-flags.ts';
import { GOOD_PASSWORD, tokenFrom, uniqueEmail } from './api.ts';
import { freshCode } from './totp.ts';
import { postgresUrl, type StoreKind } from './runtime.ts';

let nextPort = 4600 + Math.floor(Math.random() * 200);

/**
 * The built server as a real process (`node dist/server/main.mjs`), on loopback,
 * with its own data folder or PostgreSQL schema; it can be killed and started
 * again on the same data.
 */
export async function startBuiltServer(kind: StoreKind = 'sqlite', extraEnv: Record<string, string> = {}) {
  const port = nextPort++;
  const origin = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    APP_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_ORIGIN: origin,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'helpcenter-rel-')),
    SECRET_KEY: randomBytes(32).toString('base64'),
    RATE_LIMIT_FACTOR: '1000',
    LOG_LEVEL: 'warn',
    ...(kind === 'postgres'
      ? { DATABASE_URL: postgresUrl!, DATABASE_SCHEMA: `rel_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}` }
      : {}),
    ...extraEnv,
  };
  let child: ChildProcess;
  let output = '';

  async function start() {
    child = spawn(process.execPath, serverArgs, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    // As long as Playwright gives its own server: a loaded machine starts slowly.
    for (let i = 0; i < 600; i++) {
      if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
      try {
        if ((await fetch(`${origin}/api/health`)).ok) return;
      } catch {
        /* not yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not start: ${output}`);
  }
  await start();

  return {
    origin,
    env,
    get process() {
      return child;
    },
    output: () => output,
    /** The same database the server uses, for looking at mail and state. */
    openStore(): OpenedStore {
      return openStore({
        databaseUrl: env.DATABASE_URL,
        dataDir: env.DATA_DIR!,
        ...(env.DATABASE_SCHEMA ? { schema: env.DATABASE_SCHEMA } : {}),
      });
    },
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill(signal);
      return exited;
    },
    /** Starts it again on the same data, with these variables changed (null removes one). */
    async restart(changes: Record<string, string | null> = {}) {
      for (const [name, value] of Object.entries(changes)) {
        if (value === null) delete env[name];
        else env[name] = value;
      }
      await start();
    },
    async dispose() {
      if (child.exitCode === null && child.signalCode === null) await this.kill();
      if (env.DATABASE_SCHEMA) {
        const opened = this.openStore();
        await opened.db.schema.dropSchema(env.DATABASE_SCHEMA).ifExists().cascade().execute();
        await opened.close();
      }
    },
  };
}

export type BuiltServer = Awaited<ReturnType<typeof startBuiltServer>>;

/** The newest mail to an address in the server's outbox, waiting a little for it. */
export async function newestMail(s: BuiltServer, to: string) {
  const opened = s.openStore();
  try {
    for (let i = 0; i < 100; i++) {
      const mail = (await opened.store.listMail(500)).find((m) => m.to_address === to);
      if (mail) return mail;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no mail to ${to}`);
  } finally {
    await opened.close();
  }
}

/**
 * A browser-like client over real HTTP: same-origin JSON and a cookie jar of
 * one cookie. `at(url)` sends the same browser to another instance behind the
 * same public address, as a load balancer would.
 */
export function httpClient(origin: string, jar = { cookie: '' }, publicOrigin = origin) {
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${origin}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(method !== 'GET' ? { Origin: publicOrigin } : {}),
        ...(jar.cookie ? { Cookie: jar.cookie } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const set = res.headers.get('set-cookie');
    if (set) jar.cookie = set.includes('Max-Age=0') ? '' : set.split(';')[0]!;
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  }
  return {
    call,
    get: (p: string) => call('GET', p),
    post: (p: string, b?: unknown) => call('POST', p, b),
    cookie: () => jar.cookie,
    at: (url: string) => httpClient(url, jar, publicOrigin),
  };
}

let customers = 0;
/** A business customer of its own in this server's database, as the insurer's import adds it; returns its policy number. */
export async function newCustomerIn(s: BuiltServer): Promise<string> {
  const opened = s.openStore();
  try {
    const policy = `ZR${Date.now().toString(36).slice(-5)}${(customers++).toString(36)}`.toUpperCase();
    const report = await importCustomers({ store: opened.store, clock: { now: () => Date.now() }, random: systemRandom }, [
      {
        line: 1,
        values: {
          policy_number: policy,
          company_name: `Bedrijf ${policy}`,
          kvk_number: String(95_000_000 + customers),
          product_lines: 'business-package',
          street: 'Proefstraat 1',
          postal_code: '9995 ZZ',
          city: 'Voorbeeldstad',
        },
      },
    ]);
    if (report.created !== 1) throw new Error(`customer not created: ${JSON.stringify(report)}`);
    return policy;
  } finally {
    await opened.close();
  }
}

/** Asks for an account and activates it from its mail over real HTTP, choosing the password there. */
export async function registerOver(s: BuiltServer, client: HttpClient, email: string, policyNumber: string) {
  expect((await client.post('/api/accounts', { email, policyNumber })).status).toBe(202);
  const token = tokenFrom((await newestMail(s, email)).text_body);
  expect((await client.post('/api/accounts/activate', { token, password: GOOD_PASSWORD })).status).toBe(200);
}

/** The first email login of a company of its own: registered, activated and its app linked, over real HTTP. */
export async function activeAccountOver(s: BuiltServer, email: string) {
  const client = httpClient(s.origin);
  await registerOver(s, client, email, await newCustomerIn(s));
  await client.post('/api/session', { email, password: GOOD_PASSWORD });
  const key = (await client.post('/api/authenticator/enrolment')).json.key.replace(/\s/g, '') as string;
  const bound = await client.post('/api/authenticator/enrolment/confirm', { code: freshCode(key) });
  expect(bound.status).toBe(200);
  return { email, key, recoveryCodes: bound.json.recoveryCodes as string[], client };
}

/** A supervisor invited with `npm run staff`, who chose a password and linked an app: a client with a full staff session. */
export async function staffOver(s: BuiltServer) {
  const email = uniqueEmail('supervisor');
  execFileSync(process.execPath, ['scripts/staff.ts', 'invite', email, '--supervisor'], { env: s.env, stdio: 'pipe' });
  const client = httpClient(s.origin);
  const token = tokenFrom((await newestMail(s, email)).text_body);
  expect((await client.post('/api/agent/invitation', { token, password: GOOD_PASSWORD })).status).toBe(200);
  await client.post('/api/agent/session', { email, password: GOOD_PASSWORD });
  const key = (await client.post('/api/authenticator/enrolment')).json.key.replace(/\s/g, '') as string;
  expect((await client.post('/api/authenticator/enrolment/confirm', { code: freshCode(key) })).status).toBe(200);
  expect((await client.post('/api/agent/session', { email, password: GOOD_PASSWORD })).json).toEqual({ next: 'code' });
  expect((await client.post('/api/session/code', { code: freshCode(key) })).status).toBe(200);
  return client;
}

export type HttpClient = ReturnType<typeof httpClient>;
