import type { Store } from '../store/types.ts';
import type { AuthDeps } from './deps.ts';
import { MAIL_PER_HOUR as LIMITS } from './policy.ts';
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
  const hour = Math.floor(input.now / 3_600_000) * 3_600_000;
  const hits = (key: string) => store.hitRateLimit(key, hour);
  const key = throttleKey(input.to, input.accountId, input.device);
  if (isOwnAllowance(key)) {
    if ((await hits(`mail-from:${input.requester}`)) > LIMITS.requester * (deps.config.clientLimitFactor ?? 1)) return false;
    return (await hits(`mail:${key}`)) <= LIMITS.pair;
  }
  if ((await hits(`mail:${input.to}:${input.requester}`)) > LIMITS.pair) return false;
  if ((await hits(`mail-from:${input.requester}`)) > LIMITS.requester * (deps.config.clientLimitFactor ?? 1)) return false;
  return (await hits(`mail:${input.to}`)) <= LIMITS.address;
}
