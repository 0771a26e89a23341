import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { analyse, splitCompound, sameWord } from '../../src/search/query.ts';
import { addEvidence, rankResults, type SearchDoc } from '../../src/search/rank.ts';
import { checkSearchTable, searchTableSchema } from '../../src/search/table.ts';
import { wizardIds } from '../../src/wizards/ids.ts';

const table = (lang: string) => searchTableSchema.parse(parse(readFileSync(`content/search/${lang}.yaml`, 'utf8')));
const vocabulary = { ziek: 3, melding: 2, code: 40, inlog: 1, telefoon: 20, nieuwe: 9, bedrijf: 4, naam: 2, inlogde: 1 };

describe('taking a query apart', () => {
  it('splits Dutch compounds into words the site knows, also across a linking s', () => {
    expect(splitCompound('ziekmelding', vocabulary)).toEqual(['ziek', 'melding']);
    expect(splitCompound('inlogcode', vocabulary)).toEqual(['inlog', 'code']);
    expect(splitCompound('bedrijfsnaam', vocabulary)).toEqual(['bedrijf', 'naam']);
    expect(splitCompound('telefoon', vocabulary)).toBeNull();
  });

  it('matches longer forms and beginnings of words, and one slip in a long word, but not short look-alikes', () => {
    expect(sameWord('telefoons', 'telefoon')).toBe(true);
    expect(sameWord('inlog', 'inloggen')).toBe(true);
    expect(sameWord('telefon', 'telefoon')).toBe(true);
    expect(sameWord('inlogde', 'inloggen')).toBe(false);
    expect(sameWord('log', 'login')).toBe(false);
  });

  it('leaves out the stop words and recognises the phrase of a whole question', () => {
    const a = analyse('ik heb een nieuwe telefoon en nu kan ik niet meer inloggen', table('nl'), vocabulary);
    expect(a.words).toEqual(['nieuwe', 'telefoon', 'inloggen']);
    expect([...a.intents.keys()]).toEqual(expect.arrayContaining(['new-phone', 'wizard:new-phone']));
  });

  it('never offers a real word of the table for correction: "inlogcode" is not "inlogde"', () => {
    expect(analyse('inlogcode werkt niet', table('nl'), vocabulary).unknown).toEqual([]);
    expect(analyse('power of attorney', table('en'), {}).unknown).toEqual([]);
    expect(analyse('telefooon kwijtt', table('nl'), vocabulary).unknown).toEqual([]);
    expect(analyse('schadeformulier downloaden', table('nl'), vocabulary).unknown).toEqual(['schadeformulier', 'downloaden']);
  });
});

describe('ranking', () => {
  const docs: SearchDoc[] = [
    { id: 'new-phone', url: '/a/', title: 'Nieuwe telefoon', summary: '' },
    { id: 'code-not-working', url: '/b/', title: 'Code werkt niet', summary: '' },
    { id: 'contact', url: '/c/', title: 'Contact', summary: '' },
  ];
  it('puts what a phrase recognised above full-text evidence, and lets words found separately add up', () => {
    const found = new Map<string, number>();
    addEvidence(found, ['/b/', '/a/'], 1);
    addEvidence(found, ['/b/'], 0.5);
    expect(rankResults(docs, new Map(), found).map((r) => r.doc.id)).toEqual(['code-not-working', 'new-phone']);
    expect(rankResults(docs, new Map([['new-phone', 2]]), found).map((r) => r.doc.id)).toEqual(['new-phone', 'code-not-working']);
  });
});

describe('the search tables as content', () => {
  it('names every target that does not exist, and a synonym hidden by a stop word', () => {
    const raw = {
      stopWords: ['mijn'],
      synonyms: { mijn: ['x'] },
      intents: [
        { to: 'new-phone', phrases: ['nieuwe telefoon'] },
        { to: 'no-such-article', phrases: ['x'] },
        { to: 'wizard:no-such-wizard', phrases: ['y'] },
      ],
    };
    expect(checkSearchTable('t.yaml', raw, new Set(['new-phone']), wizardIds)).toEqual([
      't.yaml: intents.1: no article "no-such-article"',
      't.yaml: intents.2: no wizard "no-such-wizard"',
      't.yaml: synonyms.mijn: also a stop word, so it would never be read',
    ]);
    expect(checkSearchTable('t.yaml', { stopWords: [] }, new Set(), wizardIds)[0]).toMatch(/^t\.yaml: field `synonyms`/);
  });
});
