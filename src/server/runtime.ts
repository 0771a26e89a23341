import { lifetimes } from '../auth/policy.ts';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { systemRandom, createMacs, createSealer, purposeKey } from '../auth/crypto.ts';
import { importCustomers } from '../auth/customers.ts';
import type { AuthDeps } from '../auth/deps.ts';
import { argon2Hasher } from '../auth/passwords.ts';
import { loadBrand } from '../config/brand.ts';
import { loadServerConfig, type ServerConfig } from '../config/server.ts';
import { loadEherkenningConfig, type EherkenningConfig } from '../auth/eherkenning/config.ts';
import { eherkenningClient, type EherkenningClient } from '../auth/eherkenning/client.ts';
import { flowPaths } from '../config/flow-paths.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { deliverDueMail, mailHealth, startDeliveryLoop, type Transport } from '../mail/delivery.ts';
import { createMailQueue } from '../mail/queue.ts';
import { createLetterQueue } from '../mail/letters.ts';
import { logTransport, outboxTransport } from '../mail/transports.ts';
import { migrate, pendingMigrations } from '../store/migrate.ts';
import { openDatabase, type OpenedStore } from '../store/open.ts';
import { demoCustomers } from './demo-customers.ts';
import { startPruning } from './pruning.ts';
import { createSecurityEvents } from './security-log.ts';
import { createLogger } from './logger.ts';
import { createMetrics, type Metrics } from '../metrics/metrics.ts';
import type { Readiness } from '../edge/env.ts';
import { loadOidcConfig } from '../oidc/config.ts';
import { createDemoPortal, DEMO_CLIENT_ID, DEMO_PORTAL } from '../demo-portal/portal.ts';
import { createOidcService, type OidcService } from '../oidc/service.ts';
import { once } from '../shared/once.ts';
import { createRateLimitHits, type RateLimitHits } from '../store/rate-limit-hits.ts';

/** Everything a running server holds: made once at start, closed once at the end. */
export interface Runtime {
  config: ServerConfig;
  deps: AuthDeps;
  opened: OpenedStore;
  transport: Transport;
  metrics: Metrics;
  log: Logger;
  /** The eHerkenning relying party, when eHerkenning is configured (always in development). */
  eherkenning: { client: EherkenningClient; config: EherkenningConfig } | null;
  /** The development broker's Node handler for /broker, in development without a real broker. */
  devBroker: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | null;
  /** The OpenID Provider (its Node handler for /oidc), when OIDC_CLIENTS names a client, and in development. */
  oidc: OidcService | null;
  /** Development: the demo portal's Node handler for /demo-portal. */
  demoPortal: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | null;
  /** The per-client request limits' counter over the store. */
  rateLimitHits: RateLimitHits;
  /** Delivers due mail now (tests wait on this instead of sleeping). */
  deliverMail(): Promise<number>;
  /** The last delivery attempt failed: mail is kept and retried, but late. */
  mailDelayed(): boolean;
  /** For /api/ready: whether this instance can serve customers, and if not, why. */
  readiness(): Promise<Readiness>;
  close(): Promise<void>;
}

/**
 * The composition root. Development migrates and loads the demo customers on
 * first start; production refuses an unmigrated database (run `npm run migrate`).
 */
