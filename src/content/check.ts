import { articleSchema, type ArticleData } from './schema.ts';
import { readArticleFile } from './frontmatter.ts';
import { componentsIn, markupProblems, mdxComponentNames } from './markup.ts';
import { factIds, wrongClaims } from './facts.ts';
import { actionIds } from '../config/actions.ts';
import { langs, type Lang } from '../i18n/lang.ts';


export interface SourceFile {
  /** Path relative to the project, e.g. `content/faq/nl/new-phone.mdx`. */
  path: string;
  text: string;
}

export interface ParsedArticle {
  path: string;
  lang: Lang;
  key: string;
  data: ArticleData;
  body: string;
}

const PATH = /content\/faq\/([a-z]+)\/([a-z0-9-]+)\.mdx$/;

/**
 * Checks the FAQ as a whole and returns one message per problem, each naming the
 * file and the field, so that the people who write the FAQ know what to change.
 */
export function checkContent(files: SourceFile[]): { articles: ParsedArticle[]; problems: string[] } {
  const problems: string[] = [];
  const articles: ParsedArticle[] = [];

  for (const file of files) {
    const place = PATH.exec(file.path);
    if (!place || !(langs as readonly string[]).includes(place[1]!)) {
      problems.push(`${file.path}: articles live in content/faq/<nl|en>/<key>.mdx, with a lower-case key`);
      continue;
    }
    let read: ReturnType<typeof readArticleFile>;
    try {
      read = readArticleFile(file.text);
    } catch (error) {
      problems.push(`${file.path}: ${(error as Error).message}`);
      continue;
    }
    const parsed = articleSchema.safeParse(read.frontmatter);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.length ? issue.path.join('.') : '(frontmatter)';
        problems.push(`${file.path}: field \`${field}\`: ${issue.message}`);
      }
      continue;
    }
    articles.push({ path: file.path, lang: place[1] as Lang, key: place[2]!, data: parsed.data, body: read.body });
  }

  const byLang = new Map<Lang, Map<string, ParsedArticle>>(langs.map((lang) => [lang, new Map()]));
  for (const article of articles) byLang.get(article.lang)!.set(article.key, article);

  for (const article of articles) {
    const { path, lang, key, data, body } = article;
    const own = byLang.get(lang)!;
    for (const other of langs) {
      if (other === lang) continue;
      const twin = byLang.get(other)!.get(key);
      if (!twin) {
        problems.push(`${path}: has no ${other} twin (expected content/faq/${other}/${key}.mdx)`);
        continue;
      }
      for (const field of ['topic', 'wizard', 'order'] as const) {
        if (twin.data[field] !== data[field]) {
          problems.push(`${path}: field \`${field}\` differs from its twin ${twin.path}`);
        }
      }
      if ([...data.related].sort().join() !== [...twin.data.related].sort().join()) {
        problems.push(`${path}: field \`related\` differs from its twin ${twin.path}`);
      }
    }
    for (const related of data.related) {
      if (related === key) problems.push(`${path}: field \`related\`: an article cannot relate to itself`);
      else if (!own.has(related)) problems.push(`${path}: field \`related\`: no article "${related}" in ${lang}`);
    }
    const clash = [...own.values()].find((a) => a !== article && a.data.slug === data.slug && a.data.topic === data.topic);
    if (clash) problems.push(`${path}: field \`slug\`: "${data.slug}" is also used by ${clash.path}`);

    for (const { name, props } of componentsIn(body)) {
      if (!(mdxComponentNames as readonly string[]).includes(name)) {
        problems.push(`${path}: body uses unknown component <${name}>; known: ${mdxComponentNames.join(', ')}`);
      } else if (name === 'ArticleLink' && !own.has(props.to ?? '')) {
        problems.push(`${path}: body links to unknown article "${props.to}"`);
      } else if (name === 'Action' && !(actionIds as readonly string[]).includes(props.to ?? '')) {
        problems.push(`${path}: body names unknown action "${props.to}"; known: ${actionIds.join(', ')}`);
      }
    }
    for (const problem of markupProblems(body)) problems.push(`${path}: ${problem}`);
    if (/^#\s/m.test(body)) problems.push(`${path}: body has a level-1 heading; the title is the only one`);
    for (const { pattern, says } of wrongClaims) {
      if (pattern.test(`${JSON.stringify(data)}\n${body}`)) problems.push(`${path}: says what the facts rule out: ${says}`);
    }
  }

  for (const lang of langs) {
    const covered = new Set([...byLang.get(lang)!.values()].flatMap((a) => a.data.facts));
    for (const fact of factIds) {
      if (!covered.has(fact)) problems.push(`content/faq/${lang}: fact "${fact}" is covered by no article`);
    }
  }

  return { articles, problems };
}
