/** Word → how often it occurs, over the searchable part of the given pages. */
export type Vocabulary = Record<string, number>;

const WORD = /[\p{L}\p{N}]+/gu;

export function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** Builds the vocabulary from built HTML pages: only what Pagefind indexes. */
export function buildVocabulary(pages: string[]): Vocabulary {
  const counts: Vocabulary = {};
  for (const html of pages) {
    const body = /<[^>]+data-pagefind-body[^>]*>([\s\S]*)$/.exec(html)?.[1] ?? '';
    const text = body
      .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ')
      .replace(/<[^>]+data-pagefind-ignore[\s\S]*?<\/[a-z]+>/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&[a-z#0-9]+;/gi, ' ');
    for (const word of words(text)) {
      if (word.length >= 3) counts[word] = (counts[word] ?? 0) + 1;
    }
  }
  return counts;
}
