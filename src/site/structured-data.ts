const NAMED = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as const;

/**
 * An article's rendered HTML as plain text for search engines: the words a reader sees, the
 * brand and the opening hours included (they come from its components), without markup.
 */
export function plainText(html: string): string {
  return (
    html
      .replace(/<\/(?:p|li|h[1-6]|ul|ol|blockquote|table|tr|td|th)>|<br\s*\/?>/g, ' ')
      .replace(/<[^>]*>/g, '')
      // One pass, so that a reference's own text (&amp;lt;) is not read a second time.
      .replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi, (_, dec?: string, hex?: string, name?: string) =>
        dec
          ? String.fromCodePoint(Number(dec))
          : hex
            ? String.fromCodePoint(parseInt(hex, 16))
            : NAMED[name!.toLowerCase() as keyof typeof NAMED],
      )
      .replace(/\s+/g, ' ')
      .trim()
  );
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
