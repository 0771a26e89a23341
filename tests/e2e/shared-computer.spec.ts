import { expect, test } from '@playwright/test';
import { texts } from '../../src/i18n/index.ts';
import { chromiumLaunchOptions } from '../chromium.ts';
import { newCustomer, newEmail, signUpInPages } from './support.ts';

// Playwright turns the browser's back/forward cache off, and the headless shell keeps none; a
// customer's browser has one, and it is what a shared computer's next user meets with Back. So this
// file runs the full browser with the cache on. A page restored from it fires no load event: Back
// waits for the address only.
test.use({
  launchOptions: { ...chromiumLaunchOptions(), ignoreDefaultArgs: ['--disable-back-forward-cache'] },
});

test('after a logout on a shared computer, Back shows the next person neither the portal nor the recovery codes', async ({
  page,
}) => {
  const email = newEmail('gedeeld');
  const customer = await newCustomer();
  await signUpInPages(page, email, customer.policy);
  await expect(page.getByText(`Polisnummer: ${customer.policy}`)).toBeVisible();

  await page
    .getByRole('banner')
    .getByRole('button', { name: texts('nl').layout.logOut })
    .click();
  await page.waitForURL((url) => url.pathname === '/');
  // Back to the portal, then to the page that showed the recovery codes.
  await page.goBack({ waitUntil: 'commit' });
  await expect(page.getByRole('alert')).toContainText('U bent niet ingelogd');
  await expect(page.getByText(`Polisnummer: ${customer.policy}`)).toHaveCount(0);
  await page.goBack({ waitUntil: 'commit' });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByTestId('recovery-codes')).toHaveCount(0);
  await expect(page.getByText(email)).toHaveCount(0);
});

test('pages of one’s own account are not kept by caches; the help pages are', async ({ request }) => {
  // However the address is written: the static server serves a folder's page without its slash,
  // decodes, and reads slashes in a row as one.
  for (const path of [
    '/portaal/',
    '/portaal',
    '/%70ortaal/',
    '/%2Fportaal/',
    '/en/..%2Fportaal/',
    '/portaal/..%2Fagent/',
    '/en//portal/',
    '/agent//',
    '/en/portal/log-in/',
    '/portaal/app-koppelen/',
    '/agent/',
    '/en/agent',
    '/en/agent/look-up/',
  ])
    expect((await request.get(path)).headers()['cache-control'], path).toBe('no-store');
  for (const path of ['/', '/en/', '/zoeken/'])
    expect((await request.get(path)).headers()['cache-control'] ?? '', path).not.toContain('no-store');
});
