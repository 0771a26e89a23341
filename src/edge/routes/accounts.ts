import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { limited } from '../middleware/rate-limit.ts';
import { activate } from '../../auth/activate.ts';
import { register } from '../../auth/register.ts';
import { checkMail, mailHeld } from '../check-mail.ts';
import type { EdgeContext, Env } from '../env.ts';
import { apiError, requestLang } from '../errors.ts';
import { fieldMessage } from '../messages.ts';
import { CheckMail, NewPasswordBody, RegisterBody, errorResponse, jsonBody, jsonResponse } from '../../shared/api/schemas.ts';

const registerRoute = createRoute({
  method: 'post',
  path: '/accounts',
  middleware: limited('register'),
  summary: 'Ask for an account: a link to choose the password goes to the address',
  description:
    'Always answers "check your mailbox"; the mail says what happened. Never reveals whether the address has an account. No password is set here: it is chosen when the mailed link is opened.',
  request: { body: jsonBody(RegisterBody) },
  responses: {
    202: jsonResponse(CheckMail, 'A mail is on its way to the address'),
    422: errorResponse('Invalid input'),
    429: errorResponse('Too many mails this hour to this address or from this client; nothing was sent'),
  },
});

const activateRoute = createRoute({
  method: 'post',
  path: '/accounts/activate',
  middleware: limited('token'),
  summary: 'Activate an account: the token from its mail and the password the owner chooses',
  request: { body: jsonBody(NewPasswordBody) },
  responses: {
    200: jsonResponse(z.object({ status: z.literal('activated'), email: z.string() }), 'Activated; log in next'),
    400: errorResponse('The link is unknown, used or expired'),
    422: errorResponse('A password that is too short, too common or too personal'),
  },
});

export function accountRoutes(ctx: EdgeContext, app: OpenAPIHono<Env>) {
  app.openapi(registerRoute, async (c) => {
    const body = c.req.valid('json');
    const result = await register(ctx.deps, { ...body, lang: body.lang ?? requestLang(c), requester: c.get('clientIp') });
    return result.kind === 'mail-held' ? mailHeld(c) : checkMail(ctx, c);
  });

  app.openapi(activateRoute, async (c) => {
    const result = await activate(ctx.deps, c.req.valid('json'));
    switch (result.kind) {
      case 'activated':
        return c.json({ status: 'activated' as const, email: result.email }, 200);
      case 'weak-password':
        return apiError(c, 422, 'invalidInput', { fields: { password: fieldMessage(c, result.problem) } });
      case 'invalid':
        return apiError(c, 400, 'linkInvalid');
    }
  });
}
