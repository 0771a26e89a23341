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

  // The search a correction started: its results keep the note explaining it.
  let correction: string | null = null;
  instance.on('results', async () => {
    const term = instance.searchTerm;
    if (term === correction) {
      correction = null;
      return;
    }
    note.hidden = true;
    if (!term) return;
    vocabulary ??= fetch(`/pagefind/vocabulary-${lang}.json`).then((r) => r.json() as Promise<Vocabulary>);
    const corrected = correctQuery(term, await vocabulary);
    if (!corrected || instance.searchTerm !== term) return;
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
