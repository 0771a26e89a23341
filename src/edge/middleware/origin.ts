import type { Context, MiddlewareHandler } from 'hono';
import type { Env } from '../env.ts';
import { apiError } from '../errors.ts';
import { fromAnotherSite } from '../fetch-metadata.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for every state-changing request: the browser must say it comes
 * from our own origin (Origin header, or Sec-Fetch-Site for old clients).
 * Together with SameSite=Lax cookies and JSON-only bodies this shuts out forms
 * and scripts on other sites. Reads come from our pages too; only the paths a
 * browser's window is sent to from elsewhere (`navigations`: the broker sending
 * it back after eHerkenning) take that from another site. Sixty images on any
 * page would otherwise use up the visitor's login allowance.
 */
export function sameOrigin(publicOrigin: string, navigations: string[]): MiddlewareHandler<Env> {
  return async (c, next) => {
    if (SAFE.has(c.req.method))
      return fromAnotherSite((name) => c.req.header(name), navigations.includes(c.req.path)) ? refuse(c, publicOrigin) : next();
    const origin = c.req.header('origin');
    const fetchSite = c.req.header('sec-fetch-site');
    const ok = origin ? origin === publicOrigin : fetchSite === 'same-origin';
    if (!ok) return refuse(c, publicOrigin);
    return next();
  };
}

const refuse = (c: Context<Env>, publicOrigin: string) => apiError(c, 403, 'crossOrigin', { vars: { origin: publicOrigin } });

/** The request body's media type, as Hono's validators read it: without parameters, in lower case. */
export const mediaType = (c: Context<Env>) => c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();

/**
 * Whether the body is UTF-8, as JSON must be (RFC 8259) and our forms are: a body said to be in
 * another charset would be read as UTF-8 anyway, and fail as malformed rather than as refused.
 */
const utf8 = (c: Context<Env>) => {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(c.req.header('content-type') ?? '')?.[1]?.toLowerCase();
  return charset === undefined || charset === 'utf-8' || charset === 'utf8';
};

/** Bodies are JSON (or, on the listed paths, a plain form): anything else is refused before it is read. */
export function jsonBodies(formPaths: string[] = []): MiddlewareHandler<Env> {
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const length = c.req.header('content-length');
    const hasBody = (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
    const type = mediaType(c);
    const form = type === 'application/x-www-form-urlencoded' && formPaths.includes(c.req.path);
    // A charset is looked at whatever the length says: an in-process request has no length.
    if (!utf8(c) || (hasBody && type !== 'application/json' && !form)) return apiError(c, 415, 'unsupportedMediaType');
    return next();
  };
}
