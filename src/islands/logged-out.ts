/** The event a page sends when it has logged out by itself, so that the header stops saying who is logged in. */
export const LOGGED_OUT = 'helpcenter:logged-out';

export function announceLoggedOut(): void {
  dispatchEvent(new Event(LOGGED_OUT));
}
