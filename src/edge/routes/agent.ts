import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { agentAction } from '../../auth/agents/actions.ts';
import { findHelpCode, formatHelpCode, normalizeHelpCode } from '../../auth/agents/help-codes.ts';
import { lookupAccounts, parseLookup } from '../../auth/agents/lookup.ts';
import { report } from '../../auth/agents/signals.ts';
import { audited, staffSession } from '../../auth/agents/staff.ts';
import { loginWithPassword } from '../../auth/login.ts';
import { setSessionCookie, sessionToken } from '../cookies.ts';
import type { EdgeContext, Env } from '../env.ts';
import { apiError } from '../errors.ts';
import { fieldMessage, lockMessage } from '../messages.ts';
import { acceptInvite } from '../../auth/agents/invite.ts';
import { approveRequest } from '../../auth/recovery/approve.ts';
import { passwordOutcome } from '../../metrics/login-outcomes.ts';
import { LoginBody, NewPasswordBody, NextStep, errorResponse, jsonBody, jsonResponse } from '../schemas.ts';

const reason = z.string().trim().min(3).max(500);
const dayParam = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const denied = {
  401: errorResponse('Not logged in as staff'),
  403: errorResponse('Logged in, but not staff (or not a supervisor)'),
};

const loginRoute = createRoute({
  method: 'post',
  path: '/agent/session',
  summary: 'Staff log in, step 1: email and password (then /api/session/code, as customers)',
  request: { body: jsonBody(LoginBody) },
  responses: {
    200: jsonResponse(NextStep, 'Password right'),
    401: errorResponse('Address and password do not match'),
    429: errorResponse('Locked'),
  },
});

const meRoute = createRoute({
  method: 'get',
  path: '/agent/me',
  summary: 'The logged-in agent',
  responses: {
    200: jsonResponse(z.object({ email: z.string(), role: z.enum(['agent', 'supervisor']) }), 'The agent'),
    ...denied,
  },
});

const helpCodeRoute = createRoute({
  method: 'get',
  path: '/agent/help-codes/{code}',
  summary: 'Where the customer who read out this code is (audited)',
  request: { params: z.object({ code: z.string().max(20) }) },
  responses: {
    200: jsonResponse(
      z.object({ code: z.string(), createdAt: z.number(), context: z.record(z.string(), z.string()) }),
      'The place',
    ),
    404: errorResponse('Unknown or expired'),
    ...denied,
  },
});

const lookupRoute = createRoute({
  method: 'get',
  path: '/agent/lookup',
  summary: 'An account’s login state by email address, policy number or KvK number (audited; never a secret)',
  request: { query: z.object({ q: z.string().trim().min(3).max(254), reason }) },
  responses: {
    200: jsonResponse(z.object({ accounts: z.array(z.record(z.string(), z.unknown())) }), 'Matching accounts'),
    422: errorResponse('Invalid input'),
    ...denied,
  },
});

const actionRoute = createRoute({
  method: 'post',
  path: '/agent/accounts/{id}/{action}',
  summary: 'Re-send the activation mail, lift a lock, or end all sessions (audited)',
  request: {
    params: z.object({ id: z.uuid(), action: z.enum(['resend-activation', 'lift-lock', 'end-sessions']) }),
    body: jsonBody(z.strictObject({ reason })),
  },
  responses: {
    200: jsonResponse(z.object({ status: z.literal('done') }), 'Done and logged'),
    404: errorResponse('No such customer account'),
    409: errorResponse('Not possible for this account'),
    422: errorResponse('Invalid input'),
    ...denied,
  },
});

const approveRoute = createRoute({
  method: 'post',
  path: '/agent/requests/{id}/approve',
  summary:
    'Vouch for a new phone or a takeover: first an agent, with the check done; then a supervisor, another person (audited)',
  request: { params: z.object({ id: z.uuid() }), body: jsonBody(z.strictObject({ reason })) },
  responses: {
    200: jsonResponse(z.object({ status: z.enum(['approved', 'proven']) }), 'Approved; `proven` after the second approval'),
    ...denied,
    403: errorResponse('Logged in, but not staff; or the second approval needs another person with the supervisor role'),
    404: errorResponse('No such request'),
    409: errorResponse('The request is not open'),
  },
});

const reportRoute = createRoute({
  method: 'get',
  path: '/agent/report',
  summary: 'What customers could not find, over a period',
  request: { query: z.object({ from: dayParam, to: dayParam }) },
  responses: {
    200: jsonResponse(z.record(z.string(), z.unknown()), 'The report'),
    422: errorResponse('Invalid input'),
    ...denied,
  },
});

const auditRoute = createRoute({
  method: 'get',
  path: '/agent/audit',
  summary: 'The audit log (supervisors)',
  request: { query: z.object({ from: dayParam, to: dayParam, format: z.enum(['json', 'csv']).optional() }) },
  responses: { 200: { description: 'Entries, as JSON or CSV' }, 422: errorResponse('Invalid input'), ...denied },
});

const inviteRoute = createRoute({
  method: 'post',
  path: '/agent/invitation',
  summary: 'A new agent chooses a password with the token from the invitation mail',
  request: { body: jsonBody(NewPasswordBody) },
  responses: {
    200: jsonResponse(z.object({ status: z.literal('accepted') }), 'Password set; log in at /agent'),
    400: errorResponse('The link is unknown, used or expired'),
    422: errorResponse('A password that is too short, too common or too personal'),
  },
});

