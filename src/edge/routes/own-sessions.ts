import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { limited } from '../middleware/rate-limit.ts';
import { endOtherSessions } from '../../auth/own-sessions.ts';
import { sessionToken } from '../cookies.ts';
import { knownDevice } from '../device-cookie.ts';
import type { EdgeContext, Env } from '../env.ts';
import { apiError } from '../errors.ts';
import { respondLocked, respondPasswordRefused } from '../messages.ts';
import { EndSessionsBody, errorResponse, jsonBody, jsonResponse } from '../../shared/api/schemas.ts';

const endOthersRoute = createRoute({
  method: 'post',
  path: '/account/sessions/end-others',
  middleware: limited('login'),
  summary: 'Log out everywhere but here, or in one other place (logged in with email and password): the password once more',
  description:
    'Ends every other session of the account, or only the one named by `only`, with the portal logins made from them (back-channel logout), and any address change not yet confirmed. The sessions and their `ref` are listed in `GET /api/session`; a place no longer logged in ends nothing (`ended: 0`).',
  request: { body: jsonBody(EndSessionsBody) },
  responses: {
    200: jsonResponse(z.object({ ended: z.number().int() }), 'How many other sessions ended'),
    401: errorResponse('Not logged in with email and password, or the password does not match'),
    422: errorResponse('Invalid input'),
    429: errorResponse('Locked after too many failures, or too many requests'),
  },
});

export function ownSessionRoutes(ctx: EdgeContext, app: OpenAPIHono<Env>) {
  app.openapi(endOthersRoute, async (c) => {
    const { password, only } = c.req.valid('json');
    const result = await endOtherSessions(ctx.deps, {
      token: sessionToken(c),
      password,
      only,
      device: knownDevice(c, ctx.deps.cookies),
    });
    switch (result.kind) {
      case 'done':
        return c.json({ ended: result.ended }, 200);
      case 'no-session':
        return apiError(c, 401, 'notLoggedIn');
      case 'locked':
        return respondLocked(c, result.until);
      case 'refused':
        return respondPasswordRefused(c);
    }
  });
}
