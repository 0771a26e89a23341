import type { Store } from '../store/types.ts';
import type { AuthDeps } from './deps.ts';
import { MAIL_PER_HOUR as LIMITS } from './policy.ts';

/**
 * Mails per hour: to one address from one requester (enough to retry), to one
 * address from anyone (a mailbox is not flooded), from one requester to anyone
 * (one machine does not flood many). A stranger using up their own share
 * leaves the customer theirs.
 */

/** Counts a mail to this address from this requester (a client address); false when an hour's allowance is spent. */
export async function takeMailAllowance(
  deps: Pick<AuthDeps, 'config'>,
  store: Store,
  input: { to: string; requester: string; now: number },
): Promise<boolean> {
  const hour = Math.floor(input.now / 3_600_000) * 3_600_000;
  const pair = await store.hitRateLimit(`mail:${input.to}:${input.requester}`, hour);
  const address = await store.hitRateLimit(`mail:${input.to}`, hour);
  const requester = await store.hitRateLimit(`mail-from:${input.requester}`, hour);
  return pair <= LIMITS.pair && address <= LIMITS.address && requester <= LIMITS.requester * (deps.config.clientLimitFactor ?? 1);
}
