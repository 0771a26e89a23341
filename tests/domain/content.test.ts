import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent, type SourceFile } from '../../src/content/check.ts';
import { factIds } from '../../src/content/facts.ts';
import { langs } from '../../src/i18n/lang.ts';
import { wizardArticles } from '../../src/site/wizards.ts';

const root = 'content/faq';
const files: SourceFile[] = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.mdx'))
  .map((name) => ({ path: join(root, name), text: readFileSync(join(root, name), 'utf8') }));

describe('the FAQ content', () => {
  const { articles, problems } = checkContent(files);

  it('has no problems', () => {
    expect(problems).toEqual([]);
  });

  it('has at least 25 articles per language, each with its twin', () => {
    for (const lang of langs) {
      expect(articles.filter((a) => a.lang === lang).length).toBeGreaterThanOrEqual(25);
    }
    const keys = (lang: string) =>
      articles
        .filter((a) => a.lang === lang)
        .map((a) => a.key)
        .sort();
    expect(keys('en')).toEqual(keys('nl'));
  });

  it('has every wizard linked from the article it is based on, in both languages', () => {
    for (const [wizard, key] of Object.entries(wizardArticles)) {
      for (const lang of langs) {
        expect(articles.find((a) => a.lang === lang && a.key === key)?.data.wizard, `${lang}/${key}`).toBe(wizard);
      }
    }
  });

  it('covers every fact in both languages', () => {
    for (const lang of langs) {
      const covered = new Set(articles.filter((a) => a.lang === lang).flatMap((a) => a.data.facts));
      expect(factIds.filter((f) => !covered.has(f))).toEqual([]);
    }
  });

  it('never names the real insurer, its bank or its trademarks', () => {
    // Stored as hashes of one to four lower-case words, so this file names none of them.
    const forbidden = new Set([
      '1a3a943c3c9ddb80',
      '080ac5c86e07c864',
      'd8a00dde7f5b94ba',
      '97895df24c604c83',
      '435fbfffd38904f5',
    ]);
    const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);
    const named = files.filter((f) => {
      const words = f.text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
      return words.some((_, i) => [1, 2, 3, 4].some((n) => forbidden.has(hash(words.slice(i, i + n).join(' ')))));
    });
    expect(named.map((f) => f.path)).toEqual([]);
  });
});

describe('the content check', () => {
  const twin = (lang: string, key: string, frontmatter: string, body = 'Tekst.') => ({
    path: `content/faq/${lang}/${key}.mdx`,
    text: `---\n${frontmatter}\n---\n${body}\n`,
  });
  const valid = (slug: string, extra = '') =>
    `title: Een goede titel\nsummary: Een samenvatting die lang genoeg is.\ntopic: authenticator\norder: 1\nslug: ${slug}\nlastReviewed: 2026-11-25${extra}`;

  it('names the file and field of a bad frontmatter value', () => {
    const { problems } = checkContent([twin('nl', 'a', valid('a').replace('topic: authenticator', 'topic: nope'))]);
    expect(problems.some((p) => p.startsWith('content/faq/nl/a.mdx: field `topic`'))).toBe(true);
  });

  it('refuses an article that says what the facts rule out, in either language', () => {
    const says = (lang: string, body: string) =>
      checkContent([twin(lang, 'a', valid('a'), body)]).problems.filter((p) => p.includes('facts rule out'));
    expect(says('nl', 'In het portaal ziet u alle zakelijke polissen.')).toHaveLength(1);
    expect(says('en', 'The portal shows all your business policies.')).toHaveLength(1);
    expect(says('nl', 'Van eHerkenning krijgen we maar twee gegevens.')).toHaveLength(1);
    expect(says('nl', 'Heeft u een vraag?')).toHaveLength(1);
    expect(says('nl', 'Hebt u een vraag over uw pakketpolis voor bedrijven?')).toHaveLength(0);
  });

  it('rejects a missing twin, an unknown related key and an unknown component', () => {
    const { problems } = checkContent([twin('nl', 'a', valid('a', '\nrelated: [ghost]'), '<Ghost /> tekst')]);
    expect(problems).toContain('content/faq/nl/a.mdx: has no en twin (expected content/faq/en/a.mdx)');
    expect(problems).toContain('content/faq/nl/a.mdx: field `related`: no article "ghost" in nl');
    expect(problems.some((p) => p.includes('unknown component <Ghost>'))).toBe(true);
  });

  it('refuses markup that is no component as written, and links that are not web, mail or phone', () => {
    const body = [
      'Zie <b>dit</b>, <!-- een notitie -->, <Action to="login" onClick="x">in</Action> en <Portal>.',
      "<ContactForm>a <ContactForm>b</ContactForm></ContactForm> <Action to='login'>in</Action>",
      '[klik](javascript:alert(1)) [mail](mailto:a@voorbeeld.nl) [bel](tel:+31881234567) [web](https://x.nl) [hier](/inloggen/)',
      '[ref]: data:text/html,x',
      '<Action to="login">\nInloggen\n</Action>',
    ].join('\n\n');
    const found = checkContent([twin('nl', 'a', valid('a'), body)])
      .problems.filter((p) => /not a component as written|only web|more than one line/.test(p))
      .map((p) => /"([^"]+)"/.exec(p)![1]);
    expect(found.sort()).toEqual(
      [
        '<b',
        '</b',
        '<!--',
        '<Action',
        '</Action',
        '<Portal',
        '<ContactForm',
        '</ContactForm',
        'javascript:alert(1',
        'data:text/html,x',
        '<Action',
      ].sort(),
    );
    expect(
      checkContent([twin('nl', 'a', valid('a'), '<ContactForm>Stuur <Portal /> een **bericht**</ContactForm>')]).problems.join(),
    ).not.toMatch(/not a component|only web/);
  });

  it('rejects twins that disagree on their wizard, and links to unknown articles or actions', () => {
    const { problems } = checkContent([
      twin('nl', 'a', valid('a', '\nwizard: new-phone'), '<ArticleLink to="b">b</ArticleLink> <Action to="fly">x</Action>'),
      twin('en', 'a', valid('a')),
    ]);
    expect(problems).toContain('content/faq/nl/a.mdx: field `wizard` differs from its twin content/faq/en/a.mdx');
    expect(problems).toContain('content/faq/nl/a.mdx: body links to unknown article "b"');
    expect(problems.some((p) => p.includes('unknown action "fly"'))).toBe(true);
  });

  it('fails on a fact that no article covers', () => {
    const { problems } = checkContent([twin('nl', 'a', valid('a')), twin('en', 'a', valid('a'))]);
    expect(problems).toContain(`content/faq/nl: fact "${factIds[0]}" is covered by no article`);
  });
});
