import { topicIds, topics } from '../content/topics.ts';
import type { Lang } from '../i18n/lang.ts';
import { articlesIn } from './articles.ts';

/** getStaticPaths for the topic pages of one language. */
export function topicPaths(lang: Lang) {
  return topicIds.map((topic) => ({ params: { topic: topics[topic].slug[lang] }, props: { topic } }));
}

/** getStaticPaths for the article pages of one language. */
export async function articlePaths(lang: Lang) {
  return (await articlesIn(lang)).map((article) => ({
    params: { topic: topics[article.data.topic].slug[lang], slug: article.data.slug },
    props: { article },
  }));
}
