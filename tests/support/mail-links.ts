// The links in a mail, read as the customer's mail program shows them. Kept apart from api.ts,
// which holds the in-process API, so that the browser tests can read mail without loading it.

export function tokenFrom(text: string): string {
  const match = /#token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error('no token link in mail');
  return match[1]!;
}

/** The token of the "this was not me" link in a notice. */
export function cancelTokenFrom(text: string): string {
  const match = /(?:verzoek-stoppen|stop-request)\/#token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error('no cancel link in mail');
  return match[1]!;
}
