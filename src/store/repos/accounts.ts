import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { prepared, type SlotOf } from '../prepared.ts';
import type { Store } from '../types.ts';

// Read on every request that carries a session, and on each refused code.
const accountById = prepared((db, slot: SlotOf<{ id: string }>) =>
  db.selectFrom('accounts').selectAll().where('id', '=', slot('id')),
);
// Read at each password login. The statuses are written into the SQL, not bound: that is how the
// partial indexes of 0001 are declared, and only then may SQLite's plan, made once, use them (a
// bound value made it plan the statement again at each call: 15 against 4 µs).
const liveAccountByEmail = prepared((db, slot: SlotOf<{ email: string }>) =>
  db.selectFrom('accounts').selectAll().where('email', '=', slot('email')).where('status', '<>', sql.lit('superseded')),
);
const totpHistory = prepared((db, slot: SlotOf<{ accountId: string }>) =>
  db
    .selectFrom('totp_history')
    .select(['secret', 'bound_at', 'replaced_at'])
    .where('account_id', '=', slot('accountId'))
    .orderBy('replaced_at', 'desc'),
);

export function accountRepo(
  db: Kysely<Database>,
  options: { rowLocks: boolean },
): Pick<
  Store,
  | 'insertAccount'
  | 'findAccountById'
  | 'findLiveAccountByEmail'
  | 'findActiveAccountOfCustomer'
  | 'findSupersededAccount'
  | 'updateAccount'
  | 'lockAccount'
  | 'lockCustomer'
  | 'swapAuthenticator'
  | 'changePassword'
  | 'rehashPassword'
  | 'addTotpHistory'
  | 'listTotpHistory'
> {
  return {
    async insertAccount(account) {
      await db.insertInto('accounts').values(account).execute();
    },
    findAccountById: async (id) => (await accountById(db, { id })).rows[0],
    findLiveAccountByEmail: async (email) => (await liveAccountByEmail(db, { email })).rows[0],
    findActiveAccountOfCustomer: (customerId) =>
      db
        .selectFrom('accounts')
        .selectAll()
        .where('customer_id', '=', customerId)
        .where('status', '=', sql.lit('active'))
        .executeTakeFirst(),
    findSupersededAccount: (email) =>
      db
        .selectFrom('accounts')
        .selectAll()
        .where('email', '=', email)
        .where('status', '=', 'superseded')
        .orderBy('superseded_at', 'desc')
        .executeTakeFirst(),
    async updateAccount(id, patch, expect) {
      let query = db.updateTable('accounts').set(patch).where('id', '=', id);
      if (expect?.status) query = query.where('status', '=', expect.status);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async lockAccount(id) {
      if (!options.rowLocks) return false;
      await db.selectFrom('accounts').select('id').where('id', '=', id).forUpdate().execute();
      return true;
    },
    async lockCustomer(id) {
      if (!options.rowLocks) return;
      await db.selectFrom('customers').select('id').where('id', '=', id).forUpdate().execute();
    },
    async swapAuthenticator(accountId, pendingSecret, replacing, now) {
      const result = await db
        .updateTable('accounts')
        .set({
          status: 'active',
          totp_secret: pendingSecret,
          totp_bound_at: now,
          first_bound_at: sql`coalesce(first_bound_at, ${now})`,
          pending_totp_secret: null,
          pending_totp_created_at: null,
          pending_totp_session: null,
          updated_at: now,
        })
        .where('id', '=', accountId)
        .where('pending_totp_secret', '=', pendingSecret)
        .where('totp_secret', replacing === null ? 'is' : '=', replacing)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async changePassword(accountId, passwordHash, now, unchangedSince) {
      const result = await db
        .updateTable('accounts')
        .set({ password_hash: passwordHash, password_changed_at: now, updated_at: now })
        .where('id', '=', accountId)
        .where((eb) => eb.or([eb('password_changed_at', 'is', null), eb('password_changed_at', '<=', unchangedSince)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async rehashPassword(accountId, from, to) {
      // Not a change of password: `password_changed_at`, which links and logins under way are checked against, stays.
      await db
        .updateTable('accounts')
        .set({ password_hash: to })
        .where('id', '=', accountId)
        .where('password_hash', '=', from)
        .execute();
    },
    async addTotpHistory(entry) {
      await db
        .insertInto('totp_history')
        .values({
          id: entry.id,
          account_id: entry.accountId,
          secret: entry.secret,
          bound_at: entry.boundAt,
          replaced_at: entry.replacedAt,
        })
        .execute();
    },
    async listTotpHistory(accountId) {
      const { rows } = await totpHistory(db, { accountId });
      return rows.map((r) => ({ secret: r.secret, boundAt: r.bound_at, replacedAt: r.replaced_at }));
    },
  };
}
