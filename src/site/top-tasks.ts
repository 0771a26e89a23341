import type { Catalog } from '../i18n/index.ts';
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
