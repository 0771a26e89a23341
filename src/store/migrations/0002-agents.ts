import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// What the call-center side needs: help codes, an account's history, the
// audit log, and the signals of what customers could not find.
export const agents: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('help_codes')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('context', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('account_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('account_events_account').on('account_events').columns(['account_id', 'at']).execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('agent_id', 'text', (c) => c.notNull())
      .addColumn('agent_email', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();

    await db.schema
      .createTable('feedback')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('page', 'text', (c) => c.notNull())
      .addColumn('lang', 'text', (c) => c.notNull())
      .addColumn('helpful', 'integer', (c) => c.notNull())
      .addColumn('comment', 'text')
      .execute();
    await db.schema.createIndex('feedback_at').on('feedback').columns(['at', 'page']).execute();

    // Counters per day: searches that found nothing, wizard ends reached.
    await db.schema
      .createTable('daily_counts')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('daily_counts_pk', ['kind', 'key', 'day'])
      .execute();
  },
};
