import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { activate } from '../../auth/activate.ts';
import { register } from '../../auth/register.ts';
import { checkMail } from '../check-mail.ts';
import type { EdgeContext, Env } from '../env.ts';
import { apiError, requestLang } from '../errors.ts';
import { fieldMessage } from '../messages.ts';
import { CheckMail, RegisterBody, TokenBody, errorResponse, jsonBody, jsonResponse } from '../schemas.ts';

const registerRoute = createRoute({
  method: 'post',
  path: '/accounts',
  summary: 'Create an account',
  description:
    'Always answers "check your mailbox"; the mail says what happened. Never reveals whether the address has an account.',
  request: { body: jsonBody(RegisterBody) },
  responses: {
    202: jsonResponse(CheckMail, 'A mail is on its way to the address'),
    422: errorResponse('Invalid input, or a password that is too short, too common or too personal'),
  },
});

const activateRoute = createRoute({
  method: 'post',
  path: '/accounts/activate',
  summary: 'Activate an account with the token from its mail',
  request: { body: jsonBody(TokenBody) },
  responses: {
    200: jsonResponse(z.object({ status: z.literal('activated'), email: z.string() }), 'Activated; log in next'),
    400: errorResponse('The link is unknown, used or expired'),
  },
});

export function accountRoutes(ctx: EdgeContext, app: OpenAPIHono<Env>) {
  app.openapi(registerRoute, async (c) => {
    const body = c.req.valid('json');
    const result = await register(ctx.deps, { ...body, lang: body.lang ?? requestLang(c) });
    if (result.kind === 'weak-password') {
      return apiError(c, 422, 'invalidInput', { fields: { password: fieldMessage(c, result.problem) } });
    }
    return checkMail(ctx, c);
  });

  app.openapi(activateRoute, async (c) => {
    const result = await activate(ctx.deps, c.req.valid('json').token);
    if (result.kind === 'invalid') return apiError(c, 400, 'linkInvalid');
    return c.json({ status: 'activated' as const, email: result.email }, 200);
  });
}
