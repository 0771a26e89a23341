import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// Where an account is logged in, as its owner sees it: the browser's and the system's name as the
// browser gave them when the session started (Firefox, Windows), not the whole User-Agent, which
// says more about a person than telling their own places apart needs.
export const sessionBrowser: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('sessions').addColumn('browser', 'text').execute();
    await db.schema.alterTable('sessions').addColumn('os', 'text').execute();
  },
};
