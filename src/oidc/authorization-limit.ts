import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../auth/deps.ts';
import { clientOf } from '../edge/middleware/client-ip.ts';
import { limits } from '../edge/limits.ts';
import { overLimit } from '../edge/middleware/rate-limit.ts';
import { format } from '../i18n/format.ts';
import { texts } from '../i18n/index.ts';
import type { RateLimitHits } from '../store/rate-limit-hits.ts';
import { OIDC_MOUNT } from './mount.ts';

const AUTHORIZATION = `${OIDC_MOUNT}/auth`.toUpperCase();

/**
 * Whether the provider's router will take this path for its authorization endpoint: it matches in
 * any case and with one slash at the end, so `/oidc/AUTH/` stores a login in progress as well.
 */
function isAuthorization(pathname: string): boolean {
  const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  return path.toUpperCase() === AUTHORIZATION;
}

/**
 * The per-client limit on the provider's authorization endpoint, which anyone may call and which
 * stores a login in progress each time: without one, a script could write them as fast as the
 * server answers. Counted like the API's limits, per client network and for all instances; a
 * refusal is a page in both languages, as the browser follows these addresses itself.
 */
export function authorizationLimit(input: { hits: RateLimitHits; clock: Clock; trustProxy: boolean; factor: number }) {
  const { limit, windowMs } = limits.handOver;
  /** Answers the request when it is one too many, and says whether it did. */
  return async function refused(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (!isAuthorization(new URL(req.url ?? '/', 'http://host').pathname)) return false;
    const forwarded = req.headers['x-forwarded-for'];
    const client = clientOf(
      Array.isArray(forwarded) ? forwarded.join(',') : forwarded,
      req.socket.remoteAddress,
      input.trustProxy,
    );
    const wait = await overLimit(input.hits, input.clock, `handOver:${client}`, limit * input.factor, windowMs);
    if (!wait) return false;
    const { seconds, minutes } = wait;
    res.writeHead(429, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      'Retry-After': String(seconds),
    });
    res.end(`${format(texts('nl').api.throttled, { minutes })}\n\n${format(texts('en').api.throttled, { minutes })}`);
    return true;
  };
}
