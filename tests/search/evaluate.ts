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
 * Puts every query of the set to the real search page and reads what it shows; opens the page
 * first unless `open` is false (to go on searching on the page a warm-up left open).
 *
 * The whole set runs in one call into the page: each query is put in the page's own search box
 * and its form submitted, as Enter does, and the next starts when the page has measured its
 * answers on screen. Five round trips from the test per query took most of the time (40-50 s a
 * language on two busy cores); typing as a person does is the search and keyboard specs' business.
 */
export async function evaluateSearch(page: Page, lang: EvalLang, cases: EvalCase[], open = true): Promise<Quality> {
  if (open) await page.goto(lang === 'nl' ? '/zoeken/' : '/en/search/');
  const answers = await page.evaluate(
    async (queries) => {
      const input = document.querySelector<HTMLInputElement>('input[name="q"]')!;
      const results = document.querySelector<HTMLElement>('[data-search-results]')!;
      const ids = (selector: string) => [...document.querySelectorAll<HTMLElement>(selector)].map((li) => li.dataset.id);
      const shown = [];
      // The page measures each search it finishes and marks the list with its query right after;
      // an observer, not polling, so that nothing else runs on the page's thread meanwhile.
      const measured = (query: string) =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no answers on screen for "${query}"`)), 15_000);
          const observer = new PerformanceObserver((list) => {
            if (!list.getEntriesByName('search').length || results.dataset.for !== query) return;
            observer.disconnect();
            clearTimeout(timer);
            resolve();
          });
          observer.observe({ type: 'measure' });
        });
      for (const query of queries) {
        const done = measured(query);
        input.value = query;
        input.form!.requestSubmit();
        await done;
        shown.push({
          ids: ids('[data-search-results] > li'),
          guided: ids('[data-search-guided]:not([hidden]) li'),
          ms: performance.getEntriesByName('search').at(-1)!.duration,
        });
      }
      return shown;
    },
    cases.map((c) => c.q),
  );
  const q: Quality = { queries: cases.length, top1: 0, top3: 0, empty: 0, times: [], misses: [] };
  cases.forEach(({ q: query, a, w }, i) => {
    const shown = answers[i]!;
    q.times.push(shown.ms);
    if (shown.ids.length === 0) q.empty++;
    if (shown.ids[0] === a) q.top1++;
    if (shown.ids.slice(0, 3).includes(a)) q.top3++;
    if (shown.ids[0] !== a)
      q.misses.push(`"${query}": expected ${a} first, got ${shown.ids.slice(0, 3).join(', ') || 'nothing'}`);
    if (w && !shown.guided.includes(`wizard:${w}`))
      q.misses.push(`"${query}": expected the ${w} wizard as guided help, got ${shown.guided.join(', ') || 'none'}`);
  });
  return q;
}
