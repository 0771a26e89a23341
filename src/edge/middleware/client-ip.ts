import type { MiddlewareHandler } from 'hono';
import type { Env } from '../env.ts';

/**
 * The client address for rate limits: the socket address Astro hands over, or,
 * behind a reverse proxy (TRUST_PROXY=true), the right-most X-Forwarded-For
 * entry, which is the one our own proxy added and a client cannot forge.
 */
export function clientIp(trustProxy: boolean): MiddlewareHandler<Env> {
  return async (c, next) => {
    const forwarded = c.req
      .header('x-forwarded-for')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .at(-1);
    c.set('clientIp', (trustProxy && forwarded) || c.env?.clientAddress || 'unknown');
    await next();
  };
}
