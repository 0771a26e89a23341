import { expect, test, type Route } from '@playwright/test';
import { connectionFaults } from '../../src/i18n/connection.ts';
import { texts } from '../../src/i18n/index.ts';
import { FIRST_APP_WINDOW_MS } from '../../src/auth/policy.ts';
import {
  callApi,
  codeFor,
  expectAccessible,
  freshCode,
  linkApp,
  mailedToken,
  newCustomer,
  newEmail,
  openMail,
  PASSWORD,
  passwordChosenAgo,
  passwordStep,
  registerAndActivate,
  signUp,
  signUpInPages,
  submitCode,
  watchSendButtonOnLeaving,
  words,
} from './support.ts';

test('a new customer creates an account, links an app, logs in and out', async ({ page }) => {
  const email = newEmail('nieuw');
  const customer = await newCustomer();
  const { key } = await signUpInPages(page, email, customer.policy);
  await expect(page.getByText(`U bent ingelogd als ${email} voor ${customer.company}.`)).toBeVisible();
  await expect(page.getByText(`Polisnummer: ${customer.policy}`)).toBeVisible();
  const t = texts('nl').flows;
  // What the portal offers is what this company's insurance allows: a business package, no disability cover.
  await expect(page.getByText(t.offerPolicies)).toBeVisible();
  await expect(page.getByText(t.offerSick)).toHaveCount(0);
  // A logout that fails on the way says so, with a help code, and the customer is not told they are out.
  const logOut = page.getByRole('main').getByRole('button', { name: t.logOut });
  await page.route('**/api/session', (route) =>
    route.request().method() === 'DELETE'
      ? route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>502 Bad Gateway</h1>' })
      : route.continue(),
  );
  await logOut.click();
  await expect(page.getByRole('alert')).toContainText(connectionFaults.nl.unavailable);
  await expect(page.getByRole('complementary', { name: 'Uw helpcode' })).toHaveCount(1);
  await expect(page.getByText('U bent uitgelogd')).toHaveCount(0);
  // One on its way shows it is busy, and a double click sends it once. The alert stays while it is
  // sent again, so nothing moves under the pointer for the second click.
  await page.unroute('**/api/session');
  const alert = page.getByRole('alert');
  await alert.evaluate((element) => element.setAttribute('data-seen', ''));
  const before = await logOut.boundingBox();
  const held: Route[] = [];
  await page.route('**/api/session', (route) =>
    route.request().method() === 'DELETE' ? void held.push(route) : route.continue(),
  );
  let deletes = 0;
  page.on('request', (request) => void (request.method() === 'DELETE' && deletes++));
  await logOut.dblclick();
  const busy = page.getByRole('main').getByRole('button', { name: t.busy });
  await expect(busy).toBeDisabled();
  await expect(alert).toContainText(connectionFaults.nl.unavailable);
  // Where it was; only its label, and so its width, changes.
  expect(await busy.boundingBox()).toMatchObject({ x: before!.x, y: before!.y });
  await expect.poll(() => held.length).toBe(1);
  // The same refusal again is a new alert, announced and focused as the first one was.
  await held.pop()!.fulfill({ status: 502, contentType: 'text/html', body: '<h1>502 Bad Gateway</h1>' });
  await expect(alert).toContainText(connectionFaults.nl.unavailable);
  await expect(alert).not.toHaveAttribute('data-seen');
  await expect(alert).toBeFocused();
  await logOut.click();
  await expect.poll(() => held.length).toBe(1);
  await held[0]!.continue();
  await page.unroute('**/api/session');
  await expect(page.getByRole('status')).toContainText('U bent uitgelogd');
  expect(deletes).toBe(2);
  // The header says so too, without a reload: "log in", no company, no second logout.
  const header = page.getByRole('banner');
  await expect(header.getByRole('link', { name: texts('nl').layout.loginLink })).toBeVisible();
  await expect(header.getByRole('button', { name: texts('nl').layout.logOut })).toBeHidden();
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('U bent niet ingelogd');

  // While the portal loads, the button stays busy: pressed again, it would send a spent code.
  const onLeaving = await watchSendButtonOnLeaving(page);
  await passwordStep(page, email);
  await submitCode(page, freshCode(key));
  await expect(page).toHaveURL(/\/portaal\/$/);
  await expect(page.getByText(`U bent ingelogd als ${email}`)).toBeVisible();
  expect(await onLeaving()).toBe(`${t.busy} true`);
});

