import { browserSeen } from '../browser-seen.ts';
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { limited } from '../middleware/rate-limit.ts';
import { codeOutcome } from '../../metrics/login-outcomes.ts';
import { confirmEnrolment, startEnrolment } from '../../auth/enrol.ts';
import { texts } from '../../i18n/index.ts';
import { clearSessionCookie, sessionToken, setSessionCookie } from '../cookies.ts';
import { checkMail, mailHeld } from '../check-mail.ts';
import { knownDevice } from '../device-cookie.ts';
import type { EdgeContext, Env } from '../env.ts';
import { apiError, requestLang } from '../errors.ts';
import { diagnosisMessage, fieldMessage, respondLocked, respondPasswordRefused, replacedMessage } from '../messages.ts';
import { openRebindLink, requestRebind } from '../../auth/recovery/rebind.ts';
import { openTakeoverLink } from '../../auth/recovery/takeover-link.ts';
import {
  CheckMail,
  CodeBody,
  EnrolmentDone,
  EnrolmentOffer,
  ErrorResponse,
  LoginBody,
  RequestAnswer,
  RebindStartBody,
  NextStep,
  TakeoverStartBody,
  errorResponse,
  jsonBody,
  jsonResponse,
} from '../../shared/api/schemas.ts';

const startRoute = createRoute({
  method: 'post',
  path: '/authenticator/enrolment',
  summary: 'Show a new authenticator secret (QR code, key, otpauth URI)',
  responses: {
    200: jsonResponse(EnrolmentOffer, 'The secret to scan; bound only after a code from it is confirmed'),
    401: errorResponse('No session that may link an app'),
    403: errorResponse(
      "The company's login may be taken over, but from the session that gave the proof or opened the link mailed after staff approved it",
    ),
    409: errorResponse(
      'The company has an email login already: taking it over needs proof first (see `replacement`); or logged in with an app linked already',
    ),
  },
});

const confirmRoute = createRoute({
  method: 'post',
  path: '/authenticator/enrolment/confirm',
  summary: 'Bind the shown secret with a code from the app',
  request: { body: jsonBody(CodeBody) },
  responses: {
    200: jsonResponse(EnrolmentDone, 'Bound: a first app logs the session in (`portal`); a new one ends every session (`login`)'),
    401: jsonResponse(ErrorResponse, 'Code refused, with why; or no session'),
    403: errorResponse("The company's login may be taken over, but from another session (see the enrolment's 403)"),
    409: errorResponse('The shown secret expired, or the company login may not be taken over (yet)'),
    422: errorResponse('Not six digits'),
  },
});

const rebindRequestRoute = createRoute({
  method: 'post',
  path: '/authenticator/rebind',
  middleware: limited('login'),
  summary: 'New phone, step 1: email and password; a link goes to the mailbox, with a link to cancel',
  request: { body: jsonBody(LoginBody) },
  responses: {
    202: jsonResponse(CheckMail, 'Password right: the link is on its way'),
    401: errorResponse('Address and password do not match (one answer for both)'),
    403: errorResponse(
      'The account was replaced by a newer account of its company; or no app was linked within a day of choosing the password, so a new password comes first',
    ),
    409: errorResponse('No app linked yet: log in instead'),
    422: errorResponse('Invalid input'),
    429: errorResponse('Locked after too many failures, or too many requests'),
  },
});

const rebindStartRoute = createRoute({
  method: 'post',
  path: '/authenticator/rebind/start',
  middleware: limited('token'),
  summary:
    'New phone, step 2: the mailed link opens a session for its request: give the second proof, or link the app once proven',
  request: { body: jsonBody(RebindStartBody) },
  responses: {
    200: jsonResponse(RequestAnswer, 'The request: which proofs are possible, or proven already'),
    400: errorResponse('The link is unknown, used or expired'),
    401: errorResponse('Proven already: the password is needed too (`passwordNeeded`), or it was wrong'),
    409: errorResponse('This browser is logged in to another account, and stays so; the link is not spent'),
    429: errorResponse('Locked after too many failures'),
  },
});

const takeoverStartRoute = createRoute({
  method: 'post',
  path: '/authenticator/takeover/start',
  middleware: limited('token'),
  summary:
    "Taking over the company's login after staff approved it: the mailed link and the password open the session that links the app",
  request: { body: jsonBody(TakeoverStartBody) },
  responses: {
    200: jsonResponse(NextStep, 'The session may link the app (`enrol`)'),
    400: errorResponse('The link is unknown, used or expired, or the takeover ended'),
    401: errorResponse('The password was wrong'),
    422: errorResponse('Invalid input'),
    429: errorResponse('Locked after too many failures'),
  },
});

