import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What the scrape reads from the running server at that moment. */
export interface MetricSources {
  /** Mail waiting in the outbox (new, or failed and waiting for a retry). */
  pendingMail?: () => Promise<number>;
  /** PostgreSQL's connection pool; none for SQLite (one connection in the process). */
  pool?: () => { total: number; idle: number; waiting: number };
}

/**
 * The server's Prometheus metrics, one registry per runtime (tests run many).
 * Labels are bounded: routes are patterns, outcomes a closed list.
 */
export function createMetrics(sources: MetricSources = {}, options: { processMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry, prefix: 'helpcenter_' });

  const requests = new Counter({
    name: 'helpcenter_http_requests_total',
    help: 'API requests, by route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'helpcenter_http_request_duration_seconds',
    help: 'API request latency, by route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const logins = new Counter({
    name: 'helpcenter_login_outcomes_total',
    help: 'Login steps by outcome: success, or why it was refused (clockDrift, usedCode, oldAuthenticator, wrongCode, wrongPassword, locked, …)',
    labelNames: ['method', 'step', 'outcome'] as const,
    registers: [registry],
  });
  const mail = new Counter({
    name: 'helpcenter_mail_total',
    help: 'Mail by what happened to it: queued, sent, failed (a failed attempt is retried later)',
    labelNames: ['event', 'kind'] as const,
    registers: [registry],
  });
  if (sources.pendingMail) {
    const pendingMail = sources.pendingMail;
    new Gauge({
      name: 'helpcenter_mail_pending',
      help: 'Mail in the outbox waiting to be sent or retried',
      registers: [registry],
      async collect() {
        this.set(await pendingMail().catch(() => Number.NaN));
      },
    });
  }
  if (sources.pool) {
    const pool = sources.pool;
    new Gauge({
      name: 'helpcenter_db_pool_connections',
      help: 'PostgreSQL pool connections: total open, idle, and requests waiting for one',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const stats = pool();
        this.set({ state: 'total' }, stats.total);
        this.set({ state: 'idle' }, stats.idle);
        this.set({ state: 'waiting' }, stats.waiting);
      },
    });
  }

  return {
    registry,
    request(method: string, route: string, status: number, seconds: number) {
      requests.inc({ method, route, status: String(status) });
      duration.observe({ method, route }, seconds);
    },
    login(method: 'password' | 'eherkenning' | 'staff', step: 'password' | 'code' | 'enrol', outcome: string) {
      logins.inc({ method, step, outcome });
    },
    mail(event: 'queued' | 'sent' | 'failed', kind: string) {
      mail.inc({ event, kind });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
