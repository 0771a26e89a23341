import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import Provider, { interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import { hashToken } from '../auth/crypto.ts';
import type { AuthDeps } from '../auth/deps.ts';
import { endSession, resolveSession } from '../auth/sessions.ts';
import { SESSION_COOKIE } from '../edge/cookies.ts';
import { isLoopback } from '../config/server.ts';
import { supportedAcrValues, satisfies } from './acr.ts';
import { storeAdapter } from './adapter.ts';
import { claimsOf, insuranceClaims } from './claims.ts';
import type { OidcConfig } from './config.ts';
import { INTERACTION_SECONDS, interactionHandler } from './interaction.ts';
import { liveLinkedSession, sessionAlive } from './linked-session.ts';
import { deliverClientLogouts } from './logout-delivery.ts';
import type { Logger } from 'pino';
import { PROVIDER_DEFAULT_HEADERS, renderProviderPage } from './page.ts';
import { escapeHtml } from '../html/escape.ts';
import { OIDC_MOUNT } from './mount.ts';

export interface OidcProviderInput {
  config: OidcConfig;
  deps: AuthDeps;
  cookieKeys: string[];
  trustProxy: boolean;
  log: Logger;
  /** Development: clients on this machine may be called (back-channel logout). */
  allowLoopbackClients: boolean;
}

/**
 * The help center as an OpenID Provider for the insurer's portal and other
 * apps: authorization code with PKCE only, our own login pages as its
 * interaction, claims in an `insurance` scope, its state in our store. A grant
 * lives as long as the session of ours it came from: once that ends (log out,
 * new password, new phone, an agent ending all sessions), the client gets
 * nothing more for it.
 */
export function createOidcProvider(input: OidcProviderInput) {
  const { config, deps } = input;
  const { store } = deps;
  const { Check, base } = interactionPolicy;

  /** The grant given to this client in the provider's session came from the session of ours in this cookie. */
  async function grantFromThisSession(ctx: KoaContextWithOIDC): Promise<boolean> {
    const token = ctx.cookies.get(SESSION_COOKIE);
    const grantId = ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
    if (!token || !grantId) return false;
    const login = await store.oidcFindLogin(grantId);
    return login?.session_hash === hashToken(token) && sessionAlive(deps, await store.findSession(login.session_hash));
  }

  // Both checks pass when the login was just finished by our interaction, which checked the same.
  const policy = base();
  const login = policy.get('login')!;
  login.checks.add(
    // login_required, not oidc-provider's interaction_required: what a portal's silent check
    // (prompt=none) must hear when the person has to log in here again.
    new Check('help_center_session', 'the help center session ended, or is another one', 'login_required', async (ctx) =>
      ctx.oidc.result?.login || (await grantFromThisSession(ctx)) ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT,
    ),
  );
  login.checks.add(
    new Check('acr_values', 'the login does not meet the requested acr_values', 'login_required', (ctx) => {
      const requested = String(ctx.oidc.params?.acr_values ?? '')
        .split(' ')
        .filter(Boolean);
      const acr = ctx.oidc.result?.login?.acr ?? ctx.oidc.session?.acr ?? '';
      return satisfies(acr, requested) ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
    }),
  );

  const provider = new Provider(config.issuer, {
    adapter: storeAdapter(store, deps.clock.now),
    clients: config.clients.map((c) => ({
      ...c,
      // The ID token and the logout token name the provider's session (sid) beside the person (sub):
      // a logout here ends the client's session that came from it, not the person's others.
      ...(c.backchannel_logout_uri ? { backchannel_logout_session_required: true } : {}),
      grant_types: ['authorization_code'],
      response_types: ['code'],
      id_token_signed_response_alg: 'ES256',
    })),
    jwks: { keys: config.signingKeys as never },
    cookies: { keys: input.cookieKeys, long: { signed: true }, short: { signed: true } },
    pkce: { required: () => true },
    responseTypes: ['code'],
    scopes: ['openid', 'email', 'insurance'],
    claims: { openid: ['sub', 'acr', 'amr', 'auth_time'], email: ['email', 'email_verified'], insurance: [...insuranceClaims] },
    acrValues: supportedAcrValues,
    // The ID token says who and how (sub, acr, amr, auth_time); the company and policy come from
    // userinfo. Clients send the ID token back in a URL at logout: it should carry no personal data.
    conformIdTokenClaims: true,
    enabledJWA: { idTokenSigningAlgValues: ['ES256'], requestObjectSigningAlgValues: ['ES256'] },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      revocation: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: KoaContextWithOIDC, form: string) => {
          ctx.type = 'html';
          ctx.body = renderProviderPage(ctx, 'logout', form);
        },
        postLogoutSuccessSource: (ctx: KoaContextWithOIDC) => {
          ctx.type = 'html';
          ctx.body = renderProviderPage(ctx, 'loggedOut');
        },
      },
    },
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 600,
      IdToken: 600,
      Interaction: INTERACTION_SECONDS,
      Session: Math.round(deps.config.sessionAbsoluteMs / 1000),
      Grant: Math.round(deps.config.sessionAbsoluteMs / 1000),
    },
    interactions: { policy, url: (_ctx: KoaContextWithOIDC, interaction) => `${OIDC_MOUNT}/interaction/${interaction.uid}` },
    // First-party clients: the grant made when the login finished, or none (and the login is asked for).
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const clientId = ctx.oidc.client!.clientId;
      const given = ctx.oidc.result?.consent?.grantId;
      const { session } = ctx.oidc;
      // The provider keeps one sid per client in a browser, across our logins: a grant of a later
      // login gets a sid of its own, so that the earlier one's logout (retried late) does not end it.
      if (given && session?.sidFor(clientId) && session.grantIdFor(clientId) !== given)
        session.sidFor(clientId, randomBytes(16).toString('base64url'));
      const grantId = given ?? session?.grantIdFor(clientId);
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined;
    },
    findAccount: async (_ctx: KoaContextWithOIDC, sub: string, token) => {
      const account = await store.findAccountById(sub);
      if (!account || account.role !== 'customer' || !['active', 'eherkenning'].includes(account.status)) return undefined;
      const grantId = (token as { grantId?: string } | undefined)?.grantId;
      const session = grantId ? await liveLinkedSession(deps, grantId) : undefined;
      if (grantId && !session) return undefined;
      const customer = account.customer_id ? await store.findCustomerById(account.customer_id) : undefined;
      return {
        accountId: sub,
        claims: () => ({ sub, ...(customer && session ? claimsOf(account, customer, session) : {}) }),
      };
    },
    // oidc-provider refuses to call loopback and private addresses (SSRF); a developer's own
    // portal on this machine may receive its back-channel logouts. Production keeps the guard.
    ...(input.allowLoopbackClients
      ? {
          fetch: (url: string | URL | Request, options?: RequestInit) => {
            if (!isLoopback(url instanceof Request ? url.url : url)) return fetch(url, options);
            const { dispatcher: _guard, ...rest } = (options ?? {}) as RequestInit & { dispatcher?: unknown };
            return fetch(url, rest);
          },
        }
      : {}),
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = renderProviderPage(ctx, 'error', String(out.error ?? ''));
    },
  });
  // oidc-provider writes its addresses (discovery, the logout form) and its cookies' Secure flag
  // from the request's Host and scheme. They come from PUBLIC_ORIGIN instead, as every other
  // address of ours does: a Host or X-Forwarded-Host a client sends must not name the token
  // endpoint, and a proxy that ends TLS must not make them http. `handle` sets the headers Koa reads.
  provider.proxy = true;
  const published = new URL(config.issuer);

  // "Yes, log out" at a client (RP-initiated logout) logs out here too, before the answer goes back;
  // but only the person the provider's session was for. Another site sending a browser to the logout
  // endpoint, or the provider ending the previous person's session when the next one logs in, must not
  // end the help-center session that is in the browser now.
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.oidc?.route !== 'end_session_confirm' || !ctx.oidc.params?.logout || ctx.status >= 400) return;
    const token = ctx.cookies.get(SESSION_COOKIE);
    const ours = await resolveSession(deps, token);
    if (!ours || !ctx.oidc.session?.accountId || ours.account.id !== ctx.oidc.session.accountId) return;
    await endSession(deps, token);
    ctx.append('Set-Cookie', `${SESSION_COOKIE}=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax`);
  });

  // A portal's logout when the provider's session has ended already: oidc-provider answers with a form
  // of its own that posts itself with a script, in English and under no policy of ours. Ours says it
  // in the customer's language, without script: one button on to the portal. It says "logged out"
  // only if the browser holds no help-center session: one opened since (a shared computer, the next
  // person) is not this logout's to end, and the page says it is still there.
  provider.use(async (ctx, next) => {
    await next();
    const secret = ctx.oidc?.session?.state?.secret;
    if (ctx.oidc?.route !== 'end_session' || ctx.status !== 200 || ctx.oidc.session?.accountId || typeof secret !== 'string')
      return;
    const form = `<form method="post" action="${escapeHtml(ctx.oidc.urlFor('end_session_confirm'))}"><input type="hidden" name="xsrf" value="${escapeHtml(secret)}"/><input type="hidden" name="logout" value="yes"/>`;
    const here = await resolveSession(deps, ctx.cookies.get(SESSION_COOKIE));
    ctx.type = 'html';
    ctx.body = renderProviderPage(ctx as KoaContextWithOIDC, here ? 'stillLoggedInHere' : 'alreadyLoggedOut', form);
  });

  // An address under /oidc that is none of the provider's: our page in the customer's language, not Koa's "Not Found".
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.status === 404 && !ctx.body) {
      // Set again, explicitly: Koa answers 200 once a body is set to a status it only defaulted to.
      ctx.status = 404;
      ctx.type = 'html';
      ctx.body = renderProviderPage(ctx as KoaContextWithOIDC, 'notFound');
    }
  });

  const oidc = provider.callback();
  const interaction = interactionHandler({ provider, deps, log: input.log });
  /** Node handler for everything under /oidc. */
  async function handle(req: IncomingMessage & { originalUrl?: string }, res: ServerResponse) {
    req.headers.host = published.host;
    req.headers['x-forwarded-proto'] = published.protocol.slice(0, -1);
    delete req.headers['x-forwarded-host'];
    // Koa reads the client's address from X-Forwarded-For once it reads the scheme from a header.
    if (!input.trustProxy) delete req.headers['x-forwarded-for'];
    for (const [name, value] of Object.entries(PROVIDER_DEFAULT_HEADERS)) res.setHeader(name, value);
    const url = req.url ?? '/';
    const match = /^\/oidc\/interaction\/([\w-]{1,64})\/?$/.exec(url.split('?')[0]!);
    if (match) return interaction(req, res, match[1]!);
    // Mounted like Express would: the provider sees its own paths, and the mount in originalUrl.
    req.originalUrl = url;
    req.url = url.slice(OIDC_MOUNT.length) || '/';
    return oidc(req, res);
  }
  return {
    handle,
    deliverLogouts: () => deliverClientLogouts(provider, store, deps.clock.now, input.log),
  };
}
