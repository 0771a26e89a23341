import type { Store } from '../store/types.ts';
import type { AuthDeps } from './deps.ts';
import { MAIL_PER_HOUR as LIMITS, MAIL_WINDOW_MS, TAKEOVER_NOTICES_PER_HOUR } from './policy.ts';
import { isOwnAllowance, throttleKey, type KnownDevice } from './throttle.ts';

/**
 * Counts a mail to this address from this requester (a client address); false when an hour's
 * allowance is spent. A request refused by its own requester's limits stops there: counted
 * against the address as well, twenty of a stranger's refused requests would hold back every
 * mail to it for the rest of the hour. A browser that logged in to the account before has a
 * share of its own, as it has for login attempts, so strangers on many addresses cannot use it up.
 */
export async function takeMailAllowance(
  deps: Pick<AuthDeps, 'config'>,
  store: Store,
  input: { to: string; requester: string; now: number; accountId?: string | undefined; device?: KnownDevice | null | undefined },
): Promise<boolean> {
  const within = (key: string, limit: number) => withinHour(store, key, input.now, limit);
  const key = throttleKey(input.to, input.accountId, input.device);
  const requesterLimit = LIMITS.requester * (deps.config.clientLimitFactor ?? 1);
  if (isOwnAllowance(key)) {
    // Five for this browser, and the address's number for all its known browsers together: a
    // browser is made with every login, so per browser alone would not bound the mailbox.
    return (
      (await within(`mail:${key}`, LIMITS.pair)) &&
      (await within(`mail-from:${input.requester}`, requesterLimit)) &&
      (await within(`mail:${input.to}#known`, LIMITS.address))
    );
  }
  return (
    (await within(`mail:${input.to}:${input.requester}`, LIMITS.pair)) &&
    (await within(`mail-from:${input.requester}`, requesterLimit)) &&
    (await within(`mail:${input.to}`, LIMITS.address))
  );
}

/** Counts a takeover notice to this holder's address (TAKEOVER_NOTICES_PER_HOUR); false when this hour's are used up. */
export async function takeTakeoverNotice(store: Store, holderEmail: string, now: number): Promise<boolean> {
  return withinHour(store, `mail-takeover:${holderEmail}`, now, TAKEOVER_NOTICES_PER_HOUR);
}

/**
 * Counts a notice of wrong codes after the right password to this account: one in each clock hour.
 * Whoever holds the password meets a lock every five guesses, an hour apart after the first few.
 */
export async function takeWrongCodesNotice(store: Store, accountId: string, now: number): Promise<boolean> {
  return withinHour(store, `mail-wrong-codes:${accountId}`, now, 1);
}

/** Counts one under this key in the clock hour of `now`; false once the hour holds more than `limit`. */
async function withinHour(store: Store, key: string, now: number, limit: number): Promise<boolean> {
  return (await store.hitRateLimit(key, Math.floor(now / MAIL_WINDOW_MS) * MAIL_WINDOW_MS)) <= limit;
}
