import type { Context } from 'hono';
import { UNKNOWN_BROWSER, type BrowserSeen } from '../auth/sessions.ts';

/**
 * The parser and the names it knows, loaded at the first login that sends a User-Agent: loaded
 * with the server, it put half of the idle starts 5-8 MiB higher (glibc's heap, see README).
 * Only names the parser knows are kept: for a browser it does not, it takes the User-Agent's first
 * word, and a login that sent "This is you/1.0" would read so in the owner's list of places. Nor a
 * crawler's name, which an owner might pass over as harmless.
 */
const parser = async () => {
  const { default: Bowser } = await import('bowser');
  return {
    parse: (agent: string) => Bowser.parse(agent),
    browsers: new Set(Object.values(Bowser.BROWSER_MAP).filter((name) => name !== 'Generic')),
    systems: new Set(Object.values(Bowser.OS_MAP)),
  };
};
let loaded: ReturnType<typeof parser> | undefined;

const known = (names: Set<string>, name: string | undefined) => (name && names.has(name) ? name : null);

/**
 * The browser's and the system's name from the User-Agent a customer's email login came with, so
 * its owner can tell their places apart ("Firefox on Windows"); only that list shows them. Only
 * the names are kept, and nothing a session is trusted for depends on them: any client may give
 * any of them.
 */
export async function browserSeen(c: Context): Promise<BrowserSeen> {
  const agent = c.req.header('user-agent')?.slice(0, 1000);
  if (!agent) return UNKNOWN_BROWSER;
  let names: Awaited<ReturnType<typeof parser>>;
  try {
    names = await (loaded ??= parser());
  } catch {
    // A name is a hint to the owner: a login never fails for want of one. The next login tries again.
    loaded = undefined;
    return UNKNOWN_BROWSER;
  }
  const { browser, os, platform } = names.parse(agent);
  if (platform.type === 'bot') return UNKNOWN_BROWSER;
  return { browser: known(names.browsers, browser.name), os: known(names.systems, os.name) };
}
