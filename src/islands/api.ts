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
 * How long a call may take before the customer hears of it. A password login under load takes
 * a few seconds; past this a connection that hangs would leave the button waiting for ever.
 */
export const API_TIMEOUT_MS = 20_000;

/** What the page says when no answer of ours came: the connection, the time, or something in between. */
const FAILURES = {
  network: {
    nl: 'Er is geen verbinding. Controleer uw internet en probeer het opnieuw.',
    en: 'There is no connection. Please check your internet and try again.',
  },
  timeout: {
    nl: 'Er kwam geen antwoord op tijd. Probeer het opnieuw.',
    en: 'No answer came in time. Please try again.',
  },
  // An answer that is not ours, such as a proxy's error page.
  unavailable: {
    nl: 'Dit lukt nu even niet. Probeer het over een paar minuten opnieuw.',
    en: 'This is not working right now. Please try again in a few minutes.',
  },
} satisfies Record<string, Record<Lang, string>>;

/** Calls our API as JSON in the page's language; a failure on the way becomes an answer too, never an exception. */
export async function callApi<T = Record<string, unknown>>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  lang: Lang,
  body?: unknown,
): Promise<ApiAnswer<T>> {
  // A timer the page owns rather than AbortSignal.timeout: it is the one a test's clock moves.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), API_TIMEOUT_MS);
  const failed = (code: keyof typeof FAILURES, status = 0): ApiAnswer<T> => ({
    ok: false,
    status,
    data: { error: { code, message: FAILURES[code][lang] } } as ApiAnswer<T>['data'],
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
  try {
    return { ok: res.ok, status: res.status, data: text ? JSON.parse(text) : {} };
  } catch {
    return failed('unavailable', res.status);
  }
}
