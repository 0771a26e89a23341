import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// The hourly prune finds registrations never finished by their age, without reading every account.
export const unfinishedAccounts: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createIndex('accounts_unverified')
      .on('accounts')
      .column('created_at')
      .where(sql.ref('status'), '=', sql.lit('unverified'))
      .execute();
  },
};
