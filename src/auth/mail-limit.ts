import type { Store } from '../store/types.ts';

/** Mails to one address per hour at most: enough to retry, too few to flood a mailbox. */
const MAILS_PER_ADDRESS_PER_HOUR = 5;

/** Counts a mail to this address; false when the hour's allowance is spent. */
export async function withinMailLimit(store: Store, email: string, now: number): Promise<boolean> {
  const hour = Math.floor(now / 3_600_000) * 3_600_000;
  return (await store.hitRateLimit(`mail:${email}`, hour)) <= MAILS_PER_ADDRESS_PER_HOUR;
}
