import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateSync } from 'otplib';
import { ScureBase32Plugin } from '@otplib/plugin-base32-scure';
import { isNow, matchCode, matchCodeWidely } from '../../src/auth/totp.ts';
import { totp } from '../support/totp.ts';

// RFC 6238 appendix B: the SHA-1 test vectors (8 digits, key "12345678901234567890").
const key = Buffer.from('12345678901234567890');
const secret = new ScureBase32Plugin().encode(new Uint8Array(key));
const vectors: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('RFC 6238 appendix B', () => {
  for (const [time, code] of vectors) {
    it(`T=${time} gives ${code}, in the tests' own implementation, in otplib and in the server's matcher`, () => {
      expect(totp(key, time, 8)).toBe(code);
      expect(generateSync({ secret: new Uint8Array(key), epoch: time, digits: 8 })).toBe(code);
      // Six digits are the last six of eight: the same number taken modulo 10^6.
      const six = code.slice(2);
      const step = Math.floor(time / 30);
      expect(matchCode(secret, six, time * 1000)).toEqual({ step, delta: 0 });
      expect(matchCode(secret, six, (time + 30) * 1000)).toEqual({ step, delta: -1 });
      expect(matchCode(secret, six, (time + 60) * 1000)).toBeNull();
      expect(matchCodeWidely(secret, six, (time - 600) * 1000)).toEqual({ step, delta: 20 });
      expect(matchCodeWidely(secret, six, (time - 630) * 1000)).toBeNull();
    });
  }
});

describe("the server's matcher", () => {
  const at = 1_700_000_000;
  const codeAt = (seconds: number) => totp(key, seconds);

  it('takes the nearest step first, so a code for now that also fits minutes away logs in', () => {
    // A code that comes back within ten minutes: about once in 50,000 steps, so look through 200,000.
    const lastSeen = new Map<string, number>();
    const index = Array.from({ length: 200_000 }, (_, i) => i).find((i) => {
      const code = codeAt(at + i * 30);
      const seen = lastSeen.get(code);
      lastSeen.set(code, i);
      return seen !== undefined && i - seen >= 2 && i - seen <= 20;
    });
    if (index === undefined) throw new Error('no code came back in the steps searched');
    const collision = at + index * 30;
    const match = matchCodeWidely(secret, codeAt(collision), collision * 1000)!;
    expect(match.delta).toBe(0);
    expect(isNow(match)).toBe(true);
  });

  it('answers nothing for what is not six digits', () => {
    expect(matchCode(secret, codeAt(at).slice(1), at * 1000)).toBeNull();
    expect(matchCode(secret, `${codeAt(at)}0`, at * 1000)).toBeNull();
    expect(matchCodeWidely(secret, 'abcdef', at * 1000)).toBeNull();
  });

  it('tells a code for now from a drifting one', () => {
    expect(isNow(matchCodeWidely(secret, codeAt(at + 30), at * 1000)!)).toBe(true);
    const ahead = matchCodeWidely(secret, codeAt(at + 300), at * 1000)!;
    expect(ahead).toEqual({ step: Math.floor((at + 300) / 30), delta: 10 });
    expect(isNow(ahead)).toBe(false);
  });

  it('answers a second look in the same step as it answered the first, and looks again a step later', () => {
    // The first look is a wrong code, so it works out all 41 steps; the rest come from it.
    const other = new ScureBase32Plugin().encode(new Uint8Array(Buffer.from('another key of twenty')));
    const wrong = Array.from({ length: 1000 }, (_, i) => String(i).padStart(6, '0')).find(
      (code) => !matchCodeWidely(secret, code, at * 1000),
    )!;
    expect(matchCodeWidely(secret, wrong, at * 1000)).toBeNull();
    for (const delta of [-20, -3, -1, 0, 1, 7, 20]) {
      const code = codeAt(at + delta * 30);
      expect(matchCodeWidely(secret, code, at * 1000)).toEqual({ step: Math.floor(at / 30) + delta, delta });
      // Another secret's window is its own.
      expect(matchCodeWidely(other, code, at * 1000)?.delta).not.toBe(delta);
    }
    // A step later, the same code is one step further away.
    expect(matchCodeWidely(secret, codeAt(at), (at + 30) * 1000)).toEqual({ step: Math.floor(at / 30), delta: -1 });
    expect(matchCode(secret, codeAt(at - 30), (at + 30) * 1000)).toBeNull();
  });

  it('opens a stored secret only when a code must be worked out: once for a run of guesses in one step', () => {
    let opened = 0;
    // Any text stands for the sealed value here; only its sameness matters.
    const stored = { sealed: 'v2.test.one-sealed-secret', open: () => (opened++, secret) };
    const wrong = Array.from({ length: 1000 }, (_, i) => String(i).padStart(6, '0')).find(
      (code) => !matchCodeWidely(secret, code, (at + 3000) * 1000),
    )!;
    expect(matchCodeWidely(stored, wrong, (at + 3000) * 1000)).toBeNull();
    expect(matchCodeWidely(stored, codeAt(at + 3000 + 90), (at + 3000) * 1000)).toEqual({
      step: Math.floor((at + 3000) / 30) + 3,
      delta: 3,
    });
    expect(matchCodeWidely(stored, wrong, (at + 3000) * 1000)).toBeNull();
    expect(opened).toBe(1);
    // A step later one new step comes into view, and only for it is the secret opened again.
    expect(matchCodeWidely(stored, codeAt(at + 3000), (at + 3030) * 1000)?.delta).toBe(-1);
    expect(opened).toBe(1);
    expect(matchCodeWidely(stored, wrong, (at + 3030) * 1000)).toBeNull();
    expect(opened).toBe(2);
  });

  it('answers as a fresh look would, whatever steps were looked at before (each code is kept by its step)', () => {
    // Nearest step first, as the matcher looks: 0, -1, 1, -2, 2, … ±20.
    const fresh = (code: string, now: number) => {
      for (const delta of [0, ...Array.from({ length: 20 }, (_, i) => [-(i + 1), i + 1]).flat()]) {
        const step = Math.floor(now / 30) + delta;
        if (codeAt(step * 30) === code) return { step, delta };
      }
      return null;
    };
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -70, max: 70 }), fc.integer({ min: -22, max: 22 })), { minLength: 1, maxLength: 40 }),
        (looks) => {
          for (const [move, delta] of looks) {
            const now = at + move * 30;
            const code = codeAt(now + delta * 30);
            expect(matchCodeWidely(secret, code, now * 1000)).toEqual(fresh(code, now));
          }
        },
      ),
    );
  });
});
