import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { parse } from 'yaml';

export type EvalLang = 'nl' | 'en';
export interface EvalCase {
  q: string;
  /** The article that answers it. */
  a: string;
  /** The wizard that fits, shown as guided help. */
  w?: string;
}

export const evaluationSet = (): Record<EvalLang, EvalCase[]> =>
  parse(readFileSync('tests/search/evaluation.yaml', 'utf8')) as Record<EvalLang, EvalCase[]>;

export interface Quality {
  queries: number;
  top1: number;
  top3: number;
  empty: number;
  /** Time from pressing Enter to the results on screen, per query, as the page measures it. */
  times: number[];
  misses: string[];
}

/**
 * Types every query of the set into the real search page and reads what it shows; opens the page
 * first unless `open` is false (to go on searching on the page a warm-up left open).
 */
export async function evaluateSearch(page: Page, lang: EvalLang, cases: EvalCase[], open = true): Promise<Quality> {
  if (open) await page.goto(lang === 'nl' ? '/zoeken/' : '/en/search/');
  const input = page.locator('input[name="q"]');
  const q: Quality = { queries: cases.length, top1: 0, top3: 0, empty: 0, times: [], misses: [] };
  for (const { q: query, a, w } of cases) {
    // The page measures each search it finishes: wait for this one's, not an earlier one of the same words.
    const measured = await page.evaluate(() => performance.getEntriesByName('search').length);
    await input.fill(query);
    await input.press('Enter');
    await page.waitForFunction((n) => performance.getEntriesByName('search').length > n, measured, { timeout: 15_000 });
    await page.locator(`[data-search-results][data-for="${query.replace(/"/g, '\\"')}"]`).waitFor({ state: 'attached' });
    const shown = await page.evaluate(() => ({
      ids: [...document.querySelectorAll<HTMLElement>('[data-search-results] > li')].map((li) => li.dataset.id),
      guided: [...document.querySelectorAll<HTMLElement>('[data-search-guided]:not([hidden]) li')].map((li) => li.dataset.id),
      ms: performance.getEntriesByName('search').at(-1)?.duration ?? NaN,
    }));
    q.times.push(shown.ms);
    if (shown.ids.length === 0) q.empty++;
    if (shown.ids[0] === a) q.top1++;
    if (shown.ids.slice(0, 3).includes(a)) q.top3++;
    if (shown.ids[0] !== a)
      q.misses.push(`"${query}": expected ${a} first, got ${shown.ids.slice(0, 3).join(', ') || 'nothing'}`);
    if (w && !shown.guided.includes(`wizard:${w}`))
      q.misses.push(`"${query}": expected the ${w} wizard as guided help, got ${shown.guided.join(', ') || 'none'}`);
  }
  return q;
}
