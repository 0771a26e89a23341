import type { Lang } from '../i18n/lang.ts';

export interface ApiAnswer<T = Record<string, unknown>> {
  ok: boolean;
  status: number;
  data: T & {
    error?: { code: string; message: string; fields?: Record<string, string> };
    diagnosis?: { kind: string; minutes?: number; direction?: string; lockedUntil?: number | null };
  };
}

/** Calls our API as JSON in the page's language; a network failure becomes an answer too, never an exception. */
export async function callApi<T = Record<string, unknown>>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  lang: Lang,
  body?: unknown,
): Promise<ApiAnswer<T>> {
  try {
    const res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { 'Accept-Language': lang, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    const data = text ? JSON.parse(text) : {};
    return { ok: res.ok, status: res.status, data };
  } catch {
    const message =
      lang === 'nl'
        ? 'Er is geen verbinding. Controleer uw internet en probeer het opnieuw.'
        : 'There is no connection. Please check your internet and try again.';
    return { ok: false, status: 0, data: { error: { code: 'network', message } } as ApiAnswer<T>['data'] };
  }
}
