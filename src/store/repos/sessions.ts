import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { Store } from '../types.ts';

export function sessionRepo(
  db: Kysely<Database>,
): Pick<Store, 'insertSession' | 'findSession' | 'touchSession' | 'rotateSession' | 'endSession' | 'endAllSessions'> {
  return {
    async insertSession(session) {
      await db.insertInto('sessions').values(session).execute();
    },
    findSession: (idHash) =>
      db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).where('ended_at', 'is', null).executeTakeFirst(),
    async touchSession(idHash, now) {
      await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
    },
    async rotateSession(oldIdHash, next) {
      const ended = await db
        .updateTable('sessions')
        .set({ ended_at: next.created_at })
        .where('id_hash', '=', oldIdHash)
        .where('ended_at', 'is', null)
        .executeTakeFirst();
      if (Number(ended.numUpdatedRows) !== 1) return false;
      await db.insertInto('sessions').values(next).execute();
      return true;
    },
    async endSession(idHash, now) {
      await db
        .updateTable('sessions')
        .set({ ended_at: now })
        .where('id_hash', '=', idHash)
        .where('ended_at', 'is', null)
        .execute();
    },
    async endAllSessions(accountId, now, exceptIdHash) {
      let query = db
        .updateTable('sessions')
        .set({ ended_at: now })
        .where('account_id', '=', accountId)
        .where('ended_at', 'is', null);
      if (exceptIdHash) query = query.where('id_hash', '<>', exceptIdHash);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}
