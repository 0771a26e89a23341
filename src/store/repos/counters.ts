import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { Store } from '../types.ts';

// Shared counters that must hold across instances: used TOTP steps, login
// throttles, rate limits and the record of login attempts.
export function counterRepo(
  db: Kysely<Database>,
): Pick<
  Store,
  | 'useTotpStep'
  | 'isTotpStepUsed'
  | 'clearTotpSteps'
  | 'findThrottle'
  | 'addThrottleFailure'
  | 'lockThrottle'
  | 'clearThrottle'
  | 'pruneThrottles'
  | 'hitRateLimit'
  | 'pruneRateLimits'
  | 'recordLoginAttempt'
  | 'listLoginAttempts'
> {
  return {
    async clearTotpSteps(accountId) {
      await db.deleteFrom('used_totp_steps').where('account_id', '=', accountId).execute();
    },
    findThrottle: (email) => db.selectFrom('login_throttles').selectAll().where('email', '=', email).executeTakeFirst(),
    async addThrottleFailure(email, now) {
      const row = await db
        .insertInto('login_throttles')
        .values({ email, failures: 1, locked_until: null, updated_at: now })
        .onConflict((oc) =>
          oc.column('email').doUpdateSet((eb) => ({ failures: eb('login_throttles.failures', '+', 1), updated_at: now })),
        )
        .returning('failures')
        .executeTakeFirstOrThrow();
      return row.failures;
    },
    async lockThrottle(email, until) {
      await db.updateTable('login_throttles').set({ locked_until: until }).where('email', '=', email).execute();
    },
    async clearThrottle(email) {
      await db.deleteFrom('login_throttles').where('email', '=', email).execute();
    },
    async pruneThrottles(before) {
      await db
        .deleteFrom('login_throttles')
        .where('updated_at', '<', before)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', before)]))
        .execute();
    },
    async useTotpStep(accountId, step, now) {
      const result = await db
        .insertInto('used_totp_steps')
        .values({ account_id: accountId, step, used_at: now })
        .onConflict((oc) => oc.columns(['account_id', 'step']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async isTotpStepUsed(accountId, step) {
      const row = await db
        .selectFrom('used_totp_steps')
        .select('step')
        .where('account_id', '=', accountId)
        .where('step', '=', step)
        .executeTakeFirst();
      return row !== undefined;
    },
    async hitRateLimit(key, windowStart) {
      const row = await db
        .insertInto('rate_limits')
        .values({ key, window_start: windowStart, hits: 1 })
        .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet((eb) => ({ hits: eb('rate_limits.hits', '+', 1) })))
        .returning('hits')
        .executeTakeFirstOrThrow();
      return row.hits;
    },
    async pruneRateLimits(before) {
      await db.deleteFrom('rate_limits').where('window_start', '<', before).execute();
    },
    async recordLoginAttempt(attempt) {
      await db.insertInto('login_attempts').values(attempt).execute();
    },
    listLoginAttempts: (accountId, limit) =>
      db
        .selectFrom('login_attempts')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('at', 'desc')
        .limit(limit)
        .execute(),
  };
}
