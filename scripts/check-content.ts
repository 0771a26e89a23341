// Prints every problem in the FAQ content; exits 1 when there is one.
// Run with `npm run content:check`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkContent } from '../src/content/check.ts';

const root = 'content/faq';
const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.mdx'))
  .map((name) => ({ path: join(root, name), text: readFileSync(join(root, name), 'utf8') }));
const { articles, problems } = checkContent(files);
for (const problem of problems) console.error(problem);
console.log(`${articles.length} articles checked, ${problems.length} problem(s)`);
process.exit(problems.length ? 1 : 0);
