import type { Lang } from '../i18n/lang.ts';

/**
 * The help center's topics, in the order the home page shows them.
 * Names and descriptions live in the text catalogs; slugs are part of the URL.
 */
export const topics = {
  'logging-in': { slug: { nl: 'inloggen', en: 'logging-in' } },
  authenticator: { slug: { nl: 'authenticator-app', en: 'authenticator-app' } },
  'account-details': { slug: { nl: 'account-en-gegevens', en: 'account-details' } },
  eherkenning: { slug: { nl: 'inloggen-met-eherkenning', en: 'log-in-with-eherkenning' } },
  portal: { slug: { nl: 'het-portaal', en: 'the-portal' } },
} as const satisfies Record<string, { slug: Record<Lang, string> }>;

export type TopicId = keyof typeof topics;
export const topicIds = Object.keys(topics) as [TopicId, ...TopicId[]];
