import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database, LoginAttempt } from '../schema.ts';
import { prepared, type SlotOf } from '../prepared.ts';
import type { Lock, LockSchedule, RateLimitCount, Store } from '../types.ts';

/** An address's allowance and each known browser's, `<address>#<device>`: from '#' up to (not including) '$'. */
const allowancesOf = (email: string) => (eb: ExpressionBuilder<Database, 'login_throttles'>) =>
  eb.or([eb('email', '=', email), eb.and([eb('email', '>=', `${email}#`), eb('email', '<', `${email}$`)])]);

/** A lock's end as SQL: a fixed one is a literal; one that runs for a while counts from the bound time. */
const lockEndSql = (lock: Lock, now: unknown) =>
  'until' in lock ? sql<number>`${sql.lit(lock.until)}` : sql<number>`cast(${now} as bigint) + ${sql.lit(lock.forMs)}`;

/**
 * Counts a failure and sets the lock it causes, in one statement: the first failure of an
 * allowance inserts its row, each later one adds to it unless it is locked. Attempts sent at once
 * queue on the row (PostgreSQL checks the condition again on the row it waited for), and a
 * refusal costs one write, not a transaction of three, nor an update that finds no row and then
 * an insert. The schedule is written into the SQL, so a run binds the address and the time only,
 * where it bound each lock's count and end as well: forty values more for an address, a tenth
 * of a refused code's JavaScript (profiled). (The cast: PostgreSQL would take an untyped value
 * added to an integer for a 32-bit one.)
 */
const failureCounter = (locks: LockSchedule) =>
  prepared((db, slot: SlotOf<{ email: string; now: number }>) => {
    const first = locks.get(1);
    return db
      .insertInto('login_throttles')
      .values({
        email: slot('email'),
        failures: 1,
        locked_until: first ? lockEndSql(first, slot('now')) : null,
        updated_at: slot('now'),
      })
      .onConflict((oc) =>
        oc
          .column('email')
          .doUpdateSet((eb) => ({
            failures: eb('login_throttles.failures', '+', 1),
            locked_until: sql<number | null>`case ${sql.join(
              // The lock until a new password first, as lockSet below reads it.
              [...locks]
                .sort(([, a], [, b]) => Number('until' in b) - Number('until' in a))
                .map(([failures, lock]) => {
                  // A timed lock counts since the count was last quiet; the lock until a new password, all in a row.
                  const counted = 'until' in lock ? sql`login_throttles.carried_failures + ` : sql``;
                  return sql`when ${counted}login_throttles.failures + 1 = ${sql.lit(failures)} then ${lockEndSql(lock, slot('now'))}`;
                }),
              sql` `,
            )} else ${eb.ref('login_throttles.locked_until')} end`,
            updated_at: slot('now'),
          }))
          .where((eb) =>
            eb.or([eb('login_throttles.locked_until', 'is', null), eb('login_throttles.locked_until', '<=', slot('now'))]),
          ),
      )
      .returning(['failures', 'carried_failures']);
  });

/** The lock a count sets, as the statement above works it out. */
function lockSet(locks: LockSchedule, counted: { failures: number; carried_failures: number }): Lock | undefined {
  const inARow = locks.get(counted.carried_failures + counted.failures);
  if (inARow && 'until' in inARow) return inARow;
  const timed = locks.get(counted.failures);
  return timed && 'forMs' in timed ? timed : undefined;
}

/**
 * One statement per schedule, made on its first use, with the schedule as it was then: the
 * lock a run reports is worked out from that copy, so it is always the lock the SQL set.
 */
const failureCounters = new WeakMap<LockSchedule, { count: ReturnType<typeof failureCounter>; locks: LockSchedule }>();
function failureCounterFor(locks: LockSchedule) {
  let counter = failureCounters.get(locks);
  if (!counter) {
    const copy = new Map(locks);
    failureCounters.set(locks, (counter = { count: failureCounter(copy), locks: copy }));
  }
  return counter;
}

/** When a lock set now ends. */
const lockEnd = (lock: Lock | undefined, now: number) =>
  lock === undefined ? null : 'until' in lock ? lock.until : now + lock.forMs;

