import { flowPaths, type FlowPage } from '../config/flow-paths.ts';
import type { Lang } from '../i18n/lang.ts';
import { urls } from './urls.ts';

/** The flow pages under /portaal/ (nl) and /en/portal/ (en), by their last path segment; the portal home is the index. */
export const flowPages = (Object.keys(flowPaths) as FlowPage[]).filter((page) => page !== 'portal');
export type FlowPageId = Exclude<FlowPage, 'portal'>;

export function flowSlug(page: FlowPageId, lang: Lang): string {
  return flowPaths[page][lang].split('/').filter(Boolean).at(-1)!;
}

export function flowAlternates(page: FlowPage): Record<Lang, string> {
  return { nl: flowPaths[page].nl, en: flowPaths[page].en };
}

/** Where a customer reads more when a code is refused: the article on it. */
export function codeHelpUrl(lang: Lang): string {
  return lang === 'nl'
    ? urls.article('nl', 'authenticator', 'code-werkt-niet')
    : urls.article('en', 'authenticator', 'code-not-working');
}
