import { spawnSync } from 'node:child_process';
import { expect, type Page } from '@playwright/test';
import { callApi, freshCode, linkAppOverApi, mailedToken, newEmail, openMail, PASSWORD } from './support.ts';

/** What an operator does: `npm run staff -- invite <email> [--supervisor]`, against the server's data folder. */
function createAgent(email: string, supervisor: boolean, baseURL: string) {
  const run = spawnSync('node', ['scripts/staff.ts', 'invite', email, ...(supervisor ? ['--supervisor'] : [])], {
    env: { ...process.env, DATA_DIR: process.env.E2E_DATA_DIR!, PUBLIC_ORIGIN: baseURL, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  expect(run.stdout, run.stderr).toContain(`Invited ${email}`);
}

/** Invitation mail, password, first login with the app linked: the agent ends in the console. */
export async function becomeAgent(page: Page, baseURL: string, supervisor = false) {
  const email = newEmail(supervisor ? 'teamleider' : 'medewerker');
  createAgent(email, supervisor, baseURL);
  await openMail(page, email, /Uw account voor de klantenservice/);
  await page.getByRole('link', { name: /agent\/uitnodiging/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Uitnodiging aannemen');
  await page.getByLabel('Kies een wachtwoord').fill(PASSWORD);
  expect(page.url()).not.toContain('token');
  await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await expect(page.getByRole('status')).toContainText('Uw wachtwoord is ingesteld');
  await page.getByRole('main').getByRole('link', { name: 'Inloggen voor medewerkers' }).click();

  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Verder' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Authenticator-app koppelen');
  const key = (await page.getByTestId('totp-key').textContent())!.replace(/\s/g, '');
  await page.getByLabel('Code uit uw app (6 cijfers)').fill(freshCode(key));
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await expect(page.getByText(`Ingelogd als ${email}`)).toBeVisible();
  return { email, key };
}

/**
 * What becomeAgent does, over the API from the page's browser, for tests about the console:
 * invited on the command line, password chosen, app linked; ends in the console, logged in.
 */
export async function signedInAgent(page: Page, baseURL: string, supervisor = false) {
  const email = newEmail(supervisor ? 'teamleider' : 'medewerker');
  createAgent(email, supervisor, baseURL);
  await callApi(page, '/api/agent/invitation', { token: await mailedToken(email, 'staffInvite'), password: PASSWORD });
  await callApi(page, '/api/agent/session', { email, password: PASSWORD });
  const { key } = await linkAppOverApi(page);
  await page.goto('/agent/');
  await expect(page.getByText(`Ingelogd als ${email}`)).toBeVisible();
  return { email, key };
}

/** From anywhere in the console: the lookup page, a query and the reason for the audit log; the answer is on the page. */
export async function lookUp(page: Page, query: string, reason: string) {
  await page.getByRole('navigation', { name: 'Klantenservice' }).getByRole('link', { name: 'Opzoeken' }).click();
  await page.getByLabel('E-mailadres, polisnummer of KvK-nummer').fill(query);
  await page.getByLabel('Reden (komt in het auditlog)').fill(reason);
  await page.getByRole('button', { name: 'Opzoeken' }).click();
}