const actions = { 'resend-activation': 'resendActivation', 'lift-lock': 'liftLock', 'end-sessions': 'endSessions' } as const;

export function agentRoutes(ctx: EdgeContext, app: OpenAPIHono<Env>) {
  /** The agent behind the request, or the error answer: 401 without a session, 403 for anyone not staff. */
  async function staff(c: Context<Env>, need: 'agent' | 'supervisor' = 'agent') {
    const check = await staffSession(ctx.deps, sessionToken(c), need);
    if (check.kind === 'ok') return { agent: check.agent };
    return { denied: check.kind === 'forbidden' ? apiError(c, 403, 'forbidden') : apiError(c, 401, 'notLoggedIn') };
  }

  app.openapi(loginRoute, async (c) => {
    const result = await loginWithPassword(ctx.deps, c.req.valid('json'), 'staff');
    ctx.metrics?.login('staff', 'password', passwordOutcome(result.kind));
    switch (result.kind) {
      case 'code':
      case 'enrol':
        setSessionCookie(c, result.token);
        return c.json({ next: result.kind }, 200);
      case 'locked':
        return apiError(c, 429, 'locked', { message: lockMessage(c, result.until), body: { lockedUntil: result.until } });
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

  app.openapi(meRoute, async (c) => {
    const { agent, denied: no } = await staff(c);
    if (!agent) return no!;
    return c.json({ email: agent.account.email, role: agent.account.role as 'agent' | 'supervisor' }, 200);
  });

  app.openapi(helpCodeRoute, async (c) => {
    const { agent, denied: no } = await staff(c);
    if (!agent) return no!;
    const code = normalizeHelpCode(c.req.valid('param').code);
    const found = code
      ? await audited(
          ctx.deps,
          agent,
          { action: 'helpCode', subject: `help code ${formatHelpCode(code)}`, reason: 'customer read out the help code' },
          (store) => findHelpCode(ctx.deps, store, code),
        )
      : null;
    if (!found) return apiError(c, 404, 'notFound');
    return c.json(
      { code: formatHelpCode(code!), createdAt: found.createdAt, context: found.context as unknown as Record<string, string> },
      200,
    );
  });

  app.openapi(lookupRoute, async (c) => {
    const { agent, denied: no } = await staff(c);
    if (!agent) return no!;
    const { q, reason: why } = c.req.valid('query');
    const query = parseLookup(q);
    if (!query) return apiError(c, 422, 'invalidInput', { fields: { q: fieldMessage(c, 'lookup') } });
    const accounts = await audited(ctx.deps, agent, { action: 'lookup', subject: q, reason: why }, (store) =>
      lookupAccounts(ctx.deps, store, query),
    );
    return c.json({ accounts: accounts as unknown as Record<string, unknown>[] }, 200);
  });

  app.openapi(actionRoute, async (c) => {
    const { agent, denied: no } = await staff(c);
    if (!agent) return no!;
    const { id, action } = c.req.valid('param');
    const result = await agentAction(ctx.deps, agent, actions[action], id, c.req.valid('json').reason);
    if (result.kind === 'not-found') return apiError(c, 404, 'notFound');
    if (result.kind === 'not-applicable') return apiError(c, 409, 'notApplicable');
    return c.json({ status: 'done' as const }, 200);
  });

  app.openapi(approveRoute, async (c) => {
    const { agent, denied: no } = await staff(c);
    if (!agent) return no!;
    const result = await approveRequest(ctx.deps, agent, {
      requestId: c.req.valid('param').id,
      check: c.req.valid('json').reason,
    });
    switch (result.kind) {
      case 'first':
        return c.json({ status: 'approved' as const }, 200);
      case 'proven':
        return c.json({ status: 'proven' as const }, 200);
      case 'not-found':
        return apiError(c, 404, 'notFound');
      case 'not-open':
        return apiError(c, 409, 'requestNotOpen');
      case 'same-person':
        return apiError(c, 403, 'sameApprover');
      case 'needs-supervisor':
        return apiError(c, 403, 'needsSupervisor');
    }
  });

  app.openapi(reportRoute, async (c) => {
    const { agent, denied: no } = await staff(c);
    if (!agent) return no!;
    const { from, to } = c.req.valid('query');
    const result = await report(ctx.deps, Date.parse(`${from}T00:00:00Z`), Date.parse(`${to}T00:00:00Z`) + 86_400_000);
    return c.json(result as unknown as Record<string, unknown>, 200);
  });

  app.openapi(auditRoute, async (c) => {
    const { agent, denied: no } = await staff(c, 'supervisor');
    if (!agent) return no!;
    const { from, to, format } = c.req.valid('query');
    const entries = await audited(
      ctx.deps,
      agent,
      { action: 'auditView', subject: `${from}..${to}`, reason: format === 'csv' ? 'export' : 'view' },
      (store) => store.listAudit(Date.parse(`${from}T00:00:00Z`), Date.parse(`${to}T00:00:00Z`) + 86_400_000, 10_000),
    );
    if (format !== 'csv') return c.json({ entries }, 200);
    const cell = (v: string | number) => `"${String(v).replace(/"/g, '""')}"`;
    const lines = [
      ['at', 'agent', 'action', 'subject', 'reason'].join(','),
      ...entries.map((e) => [new Date(e.at).toISOString(), e.agent_email, e.action, e.subject, e.reason].map(cell).join(',')),
    ];
    return c.body(lines.join('\r\n') + '\r\n', 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-${from}-${to}.csv"`,
    });
  });
}
