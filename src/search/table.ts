import { z } from 'zod';

/** `content/search/<lang>.yaml`: how customers search, kept as content beside the articles. */
export const searchTableSchema = z.strictObject({
  stopWords: z.array(z.string().min(1)),
  synonyms: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)),
  intents: z.array(z.strictObject({ to: z.string().min(1), phrases: z.array(z.string().min(1)).min(1) })),
});
export type SearchTable = z.output<typeof searchTableSchema>;

/** Where an intent leads: an article's key, or `wizard:<id>`. */
export type Target = string;
export const wizardTarget = (id: string): Target => `wizard:${id}`;

/** Every problem in a table, naming the file; targets must be articles of its language or wizards. */
export function checkSearchTable(path: string, raw: unknown, articleKeys: Set<string>, wizardIds: readonly string[]): string[] {
  const parsed = searchTableSchema.safeParse(raw);
  if (!parsed.success) return parsed.error.issues.map((i) => `${path}: field \`${i.path.join('.') || '(top)'}\`: ${i.message}`);
  const problems: string[] = [];
  for (const [n, intent] of parsed.data.intents.entries()) {
    const wizard = /^wizard:(.+)$/.exec(intent.to)?.[1];
    if (wizard ? !wizardIds.includes(wizard) : !articleKeys.has(intent.to))
      problems.push(`${path}: intents.${n}: no ${wizard ? 'wizard' : 'article'} "${wizard ?? intent.to}"`);
  }
  const stop = new Set(parsed.data.stopWords);
  for (const word of Object.keys(parsed.data.synonyms))
    if (stop.has(word)) problems.push(`${path}: synonyms.${word}: also a stop word, so it would never be read`);
  return problems;
}
