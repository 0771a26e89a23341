import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refusalReasons } from '../../src/i18n/refusals.ts';

/** Every refusal code an island writes itself (`code: 'noToken'`), from the source. */
const written = readdirSync('src/islands', { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.tsx') || name.endsWith('.ts'))
  .flatMap((name) => [...readFileSync(join('src/islands', name), 'utf8').matchAll(/\bcode: '([a-zA-Z]+)'/g)].map((m) => m[1]!));

describe('a help code can be made for every refusal a page shows', () => {
  it('takes every code the islands write themselves', () => {
    expect(written.length).toBeGreaterThan(3);
    expect([...new Set(written)].filter((code) => !refusalReasons.includes(code))).toEqual([]);
  });
});
