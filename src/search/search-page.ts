// The search page: a query layer in front of Pagefind. It recognises the
// customers' own words and whole questions (content/search/<lang>.yaml),
// searches the meaningful words one by one when the whole query finds too
// little, corrects a word only when that finds more, shows the wizards that
// fit, and keeps the query in the URL and across the language switch.
import { format } from '../i18n/format.ts';
import { correctQuery } from './correct.ts';
import { analyse } from './query.ts';
import { addEvidence, rankResults, type Ranked, type SearchDoc } from './rank.ts';
import type { SearchTable } from './table.ts';
import type { PageUrls } from './page-urls.ts';
import type { Vocabulary } from './vocabulary.ts';

interface PagefindResult {
  id: string;
  data(): Promise<{ url: string }>;
}
interface Pagefind {
  options(o: object): Promise<void>;
  init(): Promise<void>;
  search(term: string): Promise<{ results: PagefindResult[] }>;
}
interface PageData {
  table: SearchTable;
  docs: SearchDoc[];
  texts: {
    count: string;
    countOne: string;
    corrected: string;
    searchInstead: string;
    unavailableTitle: string;
    unavailableText: string;
  };
}

const MAX_RESULTS = 8;
/** A search that has not answered by then will not: the engine did not load. */
const SEARCH_TIMEOUT_MS = 10_000;
/** Results per Pagefind search that count as evidence: further down is noise. */
const PER_SEARCH = 6;

