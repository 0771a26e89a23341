import type { AuthDeps } from '../auth/deps.ts';
import type { Lang } from '../i18n/lang.ts';

/** Today in UTC, the unit the report counts in. */
export function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

// How an address's "@" and "." are written out: jan @ bedrijf.nl, jan(at)bedrijf[dot]nl, jan at bedrijf punt nl,
// jan_at_bedrijf.nl, jan%40bedrijf.nl.
const AT = String.raw`(?:\s?(?:@|%40|\(at\)|\[at\]|\{at\})\s?|\s(?:at|apenstaartje)\s|_at_)`;
const DOT = String.raw`(?:\.|\s?(?:\(dot\)|\[dot\]|\{dot\}|\(punt\)|\[punt\])\s?|\s(?:dot|punt)\s)`;

// Each starts only where a word starts, so a long text without a match costs a pass, not its square.
const PERSONAL = [
  // A word with an "@" in it (a lone "@", as in "wachtwoord met @", stays).
  /(?<!\S)(?:[^\s@]+@\S*|@[^\s@]+)/gu,
  // An address written out: a name, an "at", a domain whose last part is letters ("error at 10.30 am" stays).
  new RegExp(
    String.raw`(?<!\S)[\p{L}\p{N}._%+-]+${AT}[\p{L}\p{N}-]+(?:${DOT}[\p{L}\p{N}-]+)*${DOT}\p{L}{2,}(?![\p{L}\p{N}])`,
    'giu',
  ),
  // An IBAN (NL91 ABNA 0417 1643 00), before its digits are taken for a phone number.
  /\b[a-z]{2}\d{2}(?:\s?[a-z0-9]{4}){2,7}(?:\s?[a-z0-9]{1,3})?\b/gi,
  // A policy or customer number: a few letters and five digits or more (ZP100001); "eh3" stays.
  /(?<![\p{L}\p{N}])\p{L}{1,4}\p{Nd}{5,}(?![\p{L}\p{N}])/gu,
  // Phone, citizen service and chamber of commerce numbers: six digits or more, in any script,
  // whatever between them but a colon (a time, 10:30-11:45, stays), from the start of a number.
  /(?<![\p{L}\p{N}])\+?\p{Nd}(?:[^\p{L}\p{Nd}:]{0,3}\p{Nd}){5,}/gu,
  // The same with colons: more parts than a time has (06:12:34:56:78).
  /(?<![\p{L}\p{N}])\p{Nd}{1,4}(?::\p{Nd}{1,4}){3,}(?![\p{L}\p{N}])/gu,
];

/** Longer than any field that is scrubbed, cut after NFKC, which can make a text six times longer. */
const SCRUBBED_LENGTH = 1000;

/**
 * What visitors type (comments, searches) is kept for the writers of the FAQ, not to identify
 * anyone: what looks like an email address, a phone, bank or policy number or another long
 * number is removed. NFKC first, so that a full-width ＠ or digit is the ordinary one.
 */
export function scrubPersonal(text: string): string {
  // Spaces and line breaks made one first: a number split over lines is still one number.
  const normal = text.normalize('NFKC').replace(/\s+/g, ' ').trim().slice(0, SCRUBBED_LENGTH);
  return PERSONAL.reduce((rest, pattern) => rest.replace(pattern, '[…]'), normal);
}

/** "Was this helpful?": the page, the answer and a scrubbed comment; nothing about who. */
export async function recordFeedback(
  deps: AuthDeps,
  input: { page: string; lang: 'nl' | 'en'; helpful: boolean; comment?: string | undefined },
): Promise<void> {
  await deps.store.addFeedback({
    id: deps.random.logId(),
    at: deps.clock.now(),
    page: input.page,
    lang: input.lang,
    helpful: input.helpful ? 1 : 0,
    comment: scrubPersonal(input.comment ?? '').slice(0, 500) || null,
  });
}

/** A search that found nothing, counted per day by its words, scrubbed as comments are. */
export async function recordSearchMiss(deps: AuthDeps, query: string, lang: 'nl' | 'en'): Promise<void> {
  const words = scrubPersonal(query).toLowerCase().slice(0, 100);
  if (words) await deps.store.countDaily('searchMiss', `${lang}:${words}`, day(deps.clock.now()));
}

/** A wizard end a customer reached, counted per day. */
export async function recordWizardEnd(deps: AuthDeps, wizard: string, end: string): Promise<void> {
  await deps.store.countDaily('wizardEnd', `${wizard}:${end}`, day(deps.clock.now()));
}

export interface Report {
  articles: { page: string; lang: Lang; yes: number; no: number; helpfulShare: number }[];
  searchesWithoutResult: { lang: Lang; query: string; total: number }[];
  wizardEnds: { wizard: string; end: string; total: number }[];
  comments: { at: number; page: string; lang: Lang; comment: string }[];
}

/** A daily count's key, `<first>:<rest>`, in its two parts (the words of a search may hold a colon). */
function splitKey(key: string): [string, string] {
  const colon = key.indexOf(':');
  return [key.slice(0, colon), key.slice(colon + 1)];
}

/** What customers could not find, from `from` up to (not including) `to`: the FAQ team's to-do list. */
export async function report(deps: AuthDeps, from: number, to: number): Promise<Report> {
  const lastDay = day(to - 1);
  const articles = (await deps.store.feedbackSummary(from, to))
    .map((r) => ({ ...r, helpfulShare: r.yes + r.no ? r.yes / (r.yes + r.no) : 0 }))
    .sort((a, b) => a.helpfulShare - b.helpfulShare || b.no - a.no);
  const misses = await deps.store.dailyTotals('searchMiss', day(from), lastDay, 50);
  const ends = await deps.store.dailyTotals('wizardEnd', day(from), lastDay, 100);
  return {
    articles,
    searchesWithoutResult: misses.map((m) => {
      const [lang, query] = splitKey(m.key);
      return { lang: lang as Lang, query, total: m.total };
    }),
    wizardEnds: ends.map((e) => {
      const [wizard, end] = splitKey(e.key);
      return { wizard, end, total: e.total };
    }),
    comments: await deps.store.listFeedbackComments(from, to, 100),
  };
}
