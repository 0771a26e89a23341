import { defineMiddleware } from 'astro:middleware';

/**
 * Pages rendered on demand (the wizards, an English 404) get their content security policy from
 * Astro as a header, which replaces the server's own header (src/server/headers.ts) of the same
 * name. What only a header can say is added to Astro's policy here, so those pages cannot be
 * framed either. Static pages carry Astro's policy as a meta tag and keep the server's header.
 */
export const onRequest = defineMiddleware(async (_context, next) => {
  const response = await next();
  const policy = response.headers.get('content-security-policy');
  if (policy && !policy.includes('frame-ancestors')) {
    response.headers.set('content-security-policy', `${policy.replace(/;?\s*$/, '')}; frame-ancestors 'none'`);
  }
  return response;
});
