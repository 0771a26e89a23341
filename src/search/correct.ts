import { words, type Vocabulary } from './vocabulary.ts';

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps). */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0]!.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]!.push(best);
    }
  }
  return rows[a.length]![b.length]!;
}

function allowedTypos(word: string): number {
  return word.length <= 3 ? 0 : word.length <= 6 ? 1 : 2;
}

/**
 * Replaces each query word that the site does not contain (not even as the
 * start of a word) with the closest word it does contain; with `only`, just
 * those words (the ones no table or compound explains). Returns null when
 * nothing needed or could be corrected.
 */
export function correctQuery(query: string, vocabulary: Vocabulary, only?: string[]): string | null {
  const known = Object.keys(vocabulary);
  let changed = false;
  const corrected = words(query).map((word) => {
    if (only && !only.includes(word)) return word;
    if (vocabulary[word] || known.some((k) => k.startsWith(word))) return word;
    const limit = allowedTypos(word);
    let best: { word: string; distance: number; count: number } | undefined;
    for (const candidate of known) {
      const distance = editDistance(word, candidate, limit);
      if (distance > limit) continue;
      const count = vocabulary[candidate]!;
      if (!best || distance < best.distance || (distance === best.distance && count > best.count)) {
        best = { word: candidate, distance, count };
      }
    }
    if (!best) return word;
    changed = true;
    return best.word;
  });
  return changed ? corrected.join(' ') : null;
}
