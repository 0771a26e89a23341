import { SESSION_TOUCH_MS } from './policy.ts';
import type { Account, LoginMethod, Session, SessionStage, Store } from '../store/types.ts';
import { hashToken, newToken } from './crypto.ts';
import type { Level } from '../shared/eherkenning/levels.ts';
import type { AuthDeps } from './deps.ts';

export interface ActiveSession {
  session: Session;
  account: Account;
}

/** The browser's and the system's name, as the browser gave them (Firefox, Windows); null where it did not. */
export interface BrowserSeen {
  browser: string | null;
  os: string | null;
}

export const UNKNOWN_BROWSER: BrowserSeen = { browser: null, os: null };

function expiry(deps: AuthDeps, stage: SessionStage, now: number): number {
  return now + (stage === 'password' ? deps.config.pendingLoginTtlMs : deps.config.sessionAbsoluteMs);
}

/** What a session keeps beside its stage and method (the `details` column, JSON), read in one place. */
export interface SessionDetails {
  /** The allowance a password step's code takes from, when not the address's own (throttleKeyOf). */
  throttleKey?: string;
  /** Logged in with a recovery code instead of the app (loggedInWithRecoveryCode). */
  recoveryCode?: boolean;
  /** The recovery request this session works on (requestOf). */
  request?: string;
  /** An eHerkenning login: who, at which level, for which company, through whom. */
  pseudonym?: string;
  level?: Level;
  kvk?: string;
  branch?: string | null;
  intermediary?: string | null;
  /** The broker's ID token, only to ask the broker to end its session at logout. */
  idToken?: string;
}

export const detailsOf = (session: Pick<Session, 'details'>): SessionDetails =>
  session.details ? (JSON.parse(session.details) as SessionDetails) : {};

/** Starts a session; only the token's hash is stored. `seen`: the browser the login came with. */
export async function startSession(
  deps: AuthDeps,
  store: Store,
  account: Account,
  stage: SessionStage,
  method: LoginMethod,
  { details, seen = UNKNOWN_BROWSER }: { details?: SessionDetails; seen?: BrowserSeen | undefined } = {},
): Promise<string> {
  const token = newToken(deps.random);
  const now = deps.clock.now();
  await store.insertSession({
    id_hash: hashToken(token),
    account_id: account.id,
    stage,
    method,
    created_at: now,
    last_seen_at: now,
    expires_at: expiry(deps, stage, now),
    ended_at: null,
    details: details ? JSON.stringify(details) : null,
    browser: seen.browser,
    os: seen.os,
  });
  return token;
}

/** A new id for a session that gains privileges, so a fixed id never carries over (ASVS 3.2.1). */
export async function rotateSession(
  deps: AuthDeps,
  store: Store,
  current: ActiveSession,
  oldToken: string,
  stage: SessionStage,
  details: SessionDetails | null = null,
): Promise<string | null> {
  const token = newToken(deps.random);
  const now = deps.clock.now();
  const rotated = await store.rotateSession(hashToken(oldToken), {
    ...current.session,
    id_hash: hashToken(token),
    stage,
    ...(details ? { details: JSON.stringify(details) } : {}),
    created_at: now,
    last_seen_at: now,
    // The absolute limit counts from the first login, not from this rotation: a logged-in session
    // renewed (staff giving their code again) keeps the end it had.
    expires_at:
      stage === 'password'
        ? expiry(deps, stage, now)
        : current.session.stage === 'full'
          ? current.session.expires_at
          : Math.min(expiry(deps, stage, now), current.session.created_at + deps.config.sessionAbsoluteMs),
  });
  return rotated ? token : null;
}

/** The throttle allowance a session's code step takes from, when not the address's own. */
export function throttleKeyOf(session: Session): string | undefined {
  return detailsOf(session).throttleKey;
}

/**
 * The recovery request this session works on: the new phone whose mailed link opened it, or the
 * takeover it proved or whose link it opened after staff approved it. It proves that request and
 * links the app for it alone. Another session of the account has shown the password alone, or
 * is left over from a request that is over (a shared computer someone walked away from).
 */
export function requestOf(session: Session): string | undefined {
  return detailsOf(session).request;
}

