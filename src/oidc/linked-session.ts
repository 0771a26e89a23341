import type { AuthDeps } from '../auth/deps.ts';
import { SESSION_TOUCH_MS } from '../auth/policy.ts';
import { sessionLapsed } from '../auth/sessions.ts';
import type { Session } from '../store/types.ts';

/** Whether a session of ours is still good: a full login, not ended (findSession), not lapsed. Only customers have grants. */
export function sessionAlive(deps: AuthDeps, session: Session | undefined): session is Session {
  return session !== undefined && session.stage === 'full' && !sessionLapsed(deps, session, 'customer');
}

/**
 * The session of ours a grant was given from, while it lives: a code or token whose session ended
 * is worth nothing. Using one keeps that session alive, as a request of ours does; the touch finds
 * only a live session, so one that a logout ended since it was read counts as ended.
 */
export async function liveLinkedSession(deps: AuthDeps, grantId: string): Promise<Session | undefined> {
  const { store, clock } = deps;
  const link = await store.oidcFindLogin(grantId);
  const session = link ? await store.findSession(link.session_hash) : undefined;
  if (!sessionAlive(deps, session)) return undefined;
  const now = clock.now();
  if (now - Number(session.last_seen_at) > SESSION_TOUCH_MS && !(await store.touchSession(session.id_hash, now)))
    return undefined;
  return session;
}
