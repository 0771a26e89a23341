import { browserSeen } from '../browser-seen.ts';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { limited } from '../middleware/rate-limit.ts';
import { flowPaths } from '../../config/flow-paths.ts';
import { loginWithCode, loginWithPassword, loginWithRecoveryCode } from '../../auth/login.ts';
import { portalView } from '../../auth/portal.ts';
import { endSession } from '../../auth/sessions.ts';
import { codeOutcome, passwordOutcome, recoveryCodeOutcome } from '../../metrics/login-outcomes.ts';
import { clearSessionCookie, sessionToken, setSessionCookie } from '../cookies.ts';
import { knownDevice, rememberDevice } from '../device-cookie.ts';
import type { EdgeContext, Env } from '../env.ts';
import { apiError, requestLang } from '../errors.ts';
import { texts } from '../../i18n/index.ts';
import { lockMessage, respondCodeNotPassed, respondLocked, replacedMessage } from '../messages.ts';
import {
  CodeBody,
  ErrorResponse,
  LoginBody,
  NextStep,
  PortalViewSchema,
  RecoveryCodeBody,
  RecoveryCodeLogin,
  errorResponse,
  jsonBody,
  jsonResponse,
} from '../../shared/api/schemas.ts';

const passwordRoute = createRoute({
  method: 'post',
  path: '/session',
  middleware: limited('login'),
  summary: 'Log in, step 1: email address and password',
  request: { body: jsonBody(LoginBody) },
  responses: {
    200: jsonResponse(NextStep, 'Password right; `next` says what comes: the code, or linking an app first'),
    401: errorResponse('Address and password do not match (one answer for both)'),
    403: errorResponse(
      'The account was replaced by a newer account of its company (the message says when); or the first app was not linked within a day of choosing the password, so a new password comes first',
    ),
    422: errorResponse('Invalid input'),
    429: errorResponse('Locked after too many failures, or too many requests'),
  },
});

const codeRoute = createRoute({
  method: 'post',
  path: '/session/code',
  middleware: limited('login'),
  summary: 'Log in, step 2: the code from the authenticator app',
  request: { body: jsonBody(CodeBody) },
  responses: {
    200: jsonResponse(NextStep, 'Logged in'),
    401: jsonResponse(ErrorResponse, 'Code refused, with why; or no login in progress'),
    422: errorResponse('Not six digits'),
    429: errorResponse('Locked after too many failures'),
  },
});

const recoveryCodeRoute = createRoute({
  method: 'post',
  path: '/session/recovery-code',
  middleware: limited('login'),
  summary: 'Log in, step 2, without the app: a recovery code (once); a link for a new phone goes to the mailbox',
  request: { body: jsonBody(RecoveryCodeBody) },
  responses: {
    200: jsonResponse(RecoveryCodeLogin, 'Logged in; the new-phone link is on its way'),
    401: errorResponse('Code unknown or used; or no login in progress'),
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
  responses: {
    200: jsonResponse(
      z.object({ logoutUrl: z.url() }),
      'Logged out here; after an eHerkenning login, the browser goes on to the broker to end its session too',
    ),
    204: { description: 'Logged out' },
  },
});

export function sessionRoutes(ctx: EdgeContext, app: OpenAPIHono<Env>) {
  app.openapi(passwordRoute, async (c) => {
    const result = await loginWithPassword(ctx.deps, {
      ...c.req.valid('json'),
      device: knownDevice(c, ctx.deps.cookies),
      seen: await browserSeen(c),
    });
    ctx.metrics?.login('password', 'password', passwordOutcome(result.kind));
    switch (result.kind) {
      case 'code':
      case 'enrol':
        await setSessionCookie(c, ctx.deps, result.token);
        return c.json({ next: result.kind }, 200);
      case 'replaced':
        return apiError(c, 403, 'accountReplaced', { message: replacedMessage(c, result.at) });
      case 'setup-expired':
        return apiError(c, 403, 'setupExpired');
      case 'locked':
        return respondLocked(c, result.until);
      case 'refused':
        return apiError(c, 401, 'loginRefused');
    }
  });

  app.openapi(codeRoute, async (c) => {
    const result = await loginWithCode(ctx.deps, { token: sessionToken(c), code: c.req.valid('json').code });
    ctx.metrics?.login('password', 'code', codeOutcome(result));
    if (result.kind !== 'ok') return respondCodeNotPassed(c, result);
    await setSessionCookie(c, ctx.deps, result.token);
    rememberDevice(c, ctx.deps.cookies, result.accountId);
    return c.json({ next: 'portal' as const }, 200);
  });

  app.openapi(recoveryCodeRoute, async (c) => {
    const result = await loginWithRecoveryCode(ctx.deps, { token: sessionToken(c), code: c.req.valid('json').code });
    ctx.metrics?.login('password', 'code', recoveryCodeOutcome(result.kind));
    switch (result.kind) {
      case 'ok':
        await setSessionCookie(c, ctx.deps, result.token);
        rememberDevice(c, ctx.deps.cookies, result.accountId);
        return c.json({ next: 'portal' as const, codesLeft: result.codesLeft, newPhoneMailSent: true as const }, 200);
      case 'no-session':
        return apiError(c, 401, 'sessionExpired');
      case 'locked':
        return respondLocked(c, result.until);
      case 'refused': {
        const message = [
          texts(requestLang(c)).api.recoveryCodeRefused,
          result.lockedUntil ? lockMessage(c, result.lockedUntil) : '',
        ]
          .filter(Boolean)
          .join(' ');
        return apiError(c, 401, 'recoveryCodeRefused', {
          message,
          ...(result.lockedUntil ? { body: { lockedUntil: result.lockedUntil } } : {}),
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
    const ended = await endSession(ctx.deps, sessionToken(c));
    clearSessionCookie(c);
    const idToken = ended?.method === 'eherkenning' ? ended.details.idToken : undefined;
    if (typeof idToken === 'string' && ctx.eherkenning) {
      const returnTo = `${ctx.publicOrigin}${flowPaths.portal[requestLang(c)]}`;
      const logoutUrl = await ctx.eherkenning.client.endSessionUrl(idToken, returnTo).catch(() => null);
      if (logoutUrl) return c.json({ logoutUrl }, 200);
    }
    return c.body(null, 204);
  });
}
