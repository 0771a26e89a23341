import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// The hourly prune removes rows by their time. Without these it read every row of the tables that
// grow with each login: on SQLite, where a statement holds the event loop, a book with two million
// login attempts stopped every request for 120 ms each hour, and for longer the larger the book.
// Rows are added in time order, so each index grows at its end: a login writes one page more.
export const pruneIndexes: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.createIndex('login_attempts_at').on('login_attempts').column('at').execute();
    await db.schema.createIndex('account_events_at').on('account_events').column('at').execute();
    await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();
    // Only ended sessions: the lookups of live ones (`ended_at is null`) keep to their own indexes.
    await db.schema.createIndex('sessions_ended').on('sessions').column('ended_at').where('ended_at', 'is not', null).execute();
    await db.schema.createIndex('rate_limits_window').on('rate_limits').column('window_start').execute();
  },
};
