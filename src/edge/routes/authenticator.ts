import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { confirmEnrolment, startEnrolment } from '../../auth/enrol.ts';
import { texts } from '../../i18n/index.ts';
import { sessionToken, setSessionCookie } from '../cookies.ts';
import type { EdgeContext, Env } from '../env.ts';
import { apiError, requestLang } from '../errors.ts';
import { diagnosisMessage, fieldMessage } from '../messages.ts';
import { CodeBody, EnrolmentOffer, ErrorResponse, NextStep, errorResponse, jsonBody, jsonResponse } from '../schemas.ts';

const startRoute = createRoute({
  method: 'post',
  path: '/authenticator/enrolment',
  summary: 'Show a new authenticator secret (QR code, key, otpauth URI)',
  responses: {
    200: jsonResponse(EnrolmentOffer, 'The secret to scan; bound only after a code from it is confirmed'),
    401: errorResponse('No session that may link an app'),
  },
});

const confirmRoute = createRoute({
  method: 'post',
  path: '/authenticator/enrolment/confirm',
  summary: 'Bind the shown secret with a code from the app',
  request: { body: jsonBody(CodeBody) },
  responses: {
    200: jsonResponse(NextStep, 'Bound; logged in'),
    401: jsonResponse(ErrorResponse, 'Code refused, with why; or no session'),
    409: errorResponse('The shown secret expired; start again'),
    422: errorResponse('Not six digits'),
  },
});

export function authenticatorRoutes(ctx: EdgeContext, app: OpenAPIHono<Env>) {
  app.openapi(startRoute, async (c) => {
    const result = await startEnrolment(ctx.deps, sessionToken(c), texts(requestLang(c)).flows.enrolStep2);
    if (result.kind === 'no-session') return apiError(c, 401, 'sessionExpired');
    return c.json(result.offer, 200);
  });

  app.openapi(confirmRoute, async (c) => {
    const result = await confirmEnrolment(ctx.deps, { token: sessionToken(c), code: c.req.valid('json').code });
    switch (result.kind) {
      case 'bound':
        setSessionCookie(c, result.token);
        return c.json({ next: 'portal' as const }, 200);
      case 'invalid-code':
        return apiError(c, 422, 'invalidInput', { fields: { code: fieldMessage(c, 'code') } });
      case 'expired':
        return apiError(c, 409, 'enrolmentExpired');
      case 'no-session':
        return apiError(c, 401, 'sessionExpired');
      case 'refused':
        return apiError(c, 401, 'codeRefused', {
          message: diagnosisMessage(c, result.diagnosis),
          body: { diagnosis: result.diagnosis },
        });
    }
  });
}
