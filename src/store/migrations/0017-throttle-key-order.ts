import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// An address's allowances are read as a range of keys, from `<address>#` up to `<address>$`,
// which holds only when keys compare byte by byte. SQLite's text does; PostgreSQL's follows the
// database's collation, and one that ignores punctuation left a known browser's count out.
export const throttleKeyOrder: Migration = {
  async up(db: Kysely<any>) {
    if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
    await sql`alter table login_throttles alter column email type text collate "C"`.execute(db);
  },
};
