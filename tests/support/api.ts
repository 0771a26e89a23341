import { createApp } from '../../src/edge/app.ts';
import { limits, type LimitName } from '../../src/edge/limits.ts';
import type { Runtime } from '../../src/server/runtime.ts';
import { freshCode } from './totp.ts';
import { tokenFrom } from './mail-links.ts';
import { importCustomers } from '../../src/auth/customers.ts';

export { cancelTokenFrom, tokenFrom } from './mail-links.ts';

export const ORIGIN = 'http://localhost:4321';
const SESSION = '__Host-session';

/**
 * Waits for the next window of this limit when the current one ends within ten seconds: the
 * windows are fixed (hh:05:00, …), so a burst run across a window's end is counted in two and
 * never reaches its limit. Test runtimes use the real clock.
 */
export async function roomInWindow(name: LimitName, room = 10_000): Promise<void> {
  const { windowMs } = limits[name];
  const left = windowMs - (Date.now() % windowMs);
  if (left < room) await new Promise((r) => setTimeout(r, left + 10));
}

/**
 * The API over a test runtime, called the way a browser on our site calls it:
 * same-origin JSON, with the session cookie carried from answer to answer.
 */
export function apiClient(
  runtime: Runtime,
  options: { rateLimitFactor?: number; clientAddress?: string; log?: Runtime['log'] } = {},
) {
  const app = createApp(
    {
      deps: runtime.deps,
      mode: 'development',
      publicOrigin: ORIGIN,
      trustProxy: false,
      log: options.log ?? runtime.log,
      eherkenning: null,
      rateLimitHits: runtime.rateLimitHits,
      mailDelayed: runtime.mailDelayed,
      readiness: runtime.readiness,
    },
    { rateLimitFactor: options.rateLimitFactor ?? 100 },
  );
  // A browser's cookie jar: the session, and the cookie of a known device.
  const jar = new Map<string, string>();
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const init: RequestInit = {
      method,
      headers: {
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(method !== 'GET' ? { Origin: ORIGIN } : {}),
        ...(cookie ? { Cookie: cookie } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    };
    const res = await app.fetch(new Request(`${ORIGIN}${path}`, init), { clientAddress: options.clientAddress ?? '192.0.2.1' });
    for (const set of res.headers.getSetCookie()) {
      const [pair = ''] = set.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      if (set.includes('Max-Age=0')) jar.delete(name);
      else jar.set(name, pair.slice(pair.indexOf('=') + 1));
    }
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      json: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined,
      text,
    };
  }
  return {
    app,
    call,
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown) => call('POST', path, body),
    /** The session cookie, as `name=value`. */
    cookie: () => (jar.has(SESSION) ? `${SESSION}=${jar.get(SESSION)}` : ''),
    setCookie: (pair: string) => {
      if (pair) jar.set(SESSION, pair.slice(pair.indexOf('=') + 1));
      else jar.delete(SESSION);
    },
    /** Forgets the session but keeps the rest, as a browser after logging out. */
    dropSession: () => jar.delete(SESSION),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

/** The code printed in the newest letter to a company. */
export async function letterCode(runtime: Runtime, customerId: string) {
  const letters = await runtime.deps.store.listLetters('pending', 1000);
  const letter = letters.filter((l) => l.customer_id === customerId).at(-1)!;
  return /: ([ACDEFGHJKMNPQRTUVWXY34679]{4}-[ACDEFGHJKMNPQRTUVWXY34679]{4})\n/.exec(letter.body)![1]!;
}

/** Every mail in the outbox to this address, newest first. */
export async function mailsTo(runtime: Runtime, to: string) {
  return (await runtime.deps.store.listMail(500)).filter((m) => m.to_address === to);
}

/** The newest mail to an address, from the outbox. */
export async function lastMail(runtime: Runtime, to: string) {
  const mails = await runtime.deps.store.listMail(200);
  const mail = mails.find((m) => m.to_address === to);
  if (!mail) throw new Error(`no mail to ${to}`);
  return mail;
}

/** A new password chosen from the mailbox: the reset asked for, its link read from the last mail, the password set. */
/**
 * Runs `work`, and `meanwhile` inside the next password check, after its hash and before its
 * answer: how a change that commits while a password is being hashed is raced in the tests.
 */
export async function duringNextPasswordCheck<T>(
  runtime: Runtime,
  meanwhile: () => Promise<unknown>,
  work: () => Promise<T>,
): Promise<T> {
  const hasher = runtime.deps.passwords;
  runtime.deps.passwords = {
    ...hasher,
    verify: async (digest, password) => {
      const right = await hasher.verify(digest, password);
      runtime.deps.passwords = hasher;
      await meanwhile();
      return right;
    },
  };
  try {
    return await work();
  } finally {
    runtime.deps.passwords = hasher;
  }
}

export async function newPasswordByMail(runtime: Runtime, client: ApiClient, email: string, password: string) {
  await client.post('/api/password/reset-request', { email });
  const token = tokenFrom((await lastMail(runtime, email)).text_body);
  const answer = await client.post('/api/password/reset', { token, password });
  if (answer.status !== 200) throw new Error(`the new password was refused: ${answer.status}`);
}

let counter = 0;
/** A fresh address per test, so tests never share an account. */
export function uniqueEmail(prefix = 'klant'): string {
  return `${prefix}.${Date.now().toString(36)}${(counter++).toString(36)}@voorbeeld.test`;
}

export const GOOD_PASSWORD = 'appelboom fietst naar zee';

let customers = 0;
/**
 * A business customer of its own for a test, so that its first account is the
 * company's first email login (a second one would have to prove it may take over).
 */
export async function newCustomer(runtime: Runtime, options: { address?: boolean; kvk?: string } = {}) {
  const n = `${Date.now().toString(36).slice(-5)}${(customers++).toString(36)}`.toUpperCase();
  const policyNumber = `ZT${n}`;
  const report = await importCustomers(runtime.deps, [
    {
      line: 1,
      values: {
        policy_number: policyNumber,
        company_name: `Testbedrijf ${n}`,
        kvk_number: options.kvk ?? String(92_000_000 + Math.floor(Math.random() * 999_999)),
        product_lines: 'business-package',
        ...(options.address === false
          ? {}
          : { street: `Teststraat ${customers}`, postal_code: '9993 ZZ', city: 'Voorbeeldstad' }),
      },
    },
  ]);
  if (report.created !== 1) throw new Error(`customer not created: ${JSON.stringify(report)}`);
  return (await runtime.deps.store.findCustomerByPolicy(policyNumber))!;
}

/** Registers and activates from the mail, choosing the password there; returns nothing until the mail link worked. */
export async function registerAndActivate(
  runtime: Runtime,
  client: ApiClient,
  email: string,
  policyNumber: string,
  password = GOOD_PASSWORD,
) {
  await client.post('/api/accounts', { email, policyNumber, lang: 'nl' });
  const token = tokenFrom((await lastMail(runtime, email)).text_body);
  const activated = await client.post('/api/accounts/activate', { token, password });
  if (activated.status !== 200) throw new Error(`activation failed: ${activated.text}`);
}

/**
 * Registers, activates, logs in, binds an authenticator and logs in fully, as
 * the first email login of a company of its own unless a policy is given;
 * returns the key so the test can make codes, and the recovery codes.
 */
export async function createActiveAccount(runtime: Runtime, client: ApiClient, policyNumber?: string, email = uniqueEmail()) {
  const policy = policyNumber ?? (await newCustomer(runtime)).policy_number;
  await registerAndActivate(runtime, client, email, policy);
  await client.post('/api/session', { email, password: GOOD_PASSWORD });
  const offer = (await client.post('/api/authenticator/enrolment')).json;
  if (!offer?.key) throw new Error(`no enrolment offer: ${JSON.stringify(offer)}`);
  const key = offer.key.replace(/\s/g, '');
  const bound = await client.post('/api/authenticator/enrolment/confirm', { code: freshCode(key) });
  if (bound.status !== 200) throw new Error(`enrolment failed: ${bound.text}`);
  return { email, key, policyNumber: policy, recoveryCodes: bound.json.recoveryCodes as string[] };
}
