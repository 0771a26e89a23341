import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { agentAction } from '../../../auth/agents/actions.ts';
import { audited } from '../../../auth/agents/audit.ts';
import { findHelpCode, formatHelpCode, normalizeHelpCode } from '../../../auth/agents/help-codes.ts';
import { lookupAccounts, lookupSubject, parseLookup } from '../../../auth/agents/lookup.ts';
import { approveRequest, startTakeoverForCaller } from '../../../auth/recovery/approve.ts';
import { staffStopRequest } from '../../../auth/recovery/cancel.ts';
import type { EdgeContext, Env } from '../../env.ts';
import { apiError } from '../../errors.ts';
import { fieldMessage } from '../../messages.ts';
import { limited } from '../../middleware/rate-limit.ts';
import { recentProof, requireStaff } from '../../middleware/staff.ts';
import { AccountStateSchema, HelpCodeFound, reason, staffCode } from '../../../shared/api/schemas-agent.ts';
import { errorResponse, jsonBody, jsonResponse, typedText } from '../../../shared/api/schemas.ts';
import { denied, proofDenied } from './denied.ts';
import { auditText } from '../../../shared/audit-words.ts';

const actions = { 'resend-activation': 'resendActivation', 'lift-lock': 'liftLock', 'end-sessions': 'endSessions' } as const;

/**
 * What staff do for customers. Everything that reads or changes a customer
 * is a POST (with the same-origin check), so a link from elsewhere can neither
 * do it nor write an audit entry in an agent's name (nor through the help-code page: it opens
 * a code by itself only when the agent typed it, src/islands/agent/AgentWizard.tsx).
 */
