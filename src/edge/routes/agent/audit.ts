import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { audited } from '../../../auth/agents/audit.ts';
import { auditCsv } from '../../audit-csv.ts';
import type { EdgeContext, Env } from '../../env.ts';
import { requireStaff } from '../../middleware/staff.ts';
import { AuditEntrySchema, dayParam } from '../../../shared/api/schemas-agent.ts';
import { errorResponse, jsonBody } from '../../../shared/api/schemas.ts';
import { denied } from './denied.ts';

const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The audit log, for supervisors: read and exported by POST, and both are themselves in the log. */
export function agentAuditRoutes(ctx: EdgeContext, app: OpenAPIHono<Env>) {
  const auditRoute = createRoute({
    method: 'post',
    path: '/agent/audit',
    summary: 'The audit log over a period, as JSON or CSV (supervisors; itself audited)',
    middleware: requireStaff(ctx, 'supervisor'),
    request: { body: jsonBody(z.strictObject({ from: dayParam, to: dayParam, format: z.enum(['json', 'csv']).optional() })) },
    responses: {
      200: {
        description: 'Entries, newest first; as CSV with every formula defused',
        content: {
          'application/json': { schema: z.object({ entries: z.array(AuditEntrySchema) }) },
          'text/csv': { schema: z.string() },
        },
      },
      422: errorResponse('Invalid input'),
      ...denied,
    },
  });

  app.openapi(auditRoute, async (c) => {
    const { from, to, format } = c.req.valid('json');
    const entries = await audited(ctx.deps, c.var.staff.account, {
      action: 'auditView',
      subject: `${from}..${to}`,
      reason: format === 'csv' ? 'export' : 'view',
      work: (store) => store.listAudit(dayStart(from), dayStart(to) + 86_400_000, 10_000),
      outcome: (list) => `done: ${list.length} entries`,
    });
    if (format !== 'csv')
      return c.json(
        {
          entries: entries.map(({ seq, at, agent_email, action, subject, reason, outcome }) => ({
            seq,
            at,
            agent_email,
            action,
            subject,
            reason,
            outcome,
          })),
        },
        200,
      );
    return c.body(auditCsv(entries), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-${from}-${to}.csv"`,
    });
  });
}
