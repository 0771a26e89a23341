import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { texts } from '../i18n/index.ts';
import type { Lang } from '../i18n/lang.ts';
import { escapeHtml } from '../html/escape.ts';

export const DEMO_PORTAL = '/demo-portal';
export const DEMO_CLIENT_ID = 'demo-portal';

/** What the demo portal keeps per browser: a login in progress, or what it received. */
type Visit =
  | { lang: Lang; pending: { verifier: string; state: string; nonce: string } }
  | { lang: Lang; claims: Record<string, unknown>; loggedOutByProvider?: boolean };

const COOKIE = '__Host-demo-portal';

/**
 * A small relying party, served in development only, that logs in through the
 * help center's OpenID Provider exactly as the insurer's portal would
 * (openid-client, code + PKCE) and shows the claims it received: the hand-over,
 * visible on the first `npm start`. It also receives back-channel logouts.
 */
export function createDemoPortal(input: { origin: string; secret: string }) {
  const visits = new Map<string, Visit>();
  let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
  const redirectUri = `${input.origin}${DEMO_PORTAL}/callback`;
  let config: Promise<oidc.Configuration> | undefined;
  const discover = () =>
    (config ??= oidc
      .discovery(new URL(`${input.origin}/oidc`), DEMO_CLIENT_ID, undefined, oidc.ClientSecretBasic(input.secret), {
        execute: input.origin.startsWith('http://') ? [oidc.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        config = undefined;
        throw error;
      }));

  const visitOf = (req: IncomingMessage) => {
    const id = /(?:^|;\s*)__Host-demo-portal=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1];
    return { id, visit: id ? visits.get(id) : undefined };
  };

  function page(res: ServerResponse, lang: Lang, body: string, status = 200) {
    const t = texts(lang).demoPortal;
    res.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
    });
    res.end(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(t.title)}</title>
