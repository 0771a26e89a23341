import { editDistance } from './correct.ts';
import type { SearchTable, Target } from './table.ts';
import type { Vocabulary } from './vocabulary.ts';

/** What a customer typed, taken apart for the search. */
export interface Analysis {
  /** Every word typed, normalised. */
  tokens: string[];
  /** The words that say something (no stop words), with the parts of compounds. */
  words: string[];
  /** What to ask Pagefind for, one by one: the words and their synonyms. */
  terms: string[];
  /** Articles and wizards a phrase of the table points at, with how specific that phrase is. */
  intents: Map<Target, number>;
  /** Meaningful words found nowhere: not on the site, in the table or as a compound. Only these may be corrected. */
  unknown: string[];
}

const TOKEN = /[\p{L}\p{N}]+(?:[-'’+][\p{L}\p{N}]*)*/gu;

/** Lower case, without accents, hyphens or apostrophes: "E-mailadres" and "emailadres" are one word. */
export function normalise(word: string): string {
  return word.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/[-'’]/g, '');
}

export function tokenise(text: string): string[] {
  return (text.match(TOKEN) ?? []).map(normalise).filter(Boolean);
}

/**
 * A typed word that stands for a word of a phrase: the same, a longer form of it
 * ("telefoons" for "telefoon"), a beginning of it ("inlog" for "inloggen"), or
 * one slip away in a long word.
 */
export function sameWord(typed: string, word: string): boolean {
  if (typed === word) return true;
  if (word.length >= 4 && typed.startsWith(word)) return true;
  if (typed.length >= 4 && word.startsWith(typed)) return true;
  return word.length >= 6 && editDistance(typed, word, 1) <= 1;
}

/** Dutch compounds the site may only know in parts: "ziekmelding" → "ziek" + "melding". */
export function splitCompound(word: string, vocabulary: Vocabulary): [string, string] | null {
  if (word.length < 7) return null;
  for (let cut = word.length - 3; cut >= 3; cut--) {
    const left = word.slice(0, cut);
    const right = word.slice(cut);
    // The linking s of "bedrijfsnaam" belongs to neither part.
    const rest = right.startsWith('s') && !vocabulary[right] ? right.slice(1) : right;
    if (vocabulary[left] && rest.length >= 3 && vocabulary[rest]) return [left, rest];
  }
  return null;
}

export function analyse(query: string, table: SearchTable, vocabulary: Vocabulary): Analysis {
  const tokens = tokenise(query);
  const stop = new Set(table.stopWords.map(normalise));
  const words: string[] = [];
  const terms = new Set<string>();
  const covered = new Set<string>();

  for (const token of tokens) {
    if (stop.has(token)) continue;
    words.push(token);
    terms.add(token);
    const parts = splitCompound(token, vocabulary);
    if (parts) {
      words.push(...parts);
      parts.forEach((p) => terms.add(p));
      covered.add(token);
    }
    for (const [word, instead] of Object.entries(table.synonyms)) {
      if (!sameWord(token, normalise(word))) continue;
      instead.forEach((w) => tokenise(w).forEach((t) => terms.add(t)));
      covered.add(token);
    }
  }

  // A synonym stands for its words in the phrases too: "mobiel vervangen" is "telefoon vervangen".
  const all = [...tokens, ...words, ...terms];
  const intents = new Map<Target, number>();
  for (const intent of table.intents) {
    for (const phrase of intent.phrases) {
      const need = tokenise(phrase);
      if (!need.every((w) => all.some((t) => sameWord(t, w)))) continue;
      need.forEach((w) => all.filter((t) => sameWord(t, w)).forEach((t) => covered.add(t)));
      // Words that say something make a phrase specific; "is" and "get" only half as much.
      const weight = need.reduce((sum, w) => sum + (stop.has(w) ? 0.5 : 1), 0);
      intents.set(intent.to, Math.max(intents.get(intent.to) ?? 0, weight));
    }
  }

  const known = Object.keys(vocabulary);
  const unknown = words.filter(
    (w) =>
      !covered.has(w) &&
      !vocabulary[w] &&
      w.length >= 3 &&
      !known.some((k) => k.startsWith(w) || (w.length >= 5 && w.startsWith(k) && k.length >= 4)),
  );
  return { tokens, words: [...new Set(words)], terms: [...terms].slice(0, 10), intents, unknown: [...new Set(unknown)] };
}
