import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { format, isLang, texts, type Catalog, type Lang } from '../i18n/index.ts';
import type { Env } from './env.ts';
import type { RequestView } from '../auth/recovery/requests.ts';

export type ApiErrorCode = keyof Catalog['api'];

export function requestLang(c: Context): Lang {
  const lang = c.get('language');
  return isLang(lang) ? lang : 'nl';
}

export interface ErrorExtras {
  /** A message composed by the caller, e.g. a diagnosis, instead of the code's own. */
  message?: string;
  /** Values for the message's placeholders. */
  vars?: Record<string, string | number>;
  /** Per-field messages, already translated. */
  fields?: Record<string, string>;
  headers?: Record<string, string>;
  /** More machine-readable facts: a diagnosis, the end of a lock. */
  body?: Pick<ErrorBody, 'diagnosis' | 'lockedUntil' | 'replacement'>;
}

/** Every error answer of the API has this shape (see ErrorResponse in schemas.ts). */
export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
  requestId?: string;
  diagnosis?: {
    kind: 'clockDrift' | 'usedCode' | 'oldAuthenticator' | 'wrongCode';
    minutes?: number;
    direction?: 'ahead' | 'behind';
    lockedUntil?: number | null;
  };
  lockedUntil?: number;
  /**
   * Linking an app would replace the company's current login: whose, the request to do so, if any,
   * and whether eHerkenning can ask and prove it in one step.
   */
  replacement?: { holder: string; request: RequestView | null; eherkenning?: boolean };
}

/** The one shape of every error answer: a code for programs, a translated message for people. */
export function apiError<S extends ContentfulStatusCode>(
  c: Context<Env>,
  status: S,
  code: ApiErrorCode,
  extras: ErrorExtras = {},
) {
  const message = extras.message ?? format(texts(requestLang(c)).api[code], extras.vars ?? {});
  const body: ErrorBody = {
    error: { code, message, ...(extras.fields ? { fields: extras.fields } : {}) },
    ...extras.body,
    requestId: c.get('requestId'),
  };
  return c.json(body, status, extras.headers);
}

/** An unknown path is a 404; a known path with another method a 405 with `Allow`. */
export function methodNotAllowedOrNotFound(c: Context<Env>, routes: { path: string; method: string }[]) {
  const path = c.req.path;
  const allowed = routes
    .filter((r) => r.method !== 'ALL' && !r.path.endsWith('*') && pathPattern(r.path).test(path))
    .map((r) => r.method);
  if (allowed.length === 0) return apiError(c, 404, 'notFound');
  return apiError(c, 405, 'methodNotAllowed', { headers: { Allow: [...new Set(allowed)].join(', ') } });
}

function pathPattern(path: string): RegExp {
  const source = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\/:[^/]+/g, '/[^/]+');
  return new RegExp(`^${source}$`);
}

/** Hono's own refusals (bad JSON, too large) keep their status with our message; anything else is a fault. */
export function handleFault(error: Error, c: Context<Env>) {
  if (error instanceof HTTPException && error.status < 500) {
    const code: ApiErrorCode =
      error.status === 413
        ? 'payloadTooLarge'
        : error.status === 415
          ? 'unsupportedMediaType'
          : error.status === 400
            ? 'malformedJson'
            : 'invalidInput';
    return apiError(c, error.status as ContentfulStatusCode, code);
  }
  // A client that hung up while sending its body leaves a reset connection behind: that is not
  // the database going away, and must not raise its alarm. Nobody reads this answer.
  if (c.env?.clientLeft?.()) {
    c.get('log')?.warn({ failure: describe(error) }, 'client left before its request was read');
    return apiError(c, 400, 'invalidInput');
  }
  if (isUnavailable(error)) {
    c.get('log')?.error({ failure: describe(error) }, 'store unavailable');
    return apiError(c, 503, 'unavailable', { headers: { 'Retry-After': '30' } });
  }
  c.get('log')?.error({ failure: describe(error) }, 'request failed');
  return apiError(c, 500, 'internal');
}

/** The database went away: a connection refused, reset or timed out. */
function isUnavailable(error: Error): boolean {
  const code = (error as { code?: string }).code ?? '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03', '08006', '08001', '08003'].includes(code) ||
    /Connection terminated|timeout exceeded when trying to connect|connection error and is not queryable|database is locked/i.test(
      error.message,
    )
  );
}

/**
 * For the log: the message and where, never request data. Not under `err`, whose pino serializer
 * took this for an error and wrote its type as "Object"; nor as `code`, which the logger removes
 * everywhere (a login code could stand there), and with it ECONNREFUSED or PostgreSQL's own codes.
 */
function describe(error: Error) {
  return {
    type: error.name,
    message: error.message,
    errorCode: (error as { code?: string }).code,
    stack: error.stack?.split('\n').slice(0, 6).join('\n'),
  };
}
