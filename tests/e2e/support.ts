import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { systemRandom } from '../../src/auth/crypto.ts';
import { importCustomers } from '../../src/auth/customers.ts';
import { openStore, type OpenedStore } from '../../src/store/open.ts';
import { flowPaths } from '../../src/config/flow-paths.ts';
import type { Lang } from '../../src/i18n/lang.ts';
import type { MailKind } from '../../src/mail/kinds.ts';
import { islandTexts } from '../../src/site/flow-texts.ts';
import { codeFor, freshCode } from '../support/totp.ts';
import { tokenFrom } from '../support/mail-links.ts';

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

let store: OpenedStore | undefined;
/** The server's database, opened once per worker, for what the insurer and an operator do outside the site. */
const e2eStore = () => (store ??= openStore({ dataDir: process.env.E2E_DATA_DIR! }));
let customers = 0;

/**
 * A business customer of its own for one test, written into the server's
 * database as the insurer's import would: its first account is the company's
 * first email login. Returns its policy number and name.
 */
export async function newCustomer(options: { address?: boolean; kvk?: string } = {}) {
  const n = `${Date.now().toString(36).slice(-5)}${process.pid.toString(36)}${(customers++).toString(36)}`.toUpperCase();
  const values = {
    policy_number: `ZE${n}`,
    company_name: `Proefbedrijf ${n}`,
    kvk_number: options.kvk ?? String(94_000_000 + Math.floor(Math.random() * 999_999)),
    product_lines: 'business-package',
    ...(options.address === false ? {} : { street: `Proefweg ${customers}`, postal_code: '9994 ZZ', city: 'Voorbeeldstad' }),
  };
  const report = await importCustomers({ store: e2eStore().store, clock: { now: () => Date.now() }, random: systemRandom }, [
    { line: 1, values },
  ]);
  expect(report.created).toBe(1);
  return { policy: values.policy_number, company: values.company_name, kvk: values.kvk_number };
}

/**
 * Time passing since the account's password was chosen, written into the server's database: the
 * server runs on the real clock, and a test cannot wait a day.
 */
export async function passwordChosenAgo(email: string, ms: number) {
  const { store } = e2eStore();
  const account = await store.findLiveAccountByEmail(email);
  expect(await store.updateAccount(account!.id, { password_changed_at: Date.now() - ms })).toBe(true);
}

/** An account's recovery requests run out, as half an hour passing would end them, written into the server's database as above. */
export async function requestsRanOut(email: string) {
  const { store, db } = e2eStore();
  const account = await store.findLiveAccountByEmail(email);
  await db
    .updateTable('recovery_requests')
    .set({ expires_at: Date.now() - 1 })
    .where('account_id', '=', account!.id)
    .execute();
}

/** Time passing since a member of staff last gave the app's code, written into the server's database as above. */
export async function codeGivenAgo(email: string, ms: number) {
  const { store, db } = e2eStore();
  const account = await store.findLiveAccountByEmail(email);
  await db
    .updateTable('sessions')
    .set({ created_at: Date.now() - ms })
    .where('account_id', '=', account!.id)
    .where('ended_at', 'is', null)
    .execute();
}

/** The words a customer reads, from the catalogs, so a test can walk the pages in either language. */
export function words(lang: Lang = 'nl') {
  const flows = islandTexts(lang, 'flows');
  const recovery = islandTexts(lang, 'recovery');
  const subject = (kind: keyof ReturnType<typeof islandTexts<'mail'>>) => {
    const mail = islandTexts(lang, 'mail')[kind] as { subject: string };
    return new RegExp(mail.subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\w+\\\}/g, '.*'));
  };
  return { flows, recovery, subject, paths: (page: keyof typeof flowPaths) => flowPaths[page][lang] };
}

/** Asks for an account through the pages and activates it from the mail, choosing the password there. */
export async function registerAndActivate(page: Page, email: string, policy: string, lang: Lang = 'nl') {
  const { flows, subject, paths } = words(lang);
  await page.goto(paths('register'));
  await page.getByLabel(flows.email).fill(email);
  await page.getByLabel(flows.policyNumber).fill(policy);
  await page.getByRole('button', { name: flows.create }).click();
  await expect(page.getByRole('status')).toContainText(flows.checkMailTitle);

  await openMail(page, email, subject('activate'));
  await page.getByRole('link', { name: new RegExp(paths('activate')) }).click();
  await page.getByLabel(flows.newPassword).fill(PASSWORD);
  // Opening the link activated nothing, and the token left the address bar.
  expect(page.url()).not.toContain('token');
  await page.getByRole('button', { name: flows.activateSubmit }).click();
  await expect(page.getByRole('status')).toContainText(flows.activated.split('.')[0]!);
}

/** Reads the key off the enrolment page and confirms a code from it; returns the key. */
export async function linkApp(page: Page, lang: Lang = 'nl') {
  const { flows } = words(lang);
  const key = (await page.getByTestId('totp-key').textContent())!.replace(/\s/g, '');
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel(flows.code).fill(freshCode(key));
  await page.getByRole('button', { name: flows.confirm }).click();
  return key;
}

/** The recovery codes shown once: read, then "I have saved them" and on. */
export async function keepRecoveryCodes(page: Page, lang: Lang = 'nl') {
  const { recovery } = words(lang);
  await expect(page.getByRole('heading', { name: recovery.codesTitle })).toBeFocused();
  const codes = await page.getByTestId('recovery-codes').getByRole('listitem').allTextContents();
  expect(codes).toHaveLength(10);
  await page.getByLabel(recovery.codesSaved).check();
  await page.getByRole('button', { name: recovery.codesContinue }).click();
  return codes;
}

