import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// The OpenID Provider's state (grants, codes, tokens, its sessions) in the
// project's own database, so that instances behind a load balancer share it;
// which of our sessions each grant came from, so that ending one ends the
// other, and the back-channel logouts that say so to the clients.
export const oidc: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('oidc_models')
      .addColumn('model', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('grant_id', 'text')
      .addColumn('uid', 'text')
      .addColumn('expires_at', 'bigint')
      .addColumn('consumed_at', 'bigint')
      .addPrimaryKeyConstraint('oidc_models_pk', ['model', 'id'])
      .execute();
    await db.schema.createIndex('oidc_models_uid').on('oidc_models').columns(['model', 'uid']).execute();
    await db.schema.createIndex('oidc_models_grant').on('oidc_models').column('grant_id').execute();

    await db.schema
      .createTable('oidc_logins')
      .addColumn('grant_id', 'text', (c) => c.primaryKey())
      .addColumn('session_hash', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('oidc_logins_session').on('oidc_logins').column('session_hash').execute();

    // Back-channel logouts to send, like mail: written with the session's end, sent and retried by a loop.
    await db.schema
      .createTable('oidc_logouts')
      .addColumn('grant_id', 'text', (c) => c.primaryKey())
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('next_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('oidc_logouts_due').on('oidc_logouts').columns(['status', 'next_at']).execute();
  },
};
