import { expect, test, type Page } from '@playwright/test';
import { langs } from '../../src/i18n/lang.ts';
import { texts } from '../../src/i18n/index.ts';
import { format } from '../../src/i18n/format.ts';
import { brand } from '../../src/config/brand.ts';
import {
  expectAccessible,
  freshCode,
  newCustomer,
  newEmail,
  PASSWORD,
  signUp,
  signUpInPages,
  submitCode,
  words,
} from './support.ts';

// The hand-over as a newcomer sees it on the first `npm start`: the demo
// portal logs in through the help center's OpenID Provider and shows what it got.
for (const lang of langs) {
  test(`demo portal (${lang}): log in through the help center, see the claims, log out of both`, async ({ page, context }) => {
    const { flows } = words(lang);
    const t = texts(lang);
    const email = newEmail('portaal');
    const customer = await newCustomer();
    // A newcomer's whole way in, through the pages: the only test that walks it in English.
    const { key } = await signUpInPages(page, email, customer.policy, lang);
    await context.clearCookies();

    await page.goto(`/demo-portal/?lang=${lang}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.demoPortal.title);
    await expectAccessible(page, `demo portal (${lang})`);
    await page.getByRole('link', { name: t.demoPortal.logIn }).click();

    // Our own login page, sent back to the provider afterwards.
    await expect(page).toHaveURL(/\?return=%2Foidc%2Finteraction%2F/);
    await page.getByLabel(flows.email).fill(email);
    await page.getByLabel(flows.password, { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: flows.next }).click();
    await expect(page.getByRole('heading', { name: flows.codeStepTitle })).toBeFocused();
    await submitCode(page, freshCode(key), lang);

    await expect(page).toHaveURL(/\/demo-portal\/$/);
    await expect(page.getByText(t.demoPortal.received)).toBeVisible();
    const claims = page.getByRole('table', { name: t.demoPortal.claimsCaption });
    await expect(claims.getByRole('row', { name: /policy_number/ })).toContainText(customer.policy);
    await expect(claims.getByRole('row', { name: /^email "/ })).toContainText(email);
    await expect(claims.getByRole('row', { name: /^acr/ })).toContainText('urn:helpcenter:acr:password-app');
    await expectAccessible(page, `demo portal with claims (${lang})`);

    await page.getByRole('link', { name: t.demoPortal.logOut }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.provider.logoutTitle);
    await expectAccessible(page, `the provider's logout page (${lang})`);
    await page.getByRole('button', { name: t.provider.logoutYes }).click();
    await expect(page).toHaveURL(new RegExp(`/demo-portal/\\?lang=${lang}$`));
    await expect(page.getByRole('link', { name: t.demoPortal.logIn })).toBeVisible();
    // Logged out of the help center too.
    await page.goto(words(lang).paths('portal'));
    await expect(page.getByText(flows.loggedInAs.split('{')[0]!)).toBeHidden();
  });
}

test('demo portal: a client that asks for EH3 gets an eHerkenning login, with the acting person and the level', async ({
  page,
}) => {
  const t = texts('nl');
  await page.goto('/demo-portal/?lang=nl');
  await page.getByRole('link', { name: t.demoPortal.logInEherkenning }).click();
  // Straight to eHerkenning: an email login would not do.
  await expect(page.getByRole('heading', { name: 'Development eHerkenning broker' })).toBeVisible();
  await page.getByLabel('Company').selectOption('90000001');
  await page.getByLabel('Branch (vestigingsnummer)').selectOption('own');
  await page.getByLabel('Assurance level').selectOption('loa4');
  await page.getByLabel('An authorised employee').check();
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/demo-portal\/$/);
  const claims = page.getByRole('table', { name: t.demoPortal.claimsCaption });
  await expect(claims.getByRole('row', { name: /^acr/ })).toContainText('urn:etoegang:core:assurance-class:loa4');
  await expect(claims.getByRole('row', { name: /^login_method/ })).toContainText('eherkenning');
  await expect(claims.getByRole('row', { name: /^eherkenning_level/ })).toContainText('EH4');
  await expect(claims.getByRole('row', { name: /^acting_subject/ })).toContainText('employee-90000001');
  await expect(claims.getByRole('row', { name: /^company_name/ })).toContainText('Bakkerij De Korenbloem');
  await expect(claims.getByRole('row', { name: /^email/ })).toHaveCount(0);
});

