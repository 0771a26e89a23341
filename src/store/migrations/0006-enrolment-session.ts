import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// The secret shown to link an app belongs to the session it was shown to: no
// other session of the account (someone else who knows the password) sees it or confirms it.
export const enrolmentSession: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('accounts').addColumn('pending_totp_session', 'text').execute();
  },
};
