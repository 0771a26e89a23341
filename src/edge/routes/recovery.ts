import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { limited } from '../middleware/rate-limit.ts';
import type { Context } from 'hono';
import { cancelRequest, holderStopTakeover } from '../../auth/recovery/cancel.ts';
import { renewRecoveryCodes } from '../../auth/recovery/new-codes.ts';
import { proveWithLetter, proveWithRecoveryCode, requestLetter, type ProofResult } from '../../auth/recovery/proofs.ts';
import { startReplacement } from '../../auth/recovery/replace.ts';
import { proofSession, requestView } from '../../auth/recovery/requests.ts';
import { texts } from '../../i18n/index.ts';
import { sessionToken, setSessionCookie } from '../cookies.ts';
import { knownDevice } from '../device-cookie.ts';
import type { EdgeContext, Env } from '../env.ts';
import { apiError, requestLang, type ApiErrorCode } from '../errors.ts';
import {
  diagnosisMessage,
  fieldMessage,
  lockMessage,
  respondAppLocked,
  respondLocked,
  respondPasswordRefused,
  takeoverUnstoppable,
} from '../messages.ts';
import {
  PasswordAndCodeBody,
  RecoveryCodeBody,
  RecoveryCodes,
  RequestAnswer,
  TokenBody,
  errorResponse,
  jsonBody,
  jsonResponse,
} from '../../shared/api/schemas.ts';

const noSession = errorResponse('No new-phone link opened, or no takeover in progress (or it ended)');

const currentRoute = createRoute({
  method: 'get',
  path: '/recovery',
  middleware: limited('login'),
  summary: 'The request in progress (a new phone, or taking over the company login) and the proofs still possible',
  responses: { 200: jsonResponse(RequestAnswer, 'The request'), 401: noSession },
});

const replacementRoute = createRoute({
  method: 'post',
  path: '/recovery/replacement',
  middleware: limited('login'),
  summary: 'A new account asks to take over its company’s email login; the current holder is told and can cancel',
  responses: {
    200: jsonResponse(RequestAnswer, 'The takeover request, waiting for proof'),
    401: noSession,
    409: errorResponse('The company has no other email login: link the app directly'),
    429: errorResponse('This hour’s takeover notices to the holder are used up: try again in an hour'),
  },
});

const recoveryCodeRoute = createRoute({
  method: 'post',
  path: '/recovery/recovery-code',
  middleware: limited('login'),
  summary: 'Prove a new phone with a recovery code',
  request: { body: jsonBody(RecoveryCodeBody) },
  responses: {
    200: jsonResponse(RequestAnswer, 'Proven: link the new app next'),
    401: errorResponse('Code unknown or used; or no request'),
    409: errorResponse('Not possible for this request'),
    429: errorResponse('Locked after too many failures'),
  },
});

const letterRoute = createRoute({
  method: 'post',
  path: '/recovery/letter',
  middleware: limited('login'),
  summary: 'Send a letter with a one-time code to the company’s address on record (once a week at most)',
  responses: {
    202: jsonResponse(RequestAnswer, 'The letter is on its way; `letter` says when to expect it'),
    401: noSession,
    409: errorResponse('No address on record, or the request is no longer open'),
  },
});

const letterCodeRoute = createRoute({
  method: 'post',
  path: '/recovery/letter-code',
  middleware: limited('login'),
  summary: 'Prove the request with the code from the letter',
  request: { body: jsonBody(RecoveryCodeBody) },
  responses: {
    200: jsonResponse(RequestAnswer, 'Proven'),
    401: errorResponse('Wrong code; or no request'),
    409: errorResponse('No letter (any more): ask for a new one'),
    429: errorResponse('Locked after too many failures'),
  },
});

const cancelRoute = createRoute({
  method: 'post',
  path: '/recovery/cancel',
  middleware: limited('login'),
  summary: '"This was not me": the link from the notice stops the request',
  request: { body: jsonBody(TokenBody) },
  responses: {
    200: jsonResponse(
      z.object({ status: z.enum(['cancelled', 'loggedOut']), kind: z.enum(['rebind', 'replace']) }),
      'Stopped; or, for a new phone whose request had ended already, its logins with a recovery code ended all the same (`loggedOut`)',
    ),
    400: errorResponse('The link is unknown, used, or the request ended already'),
    409: errorResponse('A proven takeover, which is final, or one staff vouched for: the link stops nothing'),
  },
});

const holderStopRoute = createRoute({
  method: 'post',
  path: '/account/takeover/{id}/stop',
  middleware: limited('login'),
  summary: 'The holder, logged in with password and app, stops a newer account’s request to take over this login',
  request: { params: z.object({ id: z.uuid() }) },
  responses: {
    200: jsonResponse(z.object({ status: z.literal('stopped') }), 'Stopped; the asker is logged out and told'),
    401: errorResponse('Not logged in with password and app'),
    403: errorResponse('Logged in with a recovery code instead of the app (`appNeededToStop`): the mailed stop link still works'),
    404: errorResponse('No takeover of this account with that id'),
    409: errorResponse(
      'The request has ended already; it is proven, and a proven takeover is final; or staff vouched for it, and only staff stop it',
    ),
  },
});

const newCodesRoute = createRoute({
  method: 'post',
  path: '/account/recovery-codes',
  middleware: limited('login'),
  summary: 'Ten new recovery codes in place of the old ones (logged in; password and app code again)',
  request: { body: jsonBody(PasswordAndCodeBody) },
  responses: {
    200: jsonResponse(RecoveryCodes, 'The new codes, shown once'),
    401: errorResponse('Not logged in with email and password, or the password or code is wrong'),
    422: errorResponse('Invalid input'),
    429: errorResponse('Locked after too many failures'),
  },
});

