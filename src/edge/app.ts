import { OpenAPIHono } from '@hono/zod-openapi';
import { languageDetector } from 'hono/language';
import { contextStorage } from 'hono/context-storage';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { langs } from '../i18n/lang.ts';
import type { EdgeContext, Env } from './env.ts';
import { apiError, handleFault, methodNotAllowedOrNotFound } from './errors.ts';
import { bodyLimitByLength } from './middleware/body-limit.ts';
import { clientIp } from './middleware/client-ip.ts';
import { jsonBodies, sameOrigin } from './middleware/origin.ts';
import { limiters } from './middleware/rate-limit.ts';
import { requestLog } from './middleware/request-log.ts';
import { requestMetrics } from './middleware/metrics.ts';
import { accountRoutes } from './routes/accounts.ts';
import { authenticatorRoutes } from './routes/authenticator.ts';
import { healthRoutes } from './routes/health.ts';
import { sessionRoutes } from './routes/session.ts';
import { ownSessionRoutes } from './routes/own-sessions.ts';
import { passwordRoutes } from './routes/password.ts';
import { emailRoutes } from './routes/email.ts';
import { eherkenningNavigations, eherkenningRoutes } from './routes/eherkenning.ts';
import { agentRoutes } from './routes/agent/index.ts';
import { signalRoutes } from './routes/signals.ts';
import { recoveryRoutes } from './routes/recovery.ts';
import { linkRoutes } from './routes/links.ts';
import { invalidInput } from './validation.ts';
import pkg from '../../package.json' with { type: 'json' };

/**
 * The API: every `/api/*` request of the site. Thin by design: it routes,
 * validates and applies the cross-cutting rules, and leaves decisions to src/auth/.
 */
export function createApp(ctx: EdgeContext, options: { rateLimitFactor?: number } = {}) {
  const app = new OpenAPIHono<Env>({
    defaultHook: (result, c) => (result.success ? undefined : invalidInput(result.error, c)),
  }).basePath('/api');
  const limiter = limiters(ctx.rateLimitHits, ctx.deps.clock, options.rateLimitFactor);

  // Lets code below the edge find the request (its log, its id) without being handed it.
  app.use(contextStorage());
  // Always our own: an id the request brought would let its sender choose, and repeat, the ids in
  // the security log. (Hono takes a sent id no longer than limitLength; 0 takes none.)
  app.use(requestId({ limitLength: 0 }));
  if (ctx.metrics) app.use(requestMetrics(ctx.metrics));
  app.use(
    languageDetector({
      supportedLanguages: [...langs],
      fallbackLanguage: 'nl',
      order: ['querystring', 'header'],
      lookupQueryString: 'lang',
      caches: false,
    }),
  );
  app.use(requestLog(ctx.log));
  app.use(
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      referrerPolicy: 'no-referrer',
      // As the pages say it (src/server/headers.ts), and as frame-ancestors 'none' above.
      xFrameOptions: 'DENY',
      crossOriginResourcePolicy: 'same-origin',
      strictTransportSecurity: ctx.publicOrigin.startsWith('https://') ? 'max-age=31536000; includeSubDomains' : false,
    }),
  );
  // On the answer's own headers: `c.header` after `next()` copies the answer into a new one,
  // which on Node turns the adapter's light answer into a streamed WHATWG Response.
  app.use(async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
  });
  app.use(clientIp(ctx.trustProxy));
  app.use(bodyLimitByLength(16 * 1024, (c) => apiError(c, 413, 'payloadTooLarge')));
  app.use(sameOrigin(ctx.publicOrigin, eherkenningNavigations));
  // The feedback form on article pages works without JavaScript, so it posts a plain form.
  app.use(jsonBodies(['/api/feedback']));
  // Each route that needs a limit declares it (`middleware: limited(…)`); this hands it the counters.
  app.use(async (c, next) => {
    c.set('limiter', limiter);
    await next();
  });

  healthRoutes(ctx, app);
  accountRoutes(ctx, app);
  sessionRoutes(ctx, app);
  ownSessionRoutes(ctx, app);
  authenticatorRoutes(ctx, app);
  passwordRoutes(ctx, app);
  emailRoutes(ctx, app);
  eherkenningRoutes(ctx, app);
  recoveryRoutes(ctx, app);
  linkRoutes(ctx, app);
  agentRoutes(ctx, app);
  signalRoutes(ctx, app);

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Help center API',
      version: pkg.version,
      description: 'The live endpoints behind the help center: accounts, login, authenticator, recovery, eHerkenning.',
    },
  });

  app.notFound((c) => methodNotAllowedOrNotFound(c, app.routes));
  app.onError(handleFault);
  return app;
}

export type App = ReturnType<typeof createApp>;
