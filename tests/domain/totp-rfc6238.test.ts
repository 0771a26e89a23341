import { describe, expect, it } from 'vitest';
import { generateSync } from 'otplib';
import { totp } from '../support/totp.ts';

// RFC 6238 appendix B: the SHA-1 test vectors (8 digits, key "12345678901234567890").
const key = Buffer.from('12345678901234567890');
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
    it(`T=${time} gives ${code}, in the tests' own implementation and in the server's otplib`, () => {
      expect(totp(key, time, 8)).toBe(code);
      expect(generateSync({ secret: new Uint8Array(key), epoch: time, digits: 8 })).toBe(code);
    });
  }
});
