import { nl, type Catalog } from './nl.ts';
import { en } from './en.ts';
import type { Lang } from './lang.ts';

export * from './lang.ts';
export { format } from './format.ts';
export type { Catalog };

const catalogs: Record<Lang, Catalog> = { nl, en };

export function texts(lang: Lang): Catalog {
  return catalogs[lang];
}
