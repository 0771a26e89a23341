import type { Context, MiddlewareHandler } from 'hono';
import type { Env } from '../env.ts';
import type { ApiErrorCode, ErrorBody } from '../errors.ts';

/**
 * For an address the browser opens itself (a link, a plain form): a refusal of the API (too many
 * attempts, input it cannot take) sends the browser on to a page of the site that says so, instead
 * of showing it the API's JSON. `page` names that page, or null to leave the refusal as it is.
 */
export function refusalsToPage(
  page: (c: Context<Env>, code: ApiErrorCode) => Promise<string | null> | string | null,
): MiddlewareHandler<Env> {
  return async (c, next) => {
    await next();
    if (c.res.status < 400 || c.res.status >= 500) return;
    // Every refusal of ours is JSON (apiError); one that is not, is left as it came.
    const body = (await c.res
      .clone()
      .json()
      .catch(() => null)) as ErrorBody | null;
    if (!body?.error) return;
    const to = await page(c, body.error.code as ApiErrorCode);
    if (to) c.res = c.redirect(to, 303);
  };
}
