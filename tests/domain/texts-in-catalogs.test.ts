import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Where people read what the code writes: islands, views, layouts, components and pages. */
const roots = ['src/islands', 'src/views', 'src/layouts', 'src/components', 'src/pages'];
const files = roots.flatMap((root) =>
  readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(tsx|astro)$/.test(name))
    .map((name) => join(root, name)),
);

/** Markup only: an Astro file's frontmatter and scripts, and a TSX file's comments, hold no text for people. */
function markupOf(path: string): string {
  let text = readFileSync(path, 'utf8');
  if (path.endsWith('.astro'))
    text = text
      .replace(/^---[\s\S]*?\n---/, '')
      .replace(/<script[\s\S]*?<\/script>/g, '')
      .replace(/<style[\s\S]*?<\/style>/g, '');
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/<!--[\s\S]*?-->/g, '');
}

describe('every text people read comes from a catalog', () => {
  it('has no words written straight into markup', () => {
    const found = files.flatMap((path) => {
      const markup = markupOf(path);
      // Labelling attributes given as literals, too.
      // Text between tags (not after `=>`, and not code between a generic's brackets, which has `;` or brackets).
      const between = [...markup.matchAll(/(?<![=-])>\s*([^<>{}();=]*\p{L}{2,}[^<>{}();=]*)</gu)].map((m) => m[1]!.trim());
      const attributes = [...markup.matchAll(/\b(?:aria-label|title|alt|placeholder)="([^"]*\p{L}{2,}[^"]*)"/gu)].map(
        (m) => m[1]!,
      );
      return [...between, ...attributes].map((text) => `${path}: ${text}`);
    });
    expect(found).toEqual([]);
  });

  it('finds words written into markup (the check can fail)', () => {
    const markup = '<p>Klik hier</p><button aria-label="Sluiten">{t.close}</button>';
    expect(markup.match(/(?<![=-])>\s*([^<>{}();=]*\p{L}{2,}[^<>{}();=]*)</gu)).not.toBeNull();
    expect(markup.match(/\b(?:aria-label|title|alt|placeholder)="([^"]*\p{L}{2,}[^"]*)"/gu)).not.toBeNull();
  });
});
