import { eherkenningStart } from '../config/flow-paths.ts';
import { texts, type Catalog, type Lang } from '../i18n/index.ts';
import { findArticle } from './articles.ts';
import { wizardUrl } from './wizards.ts';
import type { WizardId } from '../wizards/ids.ts';

/** The home page's shortcuts: the reasons people call, each to its wizard, article or action. */
export const topTasks: {
  text: keyof Catalog['topTasks'];
  article: string;
  wizard?: WizardId;
  action?: (lang: Lang) => string;
}[] = [
  { text: 'cantLogIn', article: 'login-methods', wizard: 'how-to-log-in' },
  { text: 'codeNotWorking', article: 'code-not-working', wizard: 'code-not-working' },
  { text: 'newPhone', article: 'new-phone', wizard: 'new-phone' },
  { text: 'forgotEmail', article: 'forgot-email-address', wizard: 'forgot-email' },
  { text: 'forgotPassword', article: 'forgot-password', wizard: 'forgot-password' },
  // Says "log in", so it logs in; which level is needed is a question of its own.
  { text: 'eherkenning', article: 'log-in-with-eherkenning', action: (lang) => eherkenningStart(lang) },
  { text: 'eherkenningLevel', article: 'which-level', wizard: 'eherkenning-level' },
];

/** The top tasks as links in one language; the build stops when one has no page. */
export async function topTaskLinks(lang: Lang): Promise<{ text: string; href: string }[]> {
  const t = texts(lang);
  return Promise.all(
    topTasks.map(async (task) => {
      const href =
        task.action?.(lang) ?? (task.wizard && wizardUrl(task.wizard, lang)) ?? (await findArticle(lang, task.article))?.url;
      if (!href) throw new Error(`Top task "${task.text}" has no page in ${lang}`);
      return { text: t.topTasks[task.text], href };
    }),
  );
}
