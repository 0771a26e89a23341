import { describe, expect, it } from 'vitest';
import { correctQuery, editDistance } from '../../src/search/correct.ts';
import { buildVocabulary } from '../../src/search/vocabulary.ts';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps as one', () => {
    expect(editDistance('telefoon', 'telefoon')).toBe(0);
    expect(editDistance('telefon', 'telefoon')).toBe(1);
    expect(editDistance('telefoom', 'telefoon')).toBe(1);
    expect(editDistance('tleefoon', 'telefoon')).toBe(1);
    expect(editDistance('wachtwort', 'wachtwoord')).toBe(2);
  });
});

describe('correctQuery', () => {
  const vocabulary = { nieuwe: 5, telefoon: 9, wachtwoord: 7, vergeten: 4, code: 12, authenticator: 3 };

  it('corrects words the site does not contain', () => {
    expect(correctQuery('nieuwe telefon', vocabulary)).toBe('nieuwe telefoon');
    expect(correctQuery('wachtwoort vergetn', vocabulary)).toBe('wachtwoord vergeten');
    expect(correctQuery('autenticator', vocabulary)).toBe('authenticator');
  });

  it('leaves known words and prefixes alone, and gives up on nonsense', () => {
    expect(correctQuery('nieuwe telefoon', vocabulary)).toBeNull();
    expect(correctQuery('authen verget', vocabulary)).toBeNull();
    expect(correctQuery('xyzzyq', vocabulary)).toBeNull();
  });
});

describe('buildVocabulary', () => {
  it('takes words from the indexed body only, not scripts or ignored parts', () => {
    const html =
      '<html><header>Kop menu</header><article data-pagefind-body><h1>Nieuwe telefoon</h1><script>var geheim</script>' +
      '<aside data-pagefind-ignore>contact</aside><p>Telefoon &amp; app</p></article></html>';
    expect(buildVocabulary([html])).toEqual({ nieuwe: 1, telefoon: 2, app: 1 });
  });
});
