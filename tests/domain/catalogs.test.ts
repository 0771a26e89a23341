import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { nl } from '../../src/i18n/nl.ts';
import { wrongClaims } from '../../src/content/facts.ts';

/** Every text of a catalog by its dotted path (arrays by index). */
function leaves(value: unknown, path = ''): Map<string, string> {
  const found = new Map<string, string>();
  if (typeof value === 'string') return found.set(path, value);
  for (const [key, child] of Object.entries(value as object)) {
    for (const [p, text] of leaves(child, path ? `${path}.${key}` : key)) found.set(p, text);
  }
  return found;
}

const placeholders = (text: string) => [...new Set(text.match(/\{\w+\}/g) ?? [])].sort();

describe('the catalogs', () => {
  const dutch = leaves(nl);
  const english = leaves(en);

  it('have the same texts in Dutch and English', () => {
    expect([...english.keys()].sort()).toEqual([...dutch.keys()].sort());
  });

  it('fill the same placeholders in both languages', () => {
    const differ = [...dutch].filter(
      ([path, text]) => placeholders(text).join() !== placeholders(english.get(path) ?? '').join(),
    );
    expect(differ.map(([path]) => path)).toEqual([]);
  });

  it('leave no placeholder half-written, and a text empty in one language empty in both', () => {
    const bad = [...dutch].filter(
      ([path, text]) =>
        /\{\w*(\s|$)|(^|\s)\w*\}/.test(text + ' ' + english.get(path)) || (text === '') !== (english.get(path) === ''),
    );
    expect(bad.map(([path]) => path)).toEqual([]);
  });

  it('say nothing the facts rule out', () => {
    const wrong = [...dutch, ...english].flatMap(([path, text]) =>
      wrongClaims.filter(({ pattern }) => pattern.test(text)).map(({ says }) => `${path}: ${says}`),
    );
    expect(wrong).toEqual([]);
  });
});
