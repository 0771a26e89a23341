// The search page: Pagefind's component UI, with the query in the URL (so a
// search can be shared and the home page's form lands here) and a typo
// correction for words that occur nowhere on the site.
import '@pagefind/component-ui';
import '@pagefind/component-ui/css';
import { getInstanceManager } from '@pagefind/component-ui';
import { format } from '../i18n/format.ts';
import { correctQuery } from './correct.ts';
import type { Vocabulary } from './vocabulary.ts';

const root = document.querySelector<HTMLElement>('[data-search]');
if (root) {
  const lang = root.dataset.lang ?? 'nl';
  const instance = getInstanceManager().getInstance('default');
  // Titles and the customers' own words (keywords) weigh more than body text.
  // Set before the first search, which is when Pagefind loads.
  instance.pagefindOptions.ranking = { metaWeights: { title: 6, keywords: 8 } };
  const note = root.querySelector<HTMLElement>('[data-search-note]')!;
  let vocabulary: Promise<Vocabulary> | undefined;

  const input = root.querySelector('pagefind-input');
  input?.setAttribute('placeholder', root.dataset.placeholder ?? '');

  instance.on('search', (term) => {
    const query = String(term ?? '');
    const url = new URL(location.href);
    if (query) url.searchParams.set('q', query);
    else url.searchParams.delete('q');
    history.replaceState(null, '', url);
  });

  // A search that ends with nothing, even after correcting it, tells the FAQ team what is missing.
  let missTimer: ReturnType<typeof setTimeout> | undefined;
  const reported = new Set<string>();
  function reportMiss(term: string, found: number) {
    clearTimeout(missTimer);
    if (found > 0 || reported.has(term)) return;
    missTimer = setTimeout(() => {
      reported.add(term);
      void fetch('/api/search-misses', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: term, lang }),
      });
    }, 1500);
  }

  // The search a correction started: its results keep the note explaining it.
  let correction: string | null = null;
  instance.on('results', async (result) => {
    const term = instance.searchTerm;
    const found = (result as { results: unknown[] }).results.length;
    if (term === correction) {
      correction = null;
      reportMiss(term, found);
      return;
    }
    note.hidden = true;
    if (!term) return;
    vocabulary ??= fetch(`/pagefind/vocabulary-${lang}.json`).then((r) => r.json() as Promise<Vocabulary>);
    const corrected = correctQuery(term, await vocabulary);
    if (!corrected || instance.searchTerm !== term) return reportMiss(term, found);
    note.textContent = format(root.dataset.corrected ?? '', { typed: term, used: corrected });
    note.hidden = false;
    correction = corrected;
    instance.triggerSearch(corrected);
  });

  const initial = new URL(location.href).searchParams.get('q')?.trim();
  if (initial) {
    customElements.whenDefined('pagefind-input').then(() => {
      const field = root.querySelector<HTMLInputElement>('pagefind-input input');
      if (field) field.value = initial;
      instance.triggerSearch(initial);
    });
  }
}