test('the activation link opened again says the account is active, and leads to the login', async ({ page }) => {
  const email = newEmail('nogmaals');
  const customer = await newCustomer();
  const { flows, subject, paths } = words('nl');
  await registerAndActivate(page, email, customer.policy);
  await openMail(page, email, subject('activate'));
  await page.getByRole('link', { name: new RegExp(paths('activate')) }).click();
  const active = page.getByRole('status');
  await expect(active).toContainText(texts('nl').api.alreadyActive);
  await expect(page.getByLabel(flows.newPassword)).toHaveCount(0);
  await expectAccessible(page, 'the activation link opened again');
  await active.getByRole('link', { name: flows.logIn }).click();
  await expect(page).toHaveURL(new RegExp(`${paths('login')}$`));
});

test('the link-app page reloaded over the recovery codes says the app is linked, and goes on to the portal', async ({ page }) => {
  const email = newEmail('herladen');
  const customer = await newCustomer();
  const { flows, recovery, paths, subject } = words('nl');
  await registerAndActivate(page, email, customer.policy);
  await page.goto(paths('login'));
  await page.getByLabel(flows.email).fill(email);
  await page.getByLabel(flows.password, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: flows.next }).click();
  await linkApp(page);
  await expect(page.getByRole('heading', { name: recovery.codesTitle })).toBeFocused();
  await page.reload();
  const linked = page.getByRole('status');
  await expect(linked).toContainText(texts('nl').api.appLinked);
  await expect(page.getByText(flows.enrolNoSession)).toHaveCount(0);
  await expectAccessible(page, 'the link-app page once the app is linked');
  await linked.getByRole('link', { name: recovery.codesContinue }).click();
  await expect(page.getByText(`U bent ingelogd als ${email} voor ${customer.company}.`)).toBeVisible();
  // The mailbox hears of it: had someone who knew the password linked an app first, the owner would know whom to call.
  await openMail(page, email, subject('appLinked'));
  await expect(page.getByText(/iemand anders uw wachtwoord/)).toBeVisible();
  await expectAccessible(page, 'the mail that an app was linked');
});

test('a customer who left the portal open on a shared computer logs out there from home, by keyboard, with the password', async ({
  page,
  browser,
}) => {
  const t = texts('nl').flows;
  const email = newEmail('gedeeld');
  // At the office's shared computer, Firefox on Windows: logged in, and left so.
  const firefox = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
  const shared = await (await browser.newContext({ userAgent: firefox })).newPage();
  const { key } = await signUp(shared, email);
  // At home, later: the portal lists the other place.
  await passwordStep(page, email);
  await submitCode(page, freshCode(key));
  await expect(page).toHaveURL(/\/portaal\/$/);
  const sessions = page.getByRole('region', { name: t.sessionsTitle });
  await expect(sessions.getByRole('listitem')).toHaveCount(2);
  // Each by the browser it logged in with, so the customer can tell which is which.
  await expect(sessions.getByRole('listitem').first()).toContainText(/^Deze browser \(Chrome op \w+\): ingelogd sinds/);
  await expect(sessions.getByRole('listitem').nth(1)).toContainText('Ergens anders, Firefox op Windows: ingelogd sinds');
  await expectAccessible(page, 'the portal lists where the account is logged in');

  // By keyboard: open the panel, type the password, send.
  await sessions.locator('summary', { hasText: t.sessionsEndTitle }).focus();
  await page.keyboard.press('Enter');
  const password = sessions.getByLabel(t.currentPassword, { exact: true });
  await password.focus();
  await page.keyboard.type(`${PASSWORD}!`);
  await page.keyboard.press('Enter');
  await expect(sessions.getByRole('alert')).toContainText(texts('nl').api.passwordRefused);
  await expect(sessions.getByText(texts('nl').api.loginRefused)).toHaveCount(0);
  // The refusal takes the focus, as a keyboard user hears it; only then back to the field, or the
  // Enter below can land on the alert as it takes the focus (a run of CI did just that).
  await expect(sessions.getByRole('alert')).toBeFocused();
  await password.fill(PASSWORD);
  await page.keyboard.press('Enter');
  const done = sessions.getByRole('status');
  await expect(done).toContainText(t.sessionsEnded);
  // Someone else may have the password: the way to a new one is right there.
  await expect(done.getByRole('link', { name: t.newPasswordLink })).toHaveAttribute('href', '/portaal/wachtwoord-vergeten/');
  await expect(sessions.getByRole('listitem')).toHaveCount(1);
  await expectAccessible(page, 'logged out everywhere else');

  // The shared computer is logged out; home is not.
  await shared.reload();
  await expect(shared.getByRole('alert')).toContainText('U bent niet ingelogd');
  await page.reload();
  await expect(sessions.getByText(t.sessionsOnlyHere)).toBeVisible();
});

