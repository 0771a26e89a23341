import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { languageDetector } from 'hono/language';
import { langs } from '../i18n/lang.ts';
import { apiError, handleFault, methodNotAllowedOrNotFound } from './errors.ts';
import type { Env } from './env.ts';
import { healthRoutes } from './routes/health.ts';

/**
 * The API: every `/api/*` request of the site. Thin by design: it routes,
 * validates and applies the cross-cutting rules, and leaves decisions to src/auth/.
 */
export function createApp() {
  const app = new Hono<Env>().basePath('/api');

  app.use(requestId());
  app.use(
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      referrerPolicy: 'no-referrer',
      crossOriginResourcePolicy: 'same-origin',
    }),
  );
  app.use(
    languageDetector({
      supportedLanguages: [...langs],
      fallbackLanguage: 'nl',
      order: ['querystring', 'header'],
      lookupQueryString: 'lang',
      caches: false,
    }),
  );
  app.use(async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });

  app.route('/', healthRoutes());

  app.notFound((c) => methodNotAllowedOrNotFound(c, app.routes));
  app.onError(handleFault);
  return app;
}

export type App = ReturnType<typeof createApp>;
export { apiError };
