import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support.ts';

const results = (page: Page) => page.locator('[data-search-results] > li');
const firstResult = (page: Page) => results(page).first().getByRole('link');

/** Opens the search page with a query and waits until its results are shown. */
async function search(page: Page, path: string, query: string) {
  await page.goto(`${path}?q=${encodeURIComponent(query)}`);
  await expect(page.locator('[data-search-results]')).toHaveAttribute('data-for', query);
}

const expectations = [
  { path: '/zoeken/', query: 'code klopt niet', url: '/authenticator-app/code-werkt-niet/' },
  { path: '/zoeken/', query: 'mijn code wordt steeds afgewezen', url: '/authenticator-app/code-werkt-niet/' },
  {
    path: '/zoeken/',
    query: 'ik heb een nieuwe telefoon en nu kan ik niet meer inloggen',
    url: '/authenticator-app/nieuwe-telefoon/',
  },
  { path: '/zoeken/', query: 'telefoon gestolen kan niet inloggen', url: '/authenticator-app/nieuwe-telefoon/' },
  { path: '/zoeken/', query: 'inlogcode werkt niet', url: '/authenticator-app/code-werkt-niet/' },
  { path: '/zoeken/', query: 'e-mailadres vergeten', url: '/account-en-gegevens/e-mailadres-vergeten/' },
  { path: '/zoeken/', query: 'EH3', url: '/inloggen-met-eherkenning/wat-is-eh3/' },
  { path: '/en/search/', query: 'I got a new phone and cannot log in anymore', url: '/en/authenticator-app/new-phone/' },
  { path: '/en/search/', query: 'my code keeps getting rejected', url: '/en/authenticator-app/code-not-working/' },
  { path: '/en/search/', query: 'forgot email address', url: '/en/account-details/forgot-email-address/' },
];

for (const { path, query, url } of expectations) {
  test(`"${query}" finds ${url} first`, async ({ page }) => {
    await search(page, path, query);
    await expect(firstResult(page)).toHaveAttribute('href', url);
  });
}

test('results are ranked from the addresses listed at build time, without loading a page fragment each', async ({ page }) => {
  const fragments: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/pagefind/fragment/')) fragments.push(request.url());
  });
  await search(page, '/zoeken/', 'ik heb een nieuwe telefoon en nu kan ik niet meer inloggen');
  await expect(firstResult(page)).toHaveAttribute('href', '/authenticator-app/nieuwe-telefoon/');
  expect(fragments).toEqual([]);
});

test('a whole question shows the wizard that fits as guided help, and a result opens its article', async ({ page }) => {
  await search(page, '/zoeken/', 'ik heb een nieuwe telefoon');
  const guided = page.getByRole('region', { name: 'Stap voor stap geholpen' });
  await expect(guided.getByRole('link', { name: 'Hulp: ik heb een nieuwe telefoon' })).toHaveAttribute(
    'href',
    '/hulp/nieuwe-telefoon/',
  );
  await expect(page.getByRole('status')).toHaveText(/antwoord(en)? voor “ik heb een nieuwe telefoon”/);
  await expect(results(page).first()).toContainText('Ik heb een nieuwe of andere telefoon');
  await firstResult(page).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ik heb een nieuwe of andere telefoon');
});

test('a typo is corrected only when that finds more, said so, with the way back to what was typed', async ({ page }) => {
  await search(page, '/zoeken/', 'telefooon overzettn');
  await expect(firstResult(page)).toHaveAttribute('href', '/authenticator-app/nieuwe-telefoon/');

  // A slip in a word of the customers' table is simply understood, without a note.
  await search(page, '/en/search/', 'pasword resett');
  await expect(page.locator('[data-search-note]')).toBeHidden();
  await expect(firstResult(page)).toHaveAttribute('href', '/en/account-details/forgot-password/');

  await search(page, '/en/search/', 'landlrd');
  const note = page.locator('[data-search-note]');
  await expect(note).toContainText('Showing results for “landlord”.');
  await expect(firstResult(page)).toHaveAttribute('href', '/en/the-portal/download-insurance-certificate/');
  await note.getByRole('link', { name: 'Search for “landlrd” instead' }).click();
  await expect(note).toBeHidden();
  await expect(page).toHaveURL(/[?&]exact=1/);
  await expect(results(page)).toHaveCount(0);
});

