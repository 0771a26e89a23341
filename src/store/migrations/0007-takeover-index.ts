import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// A takeover is found by the account it would replace: the portal asks on every page a logged-in
// customer opens (GET /api/session), and without this it read the whole table each time.
export const takeoverIndex: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createIndex('recovery_requests_replaces')
      .on('recovery_requests')
      .columns(['replaces_account_id', 'status'])
      .execute();
  },
};
