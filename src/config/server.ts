import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { FAULT_POINTS, type FaultPoint } from './faults.ts';

/**
 * The server's configuration, from the environment, checked at start: every
 * setting the server reads is parsed here and nowhere else. Production refuses
 * to start without a real key, a public origin and a way to send mail;
 * development makes a key in the data folder and says so.
 */
const days = (fallback: number) => z.coerce.number().int().min(1).max(36_500).default(fallback);

const serverSchema = z.object({
  mode: z.enum(['development', 'production']).optional(),
  nodeEnv: z.string().optional(),
  port: z.coerce.number().int().min(1).max(65_535).default(4321),
  host: z.string().min(1).default('127.0.0.1'),
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
  secretKeyPrevious: z
    .string()
    .regex(/^[A-Za-z0-9+/=_-]{43,}$/, 'use the key that SECRET_KEY replaces, as it was')
    .optional(),
  publicOrigin: z
    .url()
    .transform((u) => new URL(u).origin)
    .optional(),
  smtpUrl: z
    .string()
    .regex(/^smtps?:\/\//, 'use smtp:// or smtps://')
    .optional(),
  mailTransport: z.enum(['smtp', 'log', 'outbox']).optional(),
  mailFrom: z.string().min(3).default('Voorbeeld Verzekeringen <noreply@example.com>'),
  trustProxy: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
  metricsToken: z
    .string()
    .min(24, 'use at least 24 random characters, e.g. `openssl rand -hex 16`')
    // 24 random digits hold fewer than five different ones about once in 16 million.
    .refine((token) => new Set(token).size >= 5, 'too few different characters: make one with `openssl rand -hex 16`')
    .optional(),
  faultPoint: z.enum(FAULT_POINTS).optional(),
  rateLimitFactor: z.coerce.number().min(1, 'use 1 or more: it multiplies the limits').max(100_000).default(1),
  retainLinksDays: days(30),
  retainLoginHistoryDays: days(180),
  retainSessionsDays: days(30),
  retainMailDays: days(30),
  retainOldAuthenticatorsDays: days(90),
  retainRequestsDays: days(180),
  retainFeedbackCommentsDays: days(365),
  retainAuditYears: z.coerce.number().int().min(1).max(100).default(7),
});

const envNames = {
  mode: 'APP_ENV',
  nodeEnv: 'NODE_ENV',
  port: 'PORT',
  host: 'HOST',
  dataDir: 'DATA_DIR',
  databaseUrl: 'DATABASE_URL',
  databaseSchema: 'DATABASE_SCHEMA',
  secretKey: 'SECRET_KEY',
  secretKeyPrevious: 'SECRET_KEY_PREVIOUS',
  publicOrigin: 'PUBLIC_ORIGIN',
  smtpUrl: 'SMTP_URL',
  mailTransport: 'MAIL_TRANSPORT',
  mailFrom: 'MAIL_FROM',
  trustProxy: 'TRUST_PROXY',
  logLevel: 'LOG_LEVEL',
  metricsToken: 'METRICS_TOKEN',
  rateLimitFactor: 'RATE_LIMIT_FACTOR',
  faultPoint: 'FAULT_POINT',
  retainLinksDays: 'RETAIN_LINKS_DAYS',
  retainLoginHistoryDays: 'RETAIN_LOGIN_HISTORY_DAYS',
  retainSessionsDays: 'RETAIN_SESSIONS_DAYS',
  retainMailDays: 'RETAIN_MAIL_DAYS',
  retainOldAuthenticatorsDays: 'RETAIN_OLD_AUTHENTICATORS_DAYS',
  retainRequestsDays: 'RETAIN_REQUESTS_DAYS',
  retainFeedbackCommentsDays: 'RETAIN_FEEDBACK_COMMENTS_DAYS',
  retainAuditYears: 'RETAIN_AUDIT_YEARS',
} as const satisfies Record<keyof z.input<typeof serverSchema>, string>;

/** How long each kind of record is kept before the pruning job removes it. */
export interface Retention {
  linksDays: number;
  loginHistoryDays: number;
  sessionsDays: number;
  mailDays: number;
  oldAuthenticatorsDays: number;
  requestsDays: number;
  feedbackCommentsDays: number;
  auditYears: number;
}

export interface ServerConfig {
  mode: 'development' | 'production';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** PostgreSQL schema for the tables; `public` when not set. */
  databaseSchema: string | undefined;
  /** 32 bytes; every key the server uses is derived from it. */
  secretKey: Uint8Array;
  /** The key SECRET_KEY replaced, during a rotation: it still opens what it sealed. */
  secretKeyPrevious: Uint8Array | undefined;
  publicOrigin: string;
  /** smtp: SMTP_URL · log: a line per mail in the log, nothing sent (staging) · outbox: kept for /dev/mail (development). */
  mailTransport: 'smtp' | 'log' | 'outbox';
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Take the client address from X-Forwarded-For (behind a reverse proxy only). */
  trustProxy: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Bearer token for /api/metrics; without it the endpoint does not exist. */
  metricsToken: string | undefined;
  /** Development only: the crash tests' place to die (see FAULT_POINTS). */
  faultPoint: FaultPoint | undefined;
  /** Multiplies the per-address request limits (load and browser tests). */
  rateLimitFactor: number;
  retention: Retention;
  /** What start-up should tell the operator. */
  notices: string[];
}

export class ConfigError extends Error {}

/** This machine's names: a URL's hostname writes IPv6 in brackets, `HOST` may not. */
const isLoopbackHost = (host: string) => ['localhost', '127.0.0.1', '::1', '[::1]'].includes(host);
/** An address on this machine: development's, and the tests'. */
export const isLoopback = (url: string | URL) => isLoopbackHost(new URL(url).hostname);

/**
 * Which mode, when APP_ENV does not say: production unless everything points
 * at a developer's own machine. NODE_ENV=production always means production.
 */
function modeOf(c: z.output<typeof serverSchema>): 'development' | 'production' {
  if (c.nodeEnv === 'production') {
    if (c.mode === 'development')
      throw new ConfigError('APP_ENV=development contradicts NODE_ENV=production: development features serve every mail.');
    return 'production';
  }
  if (c.mode) return c.mode;
  // Development serves every mail at /dev/mail and a broker that proves any company: without
  // APP_ENV it is only for a server that everything keeps on this machine, with no key of its own.
  const onThisMachine = (!c.publicOrigin || isLoopback(c.publicOrigin)) && isLoopbackHost(c.host);
  return onThisMachine && !c.secretKey ? 'development' : 'production';
}

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
  const mode = modeOf(c);
  const notices: string[] = [];
  const dataDir = resolve(c.dataDir);

  if (mode === 'production') {
    const missing = [!c.secretKey && 'SECRET_KEY', !c.publicOrigin && 'PUBLIC_ORIGIN'].filter(Boolean);
    if (missing.length)
      throw new ConfigError(`Production mode needs ${missing.join(' and ')}; see README "Running in production".`);
    // Session cookies are Secure: over plain http a browser would drop them (loopback excepted, for tests).
    if (new URL(c.publicOrigin!).protocol !== 'https:' && !isLoopback(c.publicOrigin!))
      throw new ConfigError('PUBLIC_ORIGIN must be an https:// address in production.');
    if (c.faultPoint)
      throw new ConfigError('FAULT_POINT stops the server on purpose: for the crash tests only, never in production.');
    if (c.mailTransport === 'outbox')
      throw new ConfigError('MAIL_TRANSPORT=outbox keeps every mail for /dev/mail: development only.');
    if (!c.smtpUrl && c.mailTransport !== 'log')
      throw new ConfigError(
        'Production mode needs SMTP_URL to send mail (or MAIL_TRANSPORT=log on a staging server, where nothing is sent).',
      );
  }
  if (c.mailTransport === 'smtp' && !c.smtpUrl) throw new ConfigError('MAIL_TRANSPORT=smtp needs SMTP_URL.');
  const mailTransport = c.mailTransport ?? (c.smtpUrl ? 'smtp' : mode === 'development' ? 'outbox' : 'log');
  if (mailTransport === 'log') notices.push('MAIL_TRANSPORT=log: mail is written to the log (without its text), never sent.');

  let secretKey: Uint8Array;
  if (c.secretKey) {
    secretKey = decodeKey(c.secretKey, 'SECRET_KEY');
  } else {
    const file = join(dataDir, 'secret.key');
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
      notices.push(`Development: generated a new SECRET_KEY in ${file}. Keep it: it encrypts the TOTP secrets.`);
    }
    secretKey = decodeKey(readFileSync(file, 'utf8').trim(), 'SECRET_KEY');
  }
  return {
    mode,
    port: c.port,
    host: c.host,
    dataDir,
    databaseUrl: c.databaseUrl,
    databaseSchema: c.databaseSchema,
    secretKey,
    // Not judged for randomness: a weak key is replaced by rotating away from it.
    secretKeyPrevious: c.secretKeyPrevious ? decodeKey(c.secretKeyPrevious, 'SECRET_KEY_PREVIOUS', false) : undefined,
    publicOrigin: c.publicOrigin ?? `http://localhost:${c.port}`,
    mailTransport,
    smtpUrl: c.smtpUrl,
    mailFrom: c.mailFrom,
    trustProxy: c.trustProxy,
    logLevel: c.logLevel,
    metricsToken: c.metricsToken,
    rateLimitFactor: c.rateLimitFactor,
    faultPoint: c.faultPoint,
    retention: {
      linksDays: c.retainLinksDays,
      loginHistoryDays: c.retainLoginHistoryDays,
      sessionsDays: c.retainSessionsDays,
      mailDays: c.retainMailDays,
      oldAuthenticatorsDays: c.retainOldAuthenticatorsDays,
      requestsDays: c.retainRequestsDays,
      feedbackCommentsDays: c.retainFeedbackCommentsDays,
      auditYears: c.retainAuditYears,
    },
    notices,
  };
}

function decodeKey(text: string, name: string, judged = true): Uint8Array {
  const key = Buffer.from(text, /[-_]/.test(text) ? 'base64url' : 'base64');
  if (key.length !== 32) throw new ConfigError(`${name} must decode to exactly 32 bytes (\`openssl rand -base64 32\`).`);
  // 32 random bytes hold about 30 different values; a typed phrase or a filler holds a handful,
  // and a key someone can guess opens every stored app secret and forges the browsers' cookies.
  if (judged && new Set(key).size < 16)
    throw new ConfigError(`${name} is not random: make one with \`openssl rand -base64 32\`, never type one.`);
  return new Uint8Array(key);
}
