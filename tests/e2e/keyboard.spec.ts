import { expect, test, type Page } from '@playwright/test';

/** Presses Tab until the focused element matches, as a keyboard user would. */
async function tabTo(page: Page, matches: (el: Element) => boolean, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((fn) => new Function('el', `return (${fn})(el)`)(document.activeElement), matches.toString())) return;
  }
  throw new Error('focus never reached the element');
}

test('keyboard only: skip link, search from home, open a result, walk the article', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Ga direct naar de inhoud' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();

  await tabTo(page, (el) => el.id === 'search-q');
  await page.keyboard.type('nieuwe telefoon');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/zoeken\/\?q=nieuwe\+telefoon/);
  await expect(page.locator('[data-search-results] a').first()).toBeVisible();

  await tabTo(page, (el) => el.tagName === 'A' && el.closest('[data-search-results]') !== null);
  const focusedHref = await page.evaluate(() => document.activeElement?.getAttribute('href'));
  expect(focusedHref).toBe('/authenticator-app/nieuwe-telefoon/');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ik heb een nieuwe of andere telefoon');

  // Every link of the article can be reached, and each shows a visible focus ring.
  const links = await page.locator('main a').count();
  let reached = 0;
  for (let i = 0; i < links + 15 && reached < links; i++) {
    await page.keyboard.press('Tab');
    const inMain = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el?.closest('main') || el.tagName !== 'A') return null;
      const style = getComputedStyle(el);
      return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    });
    if (inMain === null) continue;
    expect(inMain).toBe(true);
    reached++;
  }
  expect(reached).toBe(links);
});
