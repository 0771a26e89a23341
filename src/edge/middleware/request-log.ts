import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { Env } from '../env.ts';

/** One line per request: what, how it ended, how long. No bodies, no query strings, no cookies. */
export function requestLog(log: Logger): MiddlewareHandler<Env> {
  return async (c, next) => {
    const start = performance.now();
    const child = log.child({ requestId: c.get('requestId') });
    c.set('log', child);
    await next();
    child.info(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - start) },
      'request',
    );
  };
}
