import type { AstroIntegration } from 'astro';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefindApi from 'pagefind';
import { pageUrlsFrom } from '../search/page-urls.ts';
import { buildVocabulary } from '../search/vocabulary.ts';

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
        const { index, errors } = await pagefindApi.createIndex({});
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        const added = await index.addDirectory({ path: root });
        if (added.errors.length) throw new Error(`Pagefind indexing failed: ${added.errors.join('; ')}`);
        const written = await index.writeFiles({ outputPath: join(root, 'pagefind') });
        if (written.errors.length) throw new Error(`Pagefind could not write: ${written.errors.join('; ')}`);
        await pagefindApi.close();

        const pages = await readIndexedPages(root);
        for (const [lang, html] of pages) {
          await writeFile(join(root, 'pagefind', `vocabulary-${lang}.json`), JSON.stringify(buildVocabulary(html)));
        }
        const fragments = join(root, 'pagefind', 'fragment');
        const names = (await readdir(fragments)).filter((f) => f.endsWith('.pf_fragment'));
        const files = await Promise.all(names.map(async (name) => ({ name, bytes: await readFile(join(fragments, name)) })));
        for (const [lang, urls] of pageUrlsFrom(files)) {
          await writeFile(join(root, 'pagefind', `urls-${lang}.json`), JSON.stringify(urls));
        }
        logger.info(`indexed ${added.page_count} pages; vocabularies for ${[...pages.keys()].join(', ')}`);
      },
    },
  };
}

/** The searchable HTML of every indexed page, grouped by language. */
async function readIndexedPages(root: string): Promise<Map<string, string[]>> {
  const byLang = new Map<string, string[]>();
  const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.html'));
  for (const file of files) {
    const html = await readFile(join(root, file), 'utf8');
    const lang = /<html[^>]*\blang="([a-z]{2})/.exec(html)?.[1];
    if (!lang || !html.includes('data-pagefind-body')) continue;
    byLang.set(lang, [...(byLang.get(lang) ?? []), html]);
  }
  return byLang;
}
