import type { MiddlewareHandler } from 'hono';
import type { Store } from '../../store/types.ts';
import type { Env } from '../env.ts';
import { apiError } from '../errors.ts';

/**
 * A fixed-window limit per client address, counted in the store so that every
 * instance behind a load balancer counts the same hits.
 */
export function rateLimit(store: Store, name: string, limit: number, windowMs: number): MiddlewareHandler<Env> {
  return async (c, next) => {
    const now = Date.now();
    const windowStart = Math.floor(now / windowMs) * windowMs;
    const hits = await store.hitRateLimit(`${name}:${c.get('clientIp')}`, windowStart);
    if (hits > limit) {
      const seconds = Math.ceil((windowStart + windowMs - now) / 1000);
      return apiError(c, 429, 'throttled', {
        vars: { minutes: Math.max(1, Math.ceil(seconds / 60)) },
        headers: { 'Retry-After': String(seconds) },
      });
    }
    return next();
  };
}