/** The password step on the login page, leaving the page at the code step. */
export async function passwordStep(page: Page, email: string, lang: Lang = 'nl', password = PASSWORD) {
  const { flows, paths } = words(lang);
  await page.goto(paths('login'));
  await page.getByLabel(flows.email).fill(email);
  await page.getByLabel(flows.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: flows.next }).click();
  await expect(page.getByRole('heading', { name: flows.codeStepTitle })).toBeFocused();
}

/**
 * Creates an account through the pages (for a company of its own unless a
 * policy is given), activates it from the mail, links an app and keeps the
 * recovery codes; returns the key and the codes.
 */
export async function signUpInPages(page: Page, email: string, policy?: string, lang: Lang = 'nl') {
  const { flows } = words(lang);
  await registerAndActivate(page, email, policy ?? (await newCustomer()).policy, lang);
  await page.getByRole('main').getByRole('link', { name: flows.logIn }).click();

  await page.getByLabel(flows.email).fill(email);
  await page.getByLabel(flows.password, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: flows.next }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(flows.enrolTitle);
  await expect(page.getByRole('img', { name: flows.enrolStep2 })).toBeVisible();
  const key = await linkApp(page, lang);
  const codes = await keepRecoveryCodes(page, lang);
  await expect(page.getByText(flows.loggedInAs.split('{')[0]!)).toBeVisible();
  return { key, codes };
}

/**
 * A call to the API from the page's browser context (its cookies), as the site's own scripts make
 * it: same origin, JSON, in the page's language.
 */
export async function callApi(page: Page, path: string, data?: unknown, lang: Lang = 'nl') {
  const response = await page.request.post(path, {
    headers: { Origin: test.info().project.use.baseURL!, 'Accept-Language': lang },
    ...(data !== undefined ? { data } : {}),
  });
  expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
  return response.json();
}

/** The token in the newest mail of this kind to this address, from the outbox in the server's database. */
export async function mailedToken(to: string, kind: MailKind) {
  const mail = (await e2eStore().store.listMail(500)).find((m) => m.to_address === to && m.kind === kind);
  expect(mail, `a ${kind} mail to ${to}`).toBeDefined();
  return tokenFrom(mail!.text_body);
}

/**
 * What signUpInPages does, over the API from the page's browser, for tests about what comes
 * after: registered, activated, the app linked and the recovery codes kept; ends on the portal's
 * home page, logged in. Each page of the sign-up costs a busy test machine a second or two, and
 * login.spec walks them all.
 */
export async function signUp(page: Page, email: string, policy?: string, lang: Lang = 'nl') {
  const { flows, paths } = words(lang);
  await callApi(page, '/api/accounts', { email, policyNumber: policy ?? (await newCustomer()).policy, lang }, lang);
  await callApi(page, '/api/accounts/activate', { token: await mailedToken(email, 'activate'), password: PASSWORD }, lang);
  expect(await callApi(page, '/api/session', { email, password: PASSWORD }, lang)).toEqual({ next: 'enrol' });
  const { key, codes } = await linkAppOverApi(page, lang);
  await page.goto(paths('portal'));
  await expect(page.getByText(flows.loggedInAs.split('{')[0]!)).toBeVisible();
  return { key, codes };
}

/** What linkApp and keepRecoveryCodes do, over the API, for a session at the enrolment step. */
export async function linkAppOverApi(page: Page, lang: Lang = 'nl') {
  const key = ((await callApi(page, '/api/authenticator/enrolment', undefined, lang)).key as string).replace(/\s/g, '');
  const { recoveryCodes } = await callApi(page, '/api/authenticator/enrolment/confirm', { code: freshCode(key) }, lang);
  return { key, codes: recoveryCodes as string[] };
}

export async function submitCode(page: Page, code: string, lang: Lang = 'nl') {
  const { flows } = words(lang);
  const button = page.getByRole('button', { name: flows.logIn, exact: true });
  // As a person does: the next code after the answer to the last one (a refusal clears the field).
  await expect(button).toBeEnabled();
  await page.getByLabel(flows.code).fill(code);
  await button.click();
}

/**
 * The label and state of the page's send button as the page is left, read on the next page (same
 * origin): locators cannot look while a navigation is under way. Set before the page loads.
 */
export async function watchSendButtonOnLeaving(page: Page) {
  await page.addInitScript(() =>
    addEventListener('pagehide', () => {
      const button = document.querySelector<HTMLButtonElement>('main .send button');
      if (button) sessionStorage.setItem('send-button-on-leaving', `${button.textContent} ${button.disabled}`);
    }),
  );
  return () => page.evaluate(() => sessionStorage.getItem('send-button-on-leaving'));
}

/** WCAG 2.2 AA and axe's best practices: the one accessibility check of every browser test. */
export async function expectAccessible(page: Page, label = page.url()) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  expect(results.violations.map((v) => `${label}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Asks for a help code where the customer is, as a caller does, and reads it off the page. */
export async function showHelpCode(scope: Page | Locator, lang: Lang = 'nl') {
  await scope.getByRole('button', { name: words(lang).flows.helpCodeButton }).click();
  const code = scope.getByTestId('help-code');
  await expect(code).toHaveText(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
  return (await code.textContent())!;
}
