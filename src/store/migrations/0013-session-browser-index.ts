import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// The hourly prune forgets the browser's name of a session that ran out without a logout (a login
// that stopped at the password, a browser closed): only rows that still hold a name are in this
// index, so the prune reads those and not the month of sessions kept for the record.
export const sessionBrowserIndex: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createIndex('sessions_named')
      .on('sessions')
      .column('expires_at')
      .where(sql<boolean>`browser is not null or os is not null`)
      .execute();
  },
};
