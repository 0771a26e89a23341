import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Env } from '../env.ts';

/**
 * Hono's body limit, which asks for the request's body stream before it reads the length: on
 * Node that turns the adapter's light request into a full WHATWG Request, a tenth of a refused
 * login code's CPU time. A body that states its length is judged on it here, untouched; a
 * chunked one still goes through Hono's counting reader. GET and HEAD carry none that is read.
 */
export function bodyLimitByLength(maxSize: number, onError: (c: Context<Env>) => Response): MiddlewareHandler<Env> {
  // Refused half-way, a chunked body's rest is never read, so the connection cannot carry another request.
  const counted = bodyLimit({
    maxSize,
    onError: (c) => {
      const refusal = onError(c);
      refusal.headers.set('Connection', 'close');
      return refusal;
    },
  });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return counted(c, next);
    if (Number(length) > maxSize) return onError(c);
    await next();
  };
}
