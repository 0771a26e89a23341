import type { Lang } from './lang.ts';

const locales: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };
const zone = 'Europe/Amsterdam';
const moments = (lang: Lang) => new Intl.DateTimeFormat(locales[lang], { dateStyle: 'long', timeStyle: 'short', timeZone: zone });
const days = (lang: Lang) =>
  new Intl.DateTimeFormat(locales[lang], { weekday: 'long', day: 'numeric', month: 'long', timeZone: zone });

/** "4 december 2026 om 06:18" / "4 December 2026 at 06:18": the customer's language, the time in the Netherlands. */
export function moment(at: Date | number, lang: Lang): string {
  return moments(lang).format(at);
}

/** "dinsdag 8 december" / "Tuesday 8 December": a day to expect something. */
export function day(at: Date | number, lang: Lang): string {
  return days(lang).format(at);
}

/** Every value as text, moments written out for this language. */
export function fillable(vars: Record<string, string | Date>, lang: Lang): Record<string, string> {
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, v instanceof Date ? moment(v, lang) : v]));
}
