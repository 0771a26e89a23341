import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { Store } from '../types.ts';

/** The letters outbox: like mail, written with the change it is about, taken out for printing. */
export function letterRepo(
  db: Kysely<Database>,
): Pick<Store, 'enqueueLetter' | 'listLetters' | 'findLetter' | 'countLetters' | 'markLettersExported'> {
  return {
    async enqueueLetter(letter) {
      await db.insertInto('letters').values(letter).execute();
    },
    listLetters: (status, limit) =>
      db.selectFrom('letters').selectAll().where('status', '=', status).orderBy('created_at', 'asc').limit(limit).execute(),
    findLetter: (id) => db.selectFrom('letters').selectAll().where('id', '=', id).executeTakeFirst(),
    async countLetters(customerId, kinds, since) {
      const row = await db
        .selectFrom('letters')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('customer_id', '=', customerId)
        .where('kind', 'in', kinds)
        .where('created_at', '>=', since)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async markLettersExported(ids, now) {
      if (ids.length === 0) return;
      // Once printed, the code it carried is no longer kept here.
      await db
        .updateTable('letters')
        .set({ status: 'exported', exported_at: now, body: '' })
        .where('id', 'in', ids)
        .where('status', '=', 'pending')
        .execute();
    },
  };
}
