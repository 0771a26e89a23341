import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// Who gave an eHerkenning proof: the company and the acting person's pseudonym, so that a company
// whose login was taken over can have that person's authorisation withdrawn.
export const provenBy: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('recovery_requests').addColumn('proven_by', 'text').execute();
  },
};