export function authenticatorRoutes(ctx: EdgeContext, app: OpenAPIHono<Env>) {
  app.openapi(rebindRequestRoute, async (c) => {
    const result = await requestRebind(ctx.deps, {
      lang: requestLang(c),
      ...c.req.valid('json'),
      device: knownDevice(c, ctx.deps.cookies),
      requester: c.get('clientIp'),
    });
    switch (result.kind) {
      case 'mail-sent':
        return checkMail(ctx, c);
      case 'mail-held':
        return mailHeld(c);
      case 'not-enrolled':
        return apiError(c, 409, 'notEnrolled');
      case 'setup-expired':
        return apiError(c, 403, 'setupExpired');
      case 'locked':
        return respondLocked(c, result.until);
      case 'replaced':
        return apiError(c, 403, 'accountReplaced', { message: replacedMessage(c, result.at) });
      case 'refused':
        return apiError(c, 401, 'loginRefused');
    }
  });

  app.openapi(rebindStartRoute, async (c) => {
    const input = { ...c.req.valid('json'), device: knownDevice(c, ctx.deps.cookies), current: sessionToken(c) };
    const result = await openRebindLink(ctx.deps, input, { eherkenning: ctx.eherkenning !== null });
    switch (result.kind) {
      case 'invalid':
        return apiError(c, 400, 'linkInvalid');
      case 'password-needed':
        return apiError(c, 401, 'passwordNeeded');
      case 'refused':
        return respondPasswordRefused(c);
      case 'locked':
        return respondLocked(c, result.until);
      case 'logged-in-as-other':
        return apiError(c, 409, 'loggedInAsOther');
      case 'proof':
        await setSessionCookie(c, ctx.deps, result.session);
        return c.json({ request: result.request }, 200);
    }
  });

  app.openapi(takeoverStartRoute, async (c) => {
    const result = await openTakeoverLink(ctx.deps, {
      ...c.req.valid('json'),
      device: knownDevice(c, ctx.deps.cookies),
      seen: await browserSeen(c),
    });
    switch (result.kind) {
      case 'invalid':
        return apiError(c, 400, 'linkInvalid');
      case 'refused':
        return respondPasswordRefused(c);
      case 'locked':
        return respondLocked(c, result.until);
      case 'enrol':
        await setSessionCookie(c, ctx.deps, result.session);
        return c.json({ next: 'enrol' as const }, 200);
    }
  });

  app.openapi(startRoute, async (c) => {
    const result = await startEnrolment(ctx.deps, {
      token: sessionToken(c),
      qrTitle: texts(requestLang(c)).flows.enrolStep2,
      eherkenning: ctx.eherkenning !== null,
    });
    switch (result.kind) {
      case 'offer':
        return c.json(result.offer, 200);
      case 'replacement-needed':
        return apiError(c, 409, 'replacementNeeded', {
          // Whether eHerkenning can ask and prove the takeover in one step, before any request.
          body: { replacement: { holder: result.holder, request: result.request, eherkenning: ctx.eherkenning !== null } },
        });
      case 'proven-elsewhere':
        return apiError(c, 403, 'takeoverProvenElsewhere');
      case 'linked':
        return apiError(c, 409, result.staff ? 'appLinkedStaff' : 'appLinked');
      case 'no-session':
        return apiError(c, 401, 'sessionExpired');
    }
  });

  app.openapi(confirmRoute, async (c) => {
    const result = await confirmEnrolment(ctx.deps, { token: sessionToken(c), code: c.req.valid('json').code });
    ctx.metrics?.login('password', 'enrol', codeOutcome(result));
    switch (result.kind) {
      case 'bound':
        await setSessionCookie(c, ctx.deps, result.token);
        return c.json({ next: 'portal' as const, recoveryCodes: result.recoveryCodes }, 200);
      case 'rebound':
        clearSessionCookie(c);
        return c.json({ next: 'login' as const, recoveryCodes: result.recoveryCodes }, 200);
      case 'replacement-needed':
        return apiError(c, 409, 'replacementNeeded');
      case 'proven-elsewhere':
        return apiError(c, 403, 'takeoverProvenElsewhere');
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
