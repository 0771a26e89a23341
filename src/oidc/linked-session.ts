import type { AuthDeps } from '../auth/deps.ts';
import { sessionLapsed, touchIfDue } from '../auth/sessions.ts';
import type { Session } from '../store/types.ts';

/** Whether a session of ours is still good: a full login, not ended (findSession), not lapsed. Only customers have grants. */
export function sessionAlive(deps: AuthDeps, session: Session | undefined): session is Session {
  return session !== undefined && session.stage === 'full' && !sessionLapsed(deps, session, 'customer');
}

/**
 * The session of ours a grant was given from, while it lives: a code or token whose session ended
 * is worth nothing. Using one keeps that session alive, as a request of ours does (touchIfDue).
 */
export async function liveLinkedSession(deps: AuthDeps, grantId: string): Promise<Session | undefined> {
  const link = await deps.store.oidcFindLogin(grantId);
  const session = link ? await deps.store.findSession(link.session_hash) : undefined;
  return sessionAlive(deps, session) && (await touchIfDue(deps, session)) ? session : undefined;
}
