import { expect, test, type Page } from '@playwright/test';

const firstResult = (page: Page) => page.locator('pagefind-results a').first();

async function search(page: Page, path: string, query: string) {
  await page.goto(`${path}?q=${encodeURIComponent(query)}`);
  await expect(firstResult(page)).toBeVisible();
}

const expectations = [
  { path: '/zoeken/', query: 'code klopt niet', url: '/authenticator-app/code-werkt-niet/' },
  { path: '/zoeken/', query: 'nieuwe telefoon', url: '/authenticator-app/nieuwe-telefoon/' },
  { path: '/zoeken/', query: 'e-mailadres vergeten', url: '/account-en-gegevens/e-mailadres-vergeten/' },
  { path: '/zoeken/', query: 'EH3', url: '/inloggen-met-eherkenning/wat-is-eh3/' },
  { path: '/zoeken/', query: 'welk niveau eherkenning', url: '/inloggen-met-eherkenning/welk-niveau-eherkenning/' },
  { path: '/zoeken/', query: 'wachtwoord vergeten', url: '/account-en-gegevens/wachtwoord-vergeten/' },
  { path: '/en/search/', query: 'code not working', url: '/en/authenticator-app/code-not-working/' },
  { path: '/en/search/', query: 'new phone', url: '/en/authenticator-app/new-phone/' },
  { path: '/en/search/', query: 'forgot email address', url: '/en/account-details/forgot-email-address/' },
];

for (const { path, query, url } of expectations) {
  test(`"${query}" finds ${url} first`, async ({ page }) => {
    await search(page, path, query);
    await expect(firstResult(page)).toHaveAttribute('href', url);
  });
}

test('a result shows title and excerpt, and opens the article', async ({ page }) => {
  await search(page, '/zoeken/', 'nieuwe telefoon');
  const result = page.locator('pagefind-results li').first();
  await expect(result).toContainText('Ik heb een nieuwe of andere telefoon');
  await expect(result.locator('mark').first()).toBeVisible();
  await firstResult(page).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ik heb een nieuwe of andere telefoon');
});

test('a typo is corrected and said so', async ({ page }) => {
  await search(page, '/zoeken/', 'nieuwe telefon');
  await expect(page.locator('[data-search-note]')).toHaveText(/U zocht op “nieuwe telefon”. Wij zoeken op “nieuwe telefoon”/);
  await expect(firstResult(page)).toHaveAttribute('href', '/authenticator-app/nieuwe-telefoon/');
  await search(page, '/en/search/', 'pasword');
  await expect(page.locator('[data-search-note]')).toHaveText(/“pasword”.*“password”/);
});

test('results can be filtered by topic', async ({ page }) => {
  await search(page, '/zoeken/', 'eHerkenning');
  const all = await page.locator('pagefind-results > ul > li').count();
  await page
    .getByRole('checkbox', { name: /Authenticator-app en code/ })
    .first()
    .check();
  await expect.poll(() => page.locator('pagefind-results > ul > li').count()).toBeLessThan(all);
  const hrefs = await page
    .locator('pagefind-results > ul > li > a, pagefind-results > ul > li a')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(hrefs.every((h) => h?.startsWith('/authenticator-app/'))).toBe(true);
});

test('the home page form searches without loading search code first', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
  await page.goto('/');
  await page.getByLabel('Waar zoekt u naar?').fill('code klopt niet');
  expect(scripts).toEqual([]);
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page).toHaveURL(/\/zoeken\/\?q=code\+klopt\+niet/);
  await expect(firstResult(page)).toHaveAttribute('href', '/authenticator-app/code-werkt-niet/');
});

test('search runs under the content security policy without violations', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await search(page, '/en/search/', 'eherkenning level');
  expect(problems).toEqual([]);
});
