import {
  createECDH,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  type JsonWebKeyInput,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError, isLoopback, type ServerConfig } from '../config/server.ts';

const clientUrl = z.url().refine((u) => u.startsWith('https://') || isLoopback(u), 'use https:// (http only on this machine)');

/** One relying party: the insurer's portal or another app of theirs. All are first-party: no consent screen. */
const clientSchema = z.strictObject({
  client_id: z.string().min(3).max(100),
  client_name: z.string().max(100).optional(),
  redirect_uris: z.array(clientUrl).min(1),
  post_logout_redirect_uris: z.array(clientUrl).default([]),
  token_endpoint_auth_method: z.enum(['client_secret_basic', 'private_key_jwt']).default('client_secret_basic'),
  client_secret: z.string().min(32, 'use at least 32 random characters, e.g. `openssl rand -hex 32`').optional(),
  /** For private_key_jwt: the client's public keys. */
  jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1) }).optional(),
  backchannel_logout_uri: clientUrl.optional(),
});
export type OidcClient = z.output<typeof clientSchema>;

const clientsSchema = z
  .array(clientSchema)
  .min(1)
  .superRefine((clients, ctx) => {
    for (const [i, c] of clients.entries()) {
      if (c.token_endpoint_auth_method === 'client_secret_basic' && !c.client_secret)
        ctx.addIssue({ code: 'custom', path: [i, 'client_secret'], message: 'client_secret_basic needs a client_secret' });
      if (c.token_endpoint_auth_method === 'private_key_jwt' && !c.jwks)
        ctx.addIssue({ code: 'custom', path: [i, 'jwks'], message: 'private_key_jwt needs the client’s public jwks' });
    }
    const ids = clients.map((c) => c.client_id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', message: 'every client_id only once' });
  });

const signingKeySchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  d: z.string(),
  x: z.string(),
  y: z.string(),
  kid: z.string(),
});
const keysSchema = z.object({ keys: z.array(signingKeySchema.loose()).min(1) });

export interface OidcConfig {
  issuer: string;
  clients: OidcClient[];
  /** Private signing keys: the first signs; all are published, so a next and a previous key verify too. */
  signingKeys: Record<string, unknown>[];
}

/** A new ES256 signing key as a private JWK (`npm run keys:oidc`). */
export function newSigningKey(): Record<string, unknown> {
  const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  return { ...jwk, kid: randomUUID(), alg: 'ES256', use: 'sig' };
}

function parseJson<T>(name: string, text: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ConfigError(`${name} is not valid JSON.`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(
      `Invalid ${name}:\n${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('\n')}`,
    );
  return parsed.data;
}

/** A private key whose public half is the one it publishes: else no client could check a token it signs. */
function signingKey(input: JsonWebKeyInput) {
  createPrivateKey(input);
  // OpenSSL takes x and y as given; the public point is worked out from d here.
  const { d, x, y } = input.key as { d: string; x: string; y: string };
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(Buffer.from(d, 'base64url'));
  const point = ecdh.getPublicKey();
  if (!point.equals(Buffer.concat([Buffer.of(4), Buffer.from(x, 'base64url'), Buffer.from(y, 'base64url')])))
    throw new Error('its x and y are not the public half of its d');
}

function importable(name: string, jwk: Record<string, unknown>, load: (input: JsonWebKeyInput) => unknown) {
  try {
    load({ key: jwk as JsonWebKeyInput['key'], format: 'jwk' });
  } catch (error) {
    throw new ConfigError(`${name} is not a usable key: ${(error as Error).message}`);
  }
}

/**
 * The OpenID Provider at `<PUBLIC_ORIGIN>/oidc`, on when OIDC_CLIENTS names at
 * least one client, and always in development (for the demo portal).
 * Production needs OIDC_SIGNING_KEYS; development makes one key in the data
 * folder, which production never uses.
 */
export function loadOidcConfig(
  env: Record<string, string | undefined>,
  server: ServerConfig,
  /** Development: the demo portal's client, added to the configured ones. */
  demo?: OidcClient,
): OidcConfig | null {
  const configured = env.OIDC_CLIENTS?.trim() ? parseJson('OIDC_CLIENTS', env.OIDC_CLIENTS, clientsSchema) : [];
  const clients = [...configured, ...(demo && server.mode === 'development' ? [demo] : [])];
  if (clients.length === 0) return null;
  let text = env.OIDC_SIGNING_KEYS?.trim();
  if (!text) {
    if (server.mode === 'production')
      throw new ConfigError('OIDC_CLIENTS needs OIDC_SIGNING_KEYS in production (`npm run keys:oidc`).');
    mkdirSync(server.dataDir, { recursive: true, mode: 0o700 });
    const file = join(server.dataDir, 'oidc-signing-keys.json');
    if (!existsSync(file)) writeFileSync(file, JSON.stringify({ keys: [newSigningKey()] }), { mode: 0o600 });
    text = readFileSync(file, 'utf8');
  }
  const { keys } = parseJson('OIDC_SIGNING_KEYS', text, keysSchema);
  // The provider itself is built at its first use (src/oidc/service.ts): a key it could not
  // import must stop the start, not the first customer handed over.
  keys.forEach((key, i) => importable(`OIDC_SIGNING_KEYS keys.${i}`, key, signingKey));
  for (const client of configured)
    client.jwks?.keys.forEach((key, i) => importable(`OIDC_CLIENTS ${client.client_id} jwks.keys.${i}`, key, createPublicKey));
  return { issuer: `${server.publicOrigin}/oidc`, clients, signingKeys: keys };
}
