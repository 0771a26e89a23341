import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// Failures in a row from before a count last went quiet for two days. The hourly prune moves them
// here, so the timed locks start over as they do for an address without an account, while the
// lock that waits for a new password still counts every failure in a row.
export const carriedFailures: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('login_throttles')
      .addColumn('carried_failures', 'integer', (col) => col.notNull().defaultTo(0))
      .execute();
  },
};
