import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemRandom } from '../../src/auth/crypto.ts';
import { importCustomers } from '../../src/auth/customers.ts';
import { GOOD_PASSWORD, uniqueEmail } from '../support/api.ts';
import { httpClient, registerOver, startBuiltServer, type BuiltServer } from '../support/server.ts';
import { freshCode } from '../support/totp.ts';

// "Same answer, same timing, whether or not an email address has an account"
// (design § Security), measured on the built server over real HTTP: the
// forgotten-password request, the sign-up and the password step of the login, each asked
// 200 times for addresses with an account and 200 times for addresses without,
// interleaved so that drift in the machine's speed falls on both alike.

const REQUESTS = 200;
/** Every fifth consecutive failure locks an address: four per address stay clear of the lock. */
const PER_ADDRESS = 4;
const ADDRESSES = REQUESTS / PER_ADDRESS;
/** The largest difference of the medians that tells nothing: well under what a lookup or a hash costs. */
const MAX_DIFFERENCE_MS = 5;

let server: BuiltServer;
/** Active accounts, each with an authenticator, one per company (a company has one email login). */
let accounts: string[];
/** One more account, for the lockout. */
let lockoutAccount: string;
/** Accounts activated, without an app, that no other test mails: each has had one mail, as an address signing up is about to. */
let signedUp: string[];

beforeAll(async () => {
  server = await startBuiltServer('sqlite');
  const opened = server.openStore();
  const report = await importCustomers(
    { store: opened.store, clock: { now: () => Date.now() }, random: systemRandom },
    Array.from({ length: 2 * ADDRESSES + 1 }, (_, i) => ({
      line: i + 2,
      values: {
        policy_number: `ZT${String(300_000 + i)}`,
        company_name: `Meetbedrijf ${i}`,
        kvk_number: String(80_000_000 + i),
        product_lines: 'liability',
      },
    })),
  );
  await opened.close();
  expect(report.rejected).toEqual([]);
  const emails = Array.from({ length: ADDRESSES + 1 }, () => uniqueEmail('timing'));
  await inParallel(emails, 4, (email, i) => activeAccount(email, `ZT${String(300_000 + i)}`));
  lockoutAccount = emails.pop()!;
  accounts = emails;
  signedUp = Array.from({ length: ADDRESSES }, () => uniqueEmail('aangemeld'));
  await inParallel(signedUp, 4, (email, i) => registerOver(server, httpClient(server.origin), email, signUpPolicy(i)));
}, 120_000);

/** The companies of `signedUp`, after those of `accounts` and the lockout's. */
const signUpPolicy = (i: number) => `ZT${String(300_000 + ADDRESSES + 1 + (i % ADDRESSES))}`;
afterAll(() => server?.dispose());

async function inParallel<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

async function activeAccount(email: string, policyNumber: string) {
  const client = httpClient(server.origin);
  await registerOver(server, client, email, policyNumber);
  await client.post('/api/session', { email, password: GOOD_PASSWORD });
  const key = (await client.post('/api/authenticator/enrolment')).json.key.replace(/\s/g, '');
  expect((await client.post('/api/authenticator/enrolment/confirm', { code: freshCode(key) })).json.next).toBe('portal');
}

interface Measured {
  ms: number;
  status: number;
  /** The body with what differs per request by nature (request id, the end of a lock) replaced by its type. */
  shape: string;
  headerNames: string;
}

