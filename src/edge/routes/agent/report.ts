import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { report } from '../../../analytics/signals.ts';
import type { EdgeContext, Env } from '../../env.ts';
import { requireStaff } from '../../middleware/staff.ts';
import { dayParam, ReportSchema } from '../../../shared/api/schemas-agent.ts';
import { errorResponse, jsonResponse } from '../../../shared/api/schemas.ts';
import { denied } from './denied.ts';

/** What customers could not find: counts only, nothing about anyone, so reading it is not audited. */
export function agentReportRoutes(ctx: EdgeContext, app: OpenAPIHono<Env>) {
  const reportRoute = createRoute({
    method: 'get',
    path: '/agent/report',
    summary: 'What customers could not find, over a period',
    middleware: requireStaff(ctx),
    request: { query: z.object({ from: dayParam, to: dayParam }) },
    responses: { 200: jsonResponse(ReportSchema, 'The report'), 422: errorResponse('Invalid input'), ...denied },
  });

  app.openapi(reportRoute, async (c) => {
    const { from, to } = c.req.valid('query');
    return c.json(await report(ctx.deps, Date.parse(`${from}T00:00:00Z`), Date.parse(`${to}T00:00:00Z`) + 86_400_000), 200);
  });
}
