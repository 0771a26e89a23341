import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// The provider's session ids (`sid`) each grant's codes carried to its client: the ID token names
// one, and the back-channel logout names it again, so the client ends that session of the person
// and not every one. A grant taken up again from another provider session has more than one.
export const oidcLoginSids: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('oidc_login_sids')
      .addColumn('grant_id', 'text', (c) => c.notNull())
      .addColumn('sid', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('oidc_login_sids_pk', ['grant_id', 'sid'])
      .execute();
    await db.schema.createIndex('oidc_login_sids_created').on('oidc_login_sids').column('created_at').execute();
  },
};
