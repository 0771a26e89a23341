import { sql, type Kysely } from 'kysely';
import type { Database, Session } from '../schema.ts';
import { prepared, type SlotOf } from '../prepared.ts';
import { transact } from '../group-commit.ts';
import type { Store } from '../types.ts';

/** Bound values a statement holds at most are 32,766 on SQLite and 65,535 on PostgreSQL. */
const SESSIONS_PER_STATEMENT = 500;

/**
 * Queues a back-channel logout for every grant given from these sessions of
 * ours, in the same transaction as their end: the clients hear of it even if
 * this process dies a moment later. Called once the sessions' rows are taken
 * (ended): a grant linked meanwhile under `touchSession` has committed by then,
 * and on PostgreSQL this statement, read after, sees it.
 */
async function queueClientLogouts(db: Kysely<Database>, sessionHashes: string[], now: number) {
  // Straight from the links, a few hundred sessions a statement: with a bound value for each link,
  // SQLite refused the insert past some 4,700 links, and with it the end of the session.
  for (let i = 0; i < sessionHashes.length; i += SESSIONS_PER_STATEMENT) {
    const at = sql<number>`cast(${now} as bigint)`;
    await db
      .insertInto('oidc_logouts')
      .columns(['grant_id', 'client_id', 'account_id', 'status', 'attempts', 'created_at', 'next_at'])
      .expression(
        db
          .selectFrom('oidc_logins')
          .select(['grant_id', 'client_id', 'account_id'])
          .select([sql.lit('pending').as('status'), sql.lit(0).as('attempts'), at.as('created_at'), at.as('next_at')])
          .where('session_hash', 'in', sessionHashes.slice(i, i + SESSIONS_PER_STATEMENT)),
      )
      .onConflict((oc) => oc.column('grant_id').doNothing())
      .execute();
  }
}

/**
 * Ends sessions and queues their logouts in one transaction, the caller's if it has one: an end
 * committed on its own would leave logouts nothing sends, since the sweep and a second end look
 * only at live sessions.
 */
function withItsLogouts<T>(db: Kysely<Database>, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  return transact(db, work);
}

/** An ended session's row, kept a while for the record: the browser's name was only for its owner's list. */
const ended = (at: number) => ({ ended_at: at, browser: null, os: null });

/** Written at each login step, and when a session is rotated. */
const insertSession = prepared((db, slot: SlotOf<Session>) =>
  db.insertInto('sessions').values({
    id_hash: slot('id_hash'),
    account_id: slot('account_id'),
    stage: slot('stage'),
    method: slot('method'),
    created_at: slot('created_at'),
    last_seen_at: slot('last_seen_at'),
    expires_at: slot('expires_at'),
    ended_at: slot('ended_at'),
    details: slot('details'),
    browser: slot('browser'),
    os: slot('os'),
  } satisfies Record<keyof Session, unknown>),
);

/** Read on every request that carries a session. */
const liveSession = prepared((db, slot: SlotOf<{ idHash: string }>) =>
  db.selectFrom('sessions').selectAll().where('id_hash', '=', slot('idHash')).where('ended_at', 'is', null),
);

export function sessionRepo(
  db: Kysely<Database>,
): Pick<
  Store,
  'insertSession' | 'findSession' | 'touchSession' | 'rotateSession' | 'endSession' | 'endAllSessions' | 'listLoggedInSessions'
> {
  return {
    async insertSession(session) {
      await insertSession(db, session);
    },
    findSession: async (idHash) => (await liveSession(db, { idHash })).rows[0],
    async touchSession(idHash, now) {
      const touched = await db
        .updateTable('sessions')
        .set({ last_seen_at: now })
        .where('id_hash', '=', idHash)
        .where('ended_at', 'is', null)
        .executeTakeFirst();
      return Number(touched.numUpdatedRows) === 1;
    },
    async rotateSession(oldIdHash, next) {
      const old = await db
        .updateTable('sessions')
        .set(ended(next.created_at))
        .where('id_hash', '=', oldIdHash)
        .where('ended_at', 'is', null)
        .executeTakeFirst();
      if (Number(old.numUpdatedRows) !== 1) return false;
      await insertSession(db, next);
      return true;
    },
    endSession: (idHash, now) =>
      withItsLogouts(db, async (db) => {
        const gone = await db
          .updateTable('sessions')
          .set(ended(now))
          .where('id_hash', '=', idHash)
          .where('ended_at', 'is', null)
          .returning('id_hash')
          .execute();
        await queueClientLogouts(
          db,
          gone.map((s) => s.id_hash),
          now,
        );
        return gone.length === 1;
      }),
    endAllSessions: (accountId, now, exceptIdHash) =>
      withItsLogouts(db, async (db) => {
        let query = db.updateTable('sessions').set(ended(now)).where('account_id', '=', accountId).where('ended_at', 'is', null);
        if (exceptIdHash) query = query.where('id_hash', '<>', exceptIdHash);
        const gone = await query.returning('id_hash').execute();
        await queueClientLogouts(
          db,
          gone.map((s) => s.id_hash),
          now,
        );
        return gone.length;
      }),
    listLoggedInSessions: (accountId, now, seenSince) =>
      db
        .selectFrom('sessions')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('stage', '=', 'full')
        .where('ended_at', 'is', null)
        .where('expires_at', '>', now)
        .where('last_seen_at', '>=', seenSince)
        .orderBy('last_seen_at', 'desc')
        .orderBy('created_at', 'desc')
        .execute(),
  };
}
