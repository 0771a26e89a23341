import { describe, expect, it } from 'vitest';
import { normalizeHelpCode } from '../../src/auth/agents/help-codes.ts';
import { systemRandom } from '../../src/auth/crypto.ts';
import { readableCode } from '../../src/auth/readable-code.ts';
import type { AuthDeps } from '../../src/auth/deps.ts';
import { takeMailAllowance } from '../../src/auth/mail-limit.ts';
import { LOCK_MINUTES, MAIL_PER_HOUR, MAX_FAILURES, lifetimes } from '../../src/auth/policy.ts';
import { sessionLapsed } from '../../src/auth/sessions.ts';
import { LOCKED_UNTIL_RESET, lockAfter } from '../../src/auth/throttle.ts';
import { driftMinutes, matchCode, matchCodeWidely } from '../../src/auth/totp.ts';
import type { Session, Store } from '../../src/store/types.ts';
import { codeFor } from '../support/totp.ts';

// The security rules as plain functions with a clock the test holds: no database, no server, no waiting.

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 11, 4, 9, 0, 0);

function clockAt(start: number) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('the lock schedule', () => {
  it('locks every fifth failure, longer each time, then an hour each time, and for good at the hundredth', () => {
    const locks = Array.from({ length: MAX_FAILURES }, (_, i) => lockAfter(i + 1));
    expect(locks.filter((lock) => lock !== null)).toHaveLength(MAX_FAILURES / 5);
    expect([5, 10, 15, 20, 25, 95].map(lockAfter)).toEqual([1, 5, 15, 60, 60, 60].map((m) => m * MINUTE));
    expect(lockAfter(4)).toBeNull();
    expect(lockAfter(MAX_FAILURES)).toBe(LOCKED_UNTIL_RESET);
    expect(lockAfter(MAX_FAILURES + 3)).toBe(LOCKED_UNTIL_RESET);
    expect(LOCK_MINUTES.at(-1)).toBe(60);
  });
});

describe('session limits', () => {
  const deps = (clock: { now(): number }) => ({ clock, config: { ...lifetimes, publicOrigin: '', issuer: '' } });
  const session = (start: number, lastSeen = start) =>
    ({ created_at: start, last_seen_at: lastSeen, expires_at: start + lifetimes.sessionAbsoluteMs }) as unknown as Session;

  it('ends a customer session after 30 minutes idle, and a staff session after 15', () => {
    const clock = clockAt(T0);
    clock.advance(15 * MINUTE + 1);
    expect(sessionLapsed(deps(clock), session(T0), 'customer')).toBe(false);
    expect(sessionLapsed(deps(clock), session(T0), 'agent')).toBe(true);
    clock.advance(15 * MINUTE);
    expect(sessionLapsed(deps(clock), session(T0), 'customer')).toBe(true);
  });

  it('ends every session after 12 hours, however busy', () => {
    const clock = clockAt(T0 + lifetimes.sessionAbsoluteMs);
    expect(sessionLapsed(deps(clock), session(T0, clock.now() - MINUTE), 'customer')).toBe(true);
    clock.advance(-MINUTE);
    expect(sessionLapsed(deps(clock), session(T0, clock.now()), 'customer')).toBe(false);
  });
});

describe('reading a refused code', () => {
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

  it('accepts the code of this moment and the steps either side, nothing further', () => {
    expect(matchCode(secret, codeFor(secret, 0, T0), T0)).not.toBeNull();
    expect(matchCode(secret, codeFor(secret, 30, T0), T0)).not.toBeNull();
    expect(matchCode(secret, codeFor(secret, 90, T0), T0)).toBeNull();
  });

  it('tells a phone three minutes fast from one three minutes slow, and gives up past ten minutes', () => {
    const ahead = matchCodeWidely(secret, codeFor(secret, 180, T0), T0)!;
    const behind = matchCodeWidely(secret, codeFor(secret, -180, T0), T0)!;
    expect([driftMinutes(ahead.delta), Math.sign(ahead.delta)]).toEqual([3, 1]);
    expect([driftMinutes(behind.delta), Math.sign(behind.delta)]).toEqual([3, -1]);
    expect(matchCodeWidely(secret, codeFor(secret, 11 * 60, T0), T0)).toBeNull();
  });
});

