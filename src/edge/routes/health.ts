import { hash, timingSafeEqual } from 'node:crypto';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { EdgeContext, Env } from '../env.ts';
import { apiError } from '../errors.ts';
import { jsonResponse } from '../../shared/api/schemas.ts';
import pkg from '../../../package.json' with { type: 'json' };

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  summary: 'The process lives (for a liveness probe: restart when this fails)',
  responses: { 200: jsonResponse(z.object({ status: z.literal('ok'), version: z.string() }), 'Alive') },
});

const ReadinessBody = z.object({
  status: z.enum(['ready', 'not ready']),
  checks: z.object({
    database: z.enum(['ok', 'unreachable']),
    migrations: z.enum(['current', 'pending', 'unknown']),
    mail: z.enum(['smtp', 'outbox', 'log']),
  }),
});

const readyRoute = createRoute({
  method: 'get',
  path: '/ready',
  summary: 'This instance can serve customers: database reachable, migrations current, mail configured (for a load balancer)',
  responses: {
    200: jsonResponse(ReadinessBody, 'Ready'),
    503: jsonResponse(ReadinessBody, 'Not ready, with the check that failed'),
  },
});

/** Compared as hashes, so the time taken says nothing about the token. */
function sameToken(given: string, expected: string): boolean {
  const digest = (s: string) => hash('sha256', s, 'buffer');
  return timingSafeEqual(digest(given), digest(expected));
}

export function healthRoutes(ctx: EdgeContext, app: OpenAPIHono<Env>) {
  app.openapi(healthRoute, (c) => c.json({ status: 'ok' as const, version: pkg.version }, 200));

  app.openapi(readyRoute, async (c) => {
    const readiness = await ctx.readiness();
    return readiness.ready
      ? c.json({ status: 'ready' as const, checks: readiness.checks }, 200)
      : c.json({ status: 'not ready' as const, checks: readiness.checks }, 503);
  });

  // Prometheus text format, for the operators' scraper only: not in the public API document.
  app.get('/metrics', async (c) => {
    const token = ctx.metricsToken;
    if (!token || !ctx.metrics) return apiError(c, 404, 'notFound');
    const given = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    if (!given || !sameToken(given, token)) return apiError(c, 401, 'notLoggedIn', { headers: { 'WWW-Authenticate': 'Bearer' } });
    const registry = ctx.metrics.registry;
    return c.body(await registry.metrics(), 200, { 'Content-Type': registry.contentType });
  });
}
