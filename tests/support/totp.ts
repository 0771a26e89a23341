import { createHmac } from 'node:crypto';

// An RFC 6238 implementation of our own, so that the tests check the server's
// otplib against something independent of it.

export function base32Decode(input: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const clean = input.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const index = alphabet.indexOf(ch);
    if (index < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** HOTP (RFC 4226) over the counter T = floor(unix time / 30). */
export function totp(key: Buffer, unixSeconds: number, digits = 6, algorithm = 'sha1'): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const mac = createHmac(algorithm, key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(binary).padStart(digits, '0');
}

/** The code an app with this key shows, on a phone whose clock is `skewSeconds` off. */
export function codeFor(base32Key: string, skewSeconds = 0, at = Date.now()): string {
  return totp(base32Decode(base32Key), Math.floor(at / 1000) + skewSeconds);
}

/**
 * Wrong codes that are plain misses: none is this key's code for any step a check looks at from
 * ten minutes before now to `seconds` after it, so none is explained as a phone clock off.
 */
export function plainMisses(base32Key: string, seconds: number, count: number): string[] {
  const near = new Set(Array.from({ length: seconds / 30 + 60 }, (_, i) => codeFor(base32Key, (i - 60) * 30)));
  const misses = Array.from({ length: count * 2 }, (_, i) => String(200_000 + i * 3_571)).filter((c) => !near.has(c));
  if (misses.length < count) throw new Error('not enough plain misses');
  return misses.slice(0, count);
}

const usedSteps = new Map<string, Set<number>>();
/** Time between making a code and the server checking it, at most: typing it in a page included. */
const IN_FLIGHT_MS = 5_000;

/**
 * A code the server will accept when it checks it, up to five seconds from now: one of the time
 * steps it allows (its now, next, previous) that this key has not used yet, so a test never
 * trips over replay protection when it crosses a 30-second boundary. Close to a boundary only
 * the steps both sides of it accept will do; when this key has used those, it waits for the next step.
 */
export function freshCode(base32Key: string): string {
  const used = usedSteps.get(base32Key) ?? new Set<number>();
  usedSteps.set(base32Key, used);
  for (;;) {
    const at = Date.now();
    const now = Math.floor(at / 30_000);
    const late = Math.floor((at + IN_FLIGHT_MS) / 30_000) !== now;
    const step = (late ? [now, now + 1] : [now, now + 1, now - 1]).find((s) => !used.has(s));
    if (step !== undefined) {
      used.add(step);
      return totp(base32Decode(base32Key), step * 30);
    }
    // Blocking is fine in a test process: nothing else needs the thread while it waits for a code.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, (now + 1) * 30_000 - at + 50);
  }
}
