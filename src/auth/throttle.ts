import type { Store } from '../store/types.ts';

/** A lock that only a password reset lifts: NIST allows at most 100 consecutive failures. */
export const LOCKED_UNTIL_RESET = 8_640_000_000_000_000;
const MAX_FAILURES = 100;

/**
 * Every fifth consecutive failure locks the address for a while, longer each
 * time; a legitimate user waits or resets the password.
 */
export function lockAfter(failures: number): number | typeof LOCKED_UNTIL_RESET | null {
  if (failures >= MAX_FAILURES) return LOCKED_UNTIL_RESET;
  if (failures % 5 !== 0) return null;
  const minutes = failures === 5 ? 1 : failures === 10 ? 5 : failures === 15 ? 15 : 60;
  return minutes * 60_000;
}

/** When the address is locked, until when; else null. */
export async function lockedUntil(store: Store, email: string, now: number): Promise<number | null> {
  const throttle = await store.findThrottle(email);
  return throttle?.locked_until && throttle.locked_until > now ? throttle.locked_until : null;
}

/** Counts a failure; returns the end of a lock it caused, if any. */
export async function countFailure(store: Store, email: string, now: number): Promise<number | null> {
  const failures = await store.addThrottleFailure(email, now);
  const lock = lockAfter(failures);
  if (lock === null) return null;
  const until = lock === LOCKED_UNTIL_RESET ? LOCKED_UNTIL_RESET : now + lock;
  await store.lockThrottle(email, until);
  return until;
}
