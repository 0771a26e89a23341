/**
 * Takes the one-time token from the page address (`#token=…`) and removes it
 * from the address bar and history, so it is not bookmarked or shared.
 */
export function takeTokenFromUrl(): string | null {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (token) history.replaceState(null, '', location.pathname + location.search);
  return token;
}
