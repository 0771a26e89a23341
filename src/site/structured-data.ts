import { brand } from '../config/brand.ts';

/** The article body as plain text for search engines: components resolved or dropped. */
export function plainText(mdx: string): string {
  return mdx
    .replace(/<Portal\s*\/>/g, brand.portalName)
    .replace(/<Insurer\s*\/>/g, brand.insurerName)
    .replace(/<ContactPhone\s*\/>/g, brand.phone)
    .replace(/<ConsumerPortal\s*\/>/g, brand.consumerPortalName)
    .replace(/<HealthPortal\s*\/>/g, brand.healthPortalName)
    .replace(/<\/?[A-Za-z][^>]*>/g, '')
    .replace(/^#+\s*/gm, '')
    .replace(/^\s*(?:[-*]|\d+\.)\s+/gm, '')
    .replace(/[*_`]/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** schema.org FAQPage for one question and its answer. */
export function faqPage(question: string, answer: string, url: string, lang: string): string {
  return JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'FAQPage',
    inLanguage: lang,
    url,
    mainEntity: [{ '@type': 'Question', name: question, acceptedAnswer: { '@type': 'Answer', text: answer } }],
  }).replace(/</g, '\\u003c');
}
