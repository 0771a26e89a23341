import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { decodeJwt } from 'jose';
import { parse } from 'hono/utils/cookie';
import type Provider from 'oidc-provider';
import type { AuthDeps } from '../auth/deps.ts';
import { resolveSession } from '../auth/sessions.ts';
import { eherkenningStart, flowPaths } from '../config/flow-paths.ts';
import { SESSION_COOKIE } from '../edge/cookies.ts';
import { defaultLang, langAsked, langPrefix, langs, type Lang } from '../i18n/lang.ts';
import { acrOf, lowestLevel, needsEherkenning, satisfies } from './acr.ts';
import { linkLogin } from './link-login.ts';
import { expiredLoginPage, PROVIDER_PAGE_HEADERS } from './page.ts';

/** How long a login for a client may take, from the client's request to our login coming back. */
export const INTERACTION_SECONDS = 600;

/** A login this recent that still does not meet the request is not asked for again: the client hears why. */
const FRESH_MS = 60_000;

/**
 * The provider's interaction is our own login: without a full session of
 * ours (or with one that does not meet the client's `acr_values`) the browser
 * goes to the login page or to eHerkenning, and comes back here after; with
 * one, the login and the grant finish at once (first-party clients: no consent).
 */
export function interactionHandler({ provider, deps, log }: { provider: Provider; deps: AuthDeps; log: Logger }) {
  return async function interaction(req: IncomingMessage, res: ServerResponse, uid: string) {
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.uid !== uid) throw new Error('interaction mismatch');
      // Finished already (the page opened again, or twice): on to the client, without a second grant.
      if (details.result?.login) return redirect(res, details.returnTo);
      const { params } = details;
      const lang: Lang = String(params.ui_locales ?? '')
        .split(' ')[0]
        ?.startsWith('en')
        ? 'en'
        : 'nl';
      const requested = String(params.acr_values ?? '')
        .split(' ')
        .filter(Boolean);
      const back = encodeURIComponent(`/oidc/interaction/${uid}`);
      const toLogin = needsEherkenning(requested)
        ? `${eherkenningStart(lang)}&return=${back}&level=${lowestLevel(requested)}`
        : `${flowPaths.login[lang]}?return=${back}`;

      const current = await sessionOf(req);
      if (!current || current.session.stage !== 'full') return redirect(res, toLogin);
      const { account, session } = current;
      // prompt=login and max_age: a login older than the client allows is asked for again, on our pages.
      // The interaction's start is known to the second: a login in that same second counts as before it.
      const loggedIn = Number(session.created_at);
      const beforeThisRequest = loggedIn < (Number(details.iat) + 1) * 1000;
      const maxAge = params.max_age === undefined ? null : Number(params.max_age) * 1000;
      const askedAgain =
        beforeThisRequest &&
        (details.prompt.reasons.includes('login_prompt') || (maxAge !== null && deps.clock.now() - loggedIn > maxAge));
      if (askedAgain) return redirect(res, toLogin);
      // Said without why: the portal's address bar and logs need not learn it is a call-center laptop.
      if (account.role !== 'customer') return provider.interactionFinished(req, res, { error: 'access_denied' });
      // The client named the person it expects (OpenID Connect Core 3.1.2.1): someone else logged in
      // here, on a shared computer, is not handed over in their place.
      if (typeof params.id_token_hint === 'string' && decodeJwt(params.id_token_hint).sub !== account.id)
        return provider.interactionFinished(req, res, {
          error: 'login_required',
          error_description: 'another person is logged in than the one id_token_hint names',
        });
      const { acr, amr } = acrOf(session);
      if (!satisfies(acr, requested)) {
        // Just logged in the way we would send them again, and still short (EH3 where EH4 was asked): say so, do not loop.
        const sameWay = (session.method === 'eherkenning') === needsEherkenning(requested);
        if (sameWay && deps.clock.now() - Number(session.created_at) < FRESH_MS)
          return provider.interactionFinished(req, res, {
            error: 'unmet_authentication_requirements',
            error_description: 'the login does not meet the requested acr_values',
          });
        return redirect(res, toLogin);
      }

      const clientId = String(params.client_id);
      // One grant for each session of ours and each client: a hand-over asked again from the same
      // session (another tab, or the provider's own cookie dropped) takes up the one it was given,
      // so a session's links stay few however often it asks; thousands made its end fail once.
      const earlier = await deps.store.oidcFindSessionGrant(session.id_hash, clientId);
      const found = earlier ? await provider.Grant.find(earlier) : undefined;
      const grant =
        found?.accountId === account.id && found.clientId === clientId
          ? found
          : new provider.Grant({ accountId: account.id, clientId });
      grant.addOIDCScope(String(params.scope ?? 'openid'));
      const grantId = await grant.save();
      const linked = await linkLogin(deps, {
        grant_id: grantId,
        session_hash: session.id_hash,
        account_id: account.id,
        client_id: clientId,
        created_at: deps.clock.now(),
      });
      // Ended meanwhile: a login of ours is needed again, as for anyone without a session.
      if (!linked) return redirect(res, toLogin);
      await provider.interactionFinished(
        req,
        res,
        // remember: false: the provider's own cookie lasts no longer than the browser session, like ours.
        { login: { accountId: account.id, acr, amr, ts: Math.floor(loggedIn / 1000), remember: false }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
    } catch (error) {
      // The log keeps why, never the request's data.
      log.warn({ err: (error as Error).message, name: (error as Error).name }, 'oidc interaction refused');
      if (res.headersSent) return void res.end();
      const loggedIn = await sessionOf(req).then(
        (current) => current?.session.stage === 'full' && current.account.role === 'customer',
        () => false,
      );
      const html = expiredLoginPage(pageLang(req, deps.config.publicOrigin), loggedIn, INTERACTION_SECONDS / 60);
      res.writeHead(400, { ...PROVIDER_PAGE_HEADERS, 'Content-Type': 'text/html; charset=utf-8' });
      res.end(html);
    }
  };

  function sessionOf(req: IncomingMessage) {
    return resolveSession(deps, parse(req.headers.cookie ?? '', SESSION_COOKIE)[SESSION_COOKIE]);
  }
}

/**
 * The language of our page the browser comes from (the login page, whose address the Referer
 * carries within the site), else the one the browser asks for: a Dutch login in an English browser
 * stays Dutch.
 */
function pageLang(req: IncomingMessage, origin: string): Lang {
  const from = URL.parse(req.headers.referer ?? '');
  if (from?.origin !== origin) return langAsked(req.headers['accept-language']);
  return langs.find((lang) => lang !== defaultLang && from.pathname.startsWith(`${langPrefix(lang)}/`)) ?? defaultLang;
}

function redirect(res: ServerResponse, location: string) {
  res.writeHead(303, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
}
