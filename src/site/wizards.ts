import type { Lang } from '../i18n/lang.ts';
import { wizardIds, type WizardId } from '../wizards/ids.ts';

/** The address of each wizard, per language. */
export const wizardSlugs: Record<WizardId, Record<Lang, string>> = {
  'code-not-working': { nl: 'code-werkt-niet', en: 'code-not-working' },
  'new-phone': { nl: 'nieuwe-telefoon', en: 'new-phone' },
  'forgot-email': { nl: 'e-mailadres-vergeten', en: 'forgot-email-address' },
  'eherkenning-level': { nl: 'welk-eherkenning-niveau', en: 'which-eherkenning-level' },
  'forgot-password': { nl: 'wachtwoord-vergeten', en: 'forgot-password' },
  'how-to-log-in': { nl: 'hoe-log-ik-in', en: 'how-to-log-in' },
};

/** The article each wizard is based on: shown without JavaScript, and linked from it. */
export const wizardArticles: Record<WizardId, string> = {
  'code-not-working': 'code-not-working',
  'new-phone': 'new-phone',
  'forgot-email': 'forgot-email-address',
  'eherkenning-level': 'which-level',
  'forgot-password': 'forgot-password',
  'how-to-log-in': 'login-methods',
};

export function wizardUrl(wizard: WizardId, lang: Lang): string {
  return lang === 'nl' ? `/hulp/${wizardSlugs[wizard].nl}/` : `/en/help/${wizardSlugs[wizard].en}/`;
}

/** The wizard a page address names, or undefined. */
export function wizardBySlug(lang: Lang, slug: string | undefined): WizardId | undefined {
  return wizardIds.find((wizard) => wizardSlugs[wizard][lang] === slug);
}
