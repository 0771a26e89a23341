import { actionUrl, type ActionId } from '../config/actions.ts';
import { brand, phoneHref } from '../config/brand.ts';
import { replaceComponents, type mdxComponentNames } from '../content/markup.ts';
import { escapeHtml } from '../html/escape.ts';
import type { Lang } from '../i18n/lang.ts';
import { openingHours } from './format.ts';

export interface ArticleContext {
  lang: Lang;
  /** The address of an article in the same language, by its key. */
  articleUrl(key: string): string | undefined;
}

type Component = (props: Record<string, string>, inner: string, context: ArticleContext) => string;

const link = (href: string, inner: string) => `<a href="${escapeHtml(href)}">${inner}</a>`;

/** Configured text as it is, also to Markdown: every ASCII sign as a character reference, so "Mijn *Polis*" keeps its stars. */
export function literal(text: string): string {
  return text.replace(/[!-/:-@[-`{-~]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** What each component an article may use becomes in its HTML; `inner` is what it encloses, expanded. */
const components = {
  Portal: () => literal(brand.portalName),
  Insurer: () => literal(brand.insurerName),
  ConsumerPortal: () => link(brand.consumerPortalUrl, literal(brand.consumerPortalName)),
  HealthPortal: () => link(brand.healthPortalUrl, literal(brand.healthPortalName)),
  ContactPhone: () => link(phoneHref(brand.phone), literal(brand.phone)),
  OpeningHours: (_props, _inner, { lang }) => literal(openingHours(lang)),
  ContactForm: (_props, inner) => link(brand.contactUrl, inner),
  // A flow that is not live yet is named without a link, so no page points at a half-built flow.
  Action: ({ to }, inner, { lang }) => {
    const href = actionUrl(to as ActionId, lang);
    return href ? link(href, inner) : `<strong>${inner}</strong>`;
  },
  ArticleLink: ({ to }, inner, { lang, articleUrl }) => {
    const href = articleUrl(to ?? '');
    if (!href) throw new Error(`<ArticleLink to="${to}">: no ${lang} article "${to}"`);
    return link(href, inner);
  },
} satisfies Record<(typeof mdxComponentNames)[number], Component>;

/**
 * An article body with its components replaced by their HTML, and its Markdown left as it is:
 * Markdown keeps inline HTML, and reads what lies between its tags as Markdown, as MDX did.
 */
export function expandComponents(body: string, context: ArticleContext): string {
  return replaceComponents(body, (name, props, inner) => {
    const component = (components as Record<string, Component>)[name];
    if (!component) throw new Error(`<${name}> is not a component articles may use`);
    return component(props, inner ?? '', context);
  });
}
