import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { Store } from '../types.ts';

export function outboxRepo(
  db: Kysely<Database>,
): Pick<
  Store,
  | 'enqueueMail'
  | 'findMail'
  | 'listMail'
  | 'dueMail'
  | 'countPendingMail'
  | 'claimMail'
  | 'markMailSent'
  | 'markMailFailed'
  | 'markMailKept'
> {
  return {
    async enqueueMail(message) {
      await db.insertInto('outbox').values(message).execute();
    },
    findMail: (id) => db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst(),
    listMail: (limit) => db.selectFrom('outbox').selectAll().orderBy('created_at', 'desc').limit(limit).execute(),
    dueMail: (now, limit) =>
      db
        .selectFrom('outbox')
        .selectAll()
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .orderBy('created_at')
        .limit(limit)
        .execute(),
    async countPendingMail() {
      const row = await db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async claimMail(id, dueAt, leaseUntil) {
      const result = await db
        .updateTable('outbox')
        .set({ next_attempt_at: leaseUntil })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where('next_attempt_at', '=', dueAt)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async markMailSent(id, now) {
      // Once delivered, the body (which may hold a one-time link) is not kept.
      await db
        .updateTable('outbox')
        .set((eb) => ({
          status: 'sent',
          sent_at: now,
          text_body: '',
          html_body: '',
          attempts: eb('attempts', '+', 1),
          last_error: null,
        }))
        .where('id', '=', id)
        .execute();
    },
    async markMailFailed(id, error, nextAttemptAt) {
      await db
        .updateTable('outbox')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          last_error: error.slice(0, 500),
          // Given up: its text, which may hold a link, goes as a sent mail's does.
          ...(nextAttemptAt === null
            ? { status: 'failed' as const, text_body: '', html_body: '' }
            : { next_attempt_at: nextAttemptAt }),
        }))
        .where('id', '=', id)
        .execute();
    },
    async markMailKept(id) {
      await db.updateTable('outbox').set({ status: 'kept' }).where('id', '=', id).execute();
    },
  };
}
