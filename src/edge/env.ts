import type { RequestIdVariables } from 'hono/request-id';
import type { LanguageVariables } from 'hono/language';
import type { Logger } from 'pino';
import type { AuthDeps } from '../auth/deps.ts';
import type { EherkenningClient } from '../auth/eherkenning/client.ts';
import type { Level } from '../shared/eherkenning/levels.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { ActiveSession } from '../auth/sessions.ts';
import type { MiddlewareHandler } from 'hono';
import type { LimitName } from './limits.ts';
import type { RateLimitHits } from '../store/rate-limit-hits.ts';

/** Whether an instance can serve customers, and if not, why (GET /api/ready). */
export interface Readiness {
  ready: boolean;
  checks: {
    database: 'ok' | 'unreachable';
    migrations: 'current' | 'pending' | 'unknown';
    mail: 'smtp' | 'outbox' | 'log';
  };
}

/** What the edge needs from the running server. */
export interface EdgeContext {
  deps: AuthDeps;
  mode: 'development' | 'production';
  publicOrigin: string;
  trustProxy: boolean;
  log: Logger;
  eherkenning: { client: EherkenningClient; minimumLevel: Level } | null;
  /** Counts the per-client request limits (one counter per store, closed with it). */
  rateLimitHits: RateLimitHits;
  /** For /api/ready. */
  readiness: () => Promise<Readiness>;
  /** Mail is being retried: the answers that promise a mail say it may be late. */
  mailDelayed?: () => boolean;
  /** Counters and latencies for /api/metrics. */
  metrics?: Metrics;
  /** The bearer token for /api/metrics; without it the endpoint does not exist. */
  metricsToken?: string | undefined;
}

/** What the server hands the app with each request (src/server/main.ts, or the Astro route under `astro dev`). */
export interface Bindings {
  /** The socket's address. */
  clientAddress?: string | undefined;
  /** Whether the client has gone, e.g. in the middle of sending its body. */
  clientLeft?: () => boolean;
}

/** What code may write about a request: lines at three levels, each with the request's id. */
export type RequestLog = Pick<Logger, 'info' | 'warn' | 'error'>;

/** What the middleware puts on each request's context. */
export type Env = {
  Bindings: Bindings;
  Variables: RequestIdVariables &
    LanguageVariables & {
      log: RequestLog;
      /** The client's address, for rate limits; from the socket or, behind a trusted proxy, X-Forwarded-For. */
      clientIp: string;
      /** Behind requireStaff: the member of staff making the request. */
      staff: ActiveSession;
      /** The app's rate limits, for the routes that declare one (see `limited`). */
      limiter: (name: LimitName) => MiddlewareHandler<Env>;
    };
};