export function agentCustomerRoutes(ctx: EdgeContext, app: OpenAPIHono<Env>) {
  const staffOnly = requireStaff(ctx);

  const helpCodeRoute = createRoute({
    method: 'post',
    path: '/agent/help-codes',
    summary: 'Where the customer who read out this code is (audited)',
    middleware: staffOnly,
    request: { body: jsonBody(z.strictObject({ code: z.string().min(1).max(20) })) },
    responses: { 200: jsonResponse(HelpCodeFound, 'The place'), 404: errorResponse('Unknown or expired'), ...denied },
  });

  const lookupRoute = createRoute({
    method: 'post',
    path: '/agent/lookup',
    summary: 'A customer’s login state by email address, policy number or KvK number (audited; never a secret)',
    middleware: [staffOnly, limited('staffLookup')],
    request: { body: jsonBody(z.strictObject({ q: typedText(254).min(3), reason })) },
    responses: {
      200: jsonResponse(z.object({ accounts: z.array(AccountStateSchema) }), 'Matching customer accounts'),
      422: errorResponse('Invalid input'),
      ...denied,
      429: errorResponse('Too many lookups by this member of staff this hour'),
    },
  });

  const actionRoute = createRoute({
    method: 'post',
    path: '/agent/accounts/{id}/{action}',
    summary:
      'Re-send the activation mail, lift a lock, or end all sessions, with a reason of its own (audited); the last two with the app’s code given within 10 minutes',
    middleware: staffOnly,
    request: {
      params: z.object({ id: z.uuid(), action: z.enum(['resend-activation', 'lift-lock', 'end-sessions']) }),
      body: jsonBody(z.strictObject({ reason, code: staffCode })),
    },
    responses: {
      200: jsonResponse(z.object({ status: z.literal('done') }), 'Done and logged'),
      404: errorResponse('No such customer account'),
      409: errorResponse('Not possible for this account (and logged as refused)'),
      ...denied,
      ...proofDenied,
    },
  });

  const approveRoute = createRoute({
    method: 'post',
    path: '/agent/requests/{id}/approve',
    summary:
      'Vouch for a new phone or a takeover: first an agent, with the check done; then a supervisor, another person (audited)',
    middleware: staffOnly,
    request: { params: z.object({ id: z.uuid() }), body: jsonBody(z.strictObject({ reason, code: staffCode })) },
    responses: {
      200: jsonResponse(z.object({ status: z.enum(['approved', 'proven']) }), 'Approved; `proven` after the second approval'),
      ...denied,
      ...proofDenied,
      403: errorResponse(
        'Logged in, but not staff; or a code from the app is needed again (`confirmWithCode`); or the second approval needs another person with the supervisor role; or a takeover of this holder vouched for this week came to nothing, and only a supervisor vouches again',
      ),
      404: errorResponse('No such request'),
      409: errorResponse('The request is not open'),
    },
  });

  const stopRoute = createRoute({
    method: 'post',
    path: '/agent/requests/{id}/stop',
    summary: 'Stop a takeover for the holder who calls, as the mailed stop link does (audited)',
    middleware: staffOnly,
    request: { params: z.object({ id: z.uuid() }), body: jsonBody(z.strictObject({ reason, code: staffCode })) },
    responses: {
      200: jsonResponse(z.object({ status: z.literal('stopped') }), 'Stopped; the asker is logged out and told'),
      404: errorResponse('No such takeover request'),
      ...denied,
      ...proofDenied,
      403: errorResponse(
        'Logged in, but not staff; or a code from the app is needed again (`confirmWithCode`); or staff vouched for this takeover, and only a supervisor stops it now',
      ),
      409: errorResponse('The request has ended already; or it is a proven takeover, which is final'),
    },
  });

  const takeoverRoute = createRoute({
    method: 'post',
    path: '/agent/takeovers',
    summary:
      'Open a takeover for a caller with the check done as its first approval, so its holder cannot stop it; a supervisor approves next (audited)',
    middleware: staffOnly,
    request: { body: jsonBody(z.strictObject({ accountId: z.uuid(), reason, code: staffCode })) },
    responses: {
      200: jsonResponse(z.object({ status: z.literal('approved'), requestId: z.uuid() }), 'Opened with this approval'),
      404: errorResponse('No such customer account'),
      409: errorResponse('Not an account waiting to take over its company’s login, or one already vouched for'),
      ...denied,
      ...proofDenied,
      403: errorResponse(
        'Logged in, but not staff; or a code from the app is needed again (`confirmWithCode`); or a takeover of this holder vouched for this week came to nothing, and only a supervisor vouches again',
      ),
    },
  });

  app.openapi(helpCodeRoute, async (c) => {
    const code = normalizeHelpCode(c.req.valid('json').code);
    if (!code) return apiError(c, 404, 'notFound');
    const found = await audited(ctx.deps, c.var.staff.account, {
      action: 'helpCode',
      subject: auditText('helpCode', formatHelpCode(code)),
      reason: auditText('helpCodeReadOut'),
      work: (store) => findHelpCode(ctx.deps, store, code),
      outcome: (f) => (f ? 'done' : 'refused: not-found'),
    });
    if (!found) return apiError(c, 404, 'notFound');
    return c.json({ code: formatHelpCode(code), createdAt: found.createdAt, context: found.context }, 200);
  });

  app.openapi(lookupRoute, async (c) => {
    const { q, reason: why } = c.req.valid('json');
    const query = parseLookup(q);
    if (!query) return apiError(c, 422, 'invalidInput', { fields: { q: fieldMessage(c, 'lookup') } });
    const accounts = await audited(ctx.deps, c.var.staff.account, {
      action: 'lookup',
      subject: lookupSubject(query),
      reason: why,
      work: (store) => lookupAccounts(ctx.deps, store, query),
      outcome: (found) => `done: ${found.length} found`,
    });
    return c.json({ accounts }, 200);
  });

  app.openapi(actionRoute, async (c) => {
    const { id, action } = c.req.valid('param');
    const { reason, code } = c.req.valid('json');
    // Another activation mail goes to the address on record and hands nobody anything.
    const unproven = action === 'resend-activation' ? null : await recentProof(c, ctx, code);
    if (unproven) return unproven;
    const result = await agentAction(ctx.deps, c.var.staff, { action: actions[action], accountId: id, reason });
    if (result.kind === 'not-staff') return apiError(c, 401, 'notLoggedIn');
    if (result.kind === 'not-found') return apiError(c, 404, 'accountNotFound');
    if (result.kind === 'not-applicable') return apiError(c, 409, 'notApplicable');
    return c.json({ status: 'done' as const }, 200);
  });

  app.openapi(approveRoute, async (c) => {
    const { reason: check, code } = c.req.valid('json');
    const unproven = await recentProof(c, ctx, code);
    if (unproven) return unproven;
    const result = await approveRequest(ctx.deps, c.var.staff, { requestId: c.req.valid('param').id, check });
    switch (result.kind) {
      case 'first':
        return c.json({ status: 'approved' as const }, 200);
      case 'proven':
        return c.json({ status: 'proven' as const }, 200);
      case 'not-found':
        return apiError(c, 404, 'requestNotFound');
      case 'not-open':
        return apiError(c, 409, 'requestNotOpen');
      case 'same-person':
        return apiError(c, 403, 'sameApprover');
      case 'needs-supervisor':
        return apiError(c, 403, 'needsSupervisor');
      case 'again-needs-supervisor':
        return apiError(c, 403, 'vouchAgainNeedsSupervisor');
      case 'not-staff':
        return apiError(c, 401, 'notLoggedIn');
    }
  });

  app.openapi(stopRoute, async (c) => {
    const { reason, code } = c.req.valid('json');
    const unproven = await recentProof(c, ctx, code);
    if (unproven) return unproven;
    const result = await staffStopRequest(ctx.deps, c.var.staff, { requestId: c.req.valid('param').id, reason });
    if (result.kind === 'not-found') return apiError(c, 404, 'requestNotFound');
    if (result.kind === 'not-open') return apiError(c, 409, 'requestEnded');
    if (result.kind === 'proven') return apiError(c, 409, 'takeoverFinal');
    if (result.kind === 'vouched') return apiError(c, 403, 'stopNeedsSupervisor');
    if (result.kind === 'not-staff') return apiError(c, 401, 'notLoggedIn');
    return c.json({ status: 'stopped' as const }, 200);
  });

  app.openapi(takeoverRoute, async (c) => {
    const { accountId, reason: check, code } = c.req.valid('json');
    const unproven = await recentProof(c, ctx, code);
    if (unproven) return unproven;
    const result = await startTakeoverForCaller(ctx.deps, c.var.staff, { accountId, check });
    if (result.kind === 'not-found') return apiError(c, 404, 'accountNotFound');
    if (result.kind === 'not-applicable') return apiError(c, 409, 'notApplicable');
    if (result.kind === 'again-needs-supervisor') return apiError(c, 403, 'vouchAgainNeedsSupervisor');
    if (result.kind === 'not-staff') return apiError(c, 401, 'notLoggedIn');
    return c.json({ status: 'approved' as const, requestId: result.requestId }, 200);
  });
}