test('demo portal: choosing eHerkenning on the login page it sent you to also comes back to it', async ({ page }) => {
  const t = texts('en');
  await page.goto('/demo-portal/?lang=en');
  await page.getByRole('link', { name: t.demoPortal.logIn }).click();
  await expect(page).toHaveURL(/\/en\/portal\/log-in\/\?return=/);
  await page.getByRole('link', { name: 'Log in with eHerkenning', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Development eHerkenning broker' })).toBeVisible();
  await page.getByLabel('Company').selectOption('90000002');
  await page.getByLabel('Branch (vestigingsnummer)').selectOption('own');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/demo-portal\/$/);
  const claims = page.getByRole('table', { name: t.demoPortal.claimsCaption });
  await expect(claims.getByRole('row', { name: /^company_name/ })).toContainText('Installatiebedrijf Van Dam');
});

test('demo portal: a login that took longer than the portal allows says so, and going back gets the customer straight in', async ({
  page,
  context,
}) => {
  const { flows } = words('nl');
  const t = texts('nl');
  const email = newEmail('traag');
  const { key } = await signUp(page, email);
  await context.clearCookies();

  await page.goto('/demo-portal/?lang=nl');
  await page.getByRole('link', { name: t.demoPortal.logIn }).click();
  await expect(page).toHaveURL(/\?return=%2Foidc%2Finteraction%2F/);
  // Ten minutes pass on the login page: the provider forgets the portal's request (its cookie and its row expire).
  await context.clearCookies({ name: /^_interaction/ });
  await page.getByLabel(flows.email).fill(email);
  await page.getByLabel(flows.password, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: flows.next }).click();
  await submitCode(page, freshCode(key));

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.provider.expiredTitle);
  await expect(page.getByText(format(t.provider.expiredLoggedIn, { portal: brand.portalName }))).toBeVisible();
  await expectAccessible(page, 'an expired login for the portal');
  await page.getByRole('link', { name: t.provider.toHelpCenter }).click();
  await expect(page).toHaveURL(/\/$/);

  await page.goto('/demo-portal/?lang=nl');
  await page.getByRole('link', { name: t.demoPortal.logIn }).click();
  await expect(page).toHaveURL(/\/demo-portal\/$/);
  await expect(
    page.getByRole('table', { name: t.demoPortal.claimsCaption }).getByRole('row', { name: /^email "/ }),
  ).toContainText(email);
});

test('demo portal: logging out of the help center on one computer ends the portal there, not on the other', async ({
  page,
  browser,
}) => {
  const { flows, paths } = words('nl');
  const t = texts('nl');
  const email = newEmail('twee-plekken');
  const { key } = await signUp(page, email);
  const portalWith = async (at: Page) => {
    await at.goto('/demo-portal/?lang=nl');
    await at.getByRole('link', { name: t.demoPortal.logIn }).click();
  };
  // The office computer: logged in with us already, so the portal gets the customer straight away.
  await portalWith(page);
  await expect(page.getByRole('table', { name: t.demoPortal.claimsCaption })).toBeVisible();
  // The laptop at home: its own browser, its own login.
  const home = await browser.newContext();
  const laptop = await home.newPage();
  await portalWith(laptop);
  await laptop.getByLabel(flows.email).fill(email);
  await laptop.getByLabel(flows.password, { exact: true }).fill(PASSWORD);
  await laptop.getByRole('button', { name: flows.next }).click();
  await submitCode(laptop, freshCode(key));
  await expect(laptop.getByRole('table', { name: t.demoPortal.claimsCaption })).toBeVisible();

  // Logged out of the help center at the office: the portal there hears of it over the back channel.
  await page.goto(paths('portal'));
  await page.getByRole('main').getByRole('button', { name: flows.logOut }).click();
  await expect(page.getByText(flows.loggedInAs.split('{')[0]!)).toBeHidden();
  await expect(async () => {
    await page.goto('/demo-portal/?lang=nl');
    await expect(page.getByRole('status')).toHaveText(t.demoPortal.endedThere, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  // The laptop's portal session came from another session of ours: it stays.
  await laptop.reload();
  await expect(laptop.getByRole('table', { name: t.demoPortal.claimsCaption })).toBeVisible();
  await home.close();
});

test('demo portal: a request the provider cannot serve ends on a page with a number to call, in plain HTML that axe accepts', async ({
  page,
}) => {
  const t = texts('nl');
  await page.goto(
    `/oidc/auth?client_id=demo-portal&redirect_uri=${encodeURIComponent('https://elders.example/terug')}&response_type=code&scope=openid&ui_locales=nl`,
  );
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.provider.errorTitle);
  await expect(page.getByRole('link', { name: brand.phone })).toHaveAttribute('href', /^tel:\+31/);
  await expect(page.getByRole('main')).toContainText('invalid_redirect_uri');
  await expectAccessible(page, "the provider's error page");
});
