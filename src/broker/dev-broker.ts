import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import { defaultClaimNames } from '../auth/eherkenning/claims.ts';
import { levels, levelName, levelUrn, type Level } from '../shared/eherkenning/levels.ts';
import type { Store } from '../store/types.ts';
import { renderChoicePage, renderLogoutPage, UNKNOWN_KVK, type Choice } from './page.ts';

export interface DevBrokerOptions {
  /** `<public origin>/broker`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Where the broker may send the browser after ending its session (RP-initiated logout). */
  postLogoutRedirectUris: string[];
  /** The companies a tester can pick: the business customers in the store. */
  store: Store;
}

/** The intermediary of a chain authorisation. */
export const INTERMEDIARY_KVK = '90001234';

/**
 * A real OpenID Connect provider standing in for an eHerkenning broker, for
 * development and tests only. Its login page lets the tester choose company,
 * branch, level, owner or employee, an intermediary, or to cancel or have no
 * authorisation; the claims it sends follow the eHerkenning attribute names,
 * so the relying party cannot tell it from a configured broker.
 */
export function createDevBroker(options: DevBrokerOptions) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const claimNames = Object.values(defaultClaimNames).filter((name) => name !== 'acr' && !name.includes('EntityConcernedID'));
  const provider = new Provider(options.issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        post_logout_redirect_uris: options.postLogoutRedirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'RS256',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'dev-broker', alg: 'RS256', use: 'sig' }] as never },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    acrValues: levels.map(levelUrn),
    claims: { openid: ['sub', ...claimNames] },
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: KoaContextWithOIDC, form: string) => {
          ctx.type = 'html';
          ctx.body = renderLogoutPage(form);
        },
      },
    },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `/broker/interaction/${interaction.uid}` },
    // The choice made on the page is the account: its claims are read back from it.
    findAccount: (_ctx: KoaContextWithOIDC, sub: string) => ({
      accountId: sub,
      claims: () => ({ sub, ...claimsOf(decodeChoice(sub)) }),
    }),
    // No consent screen: a broker asks for consent itself, the tester has chosen already.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid');
      grant.addOIDCClaims(['sub', ...claimNames]);
      await grant.save();
      return grant;
    },
    renderError: (ctx, out) => {
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = `Development broker error: ${out.error} ${out.error_description ?? ''}`;
    },
  });
  const oidcHandler = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    if (req.method === 'GET') {
      const customers = (await options.store.listCustomers()).filter((c) => c.kvk_number !== INTERMEDIARY_KVK);
      const requested = String(details.params.acr_values ?? '');
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
        'Cache-Control': 'no-store',
      });
      res.end(renderChoicePage(uid, customers, requested));
      return;
    }
    const form = new URLSearchParams(await readBody(req));
    const action = form.get('action');
    if (action === 'cancel') {
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The user cancelled the login' });
      return;
    }
    if (action === 'unauthorised') {
      await provider.interactionFinished(req, res, {
        error: 'access_denied',
        error_description: 'Not authorised for this service',
      });
      return;
    }
    const kvk = form.get('company') ?? UNKNOWN_KVK;
    const branch = form.get('branch') || null;
    const own = branch === 'own' ? ((await options.store.findCustomersByKvk(kvk))[0]?.vestigingsnummer ?? null) : branch;
    const choice: Choice = {
      kvk,
      branch: own,
      level: (levels as readonly string[]).includes(form.get('level') ?? '') ? (form.get('level') as Level) : 'loa3',
      role: form.get('role') === 'employee' ? 'employee' : 'owner',
      intermediary: form.get('intermediary') === 'yes',
    };
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: encodeChoice(choice), acr: levelUrn(choice.level) } },
      { mergeWithLastSubmission: false },
    );
  }

  /** Node handler for everything under /broker. */
  return async function handle(req: IncomingMessage & { originalUrl?: string }, res: ServerResponse) {
    const url = req.url ?? '/';
    const match = /^\/broker\/interaction\/([\w-]+)\/?$/.exec(url.split('?')[0]!);
    try {
      if (match) return await interaction(req, res, match[1]!);
      // Mounted like Express would: the provider sees its own paths, and the mount in originalUrl.
      req.originalUrl = url;
      req.url = url.slice('/broker'.length) || '/';
      return oidcHandler(req, res);
    } catch (error) {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`Development broker: ${(error as Error).message}`);
    }
  };
}

function claimsOf(choice: Choice): Record<string, string> {
  const names = defaultClaimNames;
  return {
    [names.company]: `${names.companyQualifier}:${choice.kvk}`,
    ...(choice.branch ? { [names.branch]: choice.branch } : {}),
    // Owner and employee are different people: different pseudonyms, never names.
    [names.actingSubject]: `${choice.role}-${choice.kvk}-${levelName(choice.level).replace('+', 'plus')}`,
    ...(choice.intermediary ? { [names.intermediary]: `${names.companyQualifier}:${INTERMEDIARY_KVK}` } : {}),
  };
}

function encodeChoice(choice: Choice): string {
  return Buffer.from(JSON.stringify(choice)).toString('base64url');
}

function decodeChoice(sub: string): Choice {
  return JSON.parse(Buffer.from(sub, 'base64url').toString('utf8')) as Choice;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 10_000) reject(new Error('form too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}
