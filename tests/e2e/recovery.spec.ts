import { expect, test, type Page } from '@playwright/test';
import {
  codeFor,
  expectAccessible,
  freshCode,
  keepRecoveryCodes,
  linkApp,
  newEmail,
  openMail,
  PASSWORD,
  passwordStep,
  signUp,
  submitCode,
} from './support.ts';

async function logIn(page: Page, email: string, code: string, password = PASSWORD) {
  await page.goto('/portaal/inloggen/');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Verder' }).click();
  await submitCode(page, code);
}

test('new phone: password, mailbox and a recovery code, then the new app; the old one is refused with its reason', async ({
  page,
  browser,
}) => {
  const email = newEmail('telefoon');
  const { key: oldKey, codes } = await signUp(page, email);
  // A second device stays logged in with the old app, until the switch.
  const elsewhere = await browser.newPage();
  await logIn(elsewhere, email, freshCode(oldKey));
  await expect(elsewhere.getByText(/U bent ingelogd als/)).toBeVisible();

  await page.goto('/portaal/');
  await page.getByRole('link', { name: 'Nieuwe telefoon koppelen' }).click();
  await expect(page.getByText('werken de codes op uw oude telefoon niet meer')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Kunt u niet meer in de mailbox van uw account?' })).toBeVisible();
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Stuur mij een link' }).click();
  await expect(page.getByRole('status')).toContainText('Er staat nu een mail met een link');

  await openMail(page, email, /Nieuwe telefoon koppelen aan/);
  await page.getByRole('link', { name: /nieuwe-telefoon/ }).click();
  // The mailbox alone is not enough: one more proof.
  await expect(page.getByRole('heading', { name: 'Laat zien dat u het bent' })).toBeVisible();
  expect(page.url()).not.toContain('token');
  await expectAccessible(page, 'proof choice');
  await page.getByLabel('Herstelcode', { exact: true }).fill(codes[4]!);
  await page.getByRole('button', { name: 'Controleren' }).click();
  await expect(page.getByText('Gelukt. U hebt laten zien dat u het bent.')).toBeVisible();
  const newKey = await linkApp(page);
  expect(newKey).not.toBe(oldKey);
  const newCodes = await keepRecoveryCodes(page);
  expect(newCodes).not.toContain(codes[0]);
  await expect(page.getByRole('status')).toContainText('De app op uw oude telefoon werkt niet meer');

  await elsewhere.reload();
  await expect(elsewhere.getByRole('alert')).toContainText('U bent niet ingelogd');
  await openMail(page, email, /authenticator-app voor .* is gewijzigd/);

  await logIn(page, email, codeFor(oldKey, 30));
  await expect(page.getByRole('alert')).toContainText('Dit is een code van uw vorige authenticator');
  await submitCode(page, freshCode(newKey));
  await expect(page.getByText(`U bent ingelogd als ${email}`)).toBeVisible();
});

test('forgot password: a link by mail, a new password, the app still needed', async ({ page, browser }) => {
  const email = newEmail('vergeten');
  const { key } = await signUp(page, email);
  const elsewhere = await browser.newPage();
  await logIn(elsewhere, email, freshCode(key));
  await expect(elsewhere.getByText(/U bent ingelogd als/)).toBeVisible();

  await page.goto('/portaal/inloggen/');
  await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByRole('button', { name: 'Stuur mij een link' }).click();
  await expect(page.getByRole('status')).toContainText(`We hebben een mail gestuurd naar ${email}`);

  await openMail(page, email, /Kies een nieuw wachtwoord/);
  await page.getByRole('link', { name: /nieuw-wachtwoord/ }).click();
  await page.getByLabel('Kies een wachtwoord').fill('welkom01');
  await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await expect(page.locator('.field__error').getByText('Dit wachtwoord wordt veel gebruikt')).toBeVisible();
  const newPassword = 'de trein naar groningen vertrekt';
  await page.getByLabel('Kies een wachtwoord').fill(newPassword);
  await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await expect(page.getByRole('status')).toContainText('Uw wachtwoord is gewijzigd');

  await elsewhere.reload();
  await expect(elsewhere.getByRole('alert')).toContainText('U bent niet ingelogd');
  await page.goto('/portaal/inloggen/');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Verder' }).click();
  await expect(page.getByRole('alert')).toContainText('horen niet bij elkaar');
  await logIn(page, email, freshCode(key), newPassword);
  await expect(page.getByText(`U bent ingelogd als ${email}`)).toBeVisible();
});

test('a mailed link goes along to the other language until it is used, and stays behind after', async ({ page }) => {
  const email = newEmail('taal');
  await signUp(page, email);
  await page.goto('/portaal/wachtwoord-vergeten/');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByRole('button', { name: 'Stuur mij een link' }).click();
  await expect(page.getByRole('status')).toContainText(`We hebben een mail gestuurd naar ${email}`);
  await openMail(page, email, /Kies een nieuw wachtwoord/);
  await page.getByRole('link', { name: /nieuw-wachtwoord/ }).click();
  await expect(page.getByLabel('Kies een wachtwoord')).toBeVisible();
  // The token is out of the address bar, so that it is not bookmarked: the switch carries it.
  expect(page.url()).not.toContain('token');

  await page.getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/en\//);
  await expect(page.getByLabel('Choose a password')).toBeVisible();
  await page.getByLabel('Choose a password').fill('a new password for the english page');
  await page.getByRole('button', { name: 'Save password' }).click();
  await expect(page.getByRole('status')).toContainText('Your password has been changed');
  expect(page.url()).not.toContain('token');

  // Used: back in Dutch, the page asks for the mail's link rather than trying a spent one.
  await page.getByRole('link', { name: 'Nederlands' }).click();
  await expect(page.getByRole('alert')).toContainText('Open de link uit de mail die we u stuurden');
});

test('change email: confirmed from the new mailbox, log in with it, the old address is told', async ({ page }) => {
  const email = newEmail('oud');
  const { key } = await signUp(page, email);
  const next = newEmail('nieuw');
  await page.getByRole('link', { name: 'E-mailadres wijzigen' }).click();
  await page.getByLabel('Nieuw e-mailadres').fill(next);
  await page.getByLabel('Uw wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Wijziging aanvragen' }).click();
  await expect(page.getByRole('status')).toContainText(`We hebben een mail gestuurd naar ${next}`);

  await openMail(page, email, /Wijziging van uw e-mailadres/);
  await expect(page.getByText(next)).toBeVisible();
  await openMail(page, next, /Bevestig uw nieuwe e-mailadres/);
  await page.getByRole('link', { name: /e-mailadres-bevestigen/ }).click();
  // Opening the link changes nothing, so a mail scanner that runs the page moves no login: a click does.
  const confirm = page.getByRole('button', { name: 'E-mailadres bevestigen' });
  await expect(confirm).toBeEnabled();
  await expectAccessible(page, 'confirm a new address');
  expect(((await (await page.request.get('/api/session')).json()) as { email: string }).email).toBe(email);
  await confirm.click();
  await expect(page.getByRole('status')).toContainText(`Uw e-mailadres is gewijzigd in ${next}`);
  await expect(page.getByRole('status')).toContainText('Uw authenticator-app blijft gewoon werken');
  await openMail(page, email, /Uw e-mailadres voor .* is gewijzigd/);

  await logIn(page, next, freshCode(key));
  await expect(page.getByText(`U bent ingelogd als ${next}`)).toBeVisible();
  await passwordStep(page, next);
});
