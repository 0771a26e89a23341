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

export type Attempt =
  | { kind: 'locked'; until: number }
  /** Counted; if it turns out wrong, this is the lock it causes. */
  | { kind: 'counted'; lockedIfWrong: number | null };

/**
 * Takes an attempt for the address before anything is checked, so that a
 * burst of guesses sent at once meets the lock as a slow one does. It counts
 * as a failure until the caller finds it right.
 */
export async function takeAttempt(store: Store, email: string, now: number): Promise<Attempt> {
  const taken = await store.takeThrottleAttempt(email, now, (failures) => {
    const lock = lockAfter(failures);
    return lock === null ? null : lock === LOCKED_UNTIL_RESET ? LOCKED_UNTIL_RESET : now + lock;
  });
  return 'locked' in taken ? { kind: 'locked', until: taken.locked } : { kind: 'counted', lockedIfWrong: taken.lockedUntil };
}

/** A right password, with the code still to come: the attempt is given back, the earlier failures stand. */
export async function givePasswordAttemptBack(store: Store, email: string, attempt: Attempt): Promise<void> {
  if (attempt.kind === 'counted') await store.returnThrottleAttempt(email, attempt.lockedIfWrong);
}
