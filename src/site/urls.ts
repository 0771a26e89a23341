import { langPrefix, type Lang } from '../i18n/lang.ts';
import { topics, type TopicId } from '../content/topics.ts';

/** Every page URL of the static site is built here, so links and routes agree. */
export const urls = {
  home: (lang: Lang) => `${langPrefix(lang)}/`,
  topic: (lang: Lang, topic: TopicId) => `${langPrefix(lang)}/${topics[topic].slug[lang]}/`,
  article: (lang: Lang, topic: TopicId, slug: string) => `${langPrefix(lang)}/${topics[topic].slug[lang]}/${slug}/`,
  search: (lang: Lang) => (lang === 'nl' ? '/zoeken/' : '/en/search/'),
};
