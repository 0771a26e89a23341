import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Metrics } from '../../metrics/metrics.ts';
import type { Env } from '../env.ts';

/** Counts and times each request by its route pattern, so an id in a path never becomes a label. */
export function requestMetrics(metrics: Metrics): MiddlewareHandler<Env> {
  return async (c, next) => {
    const start = performance.now();
    await next();
    const pattern = routePath(c, -1);
    const route = pattern.endsWith('*') ? 'unmatched' : pattern;
    metrics.request(c.req.method, route, c.res.status, (performance.now() - start) / 1000);
  };
}
