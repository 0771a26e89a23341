import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AuthDeps } from '../auth/deps.ts';
import { endSession } from '../auth/sessions.ts';

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

/**
 * A browser holds one session: the one whose cookie this replaces is ended, and its hand-overs to
 * the portal with it (their back-channel logouts queued). A second login at a shared computer (the
 * login page again, eHerkenning, a mailed link) left the first alive, and the portal on it, after
 * "log out", until it went idle. A session rotated to the new token has no row left to end.
 */
export async function setSessionCookie(c: Context, deps: AuthDeps, token: string): Promise<void> {
  const previous = sessionToken(c);
  if (previous && previous !== token) await endSession(deps, previous);
  setCookie(c, SESSION_COOKIE, token, { path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
  setCookie(c, SESSION_HINT_COOKIE, '1', { path: '/', secure: true, sameSite: 'Lax' });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
  deleteCookie(c, SESSION_HINT_COOKIE, { path: '/', secure: true });
}