export async function createRuntime(env: Record<string, string | undefined> = process.env): Promise<Runtime> {
  const config = loadServerConfig(env);
  const brand = loadBrand(env);
  const log = createLogger(config.logLevel);
  for (const notice of config.notices) log.warn(notice);

  const opened = await openDatabase(config);
  if (config.mode === 'development') {
    const applied = await migrate(opened);
    if (applied.length) log.info({ applied }, 'migrations applied');
  } else {
    const pending = await pendingMigrations(opened);
    if (pending.length) {
      await opened.close();
      throw new Error(`The database lacks migrations ${pending.join(', ')}. Run \`npm run migrate\` first.`);
    }
  }

  const clock = { now: () => Date.now() };
  const keys = { current: config.secretKey, previous: config.secretKeyPrevious };
  const store = opened.store;
  const transport =
    config.mailTransport === 'smtp'
      ? // Imported only here: nodemailer is about 3 MiB of heap that the outbox and the log never use.
        (await import('../mail/smtp.ts')).smtpTransport(config.smtpUrl!, config.mailFrom)
      : config.mailTransport === 'log'
        ? logTransport((fields, message) => log.warn(fields, message))
        : outboxTransport;
  const metrics = createMetrics(
    { pendingMail: () => store.countPendingMail(), ...(opened.poolStats ? { pool: opened.poolStats } : {}) },
    { processMetrics: config.metricsToken !== undefined },
  );
  const health = mailHealth();
  const deliverMail = () =>
    deliverDueMail(store, transport, clock.now, {
      sent: (message) => {
        health.sent();
        metrics.mail('sent', message.kind);
      },
      failed: (message, error, gaveUp) => {
        health.failed();
        metrics.mail('failed', message.kind);
        log[gaveUp ? 'error' : 'warn'](
          { mailId: message.id, kind: message.kind, attempts: message.attempts + 1, error, gaveUp },
          gaveUp ? 'mail given up after three days of failures' : 'mail delivery failed, will retry',
        );
      },
    });
  const loop = startDeliveryLoop(deliverMail);

  const deps: AuthDeps = {
    store,
    clock,
    random: systemRandom,
    passwords: argon2Hasher,
    sealer: createSealer(keys, 'totp-secrets'),
    cookies: createSealer(keys, 'cookies'),
    macs: createMacs(keys),
    letters: createLetterQueue({ newId: randomUUID, now: clock.now }),
    events: createSecurityEvents(log),
    faults: {
      reach: (point) => {
        if (point === config.faultPoint) process.kill(process.pid, 'SIGKILL');
      },
    },
    mail: createMailQueue({
      newId: randomUUID,
      now: clock.now,
      onQueued: loop.wake,
      counted: (kind) => metrics.mail('queued', kind),
    }),
    config: {
      publicOrigin: config.publicOrigin,
      issuer: brand.insurerName,
      ...lifetimes,
      clientLimitFactor: config.rateLimitFactor,
    },
  };

  const pruning = startPruning(deps, config.retention, log);
  const rateLimitHits = createRateLimitHits(store, {
    now: clock.now,
    onError: (error) =>
      log.warn({ err: error instanceof Error ? error.message : String(error) }, 'rate-limit hits not written; trying again'),
  });

  const eherkenningConfig = loadEherkenningConfig(env, config);
  const eherkenning = eherkenningConfig
    ? { client: eherkenningClient(eherkenningConfig.settings), config: eherkenningConfig }
    : null;
  // Built at its first request: oidc-provider, its Koa and an RSA key are not needed by a
  // development server nobody logs in to with eHerkenning (3 MiB of its idle resident set).
  const brokerSettings = eherkenningConfig?.devBroker && config.mode === 'development' ? eherkenningConfig.settings : null;
  const broker =
    brokerSettings &&
    once(() =>
      import('../broker/dev-broker.ts').then((module) =>
        module.createDevBroker({
          issuer: brokerSettings.issuer.href,
          clientId: brokerSettings.clientId,
          clientSecret: brokerSettings.clientSecret!,
          redirectUri: brokerSettings.redirectUri,
          postLogoutRedirectUris: Object.values(flowPaths.portal).map((path) => `${config.publicOrigin}${path}`),
          store,
        }),
      ),
    );
  const devBroker = broker && (async (req: IncomingMessage, res: ServerResponse) => (await broker.get())(req, res));

  // Development: a demo portal logs in through the provider, with a secret made for this process.
  const demoSecret = randomBytes(32).toString('base64url');
  const oidcConfig = loadOidcConfig(env, config, {
    client_id: DEMO_CLIENT_ID,
    client_name: 'Demo portal',
    client_secret: demoSecret,
    token_endpoint_auth_method: 'client_secret_basic',
    redirect_uris: [`${config.publicOrigin}${DEMO_PORTAL}/callback`],
    post_logout_redirect_uris: (['nl', 'en'] as const).map((l) => `${config.publicOrigin}${DEMO_PORTAL}/?lang=${l}`),
    backchannel_logout_uri: `${config.publicOrigin}${DEMO_PORTAL}/backchannel-logout`,
  });
  const oidc = oidcConfig
    ? createOidcService({
        config: oidcConfig,
        deps,
        cookieKeys: [keys.current, keys.previous]
          .filter((k): k is Uint8Array => k !== undefined)
          .map((k) => purposeKey(k, 'oidc-cookies').toString('base64url')),
        trustProxy: config.trustProxy,
        log,
        allowLoopbackClients: config.mode === 'development',
        rateLimitHits,
      })
    : null;

  const demoPortal =
    oidc && config.mode === 'development' ? createDemoPortal({ origin: config.publicOrigin, secret: demoSecret }) : null;

  if (config.mode === 'development' && (await store.countCustomers()) === 0) {
    const report = await importCustomers(
      deps,
      demoCustomers.map((values, i) => ({ line: i + 1, values })),
    );
    log.info({ created: report.created }, 'demo customers loaded (see README)');
  }
  log.info(
    {
      store: opened.kind,
      mail: transport.name,
      mode: config.mode,
      eherkenning: eherkenningConfig ? (devBroker ? 'development broker' : eherkenningConfig.settings.issuer.href) : 'off',
      openidProvider: oidcConfig ? `${oidcConfig.issuer} (${oidcConfig.clients.length} clients)` : 'off',
    },
    'runtime ready',
  );

  return {
    config,
    deps,
    opened,
    transport,
    metrics,
    log,
    eherkenning,
    devBroker,
    oidc,
    demoPortal,
    rateLimitHits,
    deliverMail,
    mailDelayed: health.delayed,
    async readiness() {
      const database = await store.ping().then(
        () => 'ok' as const,
        () => 'unreachable' as const,
      );
      const migrations =
        database === 'ok'
          ? await pendingMigrations(opened).then(
              (pending) => (pending.length ? ('pending' as const) : ('current' as const)),
              () => 'unknown' as const,
            )
          : ('unknown' as const);
      // Production without SMTP_URL would keep mail in the outbox: nobody would get a link.
      const mail = config.mailTransport;
      return {
        ready: database === 'ok' && migrations === 'current',
        checks: { database, migrations, mail },
      };
    },
    async close() {
      pruning.stop();
      await rateLimitHits.close();
      await loop.stop();
      await oidc?.stop();
      if ('close' in transport && typeof transport.close === 'function') transport.close();
      await opened.close();
    },
  };
}

const RUNTIME = Symbol.for('helpcenter.runtime');
type Holder = { [RUNTIME]?: Promise<Runtime> };

/**
 * The process's one runtime. The server (src/server/main.ts) makes it before it
 * listens and leaves it here; the Astro routes, bundled separately, pick it up,
 * so both share one database pool. Under `astro dev` the first request makes it.
 */
export function sharedRuntime(): Promise<Runtime> {
  const holder = globalThis as Holder;
  holder[RUNTIME] ??= createRuntime();
  return holder[RUNTIME];
}

export function provideRuntime(runtime: Promise<Runtime>): void {
  (globalThis as Holder)[RUNTIME] = runtime;
}
