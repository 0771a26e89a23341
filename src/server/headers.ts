import { flowPaths, staffPaths, tokenPages } from '../config/flow-paths.ts';

/**
 * Headers for every response of the site. Each page's own Content-Security-Policy
 * is a meta tag from Astro (see astro.config.ts); this header adds what a meta
 * tag cannot carry, and the browser enforces both.
 */
export function pageHeaders(publicOrigin: string): [string, string][] {
  const headers: [string, string][] = [
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['X-Frame-Options', 'DENY'],
    ['Content-Security-Policy', "frame-ancestors 'none'; object-src 'none'; base-uri 'self'"],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
  ];
  if (publicOrigin.startsWith('https://')) {
    headers.push(['Strict-Transport-Security', 'max-age=31536000; includeSubDomains']);
  }
  return headers;
}

const tokenPaths = new Set<string>([
  ...tokenPages.flatMap((page) => Object.values(flowPaths[page])),
  ...Object.values(staffPaths.invite),
]);

/** Pages whose address carries a one-time token send no Referer at all. */
export function referrerPolicyFor(path: string): string | undefined {
  const clean = path.split(/[?#]/)[0]!;
  return tokenPaths.has(clean.endsWith('/') ? clean : `${clean}/`) ? 'no-referrer' : undefined;
}
