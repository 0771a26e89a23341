import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { Store } from '../types.ts';

export function tokenRepo(
  db: Kysely<Database>,
): Pick<Store, 'insertToken' | 'findTokenByHash' | 'consumeToken' | 'invalidateTokens' | 'listOpenTokens' | 'hasNewerOpenToken'> {
  return {
    async insertToken(token) {
      await db.insertInto('tokens').values(token).execute();
    },
    findTokenByHash: (hash) => db.selectFrom('tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst(),
    async consumeToken(id, now) {
      const result = await db
        .updateTable('tokens')
        .set({ used_at: now })
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async invalidateTokens(accountId, now, which) {
      let query = db.updateTable('tokens').set({ used_at: now }).where('account_id', '=', accountId).where('used_at', 'is', null);
      if (which === 'all-but-takeover-stops')
        query = query.where((eb) =>
          eb.or([
            eb('purpose', '!=', 'cancel-request'),
            eb(
              'request_id',
              'not in',
              eb.selectFrom('recovery_requests').select('id').where('replaces_account_id', '=', accountId),
            ),
          ]),
        );
      else if (which) query = query.where('purpose', '=', which);
      await query.execute();
    },
    async hasNewerOpenToken(accountId, purpose, createdAt, now) {
      const newer = await db
        .selectFrom('tokens')
        .select('id')
        .where('account_id', '=', accountId)
        .where('purpose', '=', purpose)
        .where('created_at', '>', createdAt)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .limit(1)
        .executeTakeFirst();
      return newer !== undefined;
    },
    listOpenTokens: (accountId, now) =>
      db
        .selectFrom('tokens')
        .select(['purpose', 'expires_at', 'created_at'])
        .where('account_id', '=', accountId)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .orderBy('created_at', 'desc')
        .execute(),
  };
}
