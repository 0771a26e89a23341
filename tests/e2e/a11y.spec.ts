import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { pages } from './pages.ts';

for (const [kind, urls] of Object.entries(pages)) {
  for (const [lang, url] of Object.entries(urls)) {
    test(`axe finds nothing on the ${kind} page (${lang})`, async ({ page }) => {
      await page.goto(url);
      if (kind === 'search') await expect(page.locator('[data-search-results] a').first()).toBeVisible();
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
        .analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  }
}

test('the article reflows at 320 CSS pixels (400 % zoom) without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  for (const url of [pages.article.nl, pages.home.en, pages.search.nl]) {
    await page.goto(url);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, url).toBeLessThanOrEqual(0);
  }
});
