import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { Store } from '../types.ts';

/** An address's allowance and each known browser's, `<address>#<device>`: from '#' up to (not including) '$'. */
const allowancesOf = (email: string) => (eb: ExpressionBuilder<Database, 'login_throttles'>) =>
  eb.or([eb('email', '=', email), eb.and([eb('email', '>=', `${email}#`), eb('email', '<', `${email}$`)])]);

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
  | 'takeThrottleAttempt'
  | 'returnThrottleAttempt'
  | 'clearThrottle'
  | 'clearThrottles'
  | 'liftThrottles'
  | 'hitRateLimit'
  | 'recordLoginAttempt'
  | 'listLoginAttempts'
> {
  return {
    async clearTotpSteps(accountId) {
      await db.deleteFrom('used_totp_steps').where('account_id', '=', accountId).execute();
    },
    findThrottle: (email) => db.selectFrom('login_throttles').selectAll().where('email', '=', email).executeTakeFirst(),
    async takeThrottleAttempt(email, now, locks) {
      // One statement counts the attempt and sets the lock it causes, so attempts sent at once
      // queue on the row (PostgreSQL checks the condition again on the row it waited for) and
      // a refusal costs one write, not a transaction of three.
      const count = () =>
        db
          .updateTable('login_throttles')
          .set((eb) => ({
            failures: eb('failures', '+', 1),
            locked_until: sql<number | null>`case ${eb('failures', '+', 1)} ${sql.join(
              [...locks].map(([failures, until]) => sql`when ${failures} then ${until}`),
              sql` `,
            )} else ${eb.ref('locked_until')} end`,
            updated_at: now,
          }))
          .where('email', '=', email)
          .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
          .returning('failures')
          .executeTakeFirst();
      const first = () =>
        db
          .insertInto('login_throttles')
          .values({ email, failures: 1, locked_until: locks.get(1) ?? null, updated_at: now })
          .onConflict((oc) => oc.column('email').doNothing())
          .returning('failures')
          .executeTakeFirst();
      // Locked, or counted by the first statement that finds the row: a lock that ran out or a
      // row cleared in between sends the attempt round once more. Each turn needs someone else's
      // write in between, so a few are plenty; past them the request fails rather than spins.
      for (let turn = 0; turn < 5; turn++) {
        const counted = (await count()) ?? (await first());
        if (counted) return { failures: counted.failures, lockedUntil: locks.get(counted.failures) ?? null };
        const row = await db.selectFrom('login_throttles').select('locked_until').where('email', '=', email).executeTakeFirst();
        if (row?.locked_until != null && row.locked_until > now) return { locked: row.locked_until };
      }
      throw new Error('A login allowance kept changing while an attempt was taken');
    },
    async returnThrottleAttempt(email, lockedUntil) {
      await db
        .updateTable('login_throttles')
        .set((eb) => ({
          failures: eb('failures', '-', 1),
          // A lock this very attempt set goes with it; an earlier one stays.
          ...(lockedUntil !== null
            ? { locked_until: eb.case().when('locked_until', '=', lockedUntil).then(null).else(eb.ref('locked_until')).end() }
            : {}),
        }))
        .where('email', '=', email)
        .where('failures', '>', 0)
        .execute();
    },
    async clearThrottle(key) {
      await db.deleteFrom('login_throttles').where('email', '=', key).execute();
    },
    async clearThrottles(email) {
      await db.deleteFrom('login_throttles').where(allowancesOf(email)).execute();
    },
    async liftThrottles(email, kept) {
      await db
        .updateTable('login_throttles')
        .set({ locked_until: null })
        .where(allowancesOf(email))
        .where('locked_until', '!=', kept)
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