export function recoveryRoutes(ctx: EdgeContext, app: OpenAPIHono<Env>) {
  const options = { eherkenning: ctx.eherkenning !== null };

  /** The request as it stands after a proof, under the session's new id. */
  async function afterProof(c: Context<Env>, result: ProofResult, refused: ApiErrorCode) {
    switch (result.kind) {
      case 'proven': {
        await setSessionCookie(c, ctx.deps, result.token);
        const ps = await proofSession(ctx.deps, result.token);
        if (!ps) return apiError(c, 401, 'sessionExpired');
        return c.json({ request: await requestView(ctx.deps.store, ps.request, options) }, 200);
      }
      case 'refused': {
        const message = [texts(requestLang(c)).api[refused], result.lockedUntil ? lockMessage(c, result.lockedUntil) : '']
          .filter(Boolean)
          .join(' ');
        return apiError(c, 401, refused, {
          message,
          ...(result.lockedUntil ? { body: { lockedUntil: result.lockedUntil } } : {}),
        });
      }
      case 'locked':
        return respondLocked(c, result.until);
      case 'not-offered':
        return apiError(c, 409, 'proofNotOffered');
      case 'no-session':
        return apiError(c, 401, 'sessionExpired');
    }
  }

  app.openapi(currentRoute, async (c) => {
    const ps = await proofSession(ctx.deps, sessionToken(c));
    if (!ps) return apiError(c, 401, 'sessionExpired');
    return c.json({ request: await requestView(ctx.deps.store, ps.request, options) }, 200);
  });

  app.openapi(replacementRoute, async (c) => {
    const result = await startReplacement(ctx.deps, { token: sessionToken(c), ...options });
    if (result.kind === 'no-session') return apiError(c, 401, 'sessionExpired');
    if (result.kind === 'not-needed') return apiError(c, 409, 'notApplicable');
    if (result.kind === 'mail-held') return apiError(c, 429, 'holderMailHeld', { headers: { 'Retry-After': '3600' } });
    return c.json({ request: result.request }, 200);
  });

  app.openapi(recoveryCodeRoute, async (c) => {
    const result = await proveWithRecoveryCode(ctx.deps, {
      token: sessionToken(c),
      code: c.req.valid('json').code,
      device: knownDevice(c, ctx.deps.cookies),
    });
    return afterProof(c, result, 'recoveryCodeRefused');
  });

  app.openapi(letterRoute, async (c) => {
    const result = await requestLetter(ctx.deps, { token: sessionToken(c), lang: requestLang(c), ...options });
    if (result.kind === 'no-session') return apiError(c, 401, 'sessionExpired');
    if (result.kind === 'not-offered') return apiError(c, 409, 'proofNotOffered');
    return c.json({ request: result.request }, 202);
  });

  app.openapi(letterCodeRoute, async (c) => {
    const result = await proveWithLetter(ctx.deps, {
      token: sessionToken(c),
      code: c.req.valid('json').code,
      device: knownDevice(c, ctx.deps.cookies),
    });
    return afterProof(c, result, 'letterCodeRefused');
  });

  app.openapi(cancelRoute, async (c) => {
    const result = await cancelRequest(ctx.deps, c.req.valid('json').token);
    if (result.kind === 'invalid') return apiError(c, 400, 'linkInvalid');
    if (result.kind === 'proven' || result.kind === 'vouched') return takeoverUnstoppable(c, result.kind);
    if (result.kind === 'logged-out') return c.json({ status: 'loggedOut' as const, kind: 'rebind' as const }, 200);
    return c.json({ status: 'cancelled' as const, kind: result.request }, 200);
  });

  app.openapi(holderStopRoute, async (c) => {
    const result = await holderStopTakeover(ctx.deps, { token: sessionToken(c), requestId: c.req.valid('param').id });
    if (result.kind === 'no-session') return apiError(c, 401, 'notLoggedIn');
    if (result.kind === 'app-needed') return apiError(c, 403, 'appNeededToStop');
    if (result.kind === 'not-found') return apiError(c, 404, 'requestNotFound');
    if (result.kind === 'not-open') return apiError(c, 409, 'requestEnded');
    if (result.kind === 'proven' || result.kind === 'vouched') return takeoverUnstoppable(c, result.kind);
    return c.json({ status: 'stopped' as const }, 200);
  });

  app.openapi(newCodesRoute, async (c) => {
    const result = await renewRecoveryCodes(ctx.deps, {
      token: sessionToken(c),
      ...c.req.valid('json'),
      device: knownDevice(c, ctx.deps.cookies),
    });
    switch (result.kind) {
      case 'codes':
        return c.json({ recoveryCodes: result.codes }, 200);
      case 'no-session':
        return apiError(c, 401, 'notLoggedIn');
      case 'refused':
        return respondPasswordRefused(c);
      case 'locked':
        return respondLocked(c, result.until);
      case 'app-locked':
        return respondAppLocked(c, result.staff);
      case 'invalid-code':
        return apiError(c, 422, 'invalidInput', { fields: { code: fieldMessage(c, 'code') } });
      case 'code-refused':
        return apiError(c, 401, 'codeRefused', {
          message: diagnosisMessage(c, result.diagnosis),
          body: { diagnosis: { ...result.diagnosis, lockedUntil: result.lockedUntil } },
        });
    }
  });
}