test('a customer logged in at two other places logs out at one of them only, and is told so', async ({ page, browser }) => {
  const t = texts('nl').flows;
  const email = newEmail('twee-plekken');
  const office = await (await browser.newContext()).newPage();
  const { key } = await signUp(office, email);
  const laptop = await (await browser.newContext()).newPage();
  for (const where of [laptop, page]) {
    await passwordStep(where, email);
    await submitCode(where, freshCode(key));
    await expect(where).toHaveURL(/\/portaal\/$/);
  }
  const sessions = page.getByRole('region', { name: t.sessionsTitle });
  await expect(sessions.getByRole('listitem')).toHaveCount(3);
  await sessions.locator('summary', { hasText: t.sessionsEndTitle }).click();
  const choice = sessions.getByRole('group', { name: t.sessionsEndWhere });
  // Everywhere else unless the customer picks one place.
  await expect(choice.getByRole('radio', { name: t.sessionsEndAll })).toBeChecked();
  await expect(choice.getByRole('radio')).toHaveCount(3);
  await choice.getByRole('radio').nth(1).check();
  await sessions.getByLabel(t.currentPassword, { exact: true }).fill(PASSWORD);
  await sessions.getByRole('button', { name: t.sessionsEndSubmit }).click();
  await expect(sessions.getByRole('status')).toContainText(t.sessionEnded);
  await expect(sessions.getByRole('listitem')).toHaveCount(2);
  // One other place is left: nothing to choose between any more, and the password is not left in the form.
  await expect(choice).toHaveCount(0);
  await expect(sessions.getByLabel(t.currentPassword, { exact: true })).toHaveValue('');
  await expectAccessible(page, 'logged out in one other place');

  // Of the office and the laptop, exactly one is logged out.
  let loggedOut = 0;
  for (const other of [office, laptop]) {
    await other.reload();
    await expect(other.getByText(/U bent niet ingelogd|U bent ingelogd als/).first()).toBeVisible();
    loggedOut += await other.getByText('U bent niet ingelogd').count();
  }
  expect(loggedOut).toBe(1);
});

test('a set-up left for more than a day asks for a new password from the mailbox before the app is linked', async ({ page }) => {
  const email = newEmail('later');
  await callApi(page, '/api/accounts', { email, policyNumber: (await newCustomer()).policy, lang: 'nl' });
  await callApi(page, '/api/accounts/activate', { token: await mailedToken(email, 'activate'), password: PASSWORD });
  await passwordChosenAgo(email, FIRST_APP_WINDOW_MS + 60_000);
  const { flows, paths, subject } = words();
  await page.goto(paths('login'));
  await page.getByLabel(flows.email).fill(email);
  await page.getByLabel(flows.password, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: flows.next }).click();
  // The password alone links no app now; the alert says why and leads on.
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(texts('nl').api.setupExpired);
  await expect(alert).toBeFocused();
  await expectAccessible(page);
  await alert.getByRole('link', { name: flows.forgotPassword }).click();
  await page.getByLabel(flows.email).fill(email);
  await page.getByRole('button', { name: flows.forgotPasswordSubmit }).click();
  await openMail(page, email, subject('resetLink'));
  await page.getByRole('link', { name: new RegExp(paths('resetPassword')) }).click();
  const fresh = 'nieuw wachtwoord na een dag wachten';
  await page.getByLabel(flows.newPassword).fill(fresh);
  await page.getByRole('button', { name: flows.resetPasswordSubmit }).click();
  await expect(page.getByRole('status')).toContainText(flows.resetPasswordTitle);
  await page.goto(paths('login'));
  await page.getByLabel(flows.email).fill(email);
  await page.getByLabel(flows.password, { exact: true }).fill(fresh);
  await page.getByRole('button', { name: flows.next }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(flows.enrolTitle);
});

