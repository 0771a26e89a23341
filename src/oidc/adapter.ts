import { errors, type Adapter, type AdapterPayload } from 'oidc-provider';
import type { Store } from '../store/types.ts';

/**
 * oidc-provider's storage on the project's store (SQLite or PostgreSQL), so
 * that every instance sees the same grants, codes and sessions. A consumed
 * code stays, marked, so that a second use is seen and revokes its grant.
 */
export function storeAdapter(store: Store, now: () => number) {
  const load = (row: { payload: string; consumed_at: number | null } | undefined): AdapterPayload | undefined =>
    row
      ? {
          ...(JSON.parse(row.payload) as AdapterPayload),
          ...(row.consumed_at ? { consumed: Math.floor(Number(row.consumed_at) / 1000) } : {}),
        }
      : undefined;
  return class StoreAdapter implements Adapter {
    private readonly model: string;
    constructor(model: string) {
      this.model = model;
    }
    async upsert(id: string, payload: AdapterPayload, expiresIn: number) {
      // Every ID token's `sid` comes from a code: noted before the code exists, so that the
      // grant's back-channel logout names each session its client may hold (deliverClientLogouts).
      if (this.model === 'AuthorizationCode' && payload.grantId && payload.sid)
        await store.oidcAddLoginSid(payload.grantId, payload.sid, now());
      await store.oidcSave({
        model: this.model,
        id,
        payload: JSON.stringify(payload),
        grant_id: payload.grantId ?? null,
        uid: payload.uid ?? null,
        expires_at: expiresIn ? now() + expiresIn * 1000 : null,
        consumed_at: null,
      });
    }
    async find(id: string) {
      return load(await store.oidcFind(this.model, id, now()));
    }
    async findByUid(uid: string) {
      return load(await store.oidcFindByUid(this.model, uid, now()));
    }
    async findByUserCode() {
      return undefined; // no device flow
    }
    async consume(id: string) {
      // Two instances redeeming one code at the same moment: the second is refused as a replay.
      if (!(await store.oidcConsume(this.model, id, now()))) throw new errors.InvalidGrant(`${this.model} already consumed`);
    }
    async destroy(id: string) {
      await store.oidcDestroy(this.model, id);
    }
    async revokeByGrantId(grantId: string) {
      await store.oidcRevokeGrant(grantId);
    }
  };
}
