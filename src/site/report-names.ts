import type { Lang } from '../i18n/lang.ts';
import { wizardIds } from '../wizards/ids.ts';
import { wizardEnds } from '../wizards/index.ts';
import { articlesIn, twinUrls } from './articles.ts';
import { islandTexts } from './flow-texts.ts';
import { siteText } from './format.ts';
import { wizardUrl } from './wizards.ts';

/** A page of the site as staff read it in the report: its title in their language, and where it is in each. */
export interface PageName {
  title: string;
  href: Record<Lang, string>;
}

/**
 * What the report's ids stand for, in the staff member's language: `article:<key>` is the article,
 * `wizard:<id>:<end>` the wizard and the end it reached (as feedback names them).
 */
export async function reportNames(lang: Lang): Promise<Record<string, PageName>> {
  const wizards = islandTexts(lang, 'wizards');
  // A reader's comment is on the text they read: the link goes to the article in that language.
  const articles = await Promise.all(
    (await articlesIn(lang)).map(async (a) => [`article:${a.key}`, { title: siteText(a.data.title), href: await twinUrls(a) }]),
  );
  const ends = wizardIds.flatMap((id) => {
    const steps: Record<string, { title: string }> = wizards[id].steps;
    return wizardEnds(id).map((end) => [
      `wizard:${id}:${end}`,
      { title: `${wizards[id].title} — ${steps[end]!.title}`, href: { nl: wizardUrl(id, 'nl'), en: wizardUrl(id, 'en') } },
    ]);
  });
  return Object.fromEntries([...articles, ...ends]);
}
