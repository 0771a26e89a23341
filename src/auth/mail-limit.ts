import type { Store } from '../store/types.ts';
import type { AuthDeps } from './deps.ts';
import { MAIL_PER_HOUR as LIMITS } from './policy.ts';

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