<style>body{font:1.0625rem/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
.note{background:#fff4d6;border-left:4px solid #8a5a00;padding:.5rem 1rem}
.button{display:inline-block;min-height:44px;padding:.6rem 1.25rem;font-weight:600;color:#fff;background:#00527a;border-radius:4px;text-decoration:none}
th{text-align:left;padding-right:1rem;vertical-align:top}code{word-break:break-all}
:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}</style></head>
<body><main><p class="note">${escapeHtml(t.note)}</p>${body}
<p><a href="${DEMO_PORTAL}/?lang=${lang === 'nl' ? 'en' : 'nl'}" lang="${lang === 'nl' ? 'en' : 'nl'}">${escapeHtml(t.otherLanguage)}</a></p></main></body></html>`);
  }

  return async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', input.origin);
    const { id, visit } = visitOf(req);
    const asked = url.searchParams.get('lang');
    const lang: Lang = asked === 'en' || asked === 'nl' ? asked : (visit?.lang ?? 'nl');
    const t = texts(lang).demoPortal;
    try {
      switch (url.pathname) {
        case `${DEMO_PORTAL}/login`: {
          const pending = { verifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce() };
          const next = randomBytes(16).toString('base64url');
          // A demo keeps a few hundred visits in memory, the oldest go first.
          if (visits.size >= 500) visits.delete(visits.keys().next().value!);
          visits.set(next, { lang, pending });
          const to = oidc.buildAuthorizationUrl(await discover(), {
            redirect_uri: redirectUri,
            scope: 'openid email insurance',
            code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
            code_challenge_method: 'S256',
            state: pending.state,
            nonce: pending.nonce,
            ui_locales: lang,
            ...(url.searchParams.get('eherkenning') ? { acr_values: 'urn:etoegang:core:assurance-class:loa3' } : {}),
          });
          res.writeHead(303, { Location: to.href, 'Set-Cookie': `${COOKIE}=${next}; Path=/; Secure; HttpOnly; SameSite=Lax` });
          return void res.end();
        }
        case `${DEMO_PORTAL}/callback`: {
          if (!visit || !('pending' in visit))
            return page(res, lang, `<h1>${escapeHtml(t.title)}</h1><p>${escapeHtml(t.expired)}</p>`, 400);
          if (url.searchParams.get('error'))
            return page(
              res,
              lang,
              `<h1>${escapeHtml(t.title)}</h1><p>${escapeHtml(t.refused)} <code>${escapeHtml(url.searchParams.get('error')!)}</code></p>`,
              400,
            );
          const tokens = await oidc.authorizationCodeGrant(await discover(), url, {
            pkceCodeVerifier: visit.pending.verifier,
            expectedState: visit.pending.state,
            expectedNonce: visit.pending.nonce,
          });
          // Who and how from the ID token; the company and policy from userinfo.
          const idClaims = tokens.claims()!;
          const info = await oidc.fetchUserInfo(await discover(), tokens.access_token, idClaims.sub);
          visits.set(id!, { lang, claims: { ...idClaims, ...info } });
          res.writeHead(303, { Location: `${DEMO_PORTAL}/` });
          return void res.end();
        }
        case `${DEMO_PORTAL}/logout`: {
          if (!visit || !('claims' in visit)) break;
          visits.delete(id!);
          // No ID token in the address: the client id says whose logout this is.
          const to = oidc.buildEndSessionUrl(await discover(), {
            client_id: DEMO_CLIENT_ID,
            post_logout_redirect_uri: `${input.origin}${DEMO_PORTAL}/?lang=${lang}`,
            ui_locales: lang,
          });
          res.writeHead(303, { Location: to.href });
          return void res.end();
        }
        case `${DEMO_PORTAL}/backchannel-logout`: {
          let body = '';
          for await (const chunk of req) body += chunk;
          const token = new URLSearchParams(body).get('logout_token') ?? '';
          const meta = (await discover()).serverMetadata();
          jwks ??= createRemoteJWKSet(new URL(meta.jwks_uri!));
          const verified = await jwtVerify(token, jwks, { issuer: meta.issuer, audience: DEMO_CLIENT_ID }).catch(() => null);
          const sub = verified?.payload.events ? verified.payload.sub : undefined;
          if (!sub) return void res.writeHead(400).end();
          // The session the token names (sid), as its ID token named it; without one, every session of the person.
          const sid = verified!.payload.sid;
          for (const v of visits.values())
            if ('claims' in v && v.claims.sub === sub && (sid === undefined || v.claims.sid === sid))
              v.loggedOutByProvider = true;
          res.writeHead(200).end();
          return;
        }
      }
      if (visit && 'claims' in visit && !visit.loggedOutByProvider) {
        const rows = Object.entries(visit.claims)
          .filter(([k]) => !['iat', 'exp', 'nonce', 'at_hash', 'sid'].includes(k))
          .map(([k, v]) => `<tr><th scope="row"><code>${escapeHtml(k)}</code></th><td>${escapeHtml(JSON.stringify(v))}</td></tr>`)
          .join('');
        return page(
          res,
          lang,
          `<h1>${escapeHtml(t.title)}</h1><p>${escapeHtml(t.received)}</p><table><caption>${escapeHtml(t.claimsCaption)}</caption>${rows}</table>
<p><a class="button" href="${DEMO_PORTAL}/logout">${escapeHtml(t.logOut)}</a></p>`,
        );
      }
      return page(
        res,
        lang,
        `<h1>${escapeHtml(t.title)}</h1>${visit && 'claims' in visit ? `<p role="status">${escapeHtml(t.endedThere)}</p>` : ''}<p>${escapeHtml(t.intro)}</p>
<p><a class="button" href="${DEMO_PORTAL}/login?lang=${lang}">${escapeHtml(t.logIn)}</a></p>
<p><a href="${DEMO_PORTAL}/login?lang=${lang}&amp;eherkenning=1">${escapeHtml(t.logInEherkenning)}</a></p>`,
      );
    } catch (error) {
      return page(
        res,
        lang,
        `<h1>${escapeHtml(t.title)}</h1><p>${escapeHtml(t.failed)}</p><p><code>${escapeHtml((error as Error).message)}</code></p>`,
        502,
      );
    }
  };
}