/**
 * A right password, with the code still to come: the attempt goes back. A lock this very attempt
 * set goes with it, an earlier one stays; with no lock given, `= null` matches nothing.
 */
const returnFailure = prepared((db, slot: SlotOf<{ email: string; lockedUntil: number | null }>) =>
  db
    .updateTable('login_throttles')
    .set((eb) => ({
      failures: eb('failures', '-', 1),
      locked_until: eb.case().when('locked_until', '=', slot('lockedUntil')).then(null).else(eb.ref('locked_until')).end(),
    }))
    .where('email', '=', slot('email'))
    .where('failures', '>', 0),
);

const throttleLock = prepared((db, slot: SlotOf<{ email: string }>) =>
  db.selectFrom('login_throttles').select('locked_until').where('email', '=', slot('email')),
);

/**
 * Adds hits to their windows and returns each window's total: one statement, so all or none (a
 * batch refused half-way and sent again is not counted twice in part).
 */
async function addHits(db: Kysely<Database>, counts: RateLimitCount[]): Promise<RateLimitCount[]> {
  const rows = await db
    .insertInto('rate_limits')
    .values(counts.map((c) => ({ key: c.key, window_start: c.windowStart, hits: c.hits })))
    .onConflict((oc) =>
      oc.columns(['key', 'window_start']).doUpdateSet((eb) => ({ hits: eb('rate_limits.hits', '+', eb.ref('excluded.hits')) })),
    )
    .returning(['key', 'window_start', 'hits'])
    .execute();
  return rows.map((r) => ({ key: r.key, windowStart: r.window_start, hits: r.hits }));
}

const windowHits = prepared((db, slot: SlotOf<{ key: string; windowStart: number }>) =>
  db.selectFrom('rate_limits').select('hits').where('key', '=', slot('key')).where('window_start', '=', slot('windowStart')),
);

const insertLoginAttempt = prepared((db, slot: SlotOf<LoginAttempt>) =>
  db.insertInto('login_attempts').values({
    id: slot('id'),
    account_id: slot('account_id'),
    at: slot('at'),
    method: slot('method'),
    step: slot('step'),
    outcome: slot('outcome'),
    diagnosis: slot('diagnosis'),
    detail: slot('detail'),
  } satisfies Record<keyof LoginAttempt, unknown>),
);

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
  | 'addRateLimitHits'
  | 'findRateLimitHits'
  | 'recordLoginAttempt'
  | 'listLoginAttempts'
> {
  return {
    async clearTotpSteps(accountId) {
      await db.deleteFrom('used_totp_steps').where('account_id', '=', accountId).execute();
    },
    findThrottle: (email) => db.selectFrom('login_throttles').selectAll().where('email', '=', email).executeTakeFirst(),
    async takeThrottleAttempt(email, now, schedule) {
      const values = { email, now };
      const { count: countFailure, locks } = failureCounterFor(schedule);
      // Counted, or locked: a lock lifted or a row cleared between the count and the look sends the
      // attempt round once more. Each turn needs someone else's write in between, so a few are
      // plenty; past them the request fails rather than spins.
      for (let turn = 0; turn < 5; turn++) {
        const counted = (await countFailure(db, values)).rows[0];
        if (counted)
          return { failures: counted.carried_failures + counted.failures, lockedUntil: lockEnd(lockSet(locks, counted), now) };
        const row = (await throttleLock(db, { email })).rows[0];
        if (row?.locked_until != null && row.locked_until > now) return { locked: row.locked_until };
      }
      throw new Error('A login allowance kept changing while an attempt was taken');
    },
    async returnThrottleAttempt(email, lockedUntil) {
      await returnFailure(db, { email, lockedUntil });
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
      return (await addHits(db, [{ key, windowStart, hits: 1 }]))[0]!.hits;
    },
    addRateLimitHits: (counts) => addHits(db, counts),
    async findRateLimitHits(key, windowStart) {
      return (await windowHits(db, { key, windowStart })).rows[0]?.hits ?? 0;
    },
    async recordLoginAttempt(attempt) {
      await insertLoginAttempt(db, attempt);
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
