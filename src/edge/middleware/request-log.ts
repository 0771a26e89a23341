import type { MiddlewareHandler } from 'hono';
import type { Logger, LogFn } from 'pino';
import type { Env, RequestLog } from '../env.ts';

/** One line per request: what, how it ended, how long. No bodies, no query strings, no cookies. */
export function requestLog(log: Logger): MiddlewareHandler<Env> {
  return async (c, next) => {
    const start = performance.now();
    // The logger that binds the request's id is made at the request's first line: with the log at
    // `warn` or above most requests write none, and making one was 1 % of a refused code's CPU.
    let child: Logger | undefined;
    const at =
      (level: keyof RequestLog): LogFn =>
      (...line: Parameters<LogFn>) => {
        if (log.isLevelEnabled(level)) (child ??= log.child({ requestId: c.get('requestId') }))[level](...line);
      };
    const lines: RequestLog = { info: at('info'), warn: at('warn'), error: at('error') };
    c.set('log', lines);
    await next();
    if (log.isLevelEnabled('info'))
      lines.info(
        { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - start) },
        'request',
      );
  };
}
