import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../../auth/deps.ts';
import type { RateLimitHits } from '../../store/rate-limit-hits.ts';
import type { Env } from '../env.ts';
import { apiError } from '../errors.ts';
import { limits, type LimitName } from '../limits.ts';

/**
 * Declared with the route it guards (`middleware: limited('login')`), so a route and its
 * limit cannot drift apart; the counting store and the factor come from the app.
 */
export function limited(name: LimitName): MiddlewareHandler<Env> {
  return (c, next) => c.var.limiter(name)(c, next);
}

/** Every limit, counted by one counter and scaled by one factor: what `limited` asks for. */
export function limiters(hits: RateLimitHits, clock: Clock, factor = 1): (name: LimitName) => MiddlewareHandler<Env> {
  const made = new Map<LimitName, MiddlewareHandler<Env>>();
  for (const [name, { limit, windowMs }] of Object.entries(limits) as [LimitName, (typeof limits)[LimitName]][]) {
    made.set(name, rateLimit(hits, clock, name, limit * factor, windowMs));
  }
  return (name) => made.get(name)!;
}

/** A fixed-window limit per client address, counted for all instances together (`createRateLimitHits`). */
export function rateLimit(
  hits: RateLimitHits,
  clock: Clock,
  name: string,
  limit: number,
  windowMs: number,
): MiddlewareHandler<Env> {
  return async (c, next) => {
    const now = clock.now();
    const windowStart = Math.floor(now / windowMs) * windowMs;
    if ((await hits.hit(`${name}:${c.get('clientIp')}`, windowStart, windowStart + windowMs)) > limit) {
      const seconds = Math.ceil((windowStart + windowMs - now) / 1000);
      return apiError(c, 429, 'throttled', {
        vars: { minutes: Math.max(1, Math.ceil(seconds / 60)) },
        headers: { 'Retry-After': String(seconds) },
      });
    }
    return next();
  };
}
