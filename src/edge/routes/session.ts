import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { loginWithCode, loginWithPassword } from '../../auth/login.ts';
import { portalView } from '../../auth/portal.ts';
import { endSession } from '../../auth/sessions.ts';
import { codeOutcome, passwordOutcome } from '../../metrics/login-outcomes.ts';
import { clearSessionCookie, sessionToken, setSessionCookie } from '../cookies.ts';
import type { EdgeContext, Env } from '../env.ts';
import { apiError } from '../errors.ts';
import { diagnosisMessage, fieldMessage, lockMessage } from '../messages.ts';
import {
  CodeBody,
  ErrorResponse,
  LoginBody,
  NextStep,
  PortalViewSchema,
  errorResponse,
  jsonBody,
  jsonResponse,
} from '../schemas.ts';

const passwordRoute = createRoute({
  method: 'post',
  path: '/session',
  summary: 'Log in, step 1: email address and password',
  request: { body: jsonBody(LoginBody) },
  responses: {
    200: jsonResponse(NextStep, 'Password right; `next` says what comes: the code, or linking an app first'),
    401: errorResponse('Address and password do not match (one answer for both)'),
    403: errorResponse('Not activated yet; a new activation mail was sent'),
    422: errorResponse('Invalid input'),
    429: errorResponse('Locked after too many failures, or too many requests'),
  },
});

const codeRoute = createRoute({
  method: 'post',
  path: '/session/code',
  summary: 'Log in, step 2: the code from the authenticator app',
  request: { body: jsonBody(CodeBody) },
  responses: {
    200: jsonResponse(NextStep, 'Logged in'),
    401: jsonResponse(ErrorResponse, 'Code refused, with why; or no login in progress'),
    422: errorResponse('Not six digits'),
    429: errorResponse('Locked after too many failures'),
  },
});

const meRoute = createRoute({
  method: 'get',
  path: '/session',
  summary: 'Who is logged in, for which company',
  responses: { 200: jsonResponse(PortalViewSchema, 'The logged-in account'), 401: errorResponse('Not logged in') },
});

const logoutRoute = createRoute({
  method: 'delete',
  path: '/session',
  summary: 'Log out: ends the session on the server',
  responses: { 204: { description: 'Logged out' } },
});

export function sessionRoutes(ctx: EdgeContext, app: OpenAPIHono<Env>) {
  app.openapi(passwordRoute, async (c) => {
    const result = await loginWithPassword(ctx.deps, c.req.valid('json'));
    ctx.metrics?.login('password', 'password', passwordOutcome(result.kind));
    switch (result.kind) {
      case 'code':
      case 'enrol':
        setSessionCookie(c, result.token);
        return c.json({ next: result.kind }, 200);
      case 'not-activated':
        return apiError(c, 403, 'notActivated');
      case 'locked':
        return apiError(c, 429, 'locked', { message: lockMessage(c, result.until), body: { lockedUntil: result.until } });
      case 'refused':
        return apiError(c, 401, 'loginRefused');
    }
  });

  app.openapi(codeRoute, async (c) => {
    const result = await loginWithCode(ctx.deps, { token: sessionToken(c), code: c.req.valid('json').code });
    ctx.metrics?.login('password', 'code', codeOutcome(result));
    switch (result.kind) {
      case 'ok':
        setSessionCookie(c, result.token);
        return c.json({ next: 'portal' as const }, 200);
      case 'invalid-code':
        return apiError(c, 422, 'invalidInput', { fields: { code: fieldMessage(c, 'code') } });
      case 'no-session':
        return apiError(c, 401, 'sessionExpired');
      case 'locked':
        return apiError(c, 429, 'locked', { message: lockMessage(c, result.until), body: { lockedUntil: result.until } });
      case 'refused': {
        const message = [diagnosisMessage(c, result.diagnosis), result.lockedUntil ? lockMessage(c, result.lockedUntil) : '']
          .filter(Boolean)
          .join(' ');
        return apiError(c, 401, 'codeRefused', {
          message,
          body: { diagnosis: { ...result.diagnosis, lockedUntil: result.lockedUntil } },
        });
      }
    }
  });

  app.openapi(meRoute, async (c) => {
    const view = await portalView(ctx.deps, sessionToken(c));
    if (!view) return apiError(c, 401, 'notLoggedIn');
    return c.json(view, 200);
  });

  app.openapi(logoutRoute, async (c) => {
    await endSession(ctx.deps, sessionToken(c));
    clearSessionCookie(c);
    return c.body(null, 204);
  });
}
