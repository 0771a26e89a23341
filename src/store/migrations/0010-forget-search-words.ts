import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// Searches without result were counted by their words as typed, email addresses and phone numbers
// included, until the words were scrubbed like comments. Those counts are dropped rather than kept
// for their year: only the FAQ team's to-do list of the last weeks is lost.
export const forgetSearchWords: Migration = {
  async up(db: Kysely<any>) {
    await db.deleteFrom('daily_counts').where('kind', '=', 'searchMiss').execute();
  },
};
