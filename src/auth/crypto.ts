import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import type { MacPurpose, Macs, Random, SecretSealer } from './deps.ts';

export const systemRandom: Random = {
  bytes: (length) => new Uint8Array(randomBytes(length)),
  uuid: () => randomUUID(),
};

/** A one-time token of 256 random bits, for links in mails and session ids. */
export function newToken(random: Random): string {
  return Buffer.from(random.bytes(32)).toString('base64url');
}

/** Tokens and session ids are stored only as their SHA-256. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** AES-256-GCM with a random 96-bit nonce; the version prefix leaves room for key rotation. */
export function createSealer(key: Uint8Array): SecretSealer {
  if (key.length !== 32) throw new Error('SECRET_KEY must be 32 bytes');
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `v1.${iv.toString('base64url')}.${body.toString('base64url')}`;
    },
    open(sealed) {
      const [version, iv, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !body) throw new Error('Unknown sealed secret format');
      const data = Buffer.from(body, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(data.subarray(data.length - 16));
      return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
    },
  };
}

/** HMAC-SHA256 with a key per purpose, each derived from the server key with HKDF (RFC 5869). */
export function createMacs(key: Uint8Array): Macs {
  const keys = new Map<MacPurpose, Buffer>();
  const keyFor = (purpose: MacPurpose) => {
    let derived = keys.get(purpose);
    if (!derived) {
      derived = Buffer.from(hkdfSync('sha256', key, new Uint8Array(0), `helpcenter ${purpose}`, 32));
      keys.set(purpose, derived);
    }
    return derived;
  };
  return { mac: (purpose, value) => createHmac('sha256', keyFor(purpose)).update(value).digest('hex') };
}
