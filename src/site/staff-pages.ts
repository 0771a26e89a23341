import { staffPaths, staffWizardPath, type StaffPage } from '../config/flow-paths.ts';
import type { Lang } from '../i18n/lang.ts';
import { wizardIds, type WizardId } from '../wizards/ids.ts';

/** Every console page in one language, as Astro's static paths below `/agent/` (or `/en/agent/`). */
export function staffPages(lang: Lang) {
  const below = (path: string) => path.slice(staffPaths.console[lang].length).replace(/\/$/, '') || undefined;
  return [
    ...(Object.keys(staffPaths) as StaffPage[]).map((page) => ({
      params: { page: below(staffPaths[page][lang]) },
      props: { lang, page },
    })),
    ...wizardIds.map((wizard: WizardId) => ({
      params: { page: below(staffWizardPath(lang, wizard)) },
      props: { lang, page: 'wizard' as const, wizard },
    })),
  ];
}
