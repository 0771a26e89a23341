import { describe, expect, it } from 'vitest';
import { brand } from '../../src/config/brand.ts';
import { expandComponents, literal } from '../../src/site/article-components.ts';
import { openingHours } from '../../src/site/format.ts';
import { plainText } from '../../src/site/structured-data.ts';

describe("an article's plain text for search engines", () => {
  it('reads what the page shows: words, no markup, the brand and the opening hours filled in', () => {
    const html = `<h2 id="x">Bel ons</h2>\n<p>${expandComponents('Bel <ContactPhone />, <OpeningHours />. In <Portal />:', { lang: 'nl', articleUrl: () => undefined })}</p>\n<ul>\n<li>Stap <strong>een</strong></li>\n<li>Stap twee &amp; drie</li>\n</ul>`;
    expect(plainText(html)).toBe(
      `Bel ons Bel ${brand.phone}, ${openingHours('nl')}. In ${brand.portalName}: Stap een Stap twee & drie`,
    );
  });

  it('gives back text that was written as character references, once', () => {
    expect(plainText(`<p>${literal('Mijn *Polis* & <co>')} &amp;#60; &#38;lt;</p>`)).toBe('Mijn *Polis* & <co> &#60; &lt;');
  });
});
