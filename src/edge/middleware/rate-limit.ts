import type { Context, MiddlewareHandler } from 'hono';
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

type CountedBy = (c: Context<Env>) => string;
const byClient: CountedBy = (c) => c.get('clientIp');
/** Behind requireStaff: the member of staff, from whichever address. */
const byStaff: CountedBy = (c) => `staff:${c.get('staff').account.id}`;

/** Every limit, counted by one counter and scaled by one factor: what `limited` asks for. */
export function limiters(hits: RateLimitHits, clock: Clock, factor = 1): (name: LimitName) => MiddlewareHandler<Env> {
  const made = new Map<LimitName, MiddlewareHandler<Env>>();
  for (const [name, entry] of Object.entries(limits) as [LimitName, (typeof limits)[LimitName]][]) {
    const counted = 'per' in entry ? byStaff : byClient;
    made.set(name, rateLimit(hits, clock, name, entry.limit * factor, entry.windowMs, counted));
  }
  return (name) => made.get(name)!;
}

/** A fixed-window limit per client address or member of staff, counted for all instances together (`createRateLimitHits`). */
export function rateLimit(
  hits: RateLimitHits,
  clock: Clock,
  name: string,
  limit: number,
  windowMs: number,
  counted: CountedBy,
): MiddlewareHandler<Env> {
  return async (c, next) => {
    const wait = await overLimit(hits, clock, `${name}:${counted(c)}`, limit, windowMs);
    if (!wait) return next();
    return apiError(c, 429, 'throttled', { vars: { minutes: wait.minutes }, headers: { 'Retry-After': String(wait.seconds) } });
  };
}

/**
 * Counts one request of a client (`key`) in the current window; when that is past the limit, how
 * long until the window ends: in seconds for Retry-After, in whole minutes (at least one) to say.
 */
export async function overLimit(
  hits: RateLimitHits,
  clock: Clock,
  key: string,
  limit: number,
  windowMs: number,
): Promise<{ seconds: number; minutes: number } | null> {
  const now = clock.now();
  const windowStart = Math.floor(now / windowMs) * windowMs;
  if ((await hits.hit(key, windowStart, windowStart + windowMs)) <= limit) return null;
  const seconds = Math.ceil((windowStart + windowMs - now) / 1000);
  return { seconds, minutes: Math.max(1, Math.ceil(seconds / 60)) };
}
