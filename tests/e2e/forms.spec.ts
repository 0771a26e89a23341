import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Route } from '@playwright/test';
import { texts } from '../../src/i18n/index.ts';
import { API_TIMEOUT_MS } from '../../src/islands/api.ts';
import { connectionFaults } from '../../src/i18n/connection.ts';
import { SLOW_MS } from '../../src/islands/useSlow.ts';
import { newCustomer, newEmail, signUp } from './support.ts';
import { openWizard, walk, words } from './wizard-support.ts';

for (const lang of ['nl', 'en'] as const) {
  const t = texts(lang).flows;
  const path = lang === 'nl' ? '/portaal/account-aanmaken/' : '/en/portal/create-account/';

  test(`${lang}: a form filled in wrong lists each problem at the top, linked to its field`, async ({ page }) => {
    await page.goto(path);
    await page.getByLabel(t.email).fill('not-an-address');
    await page.getByRole('button', { name: t.create }).click();
    const summary = page.getByRole('alert');
    await expect(summary.getByRole('heading')).toHaveText(t.problemTitle);
    // Not a system fault, and no help code: the problems are the customer's to fix.
    await expect(summary).not.toContainText(t.errorSummary);
    // (A help code comes after its alert, not inside it: look on the whole page.)
    await expect(page.getByRole('complementary', { name: t.helpCodeLabel })).toHaveCount(0);
    const links = summary.getByRole('link');
    await expect(links).toHaveCount(2);
    // Each problem also stands by its own field, and its link takes the keyboard there.
    const emailProblem = (await links.first().textContent())!;
    await expect(page.locator('.field__error').first()).toHaveText(emailProblem);
    await links.first().focus();
    await page.keyboard.press('Enter');
    await expect(page.getByLabel(t.email)).toBeFocused();
    await links.nth(1).click();
    await expect(page.getByLabel(t.policyNumber)).toBeFocused();
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  });
}

test('a password can be shown and hidden again, and what was typed stays', async ({ page }) => {
  const t = texts('nl').flows;
  await page.goto('/portaal/inloggen/');
  const password = page.getByLabel(t.password, { exact: true });
  await password.fill('geheim wachtwoord');
  await expect(password).toHaveAttribute('type', 'password');
  const reveal = page.getByRole('button', { name: t.showPassword });
  await expect(reveal).toBeEnabled();
  await expect(reveal).toHaveAttribute('aria-pressed', 'false');
  await reveal.click();
  await expect(password).toHaveAttribute('type', 'text');
  await expect(reveal).toHaveAttribute('aria-pressed', 'true');
  await expect(password).toHaveValue('geheim wachtwoord');
  await reveal.click();
  await expect(password).toHaveAttribute('type', 'password');
});

test('switching language keeps the place in a wizard and the search query', async ({ page }) => {
  await openWizard(page, 'nl', 'code-not-working');
  await walk(page, 'nl', 'code-not-working', [['newPhone', 'NO']]);
  await page.locator('a[data-lang-switch]').click();
  await expect(page).toHaveURL(/\/en\/help\/code-not-working\/\?s=/);
  await expect(page.getByRole('heading', { level: 2, name: words('en', 'code-not-working').rightEntry!.title })).toBeVisible();

  await page.goto('/zoeken/?q=nieuwe%20telefoon');
  await expect(page.locator('[data-search-results]')).toHaveAttribute('data-for', 'nieuwe telefoon');
  await page.locator('a[data-lang-switch]').click();
  await expect(page).toHaveURL(/\/en\/search\/\?q=nieuwe(\+|%20)telefoon/);
});

