import { getCollection, type CollectionEntry } from 'astro:content';
import { topicIds, type TopicId } from '../content/topics.ts';
import { langs, type Lang } from '../i18n/lang.ts';
import { urls } from './urls.ts';

export type Entry = CollectionEntry<'faq'>;

export interface Article {
  key: string;
  lang: Lang;
  url: string;
  entry: Entry;
  data: Entry['data'];
}

function toArticle(entry: Entry): Article {
  const [lang, key] = entry.id.split('/') as [Lang, string];
  return { key, lang, entry, data: entry.data, url: urls.article(lang, entry.data.topic, entry.data.slug) };
}

let all: Promise<Article[]> | undefined;

/** All articles, sorted by topic order and then article order. */
export function allArticles(): Promise<Article[]> {
  all ??= getCollection('faq').then((entries) =>
    entries
      .map(toArticle)
      .sort((a, b) => topicIds.indexOf(a.data.topic) - topicIds.indexOf(b.data.topic) || a.data.order - b.data.order),
  );
  return all;
}

export async function articlesIn(lang: Lang, topic?: TopicId): Promise<Article[]> {
  return (await allArticles()).filter((a) => a.lang === lang && (!topic || a.data.topic === topic));
}

export async function findArticle(lang: Lang, key: string): Promise<Article | undefined> {
  return (await allArticles()).find((a) => a.lang === lang && a.key === key);
}

/** The URL of this article in every language, for hreflang and the language switch. */
export async function twinUrls(article: Article): Promise<Record<Lang, string>> {
  const entries = await Promise.all(langs.map(async (lang) => [lang, (await findArticle(lang, article.key))!.url]));
  return Object.fromEntries(entries);
}
