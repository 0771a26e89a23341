import type { MiddlewareHandler } from 'hono';
import { staffSession } from '../../auth/agents/staff.ts';
import { sessionToken } from '../cookies.ts';
import type { EdgeContext, Env } from '../env.ts';
import { apiError } from '../errors.ts';

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
