import type { Lang } from '../i18n/lang.ts';
import type { WizardId } from '../wizards/ids.ts';

/** The page of each wizard that is live, per language; articles link only to these. */
const liveWizards: Partial<Record<WizardId, Record<Lang, string>>> = {};

export function wizardUrl(wizard: WizardId, lang: Lang): string | undefined {
  return liveWizards[wizard]?.[lang];
}
