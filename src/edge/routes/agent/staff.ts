import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { listStaff, staffAction, type StaffAction } from '../../../auth/agents/staff-admin.ts';
import type { EdgeContext, Env } from '../../env.ts';
import { apiError } from '../../errors.ts';
import { recentProof, requireStaff } from '../../middleware/staff.ts';
import { reason, staffCode, StaffMemberSchema } from '../../../shared/api/schemas-agent.ts';
import { errorResponse, jsonBody, jsonResponse } from '../../../shared/api/schemas.ts';
import { denied, proofDenied } from './denied.ts';

/** Supervisors manage the staff: disable, enable, lift a lock, a new invitation, a new role; each audited. */
export function agentStaffRoutes(ctx: EdgeContext, app: OpenAPIHono<Env>) {
  const supervisors = requireStaff(ctx, 'supervisor');

  const listRoute = createRoute({
    method: 'get',
    path: '/agent/staff',
    summary: 'Every member of staff, with their role and state (supervisors)',
    middleware: supervisors,
    responses: { 200: jsonResponse(z.object({ staff: z.array(StaffMemberSchema) }), 'The staff'), ...denied },
  });

  const actionRoute = createRoute({
    method: 'post',
    path: '/agent/staff/{id}/{action}',
    summary:
      'Disable or enable a member of staff, lift their lock, send a new invitation, or change their role (supervisors; audited)',
    middleware: supervisors,
    request: {
      params: z.object({ id: z.uuid(), action: z.enum(['disable', 'enable', 'lift-lock', 'reset', 'role']) }),
      body: jsonBody(z.strictObject({ reason, role: z.enum(['agent', 'supervisor']).optional(), code: staffCode })),
    },
    responses: {
      200: jsonResponse(
        z.object({
          status: z.literal('done'),
          stopped: z
            .number()
            .int()
            .describe('Running requests the person had approved, now stopped (disable, reset, or made agent)'),
        }),
        'Done and logged',
      ),
      404: errorResponse('No such member of staff'),
      409: errorResponse('Not possible: not in that state, oneself, or the last supervisor'),
      ...denied,
      ...proofDenied,
    },
  });

  app.openapi(listRoute, async (c) => c.json({ staff: await listStaff(ctx.deps) }, 200));

  app.openapi(actionRoute, async (c) => {
    const { id, action } = c.req.valid('param');
    const body = c.req.valid('json');
    const unproven = await recentProof(c, ctx, body.code);
    if (unproven) return unproven;
    const target = await ctx.deps.store.findAccountById(id);
    if (!target || target.role === 'customer') return apiError(c, 404, 'accountNotFound');
    if (action === 'role' && !body.role) return apiError(c, 422, 'invalidInput', { fields: { role: 'agent | supervisor' } });
    const staff: StaffAction = action === 'role' ? { kind: 'role', role: body.role! } : { kind: action };
    const result = await staffAction(ctx.deps, c.var.staff, { email: target.email, action: staff, reason: body.reason });
    switch (result.kind) {
      case 'done':
        return c.json({ status: 'done' as const, stopped: result.stopped }, 200);
      case 'not-found':
        return apiError(c, 404, 'accountNotFound');
      case 'self':
        return apiError(c, 409, 'staffSelf');
      case 'last-supervisor':
        return apiError(c, 409, 'lastSupervisor');
      case 'not-applicable':
        return apiError(c, 409, 'notApplicable');
      case 'not-supervisor':
        return apiError(c, 401, 'notLoggedIn');
    }
  });
}
