import { generateSecret, generateURI } from 'otplib';
import { dynamicTruncate, truncateDigits } from '@otplib/core';
import { ScureBase32Plugin } from '@otplib/plugin-base32-scure';
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import { createHmac, createSecretKey, hash, type KeyObject } from 'node:crypto';

const crypto = new NodeCryptoPlugin();
const base32 = new ScureBase32Plugin();

// RFC 6238 as every authenticator app speaks it: SHA-1, 6 digits, 30 seconds.
export const TOTP_PERIOD_S = 30;
/** Codes one step early or late are accepted: a phone a few seconds off, or typing across a step. */
const ACCEPT_STEPS = 1;
/** How far we look, only to explain a refusal: a phone clock up to ten minutes off. */
const DIAGNOSE_STEPS = (10 * 60) / TOTP_PERIOD_S;

export function newTotpSecret(): string {
  return generateSecret({ length: 20, crypto });
}

export function otpauthUri(issuer: string, account: string, secret: string): string {
  return generateURI({ issuer, label: account, secret });
}

/** qrcode (and pngjs under it) is loaded at the first enrolment, not by every server that starts. */
export async function qrCodeSvg(uri: string, title: string): Promise<string> {
  const { default: QRCode } = await import('qrcode');
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return svg.replace('<svg ', `<svg role="img" aria-label="${title.replace(/["<>&]/g, '')}" `);
}

/** The key in groups of four, for typing it into an app. */
export function groupKey(secret: string): string {
  return secret.match(/.{1,4}/g)!.join(' ');
}

/**
 * A secret as the store holds it, sealed: opened only when a step's code must be worked out,
 * which a run of guesses at one account does once (`windowOf`).
 */
export interface SealedSecret {
  sealed: string;
  open: () => string;
}

/** A secret in the clear (one being linked, a test's), or as stored. */
export type TotpSecret = string | SealedSecret;

export interface CodeMatch {
  /** The time step the code belongs to. */
  step: number;
  /** Steps between the code's clock and ours: positive when the phone runs ahead. */
  delta: number;
}

/** Whether the code is the secret's code for now (±1 step). */
export function matchCode(secret: TotpSecret, code: string, nowMs: number): CodeMatch | null {
  return findStep(secret, code, nowMs, ACCEPT_STEPS);
}

/**
 * The nearest step within ten minutes either way whose code this is: for diagnosis, and for a
 * login only when `isNow` says it is the code for now.
 */
export function matchCodeWidely(secret: TotpSecret, code: string, nowMs: number): CodeMatch | null {
  return findStep(secret, code, nowMs, DIAGNOSE_STEPS);
}

/** Whether a match is a code for now (±1 step), the only kind that logs in. */
export const isNow = (match: CodeMatch) => Math.abs(match.delta) <= ACCEPT_STEPS;

/** Step offsets nearest first, as far as a diagnosis looks: 0, −1, 1, −2, 2, … */
const OFFSETS = [0, ...Array.from({ length: DIAGNOSE_STEPS }, (_, i) => [-(i + 1), i + 1]).flat()];

/**
 * A secret's codes by time step, in a ring wide enough for one look (41 steps), each worked out
 * once: slot `step % RING` holds the step it is for, and `RING + step % RING` its code. One
 * array, 512 bytes; -1 marks a slot not filled yet.
 */
type CodeWindow = Int32Array;
const RING = 64;
/** Steps past this (the year 4011) are not kept: an Int32 tag could not tell them apart. */
const LAST_KEPT_STEP = 0x7fff_ffff;

/**
 * The windows of the secrets looked at in this step and the one before. Guesses come in runs
 * against one account (an attacker's, or a customer typing again), and a refused code is looked
 * for at 41 steps: the next guess compares numbers instead of computing 41 HMACs again, and a
 * guess in the next step computes only the step that came into view. Keyed by the sealed secret
 * (no key of ours to open it is needed to find its window), or a hash of one in the clear; never
 * the secret. A secret not looked at for a whole step is dropped, so the two generations hold at
 * most two steps' secrets, 5,000 a generation (well under 1 KiB each with its key and map entry,
 * so 10 MiB at the very most).
 */
let current = new Map<string, CodeWindow>();
let previous = new Map<string, CodeWindow>();
let currentStep = -1;
const MAX_WINDOWS = 5_000;

function windowOf(secret: TotpSecret, step: number): CodeWindow {
  if (step !== currentStep || current.size >= MAX_WINDOWS) {
    previous = current;
    current = new Map();
    currentStep = step;
  }
  // A sealed value always has a dot, a base64 hash never: the two kinds of key cannot meet.
  const id = typeof secret === 'string' ? hash('sha256', secret, 'base64') : secret.sealed;
  let window = current.get(id);
  if (!window) {
    window = previous.get(id) ?? new Int32Array(2 * RING).fill(-1);
    current.set(id, window);
  }
  return window;
}

/**
 * RFC 6238 with otplib's truncation and Node's HMAC, the key imported once. otplib's own
 * verify checks its options again and makes a BigInt at each step: 8.5 µs a step against
 * 2.9 µs here (profiled). Steps are tried nearest first, so a code that also fits minutes
 * away still counts as the code for now; each step's code is computed once (`windowOf`).
 */
function findStep(secret: TotpSecret, code: string, nowMs: number, steps: number): CodeMatch | null {
  if (!/^\d{6}$/.test(code)) return null;
  const wanted = Number(code);
  const now = Math.floor(nowMs / 1000 / TOTP_PERIOD_S);
  const window = windowOf(secret, now);
  let key: KeyObject | undefined;
  const counter = Buffer.alloc(8);
  for (let i = 0; i < 1 + 2 * steps; i++) {
    const delta = OFFSETS[i]!;
    const step = now + delta;
    if (step < 0) continue;
    const slot = step % RING;
    let stepCode = window[RING + slot]!;
    if (window[slot] !== step) {
      key ??= createSecretKey(base32.decode(typeof secret === 'string' ? secret : secret.open()));
      counter.writeBigUInt64BE(BigInt(step));
      stepCode = Number(truncateDigits(dynamicTruncate(createHmac('sha1', key).update(counter).digest()), 6));
      if (step <= LAST_KEPT_STEP) {
        window[slot] = step;
        window[RING + slot] = stepCode;
      }
    }
    if (stepCode === wanted) return { step, delta };
  }
  return null;
}

/** Minutes of clock difference, from a step offset; at least one. */
export function driftMinutes(delta: number): number {
  return Math.max(1, Math.round((Math.abs(delta) * TOTP_PERIOD_S) / 60));
}
