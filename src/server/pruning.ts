import type { Logger } from 'pino';
import { announceEntry, COMMAND_LINE } from '../auth/agents/audit.ts';
import type { AuthDeps } from '../auth/deps.ts';
import { appCodeKey } from '../auth/throttle.ts';
import { day } from '../analytics/signals.ts';
import type { Retention } from '../config/server.ts';
import { limits } from '../edge/limits.ts';
import { MAIL_WINDOW_MS, WEEK_MS } from '../auth/policy.ts';
import { auditText } from '../shared/audit-words.ts';

const DAY = 86_400_000;
/** Counters (throttles, used codes) matter for minutes or hours. */
const COUNTERS_MS = 2 * DAY;
/**
 * A rate-limit row counts the requests of one client address, or the mail to one address, in one
 * window, and names that address: it goes once the longest window (the mail's hour) is over and as
 * long again, for instances whose clocks differ, rather than being kept for days of no use.
 */
const LONGEST_WINDOW_MS = Math.max(MAIL_WINDOW_MS, ...Object.values(limits).map((limit) => limit.windowMs));

/**
 * Removes what is kept no longer than its period (README "What is kept, and
 * how long"). One instance at a time, by a lock in the database; the removal
 * of audit entries is itself an audit entry, so `audit:verify` can tell it
 * from tampering.
 */
export async function pruneOnce(
  deps: Pick<AuthDeps, 'store' | 'clock' | 'random' | 'events'>,
  retention: Retention,
): Promise<Record<string, number> | null> {
  const now = deps.clock.now();
  const ago = (days: number) => now - days * DAY;
  let marker: { seq: number; hash: string } | null = null;
  const removed = await deps.store.transaction(async (store) => {
    if (!(await store.tryJobLock('prune'))) return null;
    const removed = await store.prune({
      now,
      links: ago(retention.linksDays),
      sessions: ago(retention.sessionsDays),
      loginHistory: ago(retention.loginHistoryDays),
      counters: now - COUNTERS_MS,
      // A count of wrong app codes goes only when a right code or a new app clears it: dropped after
      // two quiet days, it let whoever holds the password guess 99, wait, and guess 99 more, where
      // a hundred in a row must lock (NIST SP 800-63B). One per account, made past the password only.
      keptThrottles: appCodeKey(''),
      rateLimits: now - 2 * LONGEST_WINDOW_MS,
      // With their request, but a week at least: the letters a company had this week are its limit.
      letters: Math.min(ago(retention.requestsDays), now - WEEK_MS),
      mail: ago(retention.mailDays),
      oldAuthenticators: ago(retention.oldAuthenticatorsDays),
      requests: ago(retention.requestsDays),
      feedbackComments: ago(retention.feedbackCommentsDays),
      searchMissesBefore: day(ago(retention.feedbackCommentsDays)),
    });
    const audit = await store.pruneAudit(ago(retention.auditYears * 365), (last) => ({
      id: deps.random.logId(),
      at: now,
      agent_id: COMMAND_LINE.id,
      agent_email: auditText('retention'),
      action: 'auditRetention',
      subject: auditText('entriesUpTo', last),
      reason: auditText('keptYears', retention.auditYears),
      outcome: 'done',
    }));
    removed.audit = audit.removed;
    marker = audit.marker;
    return removed;
  });
  // Like every staff action's: `audit:verify --anchor` trusts a cut only when its own entry is anchored.
  if (marker) announceEntry(deps, COMMAND_LINE, 'auditRetention', 'done', marker);
  return removed;
}

/** Prunes once an hour (and a minute after start), until stopped. */
export function startPruning(deps: Pick<AuthDeps, 'store' | 'clock' | 'random' | 'events'>, retention: Retention, log: Logger) {
  const run = () =>
    pruneOnce(deps, retention).then(
      (removed) => {
        const total = removed ? Object.values(removed).reduce((a, b) => a + b, 0) : 0;
        if (total) log.info({ removed }, 'pruned records past their retention');
      },
      (error: unknown) => log.warn({ err: (error as Error).message }, 'pruning failed; trying again in an hour'),
    );
  const first = setTimeout(run, 60_000);
  const hourly = setInterval(run, 3_600_000);
  first.unref();
  hourly.unref();
  return { stop: () => (clearTimeout(first), clearInterval(hourly)) };
}
