import { describe, expect, it } from 'vitest';
import { actionUrl } from '../../src/config/actions.ts';
import { brand, phoneHref } from '../../src/config/brand.ts';
import { escapeHtml } from '../../src/html/escape.ts';
import { expandComponents, literal, type ArticleContext } from '../../src/site/article-components.ts';
import { openingHours } from '../../src/site/format.ts';

const nl: ArticleContext = {
  lang: 'nl',
  articleUrl: (key) => (key === 'new-phone' ? '/authenticator-app/nieuwe-telefoon/' : undefined),
};

describe('the components of an article, expanded before its Markdown is rendered', () => {
  it('fills in the brand from configuration, as text that neither HTML nor Markdown reads as markup', () => {
    expect(expandComponents('Log in op <Portal /> van <Insurer />.', nl)).toBe(
      `Log in op ${literal(brand.portalName)} van ${literal(brand.insurerName)}.`,
    );
    expect(expandComponents('Bel <ContactPhone/>, <OpeningHours />.', nl)).toBe(
      `Bel <a href="${phoneHref(brand.phone)}">${literal(brand.phone)}</a>, ${literal(openingHours('nl'))}.`,
    );
    expect(literal('Mijn *Polis* & <b>[x](y)</b>')).toBe(
      'Mijn &#42;Polis&#42; &#38; &#60;b&#62;&#91;x&#93;&#40;y&#41;&#60;&#47;b&#62;',
    );
  });

  it('links to another article by its key, and to a live flow, keeping the Markdown they enclose', () => {
    expect(expandComponents('<ArticleLink to="new-phone">een **nieuwe** telefoon</ArticleLink>', nl)).toBe(
      '<a href="/authenticator-app/nieuwe-telefoon/">een **nieuwe** telefoon</a>',
    );
    expect(expandComponents('<Action to="login">Inloggen</Action>', nl)).toBe(
      `<a href="${actionUrl('login', 'nl')}">Inloggen</a>`,
    );
    expect(expandComponents('<ContactForm>Stuur <Insurer /> een bericht</ContactForm>', nl)).toBe(
      `<a href="${escapeHtml(brand.contactUrl)}">Stuur ${literal(brand.insurerName)} een bericht</a>`,
    );
  });

  it('stops the build at a link to an article that does not exist, or a component it does not know', () => {
    expect(() => expandComponents('<ArticleLink to="ghost">x</ArticleLink>', nl)).toThrow('no nl article "ghost"');
    expect(() => expandComponents('<Ghost />', nl)).toThrow('<Ghost> is not a component');
  });

  it('leaves text without components as it is', () => {
    const text = '## Kop\n\n1. Stap een\n2. Stap twee, met 3 < 4 en {accolades}\n';
    expect(expandComponents(text, nl)).toBe(text);
  });
});
