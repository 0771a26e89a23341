// Lighthouse's four category scores for one page of each kind, on the running site.
import { existsSync } from 'node:fs';
// chrome-launcher is the launcher Lighthouse itself depends on and uses from its CLI.
import { launch } from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import type { Row } from './table.ts';

const pages: [name: string, path: string][] = [
  ['home', '/'],
  ['article', '/authenticator-app/code-werkt-niet/'],
  ['search', '/zoeken/?q=nieuwe%20telefoon'],
  ['wizard', '/hulp/code-werkt-niet/'],
];
const categories = ['performance', 'accessibility', 'best-practices', 'seo'];

type Result = NonNullable<Awaited<ReturnType<typeof lighthouse>>>;

/**
 * One Lighthouse run. Now and then a run yields no score (a trace it could not read): that is a
 * failed measurement, not a result, so the page is measured again, up to three times.
 */
async function audit(url: string, port: number): Promise<Result> {
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(url, { port, logLevel: 'error', output: 'json', onlyCategories: categories }, desktopConfig);
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    if (attempt === 3 || categories.every((id) => typeof result.lhr.categories[id]?.score === 'number')) return result;
    const errors = Object.values(result.lhr.audits).flatMap((a) => (a.errorMessage ? [`${a.id}: ${a.errorMessage}`] : []));
    console.warn(
      `lighthouse ${url}: no score, measuring again (${result.lhr.runtimeError?.message ?? errors.slice(0, 3).join('; ')})`,
    );
  }
}

/** Runs Lighthouse with its desktop preset (simulated throttling) on each page in turn. */
export async function lighthouseRows(baseUrl: string): Promise<Row[]> {
  const chromePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const chrome = await launch({
    // Without a path chrome-launcher looks for an installed Chrome itself.
    ...(chromePath ? { chromePath } : {}),
    // The same flags as the browser tests: nothing here may try to reach the internet.
    chromeFlags: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    logLevel: 'silent',
  });
  const rows: Row[] = [];
  try {
    for (const [name, path] of pages) {
      const result = await audit(`${baseUrl}${path}`, chrome.port);
      const scores = categories.map((id) => {
        const score = result.lhr.categories[id]?.score;
        return score === null || score === undefined ? '–' : String(Math.round(score * 100));
      });
      // A score under 100 says nothing about why: name the audits that cost points.
      const lost = Object.values(result.lhr.categories).flatMap((category) =>
        category.auditRefs
          .filter((ref) => ref.weight > 0 && (result.lhr.audits[ref.id]?.score ?? 1) < 1)
          .map((ref) => `${ref.id} (${result.lhr.audits[ref.id]!.displayValue ?? 'failed'})`),
      );
      if (lost.length) console.warn(`lighthouse ${path}: points lost on ${lost.join(', ')}`);
      rows.push({
        section: 'lighthouse (desktop)',
        metric: `${name} ${path}: performance / accessibility / best practices / SEO`,
        value: scores.join(' / '),
        goal: '≥ 99 / 100 / 100 / 100',
      });
    }
  } finally {
    chrome.kill();
  }
  return rows;
}