describe('the mail allowance', () => {
  /** The one store method the allowance uses: a counter per key and window. */
  function counters() {
    const hits = new Map<string, number>();
    return {
      hitRateLimit: async (key: string, window: number) => {
        const k = `${key}@${window}`;
        hits.set(k, (hits.get(k) ?? 0) + 1);
        return hits.get(k)!;
      },
    } as unknown as Store;
  }
  const deps = { config: { clientLimitFactor: 1 } } as unknown as Pick<AuthDeps, 'config'>;

  it('lets one requester mail one address five times an hour, others still can, and the next hour starts afresh', async () => {
    const store = counters();
    const mail = (requester: string, now: number) =>
      takeMailAllowance(deps, store, { to: 'klant@voorbeeld.test', requester, now });
    const answers = [];
    for (let i = 0; i < MAIL_PER_HOUR.pair + 1; i++) answers.push(await mail('198.51.100.1', T0));
    expect(answers).toEqual([true, true, true, true, true, false]);
    expect(await mail('198.51.100.2', T0)).toBe(true);
    expect(await mail('198.51.100.1', T0 + 60 * MINUTE)).toBe(true);
  });

  it('stops one address being flooded from many requesters, and one requester flooding many addresses', async () => {
    const store = counters();
    const toOne = [];
    for (let i = 0; i < MAIL_PER_HOUR.address + 1; i++) {
      toOne.push(await takeMailAllowance(deps, store, { to: 'doelwit@voorbeeld.test', requester: `203.0.113.${i}`, now: T0 }));
    }
    expect(toOne.filter(Boolean)).toHaveLength(MAIL_PER_HOUR.address);
    const fromOne = [];
    for (let i = 0; i < MAIL_PER_HOUR.requester + 1; i++) {
      fromOne.push(await takeMailAllowance(deps, store, { to: `n${i}@voorbeeld.test`, requester: '192.0.2.9', now: T0 }));
    }
    expect(fromOne.at(-1)).toBe(false);
    expect(fromOne.filter(Boolean)).toHaveLength(MAIL_PER_HOUR.requester);
  });

  it('counts only mails that would go towards the address, and gives a browser that knows the account its own share', async () => {
    const store = counters();
    const to = 'klant@voorbeeld.test';
    // One requester asking a hundred times uses five of the address's twenty, not all of them.
    for (let i = 0; i < 100; i++) await takeMailAllowance(deps, store, { to, requester: '198.51.100.1', now: T0 });
    const others = [];
    for (let i = 0; i < MAIL_PER_HOUR.address; i++)
      others.push(await takeMailAllowance(deps, store, { to, requester: `203.0.113.${i}`, now: T0 }));
    expect(others.filter(Boolean)).toHaveLength(MAIL_PER_HOUR.address - MAIL_PER_HOUR.pair);
    // The address's share is spent; a browser that logged in to its account still has its own.
    const device = { id: 'browser-1', accountIds: ['account-1'] };
    const own = { to, requester: '192.0.2.5', now: T0, accountId: 'account-1', device };
    expect(await takeMailAllowance(deps, store, own)).toBe(true);
    // Not a browser of this account: the address's share, spent.
    expect(await takeMailAllowance(deps, store, { ...own, accountId: 'account-2' })).toBe(false);
    // Known browsers together get the address's number, however many a login made.
    const known = [];
    for (let i = 0; i < 10; i++)
      for (let j = 0; j < MAIL_PER_HOUR.pair; j++)
        known.push(await takeMailAllowance(deps, store, { ...own, device: { id: `browser-${i}`, accountIds: ['account-1'] } }));
    expect(known.filter(Boolean)).toHaveLength(MAIL_PER_HOUR.address - 1);
  });
});

describe('codes read out or typed from paper (help codes, recovery codes, letter codes)', () => {
  /** Hands out the given bytes in order, as many as asked each time; asked for more, it fails rather than loops. */
  const bytesOf = (values: number[]) => ({
    random: {
      bytes: (length: number) => {
        if (!values.length) throw new Error('asked for more bytes than the test gave');
        return Uint8Array.from(values.splice(0, length));
      },
      uuid: () => '',
      logId: () => '',
    },
  });

  it('draws each character uniformly: a byte of 250 or more is drawn again, not folded onto the first six', () => {
    // 255 % 25 is 5: folded, bytes 250 to 255 would make the first six characters likelier than the rest.
    expect(readableCode(bytesOf([255, 250, 251, 252, 253, 254, 24, 0, 24, 0, 24, 0]), 6)).toBe('9A9A9A');
    expect(readableCode(bytesOf([0, 1, 2, 3, 4, 249]), 6)).toBe('ACDEF9');
    expect(normalizeHelpCode(readableCode({ random: systemRandom }, 6))).not.toBeNull();
  });
});

describe('the random source', () => {
  it('hands out each pooled byte once, across refills, and serves a request larger than its pool', () => {
    // 1,000 draws of 12 bytes cross the 4 KiB pool's refill twice; a byte handed out twice would repeat a draw.
    const draws = Array.from({ length: 1000 }, () => Buffer.from(systemRandom.bytes(12)).toString('hex'));
    expect(new Set(draws).size).toBe(1000);
    expect(draws.every((d) => d.length === 24)).toBe(true);
    const large = systemRandom.bytes(10_000);
    expect(large.length).toBe(10_000);
    // Random bytes, not a zeroed or repeated pool: far more than a few distinct values.
    expect(new Set(large).size).toBeGreaterThan(200);
    // A draw is a copy: changing it changes nothing that is handed out later.
    const first = systemRandom.bytes(32);
    first.fill(0);
    expect(systemRandom.bytes(32).some((b) => b !== 0)).toBe(true);
    // A length that is not a count is refused: -1 would step back and hand out a byte again.
    for (const wrong of [-1, 1.5, Number.NaN]) expect(() => systemRandom.bytes(wrong)).toThrow(RangeError);
  });
});
