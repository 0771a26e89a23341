export const langs = ['nl', 'en'] as const;
export type Lang = (typeof langs)[number];
export const defaultLang: Lang = 'nl';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (langs as readonly string[]).includes(value);
}

/** The path prefix of a language: Dutch lives at the root, English under /en. */
export function langPrefix(lang: Lang): string {
  return lang === defaultLang ? '' : `/${lang}`;
}

/** The language a browser asks for first (`Accept-Language`), for pages that have no language of their own in the address. */
export function langAsked(header: string | null | undefined): Lang {
  return /^\s*en\b/i.test(header ?? '') ? 'en' : defaultLang;
}
