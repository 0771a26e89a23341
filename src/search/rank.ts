import type { Target } from './table.ts';

/** An article or wizard as the search page knows it (from the build). */
export interface SearchDoc {
  /** The article's key, or `wizard:<id>`. */
  id: Target;
  url: string;
  title: string;
  summary: string;
}

export interface Ranked {
  doc: SearchDoc;
  score: number;
}

/** How much a phrase of the table outweighs the full-text score: a customer's own words, recognised, are the best evidence. */
const INTENT_WEIGHT = 5;

/**
 * Merges what the table recognised with what Pagefind found. `found` holds,
 * per page URL, the full-text evidence: each search (the whole query, then
 * each word alone) adds 1 for its first result, ½ for its second, and so on,
 * so a page that many words find rises without every word having to be on it.
 */
export function rankResults(docs: SearchDoc[], intents: Map<Target, number>, found: Map<string, number>): Ranked[] {
  return docs
    .map((doc) => ({ doc, score: (intents.get(doc.id) ?? 0) * INTENT_WEIGHT + (found.get(doc.url) ?? 0) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.doc.title.localeCompare(b.doc.title));
}

/** Adds one search's results (page URLs, best first) to the evidence; `weight` favours the whole query over single words. */
export function addEvidence(found: Map<string, number>, urls: string[], weight: number): void {
  urls.forEach((url, rank) => found.set(url, (found.get(url) ?? 0) + weight / (rank + 1)));
}
