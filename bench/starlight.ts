// This site next to Starlight on the same 1,000 generated articles (500 Dutch + 500 English):
// build time (both including their Pagefind index), what one article page weighs, the index
// size, and how fast our search answers on a FAQ of that size.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import { topics } from '../src/content/topics.ts';
import { writeArticles, type GeneratedArticle } from './generate-articles.ts';
import { firstSearchTimes, searchTimes } from './site.ts';
import { median, percentile, type Row } from './table.ts';

const project = join(import.meta.dirname, '..');
const astro = join(project, 'node_modules/astro/bin/astro.mjs');
const runs = 2;

// Searches a customer might type, each about something the generated articles cover.
const queries = [
  'wachtwoord wijzigen',
  'code werkt niet',
  'nieuwe telefoon',
  'e-mailadres',
  'polisnummer',
  'verzekeringsbewijs',
  'machtiging',
  'factuur',
  'premie',
  'schademelding',
  'ziekmelding',
  'KvK-nummer',
  'vestigingsnummer',
  'QR-code',
  'authenticator',
  'inlogcode verlopen',
  'herstellink',
  'eHerkenning',
  'bedrijfsauto',
  'rekeningnummer',
];

export interface StarlightResult {
  rows: Row[];
  /** Starlight's build time divided by ours, on the same files: MDX, the format our articles are in. */
  starlightRatio: number;
  /** The same with the docs as plain Markdown, Starlight's fastest case. */
  starlightMdRatio: number;
}

