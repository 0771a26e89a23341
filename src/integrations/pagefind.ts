import type { AstroIntegration } from 'astro';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefindApi from 'pagefind';
import { pageUrlsFrom } from '../search/page-urls.ts';
import { buildVocabulary, type Vocabulary } from '../search/vocabulary.ts';

/**
 * Indexes the built pages with Pagefind's Node API (one index per `<html lang>`)
 * and writes, per language, the word list the search page uses to correct typos
 * (Pagefind matches words exactly or by prefix, so "telefon" would find nothing),
 * and each result's page address.
 */
export function pagefind(): AstroIntegration {
  return {
    name: 'helpcenter:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        // Pagefind indexes in a process of its own: the pages are read for the word lists meanwhile.
        const [indexed, vocabularies] = await Promise.all([indexPages(root), vocabulariesOf(root)]);
        for (const [lang, vocabulary] of vocabularies) {
          await writeFile(join(root, 'pagefind', `vocabulary-${lang}.json`), JSON.stringify(vocabulary));
        }
        const fragments = join(root, 'pagefind', 'fragment');
        const names = (await readdir(fragments)).filter((f) => f.endsWith('.pf_fragment'));
        const files = await Promise.all(names.map(async (name) => ({ name, bytes: await readFile(join(fragments, name)) })));
        for (const [lang, urls] of pageUrlsFrom(files)) {
          await writeFile(join(root, 'pagefind', `urls-${lang}.json`), JSON.stringify(urls));
        }
        logger.info(`indexed ${indexed} pages; vocabularies for ${[...vocabularies.keys()].join(', ')}`);
      },
    },
  };
}

/** Pagefind's index of the built site, written to its `pagefind` folder; how many pages it holds. */
async function indexPages(root: string): Promise<number> {
  const { index, errors } = await pagefindApi.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  const added = await index.addDirectory({ path: root });
  if (added.errors.length) throw new Error(`Pagefind indexing failed: ${added.errors.join('; ')}`);
  const written = await index.writeFiles({ outputPath: join(root, 'pagefind') });
  if (written.errors.length) throw new Error(`Pagefind could not write: ${written.errors.join('; ')}`);
  await pagefindApi.close();
  return added.page_count;
}

/** The words of every indexed page and how often each occurs, per language. */
async function vocabulariesOf(root: string): Promise<Map<string, Vocabulary>> {
  const byLang = new Map<string, string[]>();
  const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.html'));
  // All at once: one by one, a thousand pages waited on a thousand reads in turn.
  for (const html of await Promise.all(files.map((file) => readFile(join(root, file), 'utf8')))) {
    const lang = /<html[^>]*\blang="([a-z]{2})/.exec(html)?.[1];
    if (!lang || !html.includes('data-pagefind-body')) continue;
    byLang.set(lang, [...(byLang.get(lang) ?? []), html]);
  }
  return new Map([...byLang].map(([lang, pages]) => [lang, buildVocabulary(pages)]));
}
