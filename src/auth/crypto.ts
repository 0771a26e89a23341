import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hash,
  hkdfSync,
  randomBytes,
  randomUUID,
  randomUUIDv7,
  type KeyObject,
} from 'node:crypto';
import type { MacPurpose, Macs, Random, SecretSealer } from './deps.ts';

// Random bytes are drawn from a pool filled 4 KiB at a time, as Node's own randomUUID does: one
// call into OpenSSL took about 10 µs on the server under load whatever its size (1.7 µs in a
// tight loop), and a help code wants 12 bytes. Each byte is handed out once, then zeroed.
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let drawn = 0;

function pooledBytes(length: number): Uint8Array {
  if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`cannot draw ${length} random bytes`);
  if (length > POOL_SIZE) return new Uint8Array(randomBytes(length));
  if (drawn + length > pool.length) {
    pool = randomBytes(POOL_SIZE);
    drawn = 0;
  }
  const bytes = new Uint8Array(pool.subarray(drawn, drawn + length));
  pool.fill(0, drawn, drawn + length);
  drawn += length;
  return bytes;
}

export const systemRandom: Random = {
  bytes: pooledBytes,
  uuid: () => randomUUID(),
  logId: () => randomUUIDv7(),
};

/** A one-time token of 256 random bits, for links in mails and session ids. */
export function newToken(random: Random): string {
  return Buffer.from(random.bytes(32)).toString('base64url');
}

/** Tokens and session ids are stored only as their SHA-256. */
export function hashToken(token: string): string {
  return hash('sha256', token, 'hex');
}

/** The server key, and during a rotation the one it replaces. */
export interface KeyRing {
  current: Uint8Array;
  previous?: Uint8Array | undefined;
}

/** Each use of the server key gets a key of its own, derived with HKDF-SHA256 (RFC 5869): one leaked use says nothing of another. */
export type KeyPurpose = 'totp-secrets' | 'cookies' | 'oidc-cookies' | MacPurpose;

export function purposeKey(master: Uint8Array, purpose: KeyPurpose): Buffer {
  if (master.length !== 32) throw new Error('SECRET_KEY must be 32 bytes');
  return Buffer.from(hkdfSync('sha256', master, new Uint8Array(0), `helpcenter ${purpose}`, 32));
}

/** A short name for a key, stored with what it sealed, so the right key opens it after a rotation. */
const keyId = (key: Buffer) => hash('sha256', key, 'hex').slice(0, 8);

/** The server key's public name: the one its sealed app secrets carry. */
export const serverKeyId = (master: Uint8Array) => keyId(purposeKey(master, 'totp-secrets'));

function aesSeal(key: KeyObject, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${iv.toString('base64url')}.${body.toString('base64url')}`;
}

const TAG_BYTES = 16;

function aesOpen(key: KeyObject | Uint8Array, iv: string, body: string): string {
  const data = Buffer.from(body, 'base64url');
  // Node accepts GCM tags as short as 4 bytes, and a body under 16 bytes would have been split into
  // one: a forger would then need some 2^32 tries instead of 2^128.
  if (data.length < TAG_BYTES) throw new Error('Sealed value too short');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_BYTES)), decipher.final()]).toString('utf8');
}

/**
 * AES-256-GCM with a random 96-bit nonce, under the purpose's key:
 * `v2.<key id>.<nonce>.<sealed>`. Opens what the previous server key sealed
 * too, and the `v1` format of earlier releases (sealed with the server key itself).
 */
export function createSealer(ring: KeyRing, purpose: 'totp-secrets' | 'cookies'): SecretSealer {
  const masters = [ring.current, ...(ring.previous ? [ring.previous] : [])];
  // Key objects, made once: importing the raw key on every open was 3 % of a refused code's profile.
  const derived = masters.map((m) => purposeKey(m, purpose));
  const keys = new Map(derived.map((key) => [keyId(key), createSecretKey(key)]));
  const currentId = keyId(derived[0]!);
  const current = keys.get(currentId)!;
  return {
    seal: (plain) => `v2.${currentId}.${aesSeal(current, plain)}`,
    open(sealed) {
      const parts = sealed.split('.');
      if (parts[0] === 'v2' && parts.length === 4) {
        const key = keys.get(parts[1]!);
        if (!key) throw new Error('Sealed with a key this server does not have (set SECRET_KEY_PREVIOUS during a rotation)');
        return aesOpen(key, parts[2]!, parts[3]!);
      }
      if (parts[0] === 'v1' && parts.length === 3) {
        for (const master of masters) {
          try {
            return aesOpen(master, parts[1]!, parts[2]!);
          } catch {
            /* the next key */
          }
        }
      }
      throw new Error('Unknown sealed secret format, or no key to open it');
    },
    isCurrent: (sealed) => sealed.startsWith(`v2.${currentId}.`),
  };
}

/** HMAC-SHA256 with a key per purpose; what the previous server key made still matches during a rotation. */
export function createMacs(ring: KeyRing): Macs {
  const masters = [ring.current, ...(ring.previous ? [ring.previous] : [])];
  const keys = new Map<MacPurpose, KeyObject[]>();
  const keysFor = (purpose: MacPurpose) => {
    let derived = keys.get(purpose);
    if (!derived) keys.set(purpose, (derived = masters.map((m) => createSecretKey(purposeKey(m, purpose)))));
    return derived;
  };
  const hmac = (key: KeyObject, value: string) => createHmac('sha256', key).update(value).digest('hex');
  return {
    mac: (purpose, value) => hmac(keysFor(purpose)[0]!, value),
    candidates: (purpose, value) => keysFor(purpose).map((key) => hmac(key, value)),
  };
}
