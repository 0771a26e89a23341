import { texts, type Catalog, type Lang } from '../i18n/index.ts';
import { findArticle } from './articles.ts';
import { wizardUrl } from './wizards.ts';
import type { WizardId } from '../wizards/ids.ts';

/** The home page's shortcuts: the reasons people call, each to its wizard or article. */
export const topTasks: { text: keyof Catalog['topTasks']; article: string; wizard?: WizardId }[] = [
  { text: 'cantLogIn', article: 'login-methods', wizard: 'how-to-log-in' },
  { text: 'codeNotWorking', article: 'code-not-working', wizard: 'code-not-working' },
  { text: 'newPhone', article: 'new-phone', wizard: 'new-phone' },
  { text: 'forgotEmail', article: 'forgot-email-address', wizard: 'forgot-email' },
  { text: 'forgotPassword', article: 'forgot-password', wizard: 'forgot-password' },
  { text: 'eherkenning', article: 'log-in-with-eherkenning', wizard: 'eherkenning-level' },
];

/** The top tasks as links in one language; the build stops when one has no page. */
export async function topTaskLinks(lang: Lang): Promise<{ text: string; href: string }[]> {
  const t = texts(lang);
  return Promise.all(
    topTasks.map(async (task) => {
      const href = (task.wizard && wizardUrl(task.wizard, lang)) ?? (await findArticle(lang, task.article))?.url;
      if (!href) throw new Error(`Top task "${task.text}" has no page in ${lang}`);
      return { text: t.topTasks[task.text], href };
    }),
  );
}
