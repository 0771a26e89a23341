import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { limited } from '../middleware/rate-limit.ts';
import { confirmEmailChange, requestEmailChange } from '../../auth/change-email.ts';
import { sessionToken } from '../cookies.ts';
import { knownDevice } from '../device-cookie.ts';
import { checkMail, mailHeld } from '../check-mail.ts';
import type { EdgeContext, Env } from '../env.ts';
import { apiError, requestLang } from '../errors.ts';
import { respondLocked, respondPasswordRefused } from '../messages.ts';
import { texts } from '../../i18n/index.ts';
import { CheckMail, EmailChangeBody, TokenBody, errorResponse, jsonBody, jsonResponse } from '../../shared/api/schemas.ts';

const requestRoute = createRoute({
  method: 'post',
  path: '/account/email',
  middleware: limited('login'),
  summary: 'Change the login address, step 1 (logged in): a link to the new address, a notice to the old',
  request: { body: jsonBody(EmailChangeBody) },
  responses: {
    202: jsonResponse(CheckMail, 'A mail is on its way to the new address'),
    401: errorResponse('Not logged in, or the password does not match'),
    403: errorResponse('Logged in with a recovery code: link the new app first'),
    422: errorResponse('Invalid input, or the same address'),
    429: errorResponse('Locked after too many failures, or too many requests'),
  },
});

const confirmRoute = createRoute({
  method: 'post',
  path: '/account/email/confirm',
  middleware: limited('login'),
  summary: 'Change the login address, step 2: the token from the new mailbox',
  request: { body: jsonBody(TokenBody) },
  responses: {
    200: jsonResponse(z.object({ status: z.literal('changed'), email: z.string() }), 'The login address is changed'),
    400: errorResponse('The link is unknown, used or expired'),
    409: errorResponse('The address has an account by now'),
  },
});

export function emailRoutes(ctx: EdgeContext, app: OpenAPIHono<Env>) {
  app.openapi(requestRoute, async (c) => {
    const result = await requestEmailChange(ctx.deps, {
      lang: requestLang(c),
      token: sessionToken(c),
      ...c.req.valid('json'),
      requester: c.get('clientIp'),
      device: knownDevice(c, ctx.deps.cookies),
    });
    switch (result.kind) {
      case 'check-mail':
        return checkMail(ctx, c);
      case 'mail-held':
        return mailHeld(c);
      case 'app-needed':
        return apiError(c, 403, 'appNeeded');
      case 'same-address':
        return apiError(c, 422, 'sameAddress', { fields: { newEmail: texts(requestLang(c)).api.sameAddress } });
      case 'no-session':
        return apiError(c, 401, 'notLoggedIn');
      case 'locked':
        return respondLocked(c, result.until);
      case 'refused':
        return respondPasswordRefused(c);
    }
  });

  app.openapi(confirmRoute, async (c) => {
    const result = await confirmEmailChange(ctx.deps, { token: c.req.valid('json').token, session: sessionToken(c) });
    switch (result.kind) {
      case 'changed':
        return c.json({ status: 'changed' as const, email: result.email }, 200);
      case 'in-use':
        return apiError(c, 409, 'emailInUse');
      case 'invalid':
        return apiError(c, 400, 'linkInvalid');
    }
  });
}
