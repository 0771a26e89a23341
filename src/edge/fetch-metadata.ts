/** A request header by its name, as Hono's `c.req.header` and Node's `req.headers` both give it. */
export type HeaderOf = (name: string) => string | string[] | undefined;

/**
 * Fetch metadata's resource isolation: whether another site's page made the browser send this
 * request, other than by sending its window to the address (`navigation`: where that is how
 * browsers arrive, as from the eHerkenning broker or a portal). An image, a frame, a script or a
 * prefetch gets nothing, and is refused before it counts against the visitor's limits. Clients
 * that send no such header (monitoring, old browsers) cannot be told apart, and pass.
 */
export function fromAnotherSite(header: HeaderOf, navigation: boolean): boolean {
  if (header('sec-fetch-site') !== 'cross-site') return false;
  const window = header('sec-fetch-mode') === 'navigate' && header('sec-fetch-dest') === 'document';
  const prefetch = String(header('sec-purpose') ?? '').includes('prefetch');
  return !(navigation && window && !prefetch);
}
