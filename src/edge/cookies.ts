import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/** `__Host-`: only over HTTPS (or localhost), only for this host, for the whole site. */
export const SESSION_COOKIE = '__Host-session';

export function sessionToken(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

/**
 * Readable by the page's script, and only a hint: the static pages ask the API who
 * is logged in (for the header) only when it is there, not on every page view.
 */
export const SESSION_HINT_COOKIE = 'session_hint';

export function setSessionCookie(c: Context, token: string): void {
  setCookie(c, SESSION_COOKIE, token, { path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
  setCookie(c, SESSION_HINT_COOKIE, '1', { path: '/', secure: true, sameSite: 'Lax' });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
  deleteCookie(c, SESSION_HINT_COOKIE, { path: '/', secure: true });
}
