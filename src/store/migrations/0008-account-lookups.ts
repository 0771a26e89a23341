import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// The indexes of 0001 hold live accounts by address and active ones by company (they are also the
// rules that each is unique). A login to an address with no live account asks for a replaced one
// by the same address, and staff look up all of a company's accounts: without these, both read the
// whole table, and the time a login to an unknown address took grew with the number of accounts.
export const accountLookups: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.createIndex('accounts_email').on('accounts').columns(['email', 'status']).execute();
    await db.schema.createIndex('accounts_customer').on('accounts').column('customer_id').execute();
  },
};