/** Whether this session logged in with a recovery code instead of the app: it may not change who controls the account. */
export function loggedInWithRecoveryCode(session: Session): boolean {
  return detailsOf(session).recoveryCode === true;
}

/** Past its end, or idle longer than the account's kind allows (staff less than customers). */
export function sessionLapsed(deps: Pick<AuthDeps, 'clock' | 'config'>, session: Session, role: Account['role']): boolean {
  const now = deps.clock.now();
  const idle = role !== 'customer' ? deps.config.staffSessionIdleMs : deps.config.sessionIdleMs;
  return now >= Number(session.expires_at) || now - Number(session.last_seen_at) > idle;
}

/** The live session for a cookie token, with its account; null when unknown, ended, idle too long or expired. */
export async function resolveSession(deps: AuthDeps, token: string | undefined): Promise<ActiveSession | null> {
  if (!token || token.length > 100) return null;
  const session = await deps.store.findSession(hashToken(token));
  if (!session) return null;
  const now = deps.clock.now();
  const account = await deps.store.findAccountById(session.account_id);
  if (sessionLapsed(deps, session, account?.role ?? 'customer')) {
    await deps.store.endSession(session.id_hash, now);
    return null;
  }
  if (!account || account.status === 'superseded' || account.status === 'disabled') return null;
  return (await touchIfDue(deps, session)) ? { session, account } : null;
}

/**
 * A customer fully logged in with email and password (and the app or a recovery code): who may
 * change what the portal offers, giving the password once more. Staff have no portal: their
 * right password would be checked as a customer's there, and counted as a wrong guess.
 */
export async function resolveEmailLogin(deps: AuthDeps, token: string | undefined): Promise<ActiveSession | null> {
  const current = await resolveSession(deps, token);
  const { session, account } = current ?? {};
  return session?.stage === 'full' && session.method === 'password' && account?.role === 'customer' ? current : null;
}

/**
 * Marks a session used now, at most once a minute: writing on every request would serialise
 * readers on SQLite, and a minute is precise enough for a 30-minute idle limit. False when the
 * touch finds it ended since it was read (a logout or a reset in between): it is not to be served.
 */
export async function touchIfDue(deps: Pick<AuthDeps, 'store' | 'clock'>, session: Session): Promise<boolean> {
  const now = deps.clock.now();
  return now - Number(session.last_seen_at) <= SESSION_TOUCH_MS || deps.store.touchSession(session.id_hash, now);
}

/** Ends the session; returns how it was logged in, for a logout that must reach the login method too. */
export async function endSession(
  deps: AuthDeps,
  token: string | undefined,
): Promise<{ method: LoginMethod; details: SessionDetails } | null> {
  if (!token || token.length > 100) return null;
  const session = await deps.store.findSession(hashToken(token));
  // None live: ended already, or rotated to a new token, which a new cookie replacing it often is.
  if (!session) return null;
  await deps.store.endSession(session.id_hash, deps.clock.now());
  return { method: session.method, details: detailsOf(session) };
}

/**
 * The owner ends one other session: with it, an address change it may have asked for (as
 * logOutEverywhere). False when that session had ended meanwhile (its own logout, gone idle).
 */
export async function logOutThere(store: Store, accountId: string, idHash: string, now: number): Promise<boolean> {
  await store.lockAccount(accountId);
  if (!(await store.endSession(idHash, now))) return false;
  await store.invalidateTokens(accountId, now, 'change-email');
  return true;
}

/**
 * Logs an account out everywhere, to cut off someone who may be in it without right (staff on the
 * owner's call, the owner stopping a request they did not make, or the owner from the portal, who
 * stays logged in there: `exceptIdHash`); returns how many sessions ended. An address change asked from
 * one of those sessions ends too: its link, in the asker's own mailbox, needs no session, and
 * would still move the account there. The account's row first, which an address change holds
 * from its session check to its link: one under way is waited for, and its link ended too.
 */
export async function logOutEverywhere(store: Store, accountId: string, now: number, exceptIdHash?: string): Promise<number> {
  await store.lockAccount(accountId);
  const ended = await store.endAllSessions(accountId, now, exceptIdHash);
  await store.invalidateTokens(accountId, now, 'change-email');
  return ended;
}
