import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { limited } from '../middleware/rate-limit.ts';
import { requestPasswordReset, resetPassword } from '../../auth/reset-password.ts';
import { checkMail, mailHeld } from '../check-mail.ts';
import { knownDevice } from '../device-cookie.ts';
import type { EdgeContext, Env } from '../env.ts';
import { apiError, requestLang } from '../errors.ts';
import { fieldMessage } from '../messages.ts';
import { CheckMail, EmailBody, NewPasswordBody, errorResponse, jsonBody, jsonResponse } from '../../shared/api/schemas.ts';

const requestRoute = createRoute({
  method: 'post',
  path: '/password/reset-request',
  middleware: limited('token'),
  summary: 'Forgot password, step 1: a link to the address',
  description: 'Always answers "check your mailbox", in about the same time; the mail says whether the address has an account.',
  request: { body: jsonBody(EmailBody) },
  responses: {
    202: jsonResponse(CheckMail, 'A mail is on its way'),
    422: errorResponse('Invalid input'),
    429: errorResponse('Too many mails this hour to this address or from this client; nothing was sent'),
  },
});

const resetRoute = createRoute({
  method: 'post',
  path: '/password/reset',
  middleware: limited('token'),
  summary: 'Forgot password, step 2: the new password, with the token from the mail',
  request: { body: jsonBody(NewPasswordBody) },
  responses: {
    200: jsonResponse(
      z.object({ status: z.literal('reset') }),
      'Changed; every session ended; log in with the new password and the app',
    ),
    400: errorResponse('The link is unknown, used or expired'),
    422: errorResponse('A password that is too short, too common or too personal'),
  },
});

export function passwordRoutes(ctx: EdgeContext, app: OpenAPIHono<Env>) {
  app.openapi(requestRoute, async (c) => {
    const body = c.req.valid('json');
    const result = await requestPasswordReset(ctx.deps, {
      email: body.email,
      lang: body.lang ?? requestLang(c),
      requester: c.get('clientIp'),
      device: knownDevice(c, ctx.deps.cookies),
    });
    return result.kind === 'mail-held' ? mailHeld(c) : checkMail(ctx, c);
  });

  app.openapi(resetRoute, async (c) => {
    const result = await resetPassword(ctx.deps, c.req.valid('json'));
    switch (result.kind) {
      case 'reset':
        return c.json({ status: 'reset' as const }, 200);
      case 'weak-password':
        return apiError(c, 422, 'invalidInput', { fields: { password: fieldMessage(c, result.problem) } });
      case 'invalid':
        return apiError(c, 400, 'linkInvalid');
    }
  });
}
