import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { audited } from '../../../auth/agents/audit.ts';
import { auditCsv } from '../../audit-csv.ts';
import type { EdgeContext, Env } from '../../env.ts';
import { recentProof, requireStaff } from '../../middleware/staff.ts';
import { AuditEntrySchema, dayParam, staffCode } from '../../../shared/api/schemas-agent.ts';
import { errorResponse, jsonBody } from '../../../shared/api/schemas.ts';
import { denied, proofDenied } from './denied.ts';
import { apiError, requestLang } from '../../errors.ts';
import { auditText } from '../../../shared/audit-words.ts';

const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** Entries in one answer or one export. */
const AUDIT_ANSWER = 10_000;

/**
 * The audit log, for supervisors: read and exported by POST, and both are themselves in the log;
 * with the app's code given within STAFF_PROOF_MS, as for an action that gives access.
 */
export function agentAuditRoutes(ctx: EdgeContext, app: OpenAPIHono<Env>) {
  const auditRoute = createRoute({
    method: 'post',
    path: '/agent/audit',
    summary: 'The audit log over a period, as JSON or CSV (supervisors; itself audited)',
    middleware: requireStaff(ctx, 'supervisor'),
    request: {
      body: jsonBody(
        z.strictObject({ from: dayParam, to: dayParam, format: z.enum(['json', 'csv']).optional(), code: staffCode }),
      ),
    },
    responses: {
      200: {
        description: 'Entries, newest first; as CSV with every formula defused',
        content: {
          'application/json': {
            schema: z.object({
              entries: z.array(AuditEntrySchema),
              /** More entries than one answer holds: the newest are shown, a shorter period shows the rest. */
              truncated: z.boolean(),
            }),
          },
          'text/csv': { schema: z.string() },
        },
      },
      409: errorResponse('More entries than one export holds: choose a shorter period'),
      ...denied,
      ...proofDenied,
    },
  });

  app.openapi(auditRoute, async (c) => {
    const { from, to, format, code } = c.req.valid('json');
    // Who looked up whom, and why: a staff laptop left unlocked reads it only with the app's code.
    const unproven = await recentProof(c, ctx, code);
    if (unproven) return unproven;
    const found = await audited(ctx.deps, c.var.staff.account, {
      action: 'auditView',
      subject: `${from}..${to}`,
      reason: auditText(format === 'csv' ? 'auditExported' : 'auditViewed'),
      // One more than is shown, to know whether there are more: nobody can push an entry out of sight unnoticed.
      work: (store) => store.listAudit(dayStart(from), dayStart(to) + 86_400_000, AUDIT_ANSWER + 1),
      outcome: (list) => `done: ${Math.min(list.length, AUDIT_ANSWER)} entries`,
    });
    const truncated = found.length > AUDIT_ANSWER;
    const entries = found.slice(0, AUDIT_ANSWER);
    if (format !== 'csv')
      return c.json(
        {
          truncated,
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
    // An export is evidence: never a part of the period passed off as the whole.
    if (truncated) return apiError(c, 409, 'auditTooMany', { vars: { max: AUDIT_ANSWER.toLocaleString(requestLang(c)) } });
    return c.body(await auditCsv(entries), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-${from}-${to}.csv"`,
    });
  });
}
