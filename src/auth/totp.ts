import { generateSecret, generateURI, verifySync } from 'otplib';
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import QRCode from 'qrcode';

/**
 * Node's own HMAC, with the key imported once per check: a refused code is compared with some
 * forty time steps to explain it, and importing the same raw key for each step was most of a
 * refusal's cost (profiled: 11 µs an HMAC from bytes, 2 µs from a key object). The key object is
 * held only as long as otplib holds the key's bytes (a WeakMap), so no secret outlives its check.
 */
class KeyOnceCryptoPlugin extends NodeCryptoPlugin {
  readonly #keys = new WeakMap<Uint8Array, KeyObject>();
  override hmac(algorithm: Parameters<NodeCryptoPlugin['hmac']>[0], key: Uint8Array, data: Uint8Array): Uint8Array {
    let imported = this.#keys.get(key);
    if (!imported) this.#keys.set(key, (imported = createSecretKey(key)));
    return new Uint8Array(createHmac(algorithm.toLowerCase().replace(/[-_]/, ''), imported).update(data).digest());
  }
}
const crypto = new KeyOnceCryptoPlugin();

// RFC 6238 as every authenticator app speaks it: SHA-1, 6 digits, 30 seconds.
export const TOTP_PERIOD_S = 30;
/** Codes one step early or late are accepted: a phone a few seconds off, or typing across a step. */
const ACCEPT_TOLERANCE_S = TOTP_PERIOD_S;
/** How far we look, only to explain a refusal: a phone clock up to ten minutes off. */
const DIAGNOSE_TOLERANCE_S = 10 * 60;

export function newTotpSecret(): string {
  return generateSecret({ length: 20, crypto });
}

export function otpauthUri(issuer: string, account: string, secret: string): string {
  return generateURI({ issuer, label: account, secret });
}

export function qrCodeSvg(uri: string, title: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }).then((svg) =>
    svg.replace('<svg ', `<svg role="img" aria-label="${title.replace(/["<>&]/g, '')}" `),
  );
}

/** The key in groups of four, for typing it into an app. */
export function groupKey(secret: string): string {
  return secret.match(/.{1,4}/g)!.join(' ');
}

export interface CodeMatch {
  /** The time step the code belongs to. */
  step: number;
  /** Steps between the code's clock and ours: positive when the phone runs ahead. */
  delta: number;
}

/** Whether the code is the secret's code for now (±1 step). */
export function matchCode(secret: string, code: string, nowMs: number): CodeMatch | null {
  return verifyAt(secret, code, nowMs, ACCEPT_TOLERANCE_S);
}

/** Whether the code is the secret's code within ten minutes either way: for diagnosis only, never to log in. */
export function matchCodeWidely(secret: string, code: string, nowMs: number): CodeMatch | null {
  return verifyAt(secret, code, nowMs, DIAGNOSE_TOLERANCE_S);
}

function verifyAt(secret: string, code: string, nowMs: number, tolerance: number): CodeMatch | null {
  const result = verifySync({ secret, token: code, epoch: Math.floor(nowMs / 1000), epochTolerance: tolerance, crypto });
  // otplib's result is typed for TOTP and HOTP at once; a TOTP match has a timeStep.
  return result.valid && 'timeStep' in result ? { step: result.timeStep as number, delta: result.delta } : null;
}

/** Minutes of clock difference, from a step offset; at least one. */
export function driftMinutes(delta: number): number {
  return Math.max(1, Math.round((Math.abs(delta) * TOTP_PERIOD_S) / 60));
}
