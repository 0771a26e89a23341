import { expect, test } from '@playwright/test';
import { pages } from './pages.ts';

test('the home page offers search, the top tasks and every topic', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/Helpcentrum Mijn Polis Zakelijk/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hoe kunnen we u helpen?');
  await expect(page.getByRole('search').getByLabel('Waar zoekt u naar?')).toBeVisible();
  for (const task of [
    'Ik kan niet inloggen',
    'Ik heb een nieuwe telefoon',
    'Mijn code werkt niet',
    'Ik weet mijn e-mailadres niet meer',
    'Ik ben mijn wachtwoord vergeten',
    'Inloggen met eHerkenning',
    'Welk eHerkenning-niveau heb ik nodig?',
  ]) {
    await expect(page.locator('.task-list').getByRole('link', { name: task })).toBeVisible();
  }
  await expect(page.locator('#topics').getByRole('heading', { level: 3 })).toHaveCount(5);
  // The tile that says "log in" starts the login; the level question is a wizard of its own.
  await expect(page.locator('.task-list').getByRole('link', { name: 'Inloggen met eHerkenning' })).toHaveAttribute(
    'href',
    '/api/eherkenning/start?lang=nl',
  );
  await page.locator('.task-list').getByRole('link', { name: 'Mijn code werkt niet' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hulp: mijn code werkt niet');
});

test('a topic page lists its articles and leads to them', async ({ page }) => {
  await page.goto(pages.topic.nl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Authenticator-app en code');
  const articles = page.locator('main .card h3 a');
  expect(await articles.count()).toBeGreaterThanOrEqual(8);
  await page.getByRole('link', { name: /nieuwe of andere telefoon/ }).click();
  await expect(page).toHaveURL(/\/authenticator-app\/nieuwe-telefoon\/$/);
});

test('an article has breadcrumbs, related articles, contact and FAQ structured data', async ({ page }) => {
  await page.goto(pages.article.nl);
  const crumbs = page.getByRole('navigation', { name: 'Kruimelpad' });
  await expect(crumbs.getByRole('link')).toHaveText([
    'Helpcentrum Mijn Polis Zakelijk',
    'Authenticator-app en code',
    'Mijn code werkt niet',
  ]);
  await expect(crumbs.getByRole('link', { name: 'Mijn code werkt niet' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('complementary', { name: 'Liever stap voor stap?' }).getByRole('link')).toHaveAttribute(
    'href',
    '/hulp/code-werkt-niet/',
  );
  const related = page.getByRole('navigation', { name: 'Lees ook' }).getByRole('link');
  expect(await related.count()).toBeGreaterThanOrEqual(2);
  const contact = page.getByRole('region', { name: 'Geen antwoord op uw vraag?' });
  await expect(contact.getByRole('link', { name: /Bel 088 123 45 67/ })).toHaveAttribute('href', 'tel:+31881234567');
  await expect(contact).toContainText('maandag tot en met vrijdag, van 08.00 tot 17.30 uur');
  await expect(contact.getByRole('link', { name: /contactformulier/ })).toHaveAttribute('href', /^https:\/\//);

  const data = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(data['@type']).toBe('FAQPage');
  expect(data.mainEntity[0].name).toBe('Mijn code werkt niet');
  expect(data.mainEntity[0].acceptedAnswer.text.length).toBeGreaterThan(200);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /.{40,}/);
  await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute(
    'href',
    /\/en\/authenticator-app\/code-not-working\/$/,
  );
});

test('article and home pages load no script and call no API; the header’s few inline lines are all', async ({ page }) => {
  for (const url of [pages.home.nl, pages.article.nl, pages.article.en, pages.topic.en]) {
    const requests: string[] = [];
    page.on('request', (r) => (r.resourceType() === 'script' || r.url().includes('/api/')) && requests.push(r.url()));
    await page.goto(url);
    await page.waitForLoadState('networkidle');
    // Logged out, nothing is fetched: the header asks who is logged in only after a login left its hint.
    expect(requests, url).toEqual([]);
    const inline = await page
      .locator('script:not([type="application/ld+json"])')
      .evaluateAll((all) => all.map((s) => ({ src: s.getAttribute('src'), size: s.textContent!.length })));
    expect(
      inline.every((s) => s.src === null),
      url,
    ).toBe(true);
    expect(
      inline.reduce((sum, s) => sum + s.size, 0),
      url,
    ).toBeLessThan(1500);
    page.removeAllListeners('request');
  }
});

test('the language switch lands on the twin page', async ({ page }) => {
  await page.goto(pages.article.nl);
  await page.getByRole('link', { name: 'Read this page in English' }).click();
  await expect(page).toHaveURL(/\/en\/authenticator-app\/code-not-working\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My code does not work');
  await page.getByRole('link', { name: 'Lees deze pagina in het Nederlands' }).click();
  await expect(page).toHaveURL(/\/authenticator-app\/code-werkt-niet\/$/);

  await page.goto(pages.topic.en);
  await page.getByRole('link', { name: 'Lees deze pagina in het Nederlands' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Authenticator-app en code');
});

test('an unknown address gets a helpful 404 in both languages', async ({ page }) => {
  const response = await page.goto(pages.notFound.nl);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze pagina bestaat niet');
  await expect(page.getByRole('heading', { name: 'This page does not exist' })).toBeVisible();
  await expect(page.getByRole('search')).toBeVisible();
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page).toHaveURL(/\/en\/$/);

  // Missing in English: an English page, whose language link leads to the Dutch home page.
  const english = await page.goto('/en/no-such-page/at-all/');
  expect(english?.status()).toBe(404);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page does not exist');
  await expect(page.getByRole('search')).toBeVisible();
  await page.getByRole('link', { name: 'Lees deze pagina in het Nederlands' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hoe kunnen we u helpen?');
});

test('every page carries a content security policy and is not frameable', async ({ page }) => {
  // Static pages carry Astro's policy in a meta tag; pages rendered on demand (a wizard step, an
  // English 404) in the header, which must still forbid framing.
  const onDemand = ['/hulp/code-werkt-niet/?s=1', '/en/help/new-phone/'];
  for (const url of [...Object.values(pages).flatMap((group) => Object.values(group)), ...onDemand]) {
    const response = await page.goto(url);
    const header = response?.headers()['content-security-policy'];
    const meta = await page.locator('meta[http-equiv="content-security-policy"]').count();
    const policy = meta ? await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content') : header;
    expect(policy, url).toMatch(/script-src 'self'/);
    expect(policy, url).not.toMatch(/unsafe-inline/);
    expect(header, url).toMatch(/frame-ancestors 'none'/);
  }
});

test('the sitemap lists both languages with hreflang alternates', async ({ request }) => {
  const index = await request.get('/sitemap-index.xml');
  expect(index.ok()).toBe(true);
  const sitemap = await (await request.get('/sitemap-0.xml')).text();
  expect(sitemap).toContain('/authenticator-app/code-werkt-niet/');
  expect(sitemap).toContain('/en/authenticator-app/code-not-working/');
  expect(sitemap).toMatch(/hreflang="en-GB"/);
  const robots = await (await request.get('/robots.txt')).text();
  expect(robots).toMatch(/Sitemap: http.*\/sitemap-index\.xml/);
});