const root = document.querySelector<HTMLElement>('[data-search]');
if (root) {
  const lang = root.dataset.lang ?? 'nl';
  const data = JSON.parse(root.querySelector('[data-search-data]')!.textContent!) as PageData;
  const $ = <T extends HTMLElement>(sel: string) => root.querySelector<T>(sel)!;
  const form = $<HTMLFormElement>('[data-search-form]');
  const input = $<HTMLInputElement>('input[name="q"]');
  const note = $('[data-search-note]');
  const summary = $('[data-search-summary]');
  const guided = $('[data-search-guided]');
  const results = $('[data-search-results]');
  const none = $('[data-search-none]');
  const template = $<HTMLTemplateElement>('[data-result-template]');

  /**
   * Pagefind, its index for this language, the word list and the page addresses, all asked for at
   * once as the page starts: someone on the search page is about to search, and a first search
   * that waited for them took 200-300 ms on 1,000 articles.
   */
  const engine = (async () => {
    const json = async <T>(file: string) => {
      const response = await fetch(`/pagefind/${file}-${lang}.json`);
      if (!response.ok) throw new Error(`${file}: ${response.status}`);
      return (await response.json()) as T;
    };
    const lists = Promise.all([json<Vocabulary>('vocabulary'), json<PageUrls>('urls')]);
    const pagefind = (await import(/* @vite-ignore */ `${'/pagefind/pagefind.js'}`)) as Pagefind;
    await pagefind.options({
      // On this thread: a query runs up to a dozen Pagefind searches, and handing each to Pagefind's
      // worker and back cost more than the search (p95 on 1,000 articles: 42-52 ms with it, 25-42 without).
      noWorker: true,
      // Titles and the customers' own words (keywords) weigh more than body text.
      ranking: { metaWeights: { title: 6, keywords: 8 } },
    });
    await pagefind.init();
    const [vocabulary, urls] = await lists;
    return { pagefind, vocabulary, urls };
  })();
  // A failure shows at the first search (see run); until then it is no error of the page's.
  engine.catch(() => {});

  /** The page URLs one Pagefind search finds, best first; a page the build did not list is asked for its own. */
  async function pagesFor(pagefind: Pagefind, urls: PageUrls, term: string): Promise<string[]> {
    const found = await pagefind.search(term);
    return Promise.all(found.results.slice(0, PER_SEARCH).map(async (r) => urls[r.id] ?? (await r.data()).url));
  }

  /**
   * Ranks a query. `asked` holds the Pagefind searches this search already ran: a one-word query
   * is also its own single word, and a corrected query shares most of its words with the typed one.
   */
  async function rank(query: string, asked: Map<string, Promise<string[]>>): Promise<{ ranked: Ranked[]; unknown: string[] }> {
    const { pagefind, vocabulary, urls } = await engine;
    const analysis = analyse(query, data.table, vocabulary);
    const found = new Map<string, number>();
    const pages = (term: string) => {
      let result = asked.get(term);
      if (!result) asked.set(term, (result = pagesFor(pagefind, urls, term)));
      return result;
    };
    // Not every word needs to be on the page: each word, and each synonym, also counts on its own.
    const [whole, ...single] = await Promise.all([
      analysis.words.length ? pages(analysis.words.join(' ')) : [],
      ...analysis.terms.map(pages),
    ]);
    addEvidence(found, whole!, 2);
    for (const pages of single) addEvidence(found, pages, 1 / analysis.terms.length);
    return { ranked: rankResults(data.docs, analysis.intents, found), unknown: analysis.unknown };
  }

  /** Searches what was typed; a typo is only corrected when the correction finds more. */
  async function search(typed: string, exact: boolean) {
    let shown = typed;
    const asked = new Map<string, Promise<string[]>>();
    let { ranked, unknown } = await rank(typed, asked);
    if (!exact && unknown.length) {
      const { vocabulary } = await engine;
      const corrected = correctQuery(typed, vocabulary, unknown);
      if (corrected) {
        const better = await rank(corrected, asked);
        if ((better.ranked[0]?.score ?? 0) > (ranked[0]?.score ?? 0)) {
          ranked = better.ranked;
          shown = corrected;
        }
      }
    }
    return { ranked, shown };
  }

  function item(doc: SearchDoc): HTMLElement {
    const li = template.content.firstElementChild!.cloneNode(true) as HTMLElement;
    li.dataset.id = doc.id;
    const link = li.querySelector('a')!;
    link.href = doc.url;
    link.textContent = doc.title;
    li.querySelector('p')!.textContent = doc.summary;
    return li;
  }

  let latest = 0;
  /**
   * `report`: a search that finds nothing is told to the FAQ team. Not one that a link from another
   * site opened: its words would be a stranger's, put in the staff report by each visitor's browser.
   */
  async function run(typed: string, exact: boolean, report = true) {
    const query = typed.trim().slice(0, 200);
    const turn = ++latest;
    const started = performance.now();
    keepInUrl(query, exact);
    if (!query) {
      for (const el of [note, guided, none]) el.hidden = true;
      results.replaceChildren();
      summary.textContent = '';
      delete results.dataset.for;
      return;
    }
    let found: Awaited<ReturnType<typeof search>>;
    try {
      found = await Promise.race([
        search(query, exact),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('search timed out')), SEARCH_TIMEOUT_MS)),
      ]);
    } catch {
      if (turn === latest) showUnavailable();
      return;
    }
    if (turn !== latest) return;
    const { ranked, shown } = found;

    const articles = ranked.filter((r) => !r.doc.id.startsWith('wizard:')).slice(0, MAX_RESULTS);
    const wizards = ranked.filter((r) => r.doc.id.startsWith('wizard:') && r.score >= 3).slice(0, 2);
    results.replaceChildren(...articles.map((r) => item(r.doc)));
    guided.querySelector('[data-guided-list]')!.replaceChildren(...wizards.map((r) => item(r.doc)));
    guided.hidden = wizards.length === 0;
    none.hidden = articles.length > 0;
    note.hidden = shown === query;
    if (shown !== query) {
      note.querySelector('[data-note-text]')!.textContent = format(data.texts.corrected, { used: shown });
      const back = note.querySelector<HTMLAnchorElement>('[data-note-link]')!;
      back.textContent = format(data.texts.searchInstead, { typed: query });
      back.href = `?q=${encodeURIComponent(query)}&exact=1`;
    }
    summary.textContent = articles.length
      ? format(articles.length === 1 ? data.texts.countOne : data.texts.count, { count: articles.length, query: shown })
      : '';
    // For the benchmark: from the question to the answers on screen.
    performance.measure('search', { start: started });
    results.dataset.for = query;
    if (!articles.length && report) reportMiss(query);
  }

  /** Pagefind or its files could not be loaded: say so, and offer the tasks, the topics and contact. */
  function showUnavailable() {
    for (const el of [note, guided]) el.hidden = true;
    results.replaceChildren();
    none.querySelector('[data-none-title]')!.textContent = data.texts.unavailableTitle;
    none.querySelector('[data-none-text]')!.textContent = data.texts.unavailableText;
    none.hidden = false;
    summary.textContent = data.texts.unavailableTitle;
  }

  /** The query in the address, so a search can be shared and the language switch takes it along. */
  function keepInUrl(query: string, exact: boolean) {
    const url = new URL(location.href);
    url.searchParams.delete('exact');
    if (query) url.searchParams.set('q', query);
    else url.searchParams.delete('q');
    if (exact && query) url.searchParams.set('exact', '1');
    history.replaceState(null, '', url);
  }

  // A search that finds nothing tells the FAQ team what is missing, once per query.
  const reported = new Set<string>();
  let missTimer: ReturnType<typeof setTimeout> | undefined;
  function reportMiss(query: string) {
    clearTimeout(missTimer);
    if (reported.has(query)) return;
    missTimer = setTimeout(() => {
      reported.add(query);
      void fetch('/api/search-misses', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ query, lang }),
      });
    }, 1500);
  }

  let typing: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => void run(input.value, false), 250);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(typing);
    void run(input.value, false);
  });
  note.querySelector('[data-note-link]')!.addEventListener('click', (event) => {
    event.preventDefault();
    void run(input.value, true);
  });

  const params = new URL(location.href).searchParams;
  const initial = params.get('q')?.trim();
  if (initial) {
    input.value = initial;
    // Our own search boxes send the visitor here with the words in the address.
    void run(initial, params.get('exact') === '1', document.referrer.startsWith(`${location.origin}/`));
  }
}
