import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { EdgeContext, Env } from '../env.ts';
import { jsonResponse } from '../schemas.ts';
import pkg from '../../../package.json' with { type: 'json' };

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  summary: 'The process lives',
  responses: { 200: jsonResponse(z.object({ status: z.literal('ok'), version: z.string() }), 'Alive') },
});

export function healthRoutes(_ctx: EdgeContext, app: OpenAPIHono<Env>) {
  app.openapi(healthRoute, (c) => c.json({ status: 'ok' as const, version: pkg.version }, 200));
}
