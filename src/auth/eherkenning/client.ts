import { FRESH_LOGIN_S } from '../policy.ts';
import { importJWK } from 'jose';
import * as oidc from 'openid-client';
import { readClaims, type ClaimNames, type EherkenningIdentity } from './claims.ts';
import { levelUrn, meetsLevel, type Level } from '../../shared/eherkenning/levels.ts';

export interface EherkenningSettings {
  issuer: URL;
  clientId: string;
  /** client_secret_basic, or private_key_jwt with this key (a JWK with a private part). */
  clientSecret?: string | undefined;
  privateKeyJwk?: oidc.JWK | undefined;
  redirectUri: string;
  minimumLevel: Level;
  claims: ClaimNames;
  /** How long to wait for the broker before telling the customer it is unreachable. */
  timeoutMs: number;
  /** A development broker on http://localhost; never for a real one. */
  allowHttp: boolean;
  /** A refusal whose description matches this means the person has no authorisation (not a cancel). */
  notAuthorisedPattern: RegExp;
}

/** What the start of a login must remember until the broker sends the customer back. */
export interface LoginTransaction {
  state: string;
  nonce: string;
  verifier: string;
  /** When it started, in seconds: the broker's login must come after it, not from a session before. */
  startedAt: number;
}

/** How far the broker's clock may be off ours, as openid-client allows for the token's own times. */
const CLOCK_SKEW_S = 30;

export type CallbackResult =
  /** `idToken`: the broker's ID token, kept only to ask the broker to end its session at logout. */
  | { kind: 'identity'; identity: EherkenningIdentity; idToken: string }
  | { kind: 'cancelled' }
  | { kind: 'notAuthorised' }
  | { kind: 'brokerUnavailable'; reason: string }
  | { kind: 'invalidResponse'; reason: string };

/**
 * How the relying party proves itself at the broker's token endpoint: a secret, or an assertion
 * signed with its private key, which openid-client takes as a CryptoKey, not as the JWK configured.
 */
async function clientAuth(settings: EherkenningSettings): Promise<oidc.ClientAuth> {
  const jwk = settings.privateKeyJwk;
  if (!jwk) return oidc.ClientSecretBasic(settings.clientSecret);
  const key = await importJWK(jwk, jwk.alg ?? 'RS256');
  if (!(key instanceof CryptoKey)) throw new Error('EHERKENNING_PRIVATE_KEY_JWK is not an asymmetric private key.');
  return oidc.PrivateKeyJwt({ key, ...(jwk.kid ? { kid: jwk.kid } : {}) });
}

/**
 * The relying party: authorization code flow with PKCE, state and nonce,
 * asking for at least the minimum level and checking the ID token (signature,
 * issuer, audience, expiry, nonce) whatever was asked.
 */
export function eherkenningClient(settings: EherkenningSettings) {
  let configuration: Promise<oidc.Configuration> | undefined;

  function configure(): Promise<oidc.Configuration> {
    configuration ??= clientAuth(settings)
      .then((auth) =>
        oidc.discovery(settings.issuer, settings.clientId, { id_token_signed_response_alg: 'RS256' }, auth, {
          timeout: Math.ceil(settings.timeoutMs / 1000),
          // Check the ID token's signature against the broker's keys too: TLS alone would let a
          // token from the token endpoint through unsigned (OIDC Core 3.1.3.7 allows that; we do not).
          execute: [oidc.enableNonRepudiationChecks, ...(settings.allowHttp ? [oidc.allowInsecureRequests] : [])],
        }),
      )
      .catch((error: unknown) => {
        // A broker that was down at the first try is tried again next time.
        configuration = undefined;
        throw error;
      });
    return configuration;
  }

  return {
    /** `atLeast`: the level a client of our provider asked for; never lower than the minimum. */
    async start(atLeast?: Level): Promise<{ url: string; transaction: LoginTransaction }> {
      const config = await configure();
      const transaction = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        verifier: oidc.randomPKCECodeVerifier(),
        startedAt: Math.floor(Date.now() / 1000),
      };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: 'openid',
        state: transaction.state,
        nonce: transaction.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(transaction.verifier),
        code_challenge_method: 'S256',
        acr_values: levelUrn(atLeast && meetsLevel(atLeast, settings.minimumLevel) ? atLeast : settings.minimumLevel),
        // Always the broker's own login, never a session it still has: on a shared computer the
        // next person must not be let in as the previous company, after logging out or a refusal.
        prompt: 'login',
        max_age: '0',
      });
      return { url: url.href, transaction };
    },

    async finish(currentUrl: URL, transaction: LoginTransaction | null): Promise<CallbackResult> {
      const error = currentUrl.searchParams.get('error');
      if (error) {
        const description = currentUrl.searchParams.get('error_description') ?? '';
        if (error === 'access_denied')
          return settings.notAuthorisedPattern.test(description) ? { kind: 'notAuthorised' } : { kind: 'cancelled' };
        return { kind: 'invalidResponse', reason: `broker error ${error}` };
      }
      if (!transaction) return { kind: 'invalidResponse', reason: 'no login in progress (missing or expired cookie)' };
      let config: oidc.Configuration;
      try {
        config = await configure();
      } catch (err) {
        return { kind: 'brokerUnavailable', reason: (err as Error).message };
      }
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        // The redirect URI is the configured one, not whatever Host this request came in on.
        const callbackUrl = new URL(settings.redirectUri);
        callbackUrl.search = currentUrl.search;
        tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: transaction.verifier,
          expectedState: transaction.state,
          expectedNonce: transaction.nonce,
          idTokenExpected: true,
          // We asked for a fresh login (max_age=0); a broker that answers from an old session is caught here.
          maxAge: FRESH_LOGIN_S,
        });
      } catch (err) {
        const detail = err as { message: string; error?: string; error_description?: string };
        const reason = [detail.message, detail.error, detail.error_description].filter(Boolean).join(': ');
        const unreachable =
          /timed? ?out|abort|ECONNREFUSED|fetch failed|network/i.test(reason) ||
          (err as { name?: string }).name === 'TimeoutError';
        return unreachable ? { kind: 'brokerUnavailable', reason } : { kind: 'invalidResponse', reason };
      }
      const claims = tokens.claims();
      if (!claims) return { kind: 'invalidResponse', reason: 'no ID token' };
      // maxAge alone lets a broker that ignores prompt=login answer from a session of the person before,
      // if it is young enough. The login must come after this one started (give or take the clocks).
      if (!(typeof claims.auth_time === 'number' && claims.auth_time >= transaction.startedAt - CLOCK_SKEW_S))
        return { kind: 'invalidResponse', reason: 'a broker login from before this one started' };
      const read = readClaims(claims as Record<string, unknown>, settings.claims);
      if (!read.ok) return { kind: 'invalidResponse', reason: `claim missing or malformed: ${read.missing}` };
      return { kind: 'identity', identity: read.identity, idToken: tokens.id_token! };
    },

    /**
     * Where to send the browser so the broker ends its own session too (OpenID
     * RP-Initiated Logout), or null when the broker offers no such endpoint.
     */
    async endSessionUrl(idToken: string, returnTo: string): Promise<string | null> {
      const config = await configure();
      if (!config.serverMetadata().end_session_endpoint) return null;
      return oidc.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: returnTo }).href;
    },
  };
}

export type EherkenningClient = ReturnType<typeof eherkenningClient>;
