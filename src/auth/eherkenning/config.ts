import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { defaultClaimNames, type ClaimNames } from './claims.ts';
import type { EherkenningSettings } from './client.ts';
import { levels } from '../../shared/eherkenning/levels.ts';
import { ConfigError, type ServerConfig } from '../../config/server.ts';

const schema = z.object({
  EHERKENNING_ISSUER: z.url().optional(),
  EHERKENNING_CLIENT_ID: z.string().min(1).optional(),
  EHERKENNING_CLIENT_SECRET: z.string().min(1).optional(),
  /** A private JWK (JSON) for private_key_jwt client authentication: checked at start, not at the first login. */
  EHERKENNING_PRIVATE_KEY_JWK: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(z.looseObject({ kty: z.enum(['RSA', 'EC', 'OKP']), d: z.string({ error: 'the private part (d) is missing' }) }))
    .optional(),
  EHERKENNING_MIN_LEVEL: z.enum(levels).default('loa3'),
  EHERKENNING_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(8000),
  EHERKENNING_NOT_AUTHORISED_PATTERN: z
    .string()
    .refine((pattern) => {
      try {
        return Boolean(new RegExp(pattern, 'i'));
      } catch {
        return false;
      }
    }, 'not a regular expression')
    .default('authori[sz]'),
  EHERKENNING_CLAIM_COMPANY: z.string().optional(),
  EHERKENNING_CLAIM_COMPANY_QUALIFIER: z.string().optional(),
  EHERKENNING_CLAIM_BRANCH: z.string().optional(),
  EHERKENNING_CLAIM_ACTING_SUBJECT: z.string().optional(),
  EHERKENNING_CLAIM_INTERMEDIARY: z.string().optional(),
  EHERKENNING_CLAIM_LEVEL: z.string().optional(),
});

export interface EherkenningConfig {
  settings: EherkenningSettings;
  /** No broker configured in development: the built-in development broker at /broker answers. */
  devBroker: boolean;
}

/**
 * The relying party's configuration. Without EHERKENNING_ISSUER, development
 * uses the development broker and production offers no eHerkenning login.
 */
export function loadEherkenningConfig(env: Record<string, string | undefined>, server: ServerConfig): EherkenningConfig | null {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('EHERKENNING_') && v)));
  if (!parsed.success) {
    throw new ConfigError(
      `Invalid eHerkenning configuration:\n${parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('\n')}`,
    );
  }
  const c = parsed.data;
  // A broker's credentials without its address would leave eHerkenning off without a word.
  const credentials = ['EHERKENNING_CLIENT_ID', 'EHERKENNING_CLIENT_SECRET', 'EHERKENNING_PRIVATE_KEY_JWK'] as const;
  const orphaned = credentials.filter((name) => c[name] !== undefined);
  if (!c.EHERKENNING_ISSUER && orphaned.length)
    throw new ConfigError(`${orphaned.join(' and ')} set without EHERKENNING_ISSUER, the broker's address.`);
  const claims: ClaimNames = {
    company: c.EHERKENNING_CLAIM_COMPANY ?? defaultClaimNames.company,
    companyQualifier: c.EHERKENNING_CLAIM_COMPANY_QUALIFIER ?? defaultClaimNames.companyQualifier,
    branch: c.EHERKENNING_CLAIM_BRANCH ?? defaultClaimNames.branch,
    actingSubject: c.EHERKENNING_CLAIM_ACTING_SUBJECT ?? defaultClaimNames.actingSubject,
    intermediary: c.EHERKENNING_CLAIM_INTERMEDIARY ?? defaultClaimNames.intermediary,
    level: c.EHERKENNING_CLAIM_LEVEL ?? defaultClaimNames.level,
  };
  const common = {
    redirectUri: `${server.publicOrigin}/api/eherkenning/callback`,
    minimumLevel: c.EHERKENNING_MIN_LEVEL,
    claims,
    timeoutMs: c.EHERKENNING_TIMEOUT_MS,
    notAuthorisedPattern: new RegExp(c.EHERKENNING_NOT_AUTHORISED_PATTERN, 'i'),
  };
  if (c.EHERKENNING_ISSUER) {
    if (!c.EHERKENNING_CLIENT_ID || !(c.EHERKENNING_CLIENT_SECRET || c.EHERKENNING_PRIVATE_KEY_JWK)) {
      throw new ConfigError(
        'EHERKENNING_ISSUER needs EHERKENNING_CLIENT_ID and EHERKENNING_CLIENT_SECRET or EHERKENNING_PRIVATE_KEY_JWK.',
      );
    }
    const issuer = new URL(c.EHERKENNING_ISSUER);
    if (server.mode === 'production' && issuer.protocol !== 'https:')
      throw new ConfigError('EHERKENNING_ISSUER must use https in production.');
    return {
      devBroker: false,
      settings: {
        ...common,
        issuer,
        clientId: c.EHERKENNING_CLIENT_ID,
        clientSecret: c.EHERKENNING_CLIENT_SECRET,
        privateKeyJwk: c.EHERKENNING_PRIVATE_KEY_JWK,
        allowHttp: issuer.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(issuer.hostname),
      },
    };
  }
  if (server.mode !== 'development') return null;
  return {
    devBroker: true,
    settings: {
      ...common,
      issuer: new URL(`${server.publicOrigin}/broker`),
      clientId: 'helpcenter-dev',
      clientSecret: devBrokerSecret(server.secretKey),
      allowHttp: true,
    },
  };
}

/** The development broker and its client share a secret derived from the server key. */
export function devBrokerSecret(secretKey: Uint8Array): string {
  return createHmac('sha256', secretKey).update('development eHerkenning broker client').digest('base64url');
}