/** Wall-clock time of one `astro build`; `--force` drops the content cache, so both start cold. */
function timeBuild(cwd: string, env: Record<string, string> = {}): number {
  const start = performance.now();
  execFileSync(process.execPath, [astro, 'build', '--silent', '--force'], {
    cwd,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return performance.now() - start;
}

/**
 * A Starlight project holding the articles as docs, Dutch at the root and English under en/.
 * Starlight only reads docs from <srcDir>/content/docs and needs srcDir inside its root, so the
 * skeleton is copied next to them; the copy lies under the project so that `node_modules`
 * resolves (an out-of-tree build cannot import its dependencies either).
 */
function starlightProject(root: string, articles: GeneratedArticle[], ext: 'md' | 'mdx'): void {
  cpSync(join(import.meta.dirname, 'starlight-site'), root, { recursive: true });
  const byKey = new Map(articles.map((a) => [a.key, a]));
  for (const lang of ['nl', 'en'] as const) {
    const prefix = lang === 'nl' ? '' : '/en';
    for (const article of articles) {
      const { title, summary, body } = article.text[lang];
      // Starlight has no <ArticleLink>: the same link as plain Markdown.
      const markdown = body.replace(
        /<ArticleLink to="([^"]+)">([^<]*)<\/ArticleLink>/g,
        (_, key: string, text: string) => `[${text}](${prefix}/${byKey.get(key)!.topic}/${key}/)`,
      );
      const file = join(root, 'src/content/docs', lang === 'nl' ? '' : 'en', article.topic, `${article.key}.${ext}`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `---\ntitle: ${JSON.stringify(title)}\ndescription: ${JSON.stringify(summary)}\n---\n\n${markdown}`);
    }
  }
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

/** The smallest static file server, the same for both sites, so neither gets a server's help. */
function serve(root: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    let file = join(root, path);
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

/** Scripts the page loads plus inline scripts (JSON-LD is data, not JavaScript). */
async function javascriptOn(browser: Browser, url: string): Promise<string> {
  const page = await browser.newPage();
  const bodies: Buffer[] = [];
  page.on('response', async (response) => {
    if (response.request().resourceType() === 'script') bodies.push(await response.body().catch(() => Buffer.alloc(0)));
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  const inline = await page.$$eval('script:not([src])', (scripts) =>
    scripts
      .filter((s) => ['', 'module', 'text/javascript'].includes(s.getAttribute('type') ?? ''))
      .map((s) => s.textContent ?? ''),
  );
  await page.close();
  return rawAndGzip([...bodies, ...inline.map((s) => Buffer.from(s))]);
}

function rawAndGzip(parts: Buffer[]): string {
  const raw = parts.reduce((n, b) => n + b.length, 0);
  const gzip = parts.reduce((n, b) => n + (b.length ? gzipSync(b).length : 0), 0);
  return `${raw.toLocaleString('en-US')} / ${gzip.toLocaleString('en-US')}`;
}

function folderBytes(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => statSync(join(dir, f)))
    .reduce((n, s) => n + (s.isFile() ? s.size : 0), 0);
}

export async function starlightRows(browser: Browser, port: number): Promise<StarlightResult> {
  const section = 'starlight';
  // bench/.work is left out of type checking; the builds below must lie inside the project.
  mkdirSync(join(import.meta.dirname, '.work'), { recursive: true });
  const tmp = mkdtempSync(join(import.meta.dirname, '.work', 'starlight-'));
  try {
    const articles = writeArticles(join(tmp, 'faq'));
    const oursOut = join(tmp, 'ours-dist');
    const oursEnv = { FAQ_CONTENT_DIR: join(tmp, 'faq'), BUILD_OUT_DIR: oursOut };
    starlightProject(join(tmp, 'starlight-mdx'), articles, 'mdx');
    starlightProject(join(tmp, 'starlight'), articles, 'md');
    // Each build runs twice, interleaved, and the faster counts: on two cores one busy moment
    // elsewhere on the machine would otherwise decide the ratio.
    const best = { ours: Infinity, md: Infinity, mdx: Infinity };
    for (let run = 0; run < runs; run++) {
      best.ours = Math.min(best.ours, timeBuild(project, oursEnv));
      best.md = Math.min(best.md, timeBuild(join(tmp, 'starlight')));
      best.mdx = Math.min(best.mdx, timeBuild(join(tmp, 'starlight-mdx')));
    }
    rmSync(join(tmp, 'starlight-mdx'), { recursive: true });
    const { ours: oursMs, md: mdMs, mdx: mdxMs } = best;

    // One article, the same in both: its Dutch page.
    const article = articles.find((a) => a.key === 'code-not-working')!;
    const sites = [
      { name: 'ours', root: join(oursOut, 'client'), path: `/${topics[article.topic].slug.nl}/${article.text.nl.slug}/` },
      { name: 'Starlight', root: join(tmp, 'starlight/dist'), path: `/${article.topic}/${article.key}/` },
    ];
    const rows: Row[] = [
      {
        section,
        metric: `build time on 1,000 articles, ours (astro build + Pagefind), best of ${runs}`,
        value: Math.round(oursMs),
        unit: 'ms',
      },
      {
        section,
        metric: `build time on 1,000 articles, Starlight (.md docs), best of ${runs}`,
        value: Math.round(mdMs),
        unit: 'ms',
      },
      {
        section,
        metric: `build time on 1,000 articles, Starlight (.mdx docs), best of ${runs}`,
        value: Math.round(mdxMs),
        unit: 'ms',
      },
      {
        section,
        metric: 'build time ratio, Starlight (.mdx, the same files) / ours',
        value: mdxMs / oursMs,
        unit: '×',
        goal: `≥ 2×: ${mdxMs / oursMs >= 2 ? 'yes' : 'NO'}`,
      },
      { section, metric: 'build time ratio, Starlight (.md) / ours', value: mdMs / oursMs, unit: '×' },
    ];
    const measured = [];
    for (const site of sites) {
      const server = await serve(site.root, port);
      try {
        const base = `http://127.0.0.1:${port}`;
        measured.push({
          ...site,
          js: await javascriptOn(browser, `${base}${site.path}`),
          html: rawAndGzip([readFileSync(join(site.root, site.path, 'index.html'))]),
          pagefind: folderBytes(join(site.root, 'pagefind')),
          // Search is timed on our site only: Starlight's search is not what is compared.
          search: site.name === 'ours' ? await searchTimes(browser, base, '/zoeken/', queries) : [],
          firstSearch: site.name === 'ours' ? await firstSearchTimes(browser, base, '/zoeken/', queries.slice(0, 5)) : [],
        });
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    }
    for (const m of measured)
      rows.push({
        section,
        metric: `JavaScript on an article page, ${m.name} (raw / gzip)`,
        value: m.js,
        unit: 'B',
        goal: m.name === 'ours' ? "no script file; the header's inline lines < 1.5 KB" : '',
      });
    for (const m of measured)
      rows.push({ section, metric: `HTML of an article page, ${m.name} (raw / gzip)`, value: m.html, unit: 'B' });
    for (const m of measured)
      rows.push({ section, metric: `Pagefind index, ${m.name} (nl + en, all files)`, value: m.pagefind, unit: 'B' });
    const { search: times, firstSearch } = measured[0]!;
    rows.push({
      section,
      metric: `search time on 1,000 articles, page open, median of ${times.length} queries (Chromium)`,
      value: median(times),
      unit: 'ms',
    });
    rows.push({
      section,
      metric: `search time on 1,000 articles, page open, p95 of ${times.length} queries (Chromium)`,
      value: percentile(times, 95),
      unit: 'ms',
      goal: `< 50: ${percentile(times, 95) < 50 ? 'yes' : 'NO'}`,
    });
    rows.push({
      section,
      metric: `first search on 1,000 articles, opened with ?q= (navigation → answers), median of ${firstSearch.length}`,
      value: median(firstSearch),
      unit: 'ms',
    });
    return { rows, starlightRatio: mdxMs / oursMs, starlightMdRatio: mdMs / oursMs };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    // bench/.work itself only if nothing else (another run) is using it.
    if (readdirSync(join(import.meta.dirname, '.work')).length === 0) rmdirSync(join(import.meta.dirname, '.work'));
  }
}
