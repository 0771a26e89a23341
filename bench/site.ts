// The static site: build time, size of what a visitor downloads, search speed.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import { evaluateSearch, evaluationSet } from '../tests/search/evaluate.ts';
import { median, percentile, type Row } from './table.ts';

const client = 'dist/client';

export function buildSite(): number {
  const start = performance.now();
  execFileSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--silent'], { stdio: 'inherit' });
  return performance.now() - start;
}

function countArticles(lang: 'nl' | 'en'): number {
  return readdirSync(join('content/faq', lang)).filter((f) => f.endsWith('.mdx')).length;
}

/** Pagefind writes each language's index, fragments and filters with its code as prefix. */
function pagefindBytes(lang: string): number {
  let total = 0;
  for (const file of readdirSync(join(client, 'pagefind'), { recursive: true, encoding: 'utf8' })) {
    const base = file.split('/').pop()!;
    if (base.startsWith(`${lang}_`) || base === `wasm.${lang}.pagefind`) total += statSync(join(client, 'pagefind', file)).size;
  }
  return total;
}

/** Every script the page loads, including those loaded on demand after `act`. */
export async function javascriptBytes(
  browser: Browser,
  url: string,
  act?: (page: import('@playwright/test').Page) => Promise<void>,
) {
  const page = await browser.newPage();
  const bodies: Buffer[] = [];
  page.on('response', async (response) => {
    if (response.request().resourceType() === 'script') bodies.push(await response.body().catch(() => Buffer.alloc(0)));
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  if (act) await act(page);
  await page.waitForLoadState('networkidle');
  await page.close();
  const raw = bodies.reduce((n, b) => n + b.length, 0);
  const gzip = bodies.reduce((n, b) => n + gzipSync(b).length, 0);
  return { raw, gzip };
}

const queries = [
  'code klopt niet',
  'nieuwe telefoon',
  'e-mailadres vergeten',
  'EH3',
  'wachtwoord vergeten',
  'authenticator',
  'polisnummer',
  'machtigen',
  'verzekeringsbewijs',
  'particulier',
];

/**
 * Time from a query to its answers on screen, through the whole query layer
 * (table, Pagefind searches, ranking, rendering), as the page itself measures it.
 */
export async function searchTimes(browser: Browser, base: string, searchPath: string, terms: string[]): Promise<number[]> {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  const lang = searchPath.startsWith('/en/') ? 'en' : 'nl';
  // Warm up on the same page, as a visitor's second search would be: the first one waits for the
  // engine (see firstSearchTimes).
  await evaluateSearch(page, lang, [{ q: terms[0]!, a: '' }]);
  const { times } = await evaluateSearch(
    page,
    lang,
    terms.map((q) => ({ q, a: '' })),
    false,
  );
  await context.close();
  return times;
}

/**
 * A visitor's first search: the search page opened with the query in its address, as the search
 * box in every page's header sends it, timed from the start of the navigation to the answers on
 * screen (page, Pagefind and its index loaded cold, in a fresh browser context each).
 */
export async function firstSearchTimes(browser: Browser, base: string, searchPath: string, terms: string[]): Promise<number[]> {
  const times: number[] = [];
  for (const term of terms) {
    const context = await browser.newContext({ baseURL: base });
    const page = await context.newPage();
    await page.goto(`${searchPath}?q=${encodeURIComponent(term)}`);
    await page.waitForFunction(() => performance.getEntriesByName('search').length > 0);
    times.push(
      await page.evaluate(() => {
        const measured = performance.getEntriesByName('search')[0]!;
        return measured.startTime + measured.duration;
      }),
    );
    await context.close();
  }
  return times;
}

/** The evaluation set through the real search page: how often the answer is first, in the top three, or missing. */
export async function searchQualityRows(browser: Browser, base: string): Promise<Row[]> {
  const section = 'search';
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  const rows: Row[] = [];
  const set = evaluationSet();
  for (const lang of ['nl', 'en'] as const) {
    const q = await evaluateSearch(page, lang, set[lang]);
    const pct = (n: number) => `${((100 * n) / q.queries).toFixed(1)} %`;
    rows.push(
      { section, metric: `top-1, ${q.queries} queries (${lang})`, value: pct(q.top1), goal: '≥ 90 %' },
      { section, metric: `top-3 (${lang})`, value: pct(q.top3), goal: '≥ 98 %' },
      { section, metric: `queries without a result (${lang})`, value: q.empty, goal: '0' },
      {
        section,
        metric: `search time, median / p95 (${lang}, Chromium)`,
        value: `${median(q.times).toFixed(1)} / ${percentile(q.times, 95).toFixed(1)}`,
        unit: 'ms',
      },
    );
  }
  await context.close();
  return rows;
}

export async function siteRows(browser: Browser, base: string, buildMs: number): Promise<Row[]> {
  const section = 'site';
  const rows: Row[] = [
    { section, metric: 'build time (astro build + Pagefind)', value: Math.round(buildMs), unit: 'ms' },
    { section, metric: 'articles (nl / en)', value: `${countArticles('nl')} / ${countArticles('en')}`, goal: '≥ 25 each' },
  ];
  const pages: [string, string, ((p: import('@playwright/test').Page) => Promise<void>) | undefined][] = [
    ['home', '/', undefined],
    ['article', '/authenticator-app/code-werkt-niet/', undefined],
    ['search page, before searching', '/zoeken/', undefined],
    [
      'search page, after a search',
      '/zoeken/',
      async (p) => {
        await p.locator('input[name="q"]').fill('nieuwe telefoon');
        await p.locator('[data-search-results] a').first().waitFor();
      },
    ],
  ];
  for (const [name, path, act] of pages) {
    const { raw, gzip } = await javascriptBytes(browser, `${base}${path}`, act);
    rows.push({
      section,
      metric: `JavaScript on ${name} (raw / gzip)`,
      value: `${raw.toLocaleString('en-US')} / ${gzip.toLocaleString('en-US')}`,
      unit: 'B',
      goal: name === 'article' || name === 'home' ? '0' : '',
    });
  }
  for (const lang of ['nl', 'en'])
    rows.push({ section, metric: `Pagefind index (${lang})`, value: pagefindBytes(lang), unit: 'B' });
  const times = await searchTimes(browser, base, '/zoeken/', queries);
  rows.push({ section, metric: 'search time, median of 10 queries (Chromium)', value: median(times), unit: 'ms' });
  return rows;
}
