import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { codeOutcome } from '../../metrics/login-outcomes.ts';
import { confirmEnrolment, startEnrolment } from '../../auth/enrol.ts';
import { texts } from '../../i18n/index.ts';
import { clearSessionCookie, sessionToken, setSessionCookie } from '../cookies.ts';
import { checkMail } from '../check-mail.ts';
import type { EdgeContext, Env } from '../env.ts';
import { apiError, requestLang } from '../errors.ts';
import { diagnosisMessage, fieldMessage, lockMessage } from '../messages.ts';
import { requestRebind, startRebind } from '../../auth/rebind.ts';
import {
  CheckMail,
  CodeBody,
  EnrolmentOffer,
  ErrorResponse,
  LoginBody,
  NextStep,
  TokenBody,
  errorResponse,
  jsonBody,
  jsonResponse,
} from '../schemas.ts';

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
    200: jsonResponse(NextStep, 'Bound: a first app logs the session in (`portal`); a new one ends every session (`login`)'),
    401: jsonResponse(ErrorResponse, 'Code refused, with why; or no session'),
    409: errorResponse('The shown secret expired; start again'),
    422: errorResponse('Not six digits'),
  },
});

const rebindRequestRoute = createRoute({
  method: 'post',
  path: '/authenticator/rebind',
  summary: 'New phone, step 1: email and password; a link goes to the mailbox',
  request: { body: jsonBody(LoginBody) },
  responses: {
    202: jsonResponse(CheckMail, 'Password right: the link is on its way'),
    401: errorResponse('Address and password do not match (one answer for both)'),
    409: errorResponse('No app linked yet: log in instead'),
    422: errorResponse('Invalid input'),
    429: errorResponse('Locked after too many failures, or too many requests'),
  },
});

const rebindStartRoute = createRoute({
  method: 'post',
  path: '/authenticator/rebind/start',
  summary: 'New phone, step 2: the mailed link opens a session that may link a new app',
  request: { body: jsonBody(TokenBody) },
  responses: {
    200: jsonResponse(EnrolmentOffer, 'The new secret to scan'),
    400: errorResponse('The link is unknown, used or expired'),
  },
});

export function authenticatorRoutes(ctx: EdgeContext, app: OpenAPIHono<Env>) {
  app.openapi(rebindRequestRoute, async (c) => {
    const result = await requestRebind(ctx.deps, c.req.valid('json'));
    switch (result.kind) {
      case 'mail-sent':
        return checkMail(ctx, c);
      case 'not-enrolled':
        return apiError(c, 409, 'notEnrolled');
      case 'locked':
        return apiError(c, 429, 'locked', { message: lockMessage(c, result.until), body: { lockedUntil: result.until } });
      case 'refused':
        return apiError(c, 401, 'loginRefused');
    }
  });

  app.openapi(rebindStartRoute, async (c) => {
    const result = await startRebind(ctx.deps, c.req.valid('json').token, texts(requestLang(c)).flows.enrolStep2);
    if (result.kind === 'invalid') return apiError(c, 400, 'linkInvalid');
    setSessionCookie(c, result.session);
    return c.json(result.offer, 200);
  });

  app.openapi(startRoute, async (c) => {
    const result = await startEnrolment(ctx.deps, sessionToken(c), texts(requestLang(c)).flows.enrolStep2);
    if (result.kind === 'no-session') return apiError(c, 401, 'sessionExpired');
    return c.json(result.offer, 200);
  });

  app.openapi(confirmRoute, async (c) => {
    const result = await confirmEnrolment(ctx.deps, { token: sessionToken(c), code: c.req.valid('json').code });
    ctx.metrics?.login('password', 'enrol', codeOutcome(result));
    switch (result.kind) {
      case 'bound':
        setSessionCookie(c, result.token);
        return c.json({ next: 'portal' as const }, 200);
      case 'rebound':
        clearSessionCookie(c);
        return c.json({ next: 'login' as const }, 200);
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
