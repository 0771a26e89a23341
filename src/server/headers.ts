import { posix } from 'node:path';
import { flowPaths, staffPaths, tokenPages } from '../config/flow-paths.ts';

/**
 * Headers for every response of the site. Each page's own Content-Security-Policy
 * is a meta tag from Astro (see astro.config.ts); this header adds what a meta
 * tag cannot carry, and the browser enforces both.
 */
export function pageHeaders(publicOrigin: string): [string, string][] {
  return [
    ...transportHeaders(publicOrigin),
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['X-Frame-Options', 'DENY'],
    ['Content-Security-Policy', "frame-ancestors 'none'; object-src 'none'; base-uri 'self'"],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
  ];
}

/**
 * What every response carries, the OpenID Provider's too (its pages set their own policy, and its
 * redirects and JSON must not be framed by ours): no sniffing, and https only once seen over it.
 */
export function transportHeaders(publicOrigin: string): [string, string][] {
  return [
    ['X-Content-Type-Options', 'nosniff'],
    ...(publicOrigin.startsWith('https://')
      ? [['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'] as [string, string]]
      : []),
  ];
}

const tokenPaths = new Set<string>([
  ...tokenPages.flatMap((page) => Object.values(flowPaths[page])),
  ...Object.values(staffPaths.invite),
]);

/**
 * What one page's address adds to the site's headers, its path read once: a page whose address
 * carries a one-time token sends no Referer at all; pages that show a person's own data are not
 * kept, not in a shared cache and not for the back button of the next person at a shared computer
 * (FreshOnBack loads them again where a browser keeps one anyway).
 */
export function headersForPage(path: string): [string, string][] {
  const page = pagePath(path);
  const headers: [string, string][] = [];
  if (tokenPaths.has(page)) headers.push(['Referrer-Policy', 'no-referrer']);
  if (personalPrefixes.some((prefix) => page.startsWith(prefix))) headers.push(['Cache-Control', 'no-store']);
  return headers;
}

/**
 * A request's path as the page it serves is named: the static server decodes it (`/%70ortaal/`,
 * `/%2Fportaal/`), then reads slashes in a row as one (`/en//portal/`) and resolves dot segments
 * the URL did not (`/en/..%2Fportaal/`), and serves a folder's page with or without its last slash.
 */
function pagePath(path: string): string {
  let clean = path.split(/[?#]/)[0]!;
  try {
    clean = decodeURIComponent(clean);
  } catch {
    // Not valid percent-encoding: the static server finds no page for it either.
  }
  clean = posix.normalize(clean);
  return clean.endsWith('/') ? clean : `${clean}/`;
}

/** The pages of one person's own account: the portal, its flows and the console. */
const personalPrefixes = [flowPaths.portal, staffPaths.console].flatMap((page) => Object.values(page));
