import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// When an account's first app was linked: the moment it became its company's email login, which a
// new phone does not move. The old apps' rows, which told it before, are pruned after a while.
export const firstApp: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('accounts').addColumn('first_bound_at', 'bigint').execute();
    await sql`
      update accounts set first_bound_at = coalesce(
        (select min(h.bound_at) from totp_history h where h.account_id = accounts.id and h.bound_at < accounts.totp_bound_at),
        totp_bound_at)
      where totp_bound_at is not null`.execute(db);
  },
};
