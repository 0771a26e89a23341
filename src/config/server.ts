import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/**
 * The server's configuration, from the environment, checked at start.
 * Production refuses to start without a real key and a public origin;
 * development makes a key in the data folder and says so.
 */
const serverSchema = z.object({
  mode: z.enum(['development', 'production']).default('development'),
  dataDir: z.string().min(1).default('./data'),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'use a postgres:// URL')
    .optional(),
  databaseSchema: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'use a lower-case PostgreSQL schema name')
    .optional(),
  secretKey: z
    .string()
    .regex(/^[A-Za-z0-9+/=_-]{43,}$/, 'use 32 random bytes in base64, e.g. `openssl rand -base64 32`')
    .optional(),
  publicOrigin: z
    .url()
    .transform((u) => new URL(u).origin)
    .optional(),
  smtpUrl: z
    .string()
    .regex(/^smtps?:\/\//, 'use smtp:// or smtps://')
    .optional(),
  mailFrom: z.string().min(3).default('Voorbeeld Verzekeringen <noreply@example.com>'),
  trustProxy: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
  metricsToken: z.string().min(24, 'use at least 24 random characters, e.g. `openssl rand -hex 16`').optional(),
});

const envNames = {
  mode: 'APP_ENV',
  dataDir: 'DATA_DIR',
  databaseUrl: 'DATABASE_URL',
  databaseSchema: 'DATABASE_SCHEMA',
  secretKey: 'SECRET_KEY',
  publicOrigin: 'PUBLIC_ORIGIN',
  smtpUrl: 'SMTP_URL',
  mailFrom: 'MAIL_FROM',
  trustProxy: 'TRUST_PROXY',
  logLevel: 'LOG_LEVEL',
  metricsToken: 'METRICS_TOKEN',
} as const satisfies Record<keyof z.input<typeof serverSchema>, string>;

export interface ServerConfig {
  mode: 'development' | 'production';
  dataDir: string;
  databaseUrl: string | undefined;
  /** PostgreSQL schema for the tables; `public` when not set. */
  databaseSchema: string | undefined;
  /** 32 bytes for AES-256-GCM. */
  secretKey: Uint8Array;
  publicOrigin: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Take the client address from X-Forwarded-For (behind a reverse proxy only). */
  trustProxy: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Bearer token for /api/metrics; without it the endpoint does not exist. */
  metricsToken: string | undefined;
  /** What start-up should tell the operator. */
  notices: string[];
}

export class ConfigError extends Error {}

export function loadServerConfig(env: Record<string, string | undefined>): ServerConfig {
  const input = Object.fromEntries(
    Object.entries(envNames)
      .map(([key, name]) => [key, env[name]?.trim() || undefined])
      .filter(([, value]) => value !== undefined),
  );
  const parsed = serverSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (i) => `${envNames[i.path[0] as keyof typeof envNames] ?? i.path.join('.')}: ${i.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const notices: string[] = [];
  const dataDir = resolve(c.dataDir);
  const port = env.PORT ?? '4321';

  if (c.mode === 'production') {
    const missing = [!c.secretKey && 'SECRET_KEY', !c.publicOrigin && 'PUBLIC_ORIGIN'].filter(Boolean);
    if (missing.length)
      throw new ConfigError(`Production mode needs ${missing.join(' and ')}; see README "Running in production".`);
    // Session cookies are Secure: over plain http a browser would drop them (loopback excepted, for tests).
    const origin = new URL(c.publicOrigin!);
    if (origin.protocol !== 'https:' && !['localhost', '127.0.0.1', '[::1]'].includes(origin.hostname))
      throw new ConfigError('PUBLIC_ORIGIN must be an https:// address in production.');
  }
  let secretKey: Uint8Array;
  if (c.secretKey) {
    secretKey = decodeKey(c.secretKey);
  } else {
    const file = join(dataDir, 'secret.key');
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
      notices.push(`Development: generated a new SECRET_KEY in ${file}. Keep it: it encrypts the TOTP secrets.`);
    }
    secretKey = decodeKey(readFileSync(file, 'utf8').trim());
  }
  return {
    mode: c.mode,
    dataDir,
    databaseUrl: c.databaseUrl,
    databaseSchema: c.databaseSchema,
    secretKey,
    publicOrigin: c.publicOrigin ?? `http://localhost:${port}`,
    smtpUrl: c.smtpUrl,
    mailFrom: c.mailFrom,
    trustProxy: c.trustProxy,
    logLevel: c.logLevel,
    metricsToken: c.metricsToken,
    notices,
  };
}

function decodeKey(text: string): Uint8Array {
  const key = Buffer.from(text, /[-_]/.test(text) ? 'base64url' : 'base64');
  if (key.length !== 32) throw new ConfigError('SECRET_KEY must decode to exactly 32 bytes (`openssl rand -base64 32`).');
  return new Uint8Array(key);
}
