import { defaultLang, isLang, type Lang } from '../i18n/lang.ts';

/** The language of the page being rendered, from Astro's i18n routing. */
export function pageLang(astro: { currentLocale?: string | undefined }): Lang {
  return isLang(astro.currentLocale) ? astro.currentLocale : defaultLang;
}
