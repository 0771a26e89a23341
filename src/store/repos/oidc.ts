import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { Store } from '../types.ts';
import { sessionRepo } from './sessions.ts';

type OidcMethods =
  | 'oidcSave'
  | 'oidcFind'
  | 'oidcFindByUid'
  | 'oidcConsume'
  | 'oidcDestroy'
  | 'oidcRevokeGrant'
  | 'oidcLinkLogin'
  | 'oidcFindLogin'
  | 'oidcAddLoginSid'
  | 'oidcLoginSids'
  | 'oidcFindSessionGrant'
  | 'endLapsedLinkedSessions'
  | 'dueOidcLogouts'
  | 'markOidcLogout'
  | 'claimOidcLogout';

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
      const result = await db
        .updateTable('oidc_models')
        .set({ consumed_at: now })
        .where('model', '=', model)
        .where('id', '=', id)
        .where('consumed_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async oidcDestroy(model, id) {
      await db.deleteFrom('oidc_models').where('model', '=', model).where('id', '=', id).execute();
    },
    async oidcRevokeGrant(grantId) {
      // Its codes and tokens, and the grant itself. Not an interaction that carries the grant's id:
      // that is a new login under way, started from a provider session that still named this
      // grant, and revoking it the moment after a logout would answer that login "expired".
      await db
        .deleteFrom('oidc_models')
        .where((eb) =>
          eb.or([
            eb.and([eb('grant_id', '=', grantId), eb('model', 'not in', ['Interaction', 'Session'])]),
            eb.and([eb('model', '=', 'Grant'), eb('id', '=', grantId)]),
          ]),
        )
        .execute();
    },
    async oidcLinkLogin(login) {
      await db
        .insertInto('oidc_logins')
        .values(login)
        .onConflict((oc) => oc.column('grant_id').doNothing())
        .execute();
    },
    oidcFindLogin: (grantId) => db.selectFrom('oidc_logins').selectAll().where('grant_id', '=', grantId).executeTakeFirst(),
    async oidcAddLoginSid(grantId, sid, now) {
      await db
        .insertInto('oidc_login_sids')
        .values({ grant_id: grantId, sid, created_at: now })
        .onConflict((oc) => oc.columns(['grant_id', 'sid']).doNothing())
        .execute();
    },
    oidcLoginSids: async (grantId) =>
      (await db.selectFrom('oidc_login_sids').select('sid').where('grant_id', '=', grantId).orderBy('created_at').execute()).map(
        (row) => row.sid,
      ),
    oidcFindSessionGrant: async (sessionHash, clientId) =>
      (
        await db
          .selectFrom('oidc_logins')
          .select('grant_id')
          .where('session_hash', '=', sessionHash)
          .where('client_id', '=', clientId)
          .orderBy('created_at', 'desc')
          .limit(1)
          .executeTakeFirst()
      )?.grant_id,
    async endLapsedLinkedSessions(now, idleBefore) {
      const lapsed = await db
        .selectFrom('sessions')
        .select('id_hash')
        .where('ended_at', 'is', null)
        .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleBefore)]))
        .where('id_hash', 'in', db.selectFrom('oidc_logins').select('session_hash'))
        .limit(500)
        .execute();
      // Ended like any other session: their clients' logouts are queued with it. One that cannot be
      // ended now is tried again at the next sweep, and holds up none of the others meanwhile.
      const sessions = sessionRepo(db);
      let failure: unknown;
      for (const { id_hash } of lapsed) await sessions.endSession(id_hash, now).catch((error: unknown) => (failure ??= error));
      if (failure) throw failure;
      return lapsed.length;
    },
    dueOidcLogouts: (now, limit) =>
      db
        .selectFrom('oidc_logouts')
        .selectAll()
        .where('status', '=', 'pending')
        .where('next_at', '<=', now)
        .orderBy('next_at')
        .limit(limit)
        .execute(),
    async claimOidcLogout(grantId, dueAt, leaseUntil) {
      const result = await db
        .updateTable('oidc_logouts')
        .set({ next_at: leaseUntil })
        .where('grant_id', '=', grantId)
        .where('status', '=', 'pending')
        .where('next_at', '=', dueAt)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
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
