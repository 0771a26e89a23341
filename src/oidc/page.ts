import type { KoaContextWithOIDC } from 'oidc-provider';
import { brand, phoneHref } from '../config/brand.ts';
import { texts } from '../i18n/index.ts';
import { format } from '../i18n/format.ts';
import { langAsked, langPrefix, type Lang } from '../i18n/lang.ts';
import { escapeHtml } from '../html/escape.ts';

/** Sent with each of these pages: no script, no framing, never cached. */
export const PROVIDER_PAGE_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
  'Cache-Control': 'no-store',
} as const;

/**
 * Sent with every other answer under /oidc: framed by nobody, and no script but the one that
 * oidc-provider's self-posting answer (`response_mode=form_post`) carries, whose hash it adds to
 * `script-src` itself.
 */
export const PROVIDER_DEFAULT_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Frame-Options': 'DENY',
} as const;

/**
 * The few pages the provider shows itself: "log out everywhere?", "you are
 * logged out", an error a client caused, and an address it does not have. Plain HTML in the customer's
 * language, in the site's colours, without script.
 */
export function renderProviderPage(
  ctx: KoaContextWithOIDC,
  kind: 'logout' | 'alreadyLoggedOut' | 'stillLoggedInHere' | 'loggedOut' | 'error' | 'notFound',
  extra = '',
): string {
  const lang = langAsked(String(ctx.oidc?.params?.ui_locales ?? ctx.get('accept-language') ?? ''));
  const all = texts(lang);
  const t = all.provider;
  for (const [name, value] of Object.entries(PROVIDER_PAGE_HEADERS)) ctx.set(name, value);
  const body =
    kind === 'logout'
      ? `<h1>${escapeHtml(t.logoutTitle)}</h1><p>${escapeHtml(t.logoutText)}</p>${extra}
<p><button class="button" type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>${escapeHtml(t.logoutYes)}</button>
<button class="link" type="submit" form="op.logoutForm">${escapeHtml(t.logoutNo)}</button></p>`
      : kind === 'alreadyLoggedOut' || kind === 'stillLoggedInHere'
        ? `<h1>${escapeHtml(kind === 'alreadyLoggedOut' ? t.loggedOutTitle : t.stillLoggedInTitle)}</h1>
<p>${escapeHtml(kind === 'alreadyLoggedOut' ? t.alreadyLoggedOutText : t.stillLoggedInText)}</p>${extra}
<p><button class="button" type="submit" autofocus>${escapeHtml(t.continue)}</button></p></form>`
        : kind === 'loggedOut'
          ? `<h1>${escapeHtml(t.loggedOutTitle)}</h1><p>${escapeHtml(t.loggedOutText)}</p>`
          : kind === 'notFound'
            ? `<h1>${escapeHtml(all.notFound.title)}</h1><p>${escapeHtml(t.notFoundText)}</p>`
            : `<h1>${escapeHtml(t.errorTitle)}</h1><p>${escapeHtml(t.errorText)}</p>
<p>${fillHtml(t.errorCall, { phone: `<a href="${phoneHref(brand.phone)}">${escapeHtml(brand.phone)}</a>`, code: `<code>${escapeHtml(extra || 'server_error')}</code>` })}</p>
${helpCenterLink(lang)}`;
  return page(lang, body);
}

/**
 * A login for the portal that came back after its ten minutes, or to an address the provider never
 * gave: the portal's request is gone, so only the portal can start it again. Someone logged in with
 * us meanwhile learns that going back gets them straight in.
 */
export function expiredLoginPage(lang: Lang, loggedIn: boolean, minutes: number): string {
  const t = texts(lang).provider;
  const vars = { portal: brand.portalName, minutes };
  return page(
    lang,
    `<h1>${escapeHtml(t.expiredTitle)}</h1><p>${escapeHtml(format(t.expiredText, vars))}</p>
<p>${escapeHtml(format(loggedIn ? t.expiredLoggedIn : t.expiredAgain, vars))}</p>
${helpCenterLink(lang)}`,
  );
}

/** The way on from a page the portal's login ended on: the help center's home in the page's language. */
const helpCenterLink = (lang: Lang) =>
  `<p><a href="${langPrefix(lang)}/">${escapeHtml(texts(lang).provider.toHelpCenter)}</a></p>`;

/** A text's placeholders filled with HTML made here; the text itself is escaped. */
function fillHtml(template: string, html: Record<string, string>): string {
  return escapeHtml(template).replace(/\{(\w+)\}/g, (_, name: string) => {
    if (html[name] === undefined) throw new Error(`Missing value for {${name}} in "${template}"`);
    return html[name];
  });
}

function page(lang: Lang, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(brand.portalName)}</title>
<style>body{font:1.0625rem/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
a{color:#00527a}
.button{min-height:44px;padding:.6rem 1.25rem;font:inherit;font-weight:600;color:#fff;background:#00527a;border:2px solid #00527a;border-radius:4px;cursor:pointer}
.link{min-height:44px;font:inherit;background:none;border:0;color:#00527a;text-decoration:underline;cursor:pointer}
:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}</style></head>
<body><main>${body}</main></body></html>`;
}
