import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { limited } from '../../middleware/rate-limit.ts';
import { acceptInvite } from '../../../auth/agents/invite.ts';
import { loginWithPassword } from '../../../auth/login.ts';
import { passwordOutcome } from '../../../metrics/login-outcomes.ts';
import { setSessionCookie } from '../../cookies.ts';
import { knownDevice } from '../../device-cookie.ts';
import type { EdgeContext, Env } from '../../env.ts';
import { apiError } from '../../errors.ts';
import { fieldMessage, respondLocked } from '../../messages.ts';
import { requireStaff } from '../../middleware/staff.ts';
import { LoginBody, NewPasswordBody, NextStep, errorResponse, jsonBody, jsonResponse } from '../../../shared/api/schemas.ts';
import { denied } from './denied.ts';
import { langs } from '../../../i18n/lang.ts';

const StaffMe = z.object({ email: z.string(), role: z.enum(['agent', 'supervisor']), lang: z.enum(langs) }).openapi('StaffMe');

const loginRoute = createRoute({
  method: 'post',
  path: '/agent/session',
  middleware: limited('login'),
  summary: 'Staff log in, step 1: email and password (then /api/session/code, as customers)',
  request: { body: jsonBody(LoginBody) },
  responses: {
    200: jsonResponse(NextStep, 'Password right'),
    401: errorResponse('Address and password do not match'),
    403: errorResponse('No app linked within a day of accepting the invitation: a new invitation comes first'),
    429: errorResponse('Locked'),
  },
});

const inviteRoute = createRoute({
  method: 'post',
  path: '/agent/invitation',
  middleware: limited('token'),
  summary: 'A new (or reset) member of staff chooses a password with the token from the invitation mail',
  request: { body: jsonBody(NewPasswordBody) },
  responses: {
    200: jsonResponse(z.object({ status: z.literal('accepted') }), 'Password set; log in at /agent'),
    400: errorResponse('The link is unknown, used or expired'),
    422: errorResponse('A password that is too short, too common or too personal'),
  },
});

export function agentSessionRoutes(ctx: EdgeContext, app: OpenAPIHono<Env>) {
  const meRoute = createRoute({
    method: 'get',
    path: '/agent/me',
    summary: 'The logged-in member of staff',
    middleware: requireStaff(ctx),
    responses: {
      200: jsonResponse(StaffMe, 'The member of staff'),
      ...denied,
    },
  });
  const chooseLangRoute = createRoute({
    method: 'put',
    path: '/agent/me',
    summary: 'The console language of the logged-in member of staff: the console opens in it from then on',
    middleware: requireStaff(ctx),
    request: { body: jsonBody(z.strictObject({ lang: z.enum(langs) })) },
    responses: { 200: jsonResponse(StaffMe, 'The member of staff'), 422: errorResponse('Invalid input'), ...denied },
  });

  app.openapi(loginRoute, async (c) => {
    const result = await loginWithPassword(
      ctx.deps,
      { ...c.req.valid('json'), device: knownDevice(c, ctx.deps.cookies) },
      'staff',
    );
    ctx.metrics?.login('staff', 'password', passwordOutcome(result.kind));
    switch (result.kind) {
      case 'code':
      case 'enrol':
        await setSessionCookie(c, ctx.deps, result.token);
        return c.json({ next: result.kind }, 200);
      case 'locked':
        return respondLocked(c, result.until);
      case 'setup-expired':
        return apiError(c, 403, 'setupExpiredStaff');
      default:
        // Staff are invited and activated by the invitation: anything else is a refusal.
        return apiError(c, 401, 'loginRefused');
    }
  });

  app.openapi(inviteRoute, async (c) => {
    const result = await acceptInvite(ctx.deps, c.req.valid('json'));
    if (result.kind === 'invalid') return apiError(c, 400, 'linkInvalid');
    if (result.kind === 'weak-password')
      return apiError(c, 422, 'invalidInput', { fields: { password: fieldMessage(c, result.problem) } });
    return c.json({ status: 'accepted' as const }, 200);
  });

  app.openapi(meRoute, (c) => {
    const { account } = c.var.staff;
    return c.json({ email: account.email, role: account.role as 'agent' | 'supervisor', lang: account.lang }, 200);
  });

  app.openapi(chooseLangRoute, async (c) => {
    const { account } = c.var.staff;
    const { lang } = c.req.valid('json');
    await ctx.deps.store.updateAccount(account.id, { lang, updated_at: ctx.deps.clock.now() });
    return c.json({ email: account.email, role: account.role as 'agent' | 'supervisor', lang }, 200);
  });
}
