// Prints every problem in the FAQ content and the search tables; exits 1 when there is one.
// Run with `npm run content:check`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { checkContent } from '../src/content/check.ts';
import { langs } from '../src/i18n/lang.ts';
import { checkSearchTable } from '../src/search/table.ts';
import { wizardIds } from '../src/wizards/ids.ts';

const root = 'content/faq';
const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.mdx'))
  .map((name) => ({ path: join(root, name), text: readFileSync(join(root, name), 'utf8') }));
const { articles, problems } = checkContent(files);
for (const lang of langs) {
  const path = `content/search/${lang}.yaml`;
  const keys = new Set(articles.filter((a) => a.lang === lang).map((a) => a.key));
  problems.push(...checkSearchTable(path, parse(readFileSync(path, 'utf8')), keys, wizardIds));
}
for (const problem of problems) console.error(problem);
console.log(`${articles.length} articles and ${langs.length} search tables checked, ${problems.length} problem(s)`);
process.exit(problems.length ? 1 : 0);
