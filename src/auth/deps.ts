import type { SecretSealer, Store } from '../store/types.ts';
import type { Letters, Mail } from '../mail/kinds.ts';
import type { FaultPoint } from '../config/faults.ts';

// The ports are declared where they are implemented; the domain names them here for its functions.
export type { Letters, Mail, SecretSealer };

export interface Clock {
  now(): number;
}

export interface Random {
  /** Cryptographically strong random bytes. */
  bytes(length: number): Uint8Array;
  uuid(): string;
  /**
   * The id of a line in a log that only grows (login history, account events, audit, feedback):
   * a UUID whose first bits are the time (version 7), so that each new line's entry in the id's
   * index lands beside the last one's instead of on a page of its own. A refused login code writes
   * 2.3 pages to SQLite's log instead of 3.3. Not for ids that are handed out: they would tell when.
   */
  logId(): string;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Whether a hash was made with other settings than `hash` uses now. */
  outdated(hash: string): boolean;
}

/** What a keyed hash is for: each purpose has a key of its own, derived from SECRET_KEY. */
export type MacPurpose = 'recovery-code' | 'letter-code' | 'session-ref';

/**
 * Keyed hashes for short secrets people type (recovery codes, letter codes): a stolen database
 * alone cannot be searched for them. Also the names the portal gives an account's sessions.
 */
export interface Macs {
  /** The keyed hash to store. */
  mac(purpose: MacPurpose, value: string): string;
  /** Every keyed hash the value may have been stored as: under the current key, and the previous one during a rotation. */
  candidates(purpose: MacPurpose, value: string): string[];
}

export interface Faults {
  /** Nothing, unless this is the point a development server was started to die at. */
  reach(point: FaultPoint): void;
}

/** What a security team watches for: structured, never a secret. */
export type SecurityEvent =
  | 'loginFailed'
  | 'loginSucceeded'
  | 'addressLocked'
  | 'appCodeLocked'
  | 'accountChanged'
  | 'staffAction'
  | 'eherkenningRefused'
  /** A hash with older settings could not be made again: it stays, weaker, until the next right password. */
  | 'passwordRehashFailed';

/** Security events for the log, each with the request it belongs to. */
export interface SecurityEvents {
  emit(event: SecurityEvent, fields: Record<string, string | number | boolean | null>): void;
}

export interface AuthConfig {
  publicOrigin: string;
  /** The issuer name authenticator apps show: the brand. */
  issuer: string;
  activationTtlMs: number;
  /** Links to reset a password or link a new phone: short, they open the door. */
  recoveryTtlMs: number;
  emailChangeTtlMs: number;
  /** Time between the password step and the code step. */
  pendingLoginTtlMs: number;
  sessionIdleMs: number;
  /** Call-center staff: a shorter idle limit. */
  staffSessionIdleMs: number;
  sessionAbsoluteMs: number;
  /** RATE_LIMIT_FACTOR: multiplies what one client address may do, mails included (tests send all from one address). */
  clientLimitFactor?: number;
}

/** What every domain function may use; nothing else reaches it. */
export interface AuthDeps {
  store: Store;
  clock: Clock;
  random: Random;
  passwords: PasswordHasher;
  /** TOTP secrets at rest. */
  sealer: SecretSealer;
  /** Cookies only the server reads: the eHerkenning login in progress, a known device. */
  cookies: SecretSealer;
  macs: Macs;
  mail: Mail;
  /** Letters to a company's postal address, like mail. */
  letters: Letters;
  events: SecurityEvents;
  faults: Faults;
  config: AuthConfig;
}
