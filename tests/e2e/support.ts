import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { codeFor, freshCode } from '../support/totp.ts';

export { codeFor, freshCode };

let counter = 0;
export function newEmail(prefix = 'e2e'): string {
  return `${prefix}.${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}@voorbeeld.test`;
}

export const PASSWORD = 'regenboog boven het kanaal';

/** Opens the newest mail to this address in the development outbox. */
export async function openMail(page: Page, to: string, subject: RegExp) {
  const item = page.getByRole('listitem').filter({ hasText: to }).filter({ hasText: subject }).first();
  // The mail is written in the same transaction as the change; reload until the outbox shows it.
  await expect(async () => {
    await page.goto('/dev/mail');
    await expect(item).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  await item.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(subject);
}

/** Creates an account through the pages, activates it from the mail and links an app; returns its key. */
export async function signUp(page: Page, email: string, policy = 'ZP100001'): Promise<string> {
  await page.goto('/portaal/account-aanmaken/');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Kies een wachtwoord').fill(PASSWORD);
  await page.getByLabel('Polisnummer').fill(policy);
  await page.getByRole('button', { name: 'Account aanmaken' }).click();
  await expect(page.getByRole('status')).toContainText('Kijk in uw mailbox');

  await openMail(page, email, /Activeer uw account/);
  await page.getByRole('link', { name: /portaal\/activeren/ }).click();
  await expect(page.getByRole('status')).toContainText('Uw account is geactiveerd');
  expect(page.url()).not.toContain('token');
  await page.getByRole('main').getByRole('link', { name: 'Inloggen' }).click();

  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Verder' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Authenticator-app koppelen');
  const key = (await page.getByTestId('totp-key').textContent())!.replace(/\s/g, '');
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByRole('img', { name: /Scan deze QR-code/ })).toBeVisible();
  await page.getByLabel('Code uit uw app (6 cijfers)').fill(freshCode(key));
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await expect(page.getByText(/U bent ingelogd als/)).toBeVisible();
  return key;
}

/** Logs in with password, and leaves the page at the code step. */
export async function passwordStep(page: Page, email: string) {
  await page.goto('/portaal/inloggen/');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Verder' }).click();
  await expect(page.getByRole('heading', { name: 'Vul de code uit uw app in' })).toBeFocused();
}

export async function submitCode(page: Page, code: string) {
  await page.getByLabel('Code uit uw app (6 cijfers)').fill(code);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

/** WCAG 2.2 AA and axe's best practices: the one accessibility check of every browser test. */
export async function expectAccessible(page: Page, label = page.url()) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  expect(results.violations.map((v) => `${label}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
