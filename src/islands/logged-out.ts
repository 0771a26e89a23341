/**
 * The header after a page logged out by itself (the portal's own button): "log in" again, no company,
 * no second logout. Done from here, on the header's `data-session` items (SiteHeader.astro), so that
 * the header's script stays the few inline lines every page carries, with no module to load.
 */
export function showLoggedOutInHeader(): void {
  for (const item of document.querySelectorAll<HTMLElement>('[data-session]')) item.hidden = item.dataset.session === 'in';
}
