import { brand } from '../config/brand.ts';
import { texts, type Catalog, type Lang } from '../i18n/index.ts';
import { openingHours } from './format.ts';

type Deep<T> = { [K in keyof T]: T[K] extends string ? string : Deep<T[K]> };

/**
 * The texts an island needs, with the brand's names filled in on the server;
 * values only the browser knows ({email}, {company}) stay as placeholders.
 */
export function islandTexts<K extends keyof Catalog>(lang: Lang, section: K): Deep<Catalog[K]> {
  const names: Record<string, string> = {
    portal: brand.portalName,
    insurer: brand.insurerName,
    consumerPortal: brand.consumerPortalName,
    healthPortal: brand.healthPortalName,
    phone: brand.phone,
    hours: openingHours(lang),
  };
  const fill = (value: unknown): unknown =>
    typeof value === 'string'
      ? value.replace(/\{(\w+)\}/g, (whole, name: string) => names[name] ?? whole)
      : Array.isArray(value)
        ? value.map(fill)
        : typeof value === 'object' && value !== null
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]))
          : value;
  return fill(texts(lang)[section]) as Deep<Catalog[K]>;
}

export type FlowTexts = ReturnType<typeof islandTexts<'flows'>>;
export type RecoveryTexts = ReturnType<typeof islandTexts<'recovery'>>;
export type DiagnosisTexts = ReturnType<typeof islandTexts<'diagnosis'>>;
export type WizardTexts = ReturnType<typeof islandTexts<'wizards'>>;
