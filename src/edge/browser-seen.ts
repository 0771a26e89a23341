import Bowser from 'bowser';
import type { Context } from 'hono';
import { UNKNOWN_BROWSER, type BrowserSeen } from '../auth/sessions.ts';

// Only names the parser knows: for a browser it does not, it takes the User-Agent's first word,
// and a login that sent "This is you/1.0" would read so in the owner's list of places. Nor a
// crawler's name, which an owner might pass over as harmless.
const BROWSERS = new Set(Object.values(Bowser.BROWSER_MAP).filter((name) => name !== 'Generic'));
const SYSTEMS = new Set(Object.values(Bowser.OS_MAP));
const known = (names: Set<string>, name: string | undefined) => (name && names.has(name) ? name : null);

/**
 * The browser's and the system's name from the User-Agent a customer's email login came with, so
 * its owner can tell their places apart ("Firefox on Windows"); only that list shows them. Only the names are kept, and nothing a session is
 * trusted for depends on them: any client may give any of them.
 */
export function browserSeen(c: Context): BrowserSeen {
  const agent = c.req.header('user-agent')?.slice(0, 1000);
  if (!agent) return UNKNOWN_BROWSER;
  const { browser, os, platform } = Bowser.parse(agent);
  if (platform.type === 'bot') return UNKNOWN_BROWSER;
  return { browser: known(BROWSERS, browser.name), os: known(SYSTEMS, os.name) };
}
