import type { Context, MiddlewareHandler } from 'hono';
import { provenRecently, staffSession } from '../../auth/agents/staff.ts';
import { proveStaffAgain } from '../../auth/login.ts';
import { resolveSession } from '../../auth/sessions.ts';
import { sessionToken, setSessionCookie } from '../cookies.ts';
import type { EdgeContext, Env } from '../env.ts';
import { apiError } from '../errors.ts';
import { respondCodeNotPassed } from '../messages.ts';

/** Only staff past here: 401 without a staff session, 403 for anyone else (a customer, an agent where a supervisor is needed). */
export function requireStaff(ctx: EdgeContext, need: 'agent' | 'supervisor' = 'agent'): MiddlewareHandler<Env> {
  return async (c, next) => {
    const check = await staffSession(ctx.deps, sessionToken(c), need);
    if (check.kind === 'anonymous') return apiError(c, 401, 'notLoggedIn');
    if (check.kind === 'forbidden') return apiError(c, 403, 'forbidden');
    c.set('staff', check.agent);
    await next();
    return undefined;
  };
}

/**
 * Before an action that gives or takes away access (behind requireStaff): the app's code, sent
 * with the action or given within STAFF_PROOF_MS; else the answer to send instead, a 403 that asks
 * for it. A code sent renews the session, its cookie and `staff`, as the login's code step does.
 */
export async function recentProof(c: Context<Env>, ctx: EdgeContext, code: string | undefined) {
  if (code === undefined) return provenRecently(ctx.deps, c.get('staff')) ? null : apiError(c, 403, 'confirmWithCode');
  const result = await proveStaffAgain(ctx.deps, { token: sessionToken(c), code });
  if (result.kind !== 'ok') return respondCodeNotPassed(c, result);
  await setSessionCookie(c, ctx.deps, result.token);
  const renewed = await resolveSession(ctx.deps, result.token);
  if (!renewed) return apiError(c, 401, 'sessionExpired');
  c.set('staff', renewed);
  return null;
}