test('a refused code is explained: clock ahead, used code, too many attempts', async ({ page, context }) => {
  const email = newEmail('klok');
  const { key } = await signUp(page, email);
  await context.clearCookies();

  await passwordStep(page, email);
  await submitCode(page, codeFor(key, 180));
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('De klok van uw telefoon loopt ongeveer 3 minuten voor');
  // The refused code is gone, and the cursor is back in the field for the next one.
  const field = page.getByLabel('Code uit uw app (6 cijfers)');
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('');
  await expect(page.getByRole('link', { name: 'Hulp bij een code die niet werkt' })).toHaveAttribute(
    'href',
    '/authenticator-app/code-werkt-niet/',
  );

  const fresh = freshCode(key);
  await submitCode(page, fresh);
  await expect(page).toHaveURL(/\/portaal\/$/);
  await context.clearCookies();
  await passwordStep(page, email);
  await submitCode(page, fresh);
  await expect(page.getByRole('alert')).toContainText('Deze code hebt u al gebruikt');

  const wrong = codeFor(key, 30) === '000000' ? '111111' : '000000';
  for (let i = 0; i < 3; i++) {
    await submitCode(page, wrong);
    await expect(page.getByRole('alert')).toContainText('regel van Voorbeeld Verzekeringen');
  }
  await submitCode(page, wrong);
  await expect(page.getByRole('alert')).toContainText(/tot \d{2}:\d{2} uur niet inloggen/);
  await submitCode(page, codeFor(key, 30));
  await expect(page.getByRole('alert')).toContainText(/tot \d{2}:\d{2} uur niet inloggen/);
  // The mailbox hears that someone got past the password, and how to choose a new one.
  const { subject, paths } = words('nl');
  await openMail(page, email, subject('wrongCodes'));
  await expectAccessible(page, 'the mail about wrong codes');
  await page.getByRole('link', { name: new RegExp(paths('forgotPassword')) }).click();
  await expect(page).toHaveURL(new RegExp(`${paths('forgotPassword')}$`));
});

for (const path of [
  '/portaal/inloggen/',
  '/en/portal/log-in/',
  '/portaal/account-aanmaken/',
  '/en/portal/create-account/',
  '/portaal/app-koppelen/',
  '/en/portal/',
  '/portaal/activeren/',
]) {
  test(`axe finds nothing on ${path}`, async ({ page }) => {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, path);
  });
}

test('axe finds nothing on a form that shows an error', async ({ page }) => {
  await page.goto('/en/portal/create-account/');
  await page.getByLabel('Email address').fill('someone at voorbeeld.test');
  await page.getByLabel('Policy number').fill('ZP100001');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('.field__error').getByText('Please enter a valid email address')).toBeVisible();
  await expect(page.getByLabel('Email address')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'register with error');
});

test('pages opened from a mailed link send no Referer; a used link is refused', async ({ page, request }) => {
  for (const path of [
    '/portaal/activeren/',
    '/portaal/nieuwe-telefoon/',
    '/en/portal/new-password/',
    '/portaal/e-mailadres-bevestigen/',
  ]) {
    const res = await request.get(path);
    expect(res.headers()['referrer-policy'], path).toBe('no-referrer');
    expect(await res.text(), path).toContain('<meta name="referrer" content="no-referrer"');
  }
  expect((await request.get('/portaal/inloggen/')).headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');
  await page.goto('/en/portal/activate/#token=' + 'x'.repeat(43));
  await expect(page.getByRole('alert')).toContainText('This link no longer works');
});
