import { useEffect } from 'preact/hooks';

/**
 * Takes the one-time token from the page address (`#token=…`) and removes it
 * from the address bar and history, so it is not bookmarked or shared.
 */
export function takeTokenFromUrl(): string | null {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (token) history.replaceState(null, '', location.pathname + location.search);
  return token;
}

/** The token the switch to the other language takes along, while a page asks for one. */
let carried: string | null = null;
let switchWatched = false;

/**
 * While a page opened from a mailed link waits for the customer (a new password, the password
 * again), the switch to the other language takes the link along, in the fragment as the mail had
 * it: else that page would say the link is incomplete. Once the link is used, or found dead,
 * pass null: it stays behind.
 */
export function useTokenAcrossLanguages(token: string | null): void {
  useEffect(() => {
    carried = token;
    if (!switchWatched) {
      switchWatched = true;
      // After the header's own listener, which carries the address's query (src/components/SiteHeader.astro).
      for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-lang-switch]')) {
        link.addEventListener('click', () => {
          const target = new URL(link.href);
          target.hash = carried ? new URLSearchParams({ token: carried }).toString() : '';
          link.href = target.href;
        });
      }
    }
    return () => {
      carried = null;
    };
  }, [token]);
}
