import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { limited } from '../middleware/rate-limit.ts';
import { mailedLinkState } from '../../auth/tokens.ts';
import { checkStopLink } from '../../auth/recovery/cancel.ts';
import type { EdgeContext, Env } from '../env.ts';
import { apiError } from '../errors.ts';
import { takeoverUnstoppable } from '../messages.ts';
import { errorResponse, jsonBody, jsonResponse } from '../../shared/api/schemas.ts';

const checkRoute = createRoute({
  method: 'post',
  path: '/links/check',
  middleware: limited('token'),
  summary: 'Whether a mailed link still works, without using it: a page says so when it opens, not after the form',
  request: {
    body: jsonBody(
      z.strictObject({
        token: z.string().min(20).max(100),
        purpose: z.enum(['activate', 'reset-password', 'change-email', 'cancel-request']),
      }),
    ),
  },
  responses: {
    200: jsonResponse(z.object({ status: z.literal('open') }), 'The link works'),
    400: errorResponse(
      'The link is unknown, used or ended (`linkInvalid`), too old (`linkExpired`), or a newer one of its kind was mailed since (`linkReplaced`)',
    ),
    409: errorResponse(
      'An activation link of an account that is active already (`alreadyActive`); a stop link of a proven takeover, which is final, or of one staff vouched for: it stops nothing now',
    ),
  },
});

export function linkRoutes(ctx: EdgeContext, app: OpenAPIHono<Env>) {
  app.openapi(checkRoute, async (c) => {
    const { token, purpose } = c.req.valid('json');
    if (purpose !== 'cancel-request') {
      const state = await mailedLinkState(ctx.deps, ctx.deps.store, token, purpose);
      if (state === 'open') return c.json({ status: 'open' as const }, 200);
      return state === 'alreadyActive' ? apiError(c, 409, state) : apiError(c, 400, state);
    }
    const state = await checkStopLink(ctx.deps, token);
    if (state === 'proven' || state === 'vouched') return takeoverUnstoppable(c, state);
    return state === 'open' ? c.json({ status: 'open' as const }, 200) : apiError(c, 400, 'linkInvalid');
  });
}
