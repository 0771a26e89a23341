import { connectionFaults } from '../i18n/connection.ts';
import type { Lang } from '../i18n/lang.ts';

export interface ApiAnswer<T = Record<string, unknown>> {
  ok: boolean;
  status: number;
  data: T & {
    error?: { code: string; message: string; fields?: Record<string, string> };
    diagnosis?: { kind: string; minutes?: number; direction?: string; lockedUntil?: number | null };
  };
}

/**
 * How long a read may take before the page gives up on it and says so: a GET, or a POST marked
 * `reads` (one that only looks something up). A call that changes something is never given up
 * on: the server may have done it already (a recovery code used, new codes made), and its late
 * answer is the only way the customer learns the outcome. While one is waited for, the page
 * says after SLOW_MS that it is taking long (`useSlow`).
 */
export const API_TIMEOUT_MS = 20_000;

/** Calls our API as JSON in the page's language; a failure on the way becomes an answer too, never an exception. */
export async function callApi<T = Record<string, unknown>>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  lang: Lang,
  body?: unknown,
  options: { reads?: boolean } = {},
): Promise<ApiAnswer<T>> {
  // A timer the page owns rather than AbortSignal.timeout: it is the one a test's clock moves.
  const controller = new AbortController();
  const timer = method === 'GET' || options.reads ? setTimeout(() => controller.abort(), API_TIMEOUT_MS) : undefined;
  const failed = (code: keyof (typeof connectionFaults)[Lang], status = 0): ApiAnswer<T> => ({
    ok: false,
    status,
    data: { error: { code, message: connectionFaults[lang][code] } } as ApiAnswer<T>['data'],
  });
  let res: Response;
  let text: string;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { 'Accept-Language': lang, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: controller.signal,
    });
    text = await res.text();
  } catch {
    return failed(controller.signal.aborted ? 'timeout' : 'network');
  } finally {
    clearTimeout(timer);
  }
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    return failed('unavailable', res.status);
  }
  // Ours is always an object, and a refusal of ours always names its code and says it in words:
  // anything else is the answer of something in between (a proxy, a gateway), which the page
  // could not explain.
  const error = (data as ApiAnswer['data'] | null)?.error;
  const ours =
    typeof data === 'object' &&
    data !== null &&
    (res.ok || (typeof error?.code === 'string' && typeof error.message === 'string'));
  return ours ? { ok: res.ok, status: res.status, data: data as ApiAnswer<T>['data'] } : failed('unavailable', res.status);
}
