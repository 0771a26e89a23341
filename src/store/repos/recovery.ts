import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { Store } from '../types.ts';

// Recovery codes, and the requests that wait for a second proof before
// anyone may link a new app or take over a company's login.
export function recoveryRepo(
  db: Kysely<Database>,
): Pick<
  Store,
  | 'replaceRecoveryCodes'
  | 'useRecoveryCode'
  | 'countRecoveryCodes'
  | 'insertRecoveryRequest'
  | 'findRecoveryRequest'
  | 'findOpenRecoveryRequest'
  | 'findOpenTakeoversOf'
  | 'updateRecoveryRequest'
  | 'countLetterFailure'
  | 'listRecoveryRequests'
  | 'listVouchedTakeoversOf'
  | 'listRunningApprovedBy'
> {
  /** Requests still running: open or proven, not past their time; the newest first. */
  const running = (now: number) =>
    db
      .selectFrom('recovery_requests')
      .selectAll()
      .where('status', 'in', ['open', 'proven'])
      .where('expires_at', '>', now)
      .orderBy('created_at', 'desc')
      // The same order on both stores for requests made in one millisecond.
      .orderBy('id', 'desc');
  return {
    async replaceRecoveryCodes(accountId, codes, now) {
      await db
        .updateTable('recovery_codes')
        .set({ used_at: now })
        .where('account_id', '=', accountId)
        .where('used_at', 'is', null)
        .execute();
      if (codes.length)
        await db
          .insertInto('recovery_codes')
          .values(codes.map((c) => ({ id: c.id, account_id: accountId, code_hash: c.codeHash, created_at: now, used_at: null })))
          .execute();
    },
    async useRecoveryCode(accountId, codeHash, now) {
      const result = await db
        .updateTable('recovery_codes')
        .set({ used_at: now })
        .where('account_id', '=', accountId)
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async countRecoveryCodes(accountId) {
      const row = await db
        .selectFrom('recovery_codes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('account_id', '=', accountId)
        .where('used_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async insertRecoveryRequest(request) {
      await db.insertInto('recovery_requests').values(request).execute();
    },
    findRecoveryRequest: (id) => db.selectFrom('recovery_requests').selectAll().where('id', '=', id).executeTakeFirst(),
    findOpenRecoveryRequest: (accountId, now) => running(now).where('account_id', '=', accountId).executeTakeFirst(),
    findOpenTakeoversOf: (accountId, now) =>
      db
        .selectFrom('recovery_requests as r')
        .innerJoin('accounts as asker', 'asker.id', 'r.account_id')
        .selectAll('r')
        .select('asker.email as asker_email')
        .where('r.replaces_account_id', '=', accountId)
        .where('r.kind', '=', 'replace')
        .where('r.status', 'in', ['open', 'proven'])
        .where('r.expires_at', '>', now)
        .orderBy('r.created_at', 'desc')
        .orderBy('r.id', 'desc')
        .execute(),
    async updateRecoveryRequest(id, patch, expect) {
      const result = await db
        .updateTable('recovery_requests')
        .set(patch)
        .where('id', '=', id)
        .where('status', 'in', expect.status)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async countLetterFailure(id) {
      const row = await db
        .updateTable('recovery_requests')
        .set((eb) => ({ letter_failures: eb('letter_failures', '+', 1) }))
        .where('id', '=', id)
        .returning('letter_failures')
        .executeTakeFirst();
      return Number(row?.letter_failures ?? 0);
    },
    listRecoveryRequests: (accountIds, limit) =>
      accountIds.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('recovery_requests')
            .selectAll()
            .where((eb) => eb.or([eb('account_id', 'in', accountIds), eb('replaces_account_id', 'in', accountIds)]))
            .orderBy('created_at', 'desc')
            .limit(limit)
            .execute(),
    listVouchedTakeoversOf: (holderId, since) =>
      db
        .selectFrom('recovery_requests')
        .selectAll()
        .where('replaces_account_id', '=', holderId)
        .where('kind', '=', 'replace')
        .where('first_approved_at', '>=', since)
        .execute(),
    listRunningApprovedBy: (staffId, now) =>
      running(now)
        .where((eb) => eb.or([eb('first_approver_id', '=', staffId), eb('second_approver_id', '=', staffId)]))
        .execute(),
  };
}
