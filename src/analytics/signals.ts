import type { AuthDeps } from '../auth/deps.ts';

/** Today in UTC, the unit the report counts in. */
export function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Comments are kept for the writers of the FAQ, not to identify anyone: what
 * looks like an address, a phone number or another long number is removed.
 */
export function scrubComment(comment: string | undefined): string | null {
  const text = (comment ?? '')
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[…]')
    .replace(/\+?\d[\d\s-]{5,}\d/g, '[…]')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 500);
  return text || null;
}

/** "Was this helpful?": the page, the answer and a scrubbed comment; nothing about who. */
export async function recordFeedback(
  deps: AuthDeps,
  input: { page: string; lang: 'nl' | 'en'; helpful: boolean; comment?: string | undefined },
): Promise<void> {
  await deps.store.addFeedback({
    id: deps.random.uuid(),
    at: deps.clock.now(),
    page: input.page,
    lang: input.lang,
    helpful: input.helpful ? 1 : 0,
    comment: scrubComment(input.comment),
  });
}

/** A search that found nothing, counted per day by its words. */
export async function recordSearchMiss(deps: AuthDeps, query: string, lang: 'nl' | 'en'): Promise<void> {
  const words = query.toLowerCase().replace(/\s+/g, ' ').trim().slice(0, 100);
  if (words) await deps.store.countDaily('searchMiss', `${lang}:${words}`, day(deps.clock.now()));
}

/** A wizard end a customer reached, counted per day. */
export async function recordWizardEnd(deps: AuthDeps, wizard: string, end: string): Promise<void> {
  await deps.store.countDaily('wizardEnd', `${wizard}:${end}`, day(deps.clock.now()));
}

export interface Report {
  articles: { page: string; yes: number; no: number; helpfulShare: number }[];
  searchesWithoutResult: { query: string; total: number }[];
  wizardEnds: { end: string; total: number }[];
  comments: { at: number; page: string; comment: string }[];
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
    searchesWithoutResult: misses.map((m) => ({ query: m.key, total: m.total })),
    wizardEnds: ends.map((e) => ({ end: e.key, total: e.total })),
    comments: await deps.store.listFeedbackComments(from, to, 100),
  };
}
