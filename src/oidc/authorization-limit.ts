import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../auth/deps.ts';
import { clientOf } from '../edge/middleware/client-ip.ts';
import { limits } from '../edge/limits.ts';
import { overLimit } from '../edge/middleware/rate-limit.ts';
import { format } from '../i18n/format.ts';
import { texts } from '../i18n/index.ts';
import type { Lang } from '../i18n/lang.ts';
import { fromAnotherSite } from '../edge/fetch-metadata.ts';
import type { RateLimitHits } from '../store/rate-limit-hits.ts';
import { OIDC_MOUNT } from './mount.ts';

const AUTHORIZATION_FOLDED = `${OIDC_MOUNT}/auth`.toUpperCase();

/**
 * Whether the provider will take this request for its authorization endpoint. Its Koa reads the
 * path as it came (up to the query, neither decoded nor normalised) and its router matches that in
 * any case and with one slash at the end, so `/oidc/AUTH/` stores a login in progress as well.
 */
function isAuthorization(url: string): boolean {
  const path = url.split(/[?#]/, 1)[0]!;
  return (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path).toUpperCase() === AUTHORIZATION_FOLDED;
}

/**
 * The per-client limit on the provider's authorization endpoint, which anyone may call and which
 * stores a login in progress each time: without one, a script could write them as fast as the
 * server answers. Counted like the API's limits, per client network and for all instances; a
 * refusal is a page in both languages, as the browser follows these addresses itself.
 */
export function authorizationLimit(input: {
  hits: RateLimitHits;
  clock: Clock;
  trustProxy: boolean;
  factor: number;
  publicOrigin: string;
}) {
  const { limit, windowMs } = limits.handOver;
  /** Answers the request when it is one too many, and says whether it did. */
  return async function refused(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (!isAuthorization(req.url ?? '/')) return false;
    // A portal sends the browser's window here; another site's images or frames would only use up the limit.
    if (fromAnotherSite((name) => req.headers[name], true)) {
      return answer(res, 403, {}, (lang) => format(texts(lang).api.crossOrigin, { origin: input.publicOrigin }));
    }
    const forwarded = req.headers['x-forwarded-for'];
    const client = clientOf(
      Array.isArray(forwarded) ? forwarded.join(',') : forwarded,
      req.socket.remoteAddress,
      input.trustProxy,
    );
    const wait = await overLimit(input.hits, input.clock, `handOver:${client}`, limit * input.factor, windowMs);
    if (!wait) return false;
    const { seconds, minutes } = wait;
    return answer(res, 429, { 'Retry-After': String(seconds) }, (lang) => format(texts(lang).api.throttled, { minutes }));
  };
}

/** A refusal as a page in both languages: the browser came here itself, with no page of ours to say it. */
function answer(res: ServerResponse, status: number, headers: Record<string, string>, text: (lang: Lang) => string): true {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(`${text('nl')}\n\n${text('en')}`);
  return true;
}