test('a real word is never turned into another: "power of attorney" stays itself', async ({ page }) => {
  await search(page, '/en/search/', 'power of attorney');
  await expect(page.locator('[data-search-note]')).toBeHidden();
  await expect(firstResult(page)).toHaveAttribute('href', '/en/log-in-with-eherkenning/authorise-employees/');
});

test('no result: the top tasks, the topics and contact, in the language of the page, and the miss is reported', async ({
  page,
}) => {
  const reported = page.waitForRequest((r) => r.url().endsWith('/api/search-misses') && r.method() === 'POST');
  // Searched from the home page's search box, as a visitor does.
  await page.goto('/');
  await page.getByRole('searchbox', { name: 'Waar zoekt u naar?' }).fill('xqzvw plomtrak');
  await page.getByRole('searchbox', { name: 'Waar zoekt u naar?' }).press('Enter');
  await expect(page.locator('[data-search-results]')).toHaveAttribute('data-for', 'xqzvw plomtrak');
  await expect(results(page)).toHaveCount(0);
  const none = page.getByRole('region', { name: 'Daar hebben we geen antwoord op gevonden' });
  await expect(none.getByRole('link', { name: /nieuwe telefoon/i }).first()).toBeVisible();
  await expect(none.getByRole('link', { name: 'Neem contact met ons op' })).toHaveAttribute('href', '/het-portaal/contact/');
  expect((await reported).postDataJSON()).toEqual({ query: 'xqzvw plomtrak', lang: 'nl' });
  await expectAccessible(page, 'search without results');
});

test('a link from another site to a search without result shows the same answers, but puts none of its words in the report', async ({
  page,
}) => {
  let reported = false;
  page.on('request', (r) => (reported ||= r.url().endsWith('/api/search-misses')));
  await page.goto(`/zoeken/?q=${encodeURIComponent('qqzv plomtrak xqzvw')}`, { referer: 'https://elders.example/' });
  await expect(page.locator('[data-search-results]')).toHaveAttribute('data-for', 'qqzv plomtrak xqzvw');
  await expect(page.getByRole('region', { name: 'Daar hebben we geen antwoord op gevonden' })).toBeVisible();
  // A miss is sent 1.5 s after its answers; a typed search on the same page still is.
  await page.waitForTimeout(2_000);
  expect(reported).toBe(false);
  const typed = page.waitForRequest((r) => r.url().endsWith('/api/search-misses') && r.method() === 'POST');
  await page.getByRole('searchbox', { name: 'Waar zoekt u naar?' }).fill('xqzvw plomtrak');
  expect((await typed).postDataJSON()).toEqual({ query: 'xqzvw plomtrak', lang: 'nl' });
});

test('when the search engine cannot load, the page says so and offers the tasks, the topics and contact', async ({ page }) => {
  await page.route('**/pagefind/**', (route) => route.abort());
  await page.goto(`/zoeken/?q=${encodeURIComponent('nieuwe telefoon')}`);
  await expect(page.getByRole('status')).toHaveText('Zoeken lukt nu even niet');
  const none = page.getByRole('region', { name: 'Zoeken lukt nu even niet' });
  await expect(none.getByRole('link', { name: 'Neem contact met ons op' })).toBeVisible();
  await expect(results(page)).toHaveCount(0);
  await expectAccessible(page);
});

test('the query stays in the address and goes along to the other language', async ({ page }) => {
  await page.goto('/zoeken/');
  await page.getByLabel('Waar zoekt u naar?').fill('wachtwoord vergeten');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page).toHaveURL(/\/zoeken\/\?q=wachtwoord\+vergeten$/);
  await expect(firstResult(page)).toHaveAttribute('href', '/account-en-gegevens/wachtwoord-vergeten/');
  await expectAccessible(page, 'search with results');
  await page.locator('a[data-lang-switch]').click();
  await expect(page).toHaveURL(/\/en\/search\/\?q=wachtwoord\+vergeten$/);
  await expect(page.getByLabel('What are you looking for?')).toHaveValue('wachtwoord vergeten');
  await expect(page.locator('[data-search-results]')).toHaveAttribute('data-for', 'wachtwoord vergeten');
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
