import type { LockSchedule, LoginThrottle, Store } from '../store/types.ts';
import type { AuthDeps } from './deps.ts';
import { LOCK_MINUTES, MAX_FAILURES } from './policy.ts';

/** A lock that only a password reset lifts: NIST allows at most 100 consecutive failures. */
export const LOCKED_UNTIL_RESET = 8_640_000_000_000_000;

/**
 * Staff may lift only a lock that would end by itself: lifting the one that waits for a new
 * password (for staff, a new invitation) would hand whoever holds the password another hundred
 * guesses at the code, one phone call at a time.
 */
export const liftable = (throttle: { locked_until: number | null } | undefined) =>
  !!throttle?.locked_until && throttle.locked_until !== LOCKED_UNTIL_RESET;

/** Failures in a row as staff see them: with those carried past a quiet spell, which still count. */
export const failuresInARow = (throttle: { failures: number; carried_failures: number } | undefined) =>
  (throttle?.failures ?? 0) + (throttle?.carried_failures ?? 0);

/** How a lock looks to staff: when it ends, or that it waits for a new password. */
export function lockForStaff(lockedUntil: number | null | undefined, now: number) {
  const untilReset = lockedUntil === LOCKED_UNTIL_RESET;
  return { lockedUntil: !untilReset && lockedUntil && lockedUntil > now ? lockedUntil : null, lockedUntilReset: untilReset };
}

/**
 * Every fifth consecutive failure locks the address for a while, longer each
 * time; a legitimate user waits or resets the password.
 */
export function lockAfter(failures: number): number | typeof LOCKED_UNTIL_RESET | null {
  if (failures >= MAX_FAILURES) return LOCKED_UNTIL_RESET;
  if (failures % 5 !== 0) return null;
  const minutes = LOCK_MINUTES[Math.min(failures / 5, LOCK_MINUTES.length) - 1]!;
  return minutes * 60_000;
}

/** Every count of failures that locks, and for how long: the schedule, worked out once. */
const ADDRESS_LOCKS: LockSchedule = new Map(
  Array.from({ length: MAX_FAILURES }, (_, i) => [i + 1, lockAfter(i + 1)] as const).flatMap(([failures, lock]) =>
    lock === null ? [] : [[failures, lock === LOCKED_UNTIL_RESET ? { until: lock } : { forMs: lock }] as const],
  ),
);

export type Attempt =
  | { kind: 'locked'; until: number }
  /** Counted; if it turns out wrong, this is the lock it causes. */
  | { kind: 'counted'; lockedIfWrong: number | null };

/**
 * Takes an attempt for the address before anything is checked, so that a
 * burst of guesses sent at once meets the lock as a slow one does. It counts
 * as a failure until the caller finds it right. Inside a transaction it counts
 * once that commits: the caller answers only after, so no answer comes from an
 * attempt that was not counted.
 */
export async function takeAttempt(deps: Pick<AuthDeps, 'store' | 'clock' | 'events'>, key: string): Promise<Attempt> {
  const now = deps.clock.now();
  const taken = await deps.store.takeThrottleAttempt(key, now, ADDRESS_LOCKS);
  if ('locked' in taken) return { kind: 'locked', until: taken.locked };
  if (taken.lockedUntil)
    deps.events.emit('addressLocked', { failures: taken.failures, until: taken.lockedUntil, knownDevice: isOwnAllowance(key) });
  return { kind: 'counted', lockedIfWrong: taken.lockedUntil };
}

/**
 * Wrong app codes in a row on one account. Only the right code or a newly linked app clears the
 * count, never a new password: else the mailbox alone, choosing a new password after every five
 * misses, could go on guessing the code for ever. A hundred lock the app's code (NIST SP
 * 800-63B); a recovery code or a new phone is the way back. The customer's own browsers (known
 * ones) keep a count apart: whoever holds only the password or the mailbox cannot lock them
 * out, as they cannot make a browser known without a right code. Yet they count too: a shared
 * computer that logged in before, with the mailbox beside it, could otherwise choose a new
 * password after every four misses and guess without end, as its own allowance goes with each.
 */
export const appCodeKey = (accountId: string) => `app-code:${accountId}`;
const knownBrowsersAppCodeKey = (accountId: string) => `${appCodeKey(accountId)}:known`;
const APP_CODE_LOCKS: LockSchedule = new Map([[MAX_FAILURES, { until: LOCKED_UNTIL_RESET }]]);

/** Takes a try at the account's app code, before it is checked; counts as wrong until found right. */
export async function takeAppCodeAttempt(
  deps: Pick<AuthDeps, 'store' | 'clock' | 'events'>,
  accountId: string,
  knownBrowser = false,
) {
  const key = knownBrowser ? knownBrowsersAppCodeKey(accountId) : appCodeKey(accountId);
  const taken = await deps.store.takeThrottleAttempt(key, deps.clock.now(), APP_CODE_LOCKS);
  if ('locked' in taken) return false;
  if (taken.lockedUntil) deps.events.emit('appCodeLocked', { accountId, failures: taken.failures, knownDevice: knownBrowser });
  return true;
}

/**
 * A try at the app's code, once the browser's attempt is taken: counted towards the hundred. At a
 * locked app the browser's attempt is given back, since nothing is guessed there: a retry still
 * hears the way back (a recovery code, a new phone), not a wait. False when the app is locked.
 */
export async function takeAppCodeTry(
  deps: Pick<AuthDeps, 'store' | 'clock' | 'events'>,
  accountId: string,
  browser: { key: string; attempt: Attempt },
): Promise<boolean> {
  if (await takeAppCodeAttempt(deps, accountId, isOwnAllowance(browser.key))) return true;
  await giveAttemptBack(deps.store, browser.key, browser.attempt);
  return false;
}

/** Both counts of wrong app codes in a row, as staff see them: strangers' browsers', and the customer's own. */
export async function appCodeCounts(store: Store, accountId: string) {
  const view = (throttle: LoginThrottle | undefined) => ({
    inARow: failuresInARow(throttle),
    locked: throttle?.locked_until === LOCKED_UNTIL_RESET,
  });
  const strangers = view(await store.findThrottle(appCodeKey(accountId)));
  return { ...strangers, own: view(await store.findThrottle(knownBrowsersAppCodeKey(accountId))) };
}

/** The right code, or a new app: both counts of wrong app codes start again. */
export async function clearAppCodeAttempts(store: Store, accountId: string): Promise<void> {
  await store.clearThrottle(appCodeKey(accountId));
  await store.clearThrottle(knownBrowsersAppCodeKey(accountId));
}

/**
 * An attempt that was no wrong guess (a right password with the code still to come, a code refused
 * unread at a locked app) is given back; the earlier failures stand.
 */
export async function giveAttemptBack(store: Store, key: string, attempt: Attempt): Promise<void> {
  if (attempt.kind === 'counted') await store.returnThrottleAttempt(key, attempt.lockedIfWrong);
}

/** Whether an allowance is a known browser's own (`<address>#<device>`) rather than the address's. */
export const isOwnAllowance = (key: string) => key.includes('#');

/** A browser that logged in to accounts before: its id, and which accounts (set by the edge from a sealed cookie). */
export interface KnownDevice {
  id: string;
  accountIds: string[];
}

/**
 * Whose allowance an attempt takes: a browser that logged in to this account
 * before has its own, so strangers' failures on the address do not lock the
 * customer out; everyone else shares the address's.
 */
export function throttleKey(email: string, accountId: string | undefined, device: KnownDevice | null | undefined): string {
  return accountId && device?.accountIds.includes(accountId) ? `${email}#${device.id}` : email;
}