test('the header says who is logged in, on every page, and logs out from there', async ({ page }) => {
  const company = await newCustomer();
  await signUp(page, newEmail('kop'), company.policy);
  await page.goto('/authenticator-app/');
  const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
  await expect(nav.getByRole('link', { name: `Ingelogd voor ${company.company}, naar uw overzicht` })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Inloggen' })).toBeHidden();
  // A logout that fails on the way never says the session ended: the portal home shows it is still open.
  await page.route('**/api/session', (route) =>
    route.request().method() === 'DELETE'
      ? route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>502 Bad Gateway</h1>' })
      : route.continue(),
  );
  await nav.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(/\/portaal\/$/);
  await expect(page.getByText(`voor ${company.company}.`)).toBeVisible();
  await page.unroute('**/api/session');
  await page.goto('/authenticator-app/');
  await nav.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(nav.getByRole('link', { name: 'Inloggen' })).toBeVisible();
  // Logged out on the server too: the portal asks to log in again.
  expect((await page.request.get('/api/session')).status()).toBe(401);
});

test('a help code that is slow says so, and one that never comes gives the button back', async ({ page }) => {
  const t = texts('nl').flows;
  await page.clock.install();
  const held: Route[] = [];
  await page.route('**/api/help-codes', (route) => void held.push(route));
  await openWizard(page, 'nl', 'forgot-email');
  const button = page.getByRole('button', { name: t.helpCodeButton });
  await button.click();
  const waiting = page.getByRole('button', { name: t.busy });
  await expect(waiting).toHaveAttribute('aria-disabled', 'true');
  // It keeps the focus while it waits, so the keyboard is not sent back to the top of the page.
  await expect(waiting).toBeFocused();
  await page.clock.runFor(SLOW_MS);
  await expect(page.getByRole('complementary', { name: t.helpCodeLabel }).getByRole('status')).toHaveText(t.slow);
  await page.clock.runFor(API_TIMEOUT_MS - SLOW_MS);
  await expect(page.getByText(t.helpCodeFailed)).toBeVisible();
  // Asked again once the server answers: a code, read off the same place.
  await page.unroute('**/api/help-codes');
  await button.click();
  await expect(page.getByTestId('help-code')).toHaveText(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
});

test('a slow answer is waited for and then used, a read that never comes is given up, and an answer not ours is said plainly', async ({
  page,
}) => {
  const t = texts('nl').flows;
  await page.clock.install();
  // The login is held on its way to the server.
  const held: Route[] = [];
  await page.route('**/api/session', (route) => void held.push(route));
  await page.goto('/portaal/inloggen/');
  await page.getByLabel(t.email).fill(newEmail('traag'));
  await page.getByLabel(t.password, { exact: true }).fill('een wachtwoord dat niet uitmaakt');
  const sent = page.waitForRequest('**/api/session');
  await page.getByRole('button', { name: t.next }).click();
  await sent;
  await expect(page.getByRole('button', { name: t.busy })).toBeDisabled();
  await page.clock.runFor(SLOW_MS);
  await expect(page.getByRole('status')).toHaveText(t.slow);
  // Long past the time a read is given up on, the form still waits: the server may have acted.
  await page.clock.runFor(API_TIMEOUT_MS);
  await expect(page.getByRole('button', { name: t.busy })).toBeDisabled();
  await expect(page.getByRole('alert')).toHaveCount(0);
  // The answer comes at last, and it is the one shown: an unknown address is refused.
  expect(held).toHaveLength(1);
  await held[0]!.continue();
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading')).toHaveText(t.refusedTitle);
  await expect(page.getByRole('status')).toHaveCount(0);
  await expect(page.getByRole('button', { name: t.next })).toBeEnabled();
  // Then a proxy's error page in place of ours: not "check your internet".
  await page.unroute('**/api/session');
  await page.route('**/api/session', (route) =>
    route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>502 Bad Gateway</h1>' }),
  );
  await page.getByRole('button', { name: t.next }).click();
  await expect(alert).toContainText(connectionFaults.nl.unavailable);
  // Or a gateway's own JSON, which names no error of ours.
  await page.unroute('**/api/session');
  await page.route('**/api/session', (route) => route.fulfill({ status: 503, json: { message: 'Service Unavailable' } }));
  await page.reload();
  await page.getByLabel(t.email).fill(newEmail('poort'));
  await page.getByLabel(t.password, { exact: true }).fill('een wachtwoord dat niet uitmaakt');
  await page.getByRole('button', { name: t.next }).click();
  await expect(alert).toContainText(connectionFaults.nl.unavailable);
  await expect(alert.getByRole('heading')).toHaveText(t.errorSummary);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  // A read that never comes back (who is logged in?) is given up, and the page says so.
  await page.unroute('**/api/session');
  await page.route('**/api/session', (route) => void held.push(route));
  const asked = page.waitForRequest('**/api/session');
  await page.goto('/portaal/');
  await asked;
  await expect(page.getByRole('status')).toHaveText(t.busy);
  await page.clock.runFor(SLOW_MS);
  await expect(page.getByRole('status')).toHaveText(`${t.busy} ${t.slow}`);
  await page.clock.runFor(API_TIMEOUT_MS - SLOW_MS);
  // Not "you are not logged in": the page does not know, and says what it does know.
  await expect(page.getByRole('alert')).toContainText(connectionFaults.nl.timeout);
  await expect(page.getByRole('alert').getByRole('heading')).toHaveText(t.errorSummary);
});
