import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isLang, texts, type Catalog, type Lang } from '../i18n/index.ts';

export type ApiErrorCode = keyof Catalog['api'];

export function requestLang(c: Context): Lang {
  const lang = c.get('language');
  return isLang(lang) ? lang : 'nl';
}

/** The one shape of every error answer: a code for programs, a message for people. */
export function apiError(c: Context, status: ContentfulStatusCode, code: ApiErrorCode, headers?: Record<string, string>) {
  return c.json(
    { error: { code, message: texts(requestLang(c)).api[code] }, requestId: c.get('requestId') },
    status,
    headers,
  );
}

/** An unknown path is a 404; a known path with another method a 405 with `Allow`. */
export function methodNotAllowedOrNotFound(c: Context, routes: { path: string; method: string }[]) {
  const path = c.req.path;
  const allowed = routes
    .filter((r) => r.method !== 'ALL' && r.path !== '/*' && pathPattern(r.path).test(path))
    .map((r) => r.method);
  if (allowed.length === 0) return apiError(c, 404, 'notFound');
  return apiError(c, 405, 'methodNotAllowed', { Allow: [...new Set(allowed)].join(', ') });
}

function pathPattern(path: string): RegExp {
  const source = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\/:[^/]+/g, '/[^/]+');
  return new RegExp(`^${source}/?$`);
}

/** A fault is logged with its request id and answered without any internals. */
export function handleFault(error: Error, c: Context) {
  if (error instanceof HTTPException && error.status < 500) {
    return apiError(c, error.status as ContentfulStatusCode, error.status === 404 ? 'notFound' : 'methodNotAllowed');
  }
  console.error(JSON.stringify({ level: 'error', requestId: c.get('requestId'), path: c.req.path, error: error.message }));
  return apiError(c, 500, 'internal');
}
