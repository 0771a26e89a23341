import type { OpenAPIHono } from '@hono/zod-openapi';
import type { EdgeContext, Env } from '../../env.ts';
import { agentAuditRoutes } from './audit.ts';
import { agentCustomerRoutes } from './customers.ts';
import { agentReportRoutes } from './report.ts';
import { agentSessionRoutes } from './session.ts';
import { agentStaffRoutes } from './staff.ts';

/** The call-center console's API. */
export function agentRoutes(ctx: EdgeContext, app: OpenAPIHono<Env>) {
  agentSessionRoutes(ctx, app);
  agentCustomerRoutes(ctx, app);
  agentStaffRoutes(ctx, app);
  agentAuditRoutes(ctx, app);
  agentReportRoutes(ctx, app);
}
