import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { Store } from '../types.ts';

type OidcMethods =
  | 'oidcSave'
  | 'oidcFind'
  | 'oidcFindByUid'
  | 'oidcConsume'
  | 'oidcDestroy'
  | 'oidcRevokeGrant'
  | 'oidcLinkLogin'
  | 'oidcFindLogin'
  | 'dueOidcLogouts'
  | 'markOidcLogout';

/** The OpenID Provider's state, for its adapter (src/oidc/adapter.ts). */
export function oidcRepo(db: Kysely<Database>): Pick<Store, OidcMethods> {
  const live = (now: number) => (eb: any) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]);
  return {
    async oidcSave(row) {
      await db
        .insertInto('oidc_models')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['model', 'id']).doUpdateSet({
            payload: row.payload,
            grant_id: row.grant_id,
            uid: row.uid,
            expires_at: row.expires_at,
          }),
        )
        .execute();
    },
    oidcFind: (model, id, now) =>
      db
        .selectFrom('oidc_models')
        .selectAll()
        .where('model', '=', model)
        .where('id', '=', id)
        .where(live(now))
        .executeTakeFirst(),
    oidcFindByUid: (model, uid, now) =>
      db
        .selectFrom('oidc_models')
        .selectAll()
        .where('model', '=', model)
        .where('uid', '=', uid)
        .where(live(now))
        .executeTakeFirst(),
    async oidcConsume(model, id, now) {
      await db.updateTable('oidc_models').set({ consumed_at: now }).where('model', '=', model).where('id', '=', id).execute();
    },
    async oidcDestroy(model, id) {
      await db.deleteFrom('oidc_models').where('model', '=', model).where('id', '=', id).execute();
    },
    async oidcRevokeGrant(grantId) {
      await db.deleteFrom('oidc_models').where('grant_id', '=', grantId).execute();
    },
    async oidcLinkLogin(login) {
      await db.insertInto('oidc_logins').values(login).execute();
    },
    oidcFindLogin: (grantId) => db.selectFrom('oidc_logins').selectAll().where('grant_id', '=', grantId).executeTakeFirst(),
    dueOidcLogouts: (now, limit) =>
      db
        .selectFrom('oidc_logouts')
        .selectAll()
        .where('status', '=', 'pending')
        .where('next_at', '<=', now)
        .orderBy('next_at')
        .limit(limit)
        .execute(),
    async markOidcLogout(grantId, outcome) {
      await db
        .updateTable('oidc_logouts')
        .set((eb) =>
          'sent' in outcome
            ? { status: 'sent', attempts: eb('attempts', '+', 1) }
            : outcome.retryAt === null
              ? { status: 'failed', attempts: eb('attempts', '+', 1) }
              : { attempts: eb('attempts', '+', 1), next_at: outcome.retryAt },
        )
        .where('grant_id', '=', grantId)
        .execute();
    },
  };
}
