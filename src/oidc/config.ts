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
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { ConfigError, isLoopback, type ServerConfig } from '../config/server.ts';

/** Not loopback, private or otherwise special as written (`localhost.`, `x.localhost`, `10.0.0.5`, `[::ffff:127.0.0.1]`). */
function reachableFromProduction(url: string): boolean {
  const host = new URL(url).hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return false;
  return !ipaddr.isValid(host) || ipaddr.process(host).range() === 'unicast';
}

const clientUrl = z.url().refine((u) => u.startsWith('https://') || isLoopback(u), 'use https:// (http only on this machine)');

const nonEmpty = z.string().min(1);
const nonEmptyList = z.array(nonEmpty).min(1);

/**
 * A signing key, checked as oidc-provider checks its keys when it is built, which is at its first
 * use (src/oidc/service.ts), not at start: so the start refuses what it would refuse, and more, a
 * key that cannot be imported or whose public half is not its own.
 */
const signingKeySchema = z
  .object({
    kty: z.literal('EC'),
    crv: z.literal('P-256'),
    d: nonEmpty,
    x: nonEmpty,
    y: nonEmpty,
    kid: nonEmpty,
    alg: z.literal('ES256').optional(),
    use: z.literal('sig').optional(),
    key_ops: nonEmptyList.optional(),
    x5c: nonEmptyList.optional(),
  })
  .loose()
  .superRefine((key, ctx) => {
    const problem = signingKeyProblem(key);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
const keysSchema = z
  .object({ keys: z.array(signingKeySchema).min(1) })
  .refine(({ keys }) => new Set(keys.map((k) => k.kid)).size === keys.length, 'every kid only once');

/** Why a private signing key is of no use, if it is not: else no client could check a token it signs. */
function signingKeyProblem(key: { d: string; x: string; y: string }): string | null {
  try {
    createPrivateKey({ key, format: 'jwk' });
    // OpenSSL takes x and y as given; the public point is worked out from d here.
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(key.d, 'base64url'));
    const given = Buffer.concat([Buffer.of(4), Buffer.from(key.x, 'base64url'), Buffer.from(key.y, 'base64url')]);
    return ecdh.getPublicKey().equals(given) ? null : 'its x and y are not the public half of its d';
  } catch (error) {
    return `not a usable key: ${(error as Error).message}`;
  }
}

/** One of a client's public keys (private_key_jwt): importable, and never with a private part. */
const clientKeySchema = z.record(z.string(), z.unknown()).superRefine((key, ctx) => {
  if (['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'].some((part) => part in key))
    return void ctx.addIssue({ code: 'custom', message: 'a client’s public key only: this one holds a private part' });
  try {
    createPublicKey({ key: key as JsonWebKeyInput['key'], format: 'jwk' });
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `not a usable key: ${(error as Error).message}` });
  }
});

/** One relying party: the insurer's portal or another app of theirs. All are first-party: no consent screen. */
const clientSchema = z.strictObject({
  client_id: z.string().min(3).max(100),
  client_name: z.string().max(100).optional(),
  redirect_uris: z.array(clientUrl).min(1),
  post_logout_redirect_uris: z.array(clientUrl).default([]),
  token_endpoint_auth_method: z.enum(['client_secret_basic', 'private_key_jwt']).default('client_secret_basic'),
  client_secret: z.string().min(32, 'use at least 32 random characters, e.g. `openssl rand -hex 32`').optional(),
  /** For private_key_jwt: the client's public keys. */
  jwks: z.object({ keys: z.array(clientKeySchema).min(1) }).optional(),
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
  if (server.mode === 'production') {
    // Production's provider calls no address on this machine or a private network (its guard
    // against SSRF), so such a client's back-channel logouts would be dropped; and its codes
    // would go to the visitor's own computer, or nowhere. A name is checked only as written.
    const local = configured.flatMap((c) =>
      [...c.redirect_uris, ...c.post_logout_redirect_uris, ...(c.backchannel_logout_uri ? [c.backchannel_logout_uri] : [])]
        .filter((url) => !reachableFromProduction(url))
        .map((url) => `${c.client_id}: ${url}`),
    );
    if (local.length)
      throw new ConfigError(
        `Invalid OIDC_CLIENTS: an address on this machine or a private network is for development only:\n${local.join('\n')}`,
      );
    // A session of ours ends for a reason (a new password, staff logging the account out): a client
    // that cannot hear it would keep the person logged in on its side.
    const deaf = configured.filter((c) => !c.backchannel_logout_uri).map((c) => c.client_id);
    if (deaf.length)
      throw new ConfigError(
        `Invalid OIDC_CLIENTS: production needs a backchannel_logout_uri for every client, to end its sessions when ours end: ${deaf.join(', ')}`,
      );
  }
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
  return { issuer: `${server.publicOrigin}/oidc`, clients, signingKeys: keys };
}
