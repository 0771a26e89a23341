import type { KoaContextWithOIDC } from 'oidc-provider';
import { brand } from '../config/brand.ts';
import { texts } from '../i18n/index.ts';
import type { Lang } from '../i18n/lang.ts';
import { escapeHtml } from '../html/escape.ts';

/**
 * The few pages the provider shows itself: "log out everywhere?", "you are
 * logged out", an error a client caused, and an address it does not have. Plain HTML in the customer's
 * language, in the site's colours, without script.
 */
export function renderProviderPage(
  ctx: KoaContextWithOIDC,
  kind: 'logout' | 'loggedOut' | 'error' | 'notFound',
  extra = '',
): string {
  const asked = String(ctx.oidc?.params?.ui_locales ?? ctx.get('accept-language') ?? '');
  const lang: Lang = asked.trim().toLowerCase().startsWith('en') ? 'en' : 'nl';
  const all = texts(lang);
  const t = all.provider;
  ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'");
  ctx.set('Cache-Control', 'no-store');
  const body =
    kind === 'logout'
      ? `<h1>${escapeHtml(t.logoutTitle)}</h1><p>${escapeHtml(t.logoutText)}</p>${extra}
<p><button class="button" type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>${escapeHtml(t.logoutYes)}</button>
<button class="link" type="submit" form="op.logoutForm">${escapeHtml(t.logoutNo)}</button></p>`
      : kind === 'loggedOut'
        ? `<h1>${escapeHtml(t.loggedOutTitle)}</h1><p>${escapeHtml(t.loggedOutText)}</p>`
        : kind === 'notFound'
          ? `<h1>${escapeHtml(all.notFound.title)}</h1><p>${escapeHtml(t.notFoundText)}</p>`
          : `<h1>${escapeHtml(t.errorTitle)}</h1><p>${escapeHtml(t.errorText)}</p>${extra ? `<p><small>${escapeHtml(extra)}</small></p>` : ''}`;
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(brand.portalName)}</title>
<style>body{font:1.0625rem/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
.button{min-height:44px;padding:.6rem 1.25rem;font:inherit;font-weight:600;color:#fff;background:#00527a;border:2px solid #00527a;border-radius:4px;cursor:pointer}
.link{min-height:44px;font:inherit;background:none;border:0;color:#00527a;text-decoration:underline;cursor:pointer}
:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}</style></head>
<body><main>${body}</main></body></html>`;
}
