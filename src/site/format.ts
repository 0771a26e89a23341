import { brand } from '../config/brand.ts';
import { format, texts, type Lang } from '../i18n/index.ts';

/** A site text with the brand's names filled in, plus any other values. */
export function siteText(template: string, values: Record<string, string | number> = {}): string {
  return format(template, { portal: brand.portalName, insurer: brand.insurerName, ...values });
}

export function openingHours(lang: Lang): string {
  const [days, range] = brand.hours.split(' ') as [keyof ReturnType<typeof texts>['hours'], string];
  const [open, close] = range.split('-') as [string, string];
  const t = texts(lang).hours;
  const time = (hhmm: string) => (lang === 'nl' ? hhmm.replace(':', '.') : hhmm);
  return format(t.range, { days: t[days], open: time(open), close: time(close) });
}

// Made once per language: building a formatter costs more than a page's whole render.
const dateFormats = {
  nl: new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }),
};

export function formatDate(date: Date, lang: Lang): string {
  return dateFormats[lang].format(date);
}
