import type { IncomingMessage, ServerResponse } from 'node:http';
import { startDeliveryLoop } from '../mail/delivery.ts';
import { once } from '../shared/once.ts';
import type { RateLimitHits } from '../store/rate-limit-hits.ts';
import { authorizationLimit } from './authorization-limit.ts';
import type { OidcProviderInput } from './provider.ts';

/**
 * The OpenID Provider as the server holds it. oidc-provider and its Koa are built at the first
 * request under /oidc, or when a back-channel logout is due: most requests never need them, and
 * a server that has not handed anyone over does not hold them (3 MiB of its idle resident set,
 * measured with `npm run bench -- endpoints`). The two jobs that need no request run here from
 * the start: ending sessions that lapsed, and sending the logouts that are due, whichever
 * instance queued them and whenever (before a restart, too).
 */
export function createOidcService(input: OidcProviderInput & { rateLimitHits: RateLimitHits }) {
  const { deps, log } = input;
  const { store, clock } = deps;
  const refused = authorizationLimit({
    hits: input.rateLimitHits,
    clock,
    trustProxy: input.trustProxy,
    factor: deps.config.clientLimitFactor ?? 1,
    publicOrigin: deps.config.publicOrigin,
  });
  const provider = once(() => import('./provider.ts').then((module) => module.createOidcProvider(input)));

  const deliverLogouts = async () => {
    try {
      if ((await store.dueOidcLogouts(clock.now(), 1)).length === 0) return 0;
      return await (await provider.get()).deliverLogouts();
    } catch (error) {
      log.error({ err: (error as Error).message }, 'back-channel logouts could not be sent');
      return 0;
    }
  };
  const logouts = startDeliveryLoop(deliverLogouts, 2000);
  // Sessions that lapse (idle, or past their 12 hours) end nobody's cookie: end them here, so their clients hear of it.
  const sweep = setInterval(() => {
    const now = clock.now();
    store
      .endLapsedLinkedSessions(now, now - deps.config.sessionIdleMs)
      .then((ended) => ended && logouts.wake())
      .catch((error: Error) => log.warn({ err: error.message }, 'lapsed sessions could not be ended'));
  }, 60_000);
  sweep.unref();

  return {
    /** Node handler for everything under /oidc. */
    handle: async (req: IncomingMessage, res: ServerResponse) => {
      if (!(await refused(req, res))) await (await provider.get()).handle(req, res);
    },
    deliverLogouts,
    /** Whether the provider has been built, or is being built, in this process. */
    started: provider.started,
    async stop() {
      clearInterval(sweep);
      await logouts.stop();
    },
  };
}

export type OidcService = ReturnType<typeof createOidcService>;
