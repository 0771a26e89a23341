import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// No single factor changes who controls an account: recovery codes, requests
// that wait for a second proof (a new phone, a company's new email login),
// letters to the company's address, and the activation link that carries its
// own policy number.
export const recovery: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('customers').addColumn('street', 'text').execute();
    await db.schema.alterTable('customers').addColumn('postal_code', 'text').execute();
    await db.schema.alterTable('customers').addColumn('city', 'text').execute();

    await db.schema.alterTable('accounts').addColumn('superseded_at', 'bigint').execute();

    await db.schema.alterTable('tokens').addColumn('customer_id', 'text').execute();
    await db.schema.alterTable('tokens').addColumn('request_id', 'text').execute();

    await db.schema
      .createTable('recovery_codes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .execute();
    await db.schema.createIndex('recovery_codes_account').on('recovery_codes').columns(['account_id', 'code_hash']).execute();

    await db.schema
      .createTable('recovery_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('replaces_account_id', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('proof', 'text')
      .addColumn('proven_at', 'bigint')
      .addColumn('letter_code_hash', 'text')
      .addColumn('letter_sent_at', 'bigint')
      .addColumn('letter_failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('letters_sent', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('first_approver_id', 'text')
      .addColumn('first_approver_check', 'text')
      .addColumn('first_approved_at', 'bigint')
      .addColumn('second_approver_id', 'text')
      .addColumn('second_approved_at', 'bigint')
      .addColumn('ended_at', 'bigint')
      .execute();
    await db.schema.createIndex('recovery_requests_account').on('recovery_requests').columns(['account_id', 'status']).execute();

    await db.schema
      .createTable('letters')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('lang', 'text', (c) => c.notNull())
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('street', 'text', (c) => c.notNull())
      .addColumn('postal_code', 'text', (c) => c.notNull())
      .addColumn('city', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('exported_at', 'bigint')
      .execute();
    await db.schema.createIndex('letters_status').on('letters').columns(['status', 'created_at']).execute();
  },
};
