import type { Loader, LoaderContext } from 'astro/loaders';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readArticleFile } from '../content/frontmatter.ts';
import { markupProblems } from '../content/markup.ts';
import type { ArticleData } from '../content/schema.ts';
import type { Lang } from '../i18n/lang.ts';
import { expandComponents } from './article-components.ts';
import { urls } from './urls.ts';

/**
 * The FAQ collection, each article rendered to HTML once, here: its components expanded
 * (src/site/article-components.ts), then its Markdown with the site's Markdown settings. Astro's
 * MDX integration made every article a module to compile, bundle and run; on 1,000 articles
 * that was most of the build. The id keeps the language folder (`nl/new-phone`), so twins
 * share their file name.
 */
export function faqLoader(base: string): Loader {
  return {
    name: 'helpcenter:faq',
    load: async (context) => {
      const root = resolve(fileURLToPath(context.config.root), base);
      const { watcher } = context;
      if (!watcher) return loadArticles(context, root);
      // `npm run dev`: an edited, added or removed article shows at once, one reload at a time (an
      // editor's save can be a removal and an addition), and a mistake is shown until it is mended.
      let running: Promise<void> | undefined;
      let again = false;
      const reload = async (): Promise<void> => {
        if (running) return void (again = true);
        running = loadArticles(context, root).catch((error: Error) => context.logger.error(error.message));
        await running;
        running = undefined;
        if (again) {
          again = false;
          await reload();
        }
      };
      watcher.add(root);
      watcher.on('all', (_event, path) => {
        if (path.startsWith(root + sep) && path.endsWith('.mdx')) void reload();
      });
      await reload();
    },
  };
}

async function loadArticles(context: LoaderContext, root: string): Promise<void> {
  const names = (await readdir(root, { recursive: true })).filter((name) => name.endsWith('.mdx'));
  const articles = await Promise.all(
    names.map(async (name) => {
      const filePath = relative(fileURLToPath(context.config.root), join(root, name)).split(sep).join('/');
      const id = name.slice(0, -'.mdx'.length).split(sep).join('/');
      const text = await readFile(join(root, name), 'utf8');
      const { frontmatter, body } = naming(filePath, () => {
        const read = readArticleFile(text);
        const problems = markupProblems(read.body);
        if (problems.length) throw new Error(problems.join('; '));
        return read;
      });
      const data = await context.parseData<ArticleData>({ id, data: frontmatter as ArticleData, filePath });
      return { id, filePath, text, body, data, lang: id.split('/')[0] as Lang };
    }),
  );
  // A link to another article needs that article's address, so every frontmatter comes first.
  const addresses = new Map(articles.map((a) => [a.id, urls.article(a.lang, a.data.topic, a.data.slug)]));
  // renderMarkdown reads frontmatter first: an empty one in front, so a body that opens with a
  // --- rule keeps it.
  const rendered = await Promise.all(
    articles.map(async ({ id, filePath, text, body, data, lang }) => {
      const html = naming(filePath, () => expandComponents(body, { lang, articleUrl: (key) => addresses.get(`${lang}/${key}`) }));
      return {
        id,
        data,
        body,
        filePath,
        digest: context.generateDigest(text),
        rendered: await context.renderMarkdown(`---\n---\n${html}`),
      };
    }),
  );
  context.store.clear();
  for (const entry of rendered) context.store.set(entry);
}

/** What `work` throws, with the article's file named first, so its writer knows where to look. */
function naming<T>(filePath: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw new Error(`${filePath}: ${(error as Error).message}`);
  }
}