async function post(path: string, body: unknown): Promise<Measured> {
  const started = performance.now();
  const res = await fetch(`${server.origin}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: server.origin, 'Accept-Language': 'nl' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const ms = performance.now() - started;
  const json = JSON.parse(text) as Record<string, unknown>;
  const shape = JSON.stringify(json, (key, value: unknown) =>
    key === 'requestId' || key === 'lockedUntil' ? typeof value : key === 'message' ? maskTime(value as string) : value,
  );
  const headerNames = [...res.headers.keys()].filter((name) => !['date', 'x-request-id'].includes(name)).join(',');
  return { ms, status: res.status, shape, headerNames };
}

const maskTime = (message: string) => message.replace(/\d{1,2}:\d{2}/g, 'HH:MM');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Asks `REQUESTS` times for an address with an account and as often for one
 * without, alternating which goes first; returns both series.
 */
async function measure(ask: (known: boolean, round: number) => Promise<Measured>) {
  const known: Measured[] = [];
  const unknown: Measured[] = [];
  for (let round = 0; round < REQUESTS; round++) {
    if (round % 2 === 0) {
      known.push(await ask(true, round));
      unknown.push(await ask(false, round));
    } else {
      unknown.push(await ask(false, round));
      known.push(await ask(true, round));
    }
  }
  const difference = median(known.map((m) => m.ms)) - median(unknown.map((m) => m.ms));
  return { known, unknown, difference };
}

function expectAlike(known: Measured[], unknown: Measured[]) {
  const kinds = (series: Measured[]) => [...new Set(series.map((m) => `${m.status} ${m.shape} [${m.headerNames}]`))];
  expect(kinds(known)).toHaveLength(1);
  expect(kinds(known)).toEqual(kinds(unknown));
}

/** Addresses without an account, each asked as often as one with. */
const unknownAddresses = Array.from({ length: ADDRESSES }, () => uniqueEmail('niemand'));

describe('an address with an account and one without', () => {
  it('POST /api/password/reset-request: the same answer in the same time', async () => {
    // Warm up both ways first (each address is asked at most PER_ADDRESS times an hour: the mail limit).
    for (const email of [uniqueEmail('warm'), uniqueEmail('warm')]) await post('/api/password/reset-request', { email });
    const { known, unknown, difference } = await measure((has, round) =>
      post('/api/password/reset-request', { email: (has ? accounts : unknownAddresses)[round % ADDRESSES] }),
    );
    console.info(`reset-request: median difference ${difference.toFixed(2)} ms (with an account minus without)`);
    expectAlike(known, unknown);
    expect(known[0]!.status).toBe(202);
    expect(Math.abs(difference)).toBeLessThan(MAX_DIFFERENCE_MS);
  });

  it('POST /api/session: a wrong password for an account answers like any password for no account, in the same time', async () => {
    const warm = uniqueEmail('warm');
    for (let i = 0; i < PER_ADDRESS; i++) await post('/api/session', { email: warm, password: `nietgoed${i}` });
    const unknownForLogin = unknownAddresses.map((email) => email.replace('niemand', 'onbekend'));
    const { known, unknown, difference } = await measure((has, round) =>
      post('/api/session', {
        email: (has ? accounts : unknownForLogin)[round % ADDRESSES],
        password: `verkeerd wachtwoord ${round}`,
      }),
    );
    console.info(`login password step: median difference ${difference.toFixed(2)} ms (with an account minus without)`);
    expectAlike(known, unknown);
    expect(known[0]!.status).toBe(401);
    expect(Math.abs(difference)).toBeLessThan(MAX_DIFFERENCE_MS);
  });

  it('POST /api/accounts: signing up an address that has an account answers like a new one, in the same time', async () => {
    // A new address writes its account and link besides the mail: that must stay out of sight too.
    const { known, unknown, difference } = await measure((has, round) =>
      post('/api/accounts', {
        email: has ? signedUp[round % ADDRESSES] : uniqueEmail('nieuw'),
        policyNumber: signUpPolicy(round),
        lang: 'nl',
      }),
    );
    console.info(`registration: median difference ${difference.toFixed(2)} ms (with an account minus without)`);
    expectAlike(known, unknown);
    expect(known[0]!.status).toBe(202);
    expect(Math.abs(difference)).toBeLessThan(MAX_DIFFERENCE_MS);
  });

  it('the fifth failure locks the address the same way, and so does every try after it', async () => {
    const nobody = uniqueEmail('onbekend');
    const answers = { known: [] as Measured[], unknown: [] as Measured[] };
    for (let i = 0; i < 7; i++) {
      answers.known.push(await post('/api/session', { email: lockoutAccount, password: `fout ${i}` }));
      answers.unknown.push(await post('/api/session', { email: nobody, password: `fout ${i}` }));
    }
    const view = (series: Measured[]) => series.map((m) => `${m.status} ${m.shape}`);
    expect(view(answers.known)).toEqual(view(answers.unknown));
    expect(answers.known.map((m) => m.status)).toEqual([401, 401, 401, 401, 429, 429, 429]);
    // The right password of a locked account is refused like any other.
    const right = await post('/api/session', { email: lockoutAccount, password: GOOD_PASSWORD });
    expect(`${right.status} ${right.shape}`).toBe(view(answers.unknown).at(-1));
  });
});
