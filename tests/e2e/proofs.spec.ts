import { expect, test, type Browser, type Page } from '@playwright/test';
import { format } from '../../src/i18n/format.ts';
import { texts } from '../../src/i18n/index.ts';
import { langs, type Lang } from '../../src/i18n/lang.ts';
import {
  callApi,
  codeGivenAgo,
  expectAccessible,
  freshCode,
  keepRecoveryCodes,
  linkApp,
  mailedToken,
  newCustomer,
  newEmail,
  openMail,
  PASSWORD,
  passwordStep,
  registerAndActivate,
  requestsRanOut,
  signUp,
  submitCode,
  words,
} from './support.ts';
import { lookUp, signedInAgent } from './staff.ts';

// The honest ways to get a new phone linked, or to take over a company's
// login, walked through the pages in both languages: each needs the password,
// the mailbox and one more proof.

/** New phone: password, then the link from the mailbox; leaves the page at the proof. */
async function askNewPhone(page: Page, email: string, lang: Lang) {
  const { flows, recovery, subject, paths } = words(lang);
  await page.goto(paths('newPhone'));
  await page.getByLabel(flows.email).fill(email);
  await page.getByLabel(flows.password, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: flows.newPhoneRequest }).click();
  await expect(page.getByRole('status')).toContainText(flows.checkMailTitle);
  await openMail(page, email, subject('rebindLink'));
  await page.getByRole('link', { name: new RegExp(paths('newPhone')) }).click();
  await expect(page.getByRole('heading', { name: recovery.proofTitle })).toBeVisible();
}

/** A link for a request proven before it was opened: the mailbox alone is not enough, the password comes too. */
async function passwordAgain(page: Page, lang: Lang) {
  const { flows, recovery } = words(lang);
  await expect(page.getByRole('heading', { name: recovery.passwordAgainTitle })).toBeVisible();
  await page.getByLabel(flows.password, { exact: true }).fill('niet het goede wachtwoord');
  await page.getByRole('button', { name: flows.next }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectAccessible(page, 'password again, refused');
  await page.getByLabel(flows.password, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: flows.next }).click();
}

/** Proven: link the new app, keep the new codes, and the old phone no longer works. */
async function finishNewPhone(page: Page, email: string, oldKey: string, lang: Lang) {
  const { flows, recovery } = words(lang);
  await expect(page.getByText(recovery.proven)).toBeVisible();
  const key = await linkApp(page, lang);
  await keepRecoveryCodes(page, lang);
  await expect(page.getByRole('status')).toContainText(flows.enrolDone);
  await passwordStep(page, email, lang);
  await submitCode(page, freshCode(oldKey), lang);
  await expect(page.getByRole('alert')).toBeVisible();
  await submitCode(page, freshCode(key), lang);
  await expect(page.getByText(flows.loggedInAs.split('{')[0]!)).toBeVisible();
}

/**
 * The letter the company received, as printed: its code. The company may have had a letter
 * before (its new login): read the newest until the one with the code is there.
 */
async function readLetter(page: Page, company: string) {
  let code: string | undefined;
  await expect(async () => {
    await page.goto('/dev/mail');
    await page.getByRole('listitem').filter({ hasText: company }).first().getByRole('link').click();
    code = /([ACDEFGHJKMNPQRTUVWXY34679]{4}-[ACDEFGHJKMNPQRTUVWXY34679]{4})/.exec(
      (await page.locator('pre').textContent()) ?? '',
    )?.[1];
    expect(code, 'a letter with a code').toBeDefined();
  }).toPass({ timeout: 10_000 });
  return code!;
}

/** A member of staff, invited on the command line, logged in at the console. */
async function staffMember(browser: Browser, baseURL: string, supervisor: boolean) {
  const page = await (await browser.newContext()).newPage();
  const { email, key } = await signedInAgent(page, baseURL, supervisor);
  return { page, email, key };
}

/** From the page an activation ends on, the password step of a new account: next comes its app, or taking over. */
async function logInFromActivation(page: Page, email: string, lang: Lang) {
  const { flows } = words(lang);
  await page.getByRole('main').getByRole('link', { name: flows.logIn }).click();
  await page.getByLabel(flows.email).fill(email);
  await page.getByLabel(flows.password, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: flows.next }).click();
}

/** A holder logged in to the portal, and a colleague's request to take over as the portal shows it. */
async function holderSeesAsk(page: Page, browser: Browser, names: [string, string]) {
  const company = await newCustomer();
  const holderEmail = newEmail(names[0]);
  const { codes } = await signUp(page, holderEmail, company.policy);
  const asked = await colleagueAsks(browser, company.policy, names[1]);
  await page.reload();
  return {
    ...asked,
    company,
    holder: { email: holderEmail, codes },
    box: page.getByRole('region', { name: words('nl').recovery.holderTakeoverTitle }),
  };
}

/** What the portal says in place of a takeover the holder stopped. */
const stoppedFor = (asker: string) =>
  format(words('nl').recovery.holderTakeoverStopped, { asker: `${asker[0]}***@voorbeeld.test` });

/** A colleague with the policy number and a mailbox of their own asks to take over, over the API, in a browser of their own. */
async function colleagueAsks(browser: Browser, policy: string, name: string) {
  const colleague = await (await browser.newContext()).newPage();
  const email = newEmail(name);
  await callApi(colleague, '/api/accounts', { email, policyNumber: policy, lang: 'nl' });
  await callApi(colleague, '/api/accounts/activate', { token: await mailedToken(email, 'activate'), password: PASSWORD });
  await callApi(colleague, '/api/session', { email, password: PASSWORD });
  await callApi(colleague, '/api/recovery/replacement');
  return { colleague, email };
}

for (const lang of langs) {
  const { flows, recovery, subject, paths } = words(lang);

  test(`lost phone (${lang}): a recovery code logs in once and the mailed link links the new phone`, async ({
    page,
    context,
  }) => {
    const email = newEmail('herstel');
    const { key: oldKey, codes } = await signUp(page, email, undefined, lang);
    await context.clearCookies();
    await passwordStep(page, email, lang);
    await page.getByRole('button', { name: recovery.useRecoveryCode }).click();
    await page.getByLabel(recovery.recoveryCode, { exact: true }).fill(codes[7]!);
    await page.getByRole('button', { name: flows.logIn, exact: true }).click();
    await expect(page.getByRole('status')).toContainText(recovery.recoveryLogin.replace('{left}', '9').split('.')[0]!);
    // How this session logged in, said once and the same way: not "with the code" from an app.
    await expect(page.getByText(format(flows.loggedInWith, { method: flows.methodRecoveryCode }))).toBeVisible();
    await expect(page.getByText(format(flows.loggedInWith, { method: flows.methodPassword }))).toHaveCount(0);
    await expectAccessible(page, 'portal after a recovery code');

    await openMail(page, email, subject('recoveryCodeUsed'));
    await page.getByRole('link', { name: new RegExp(paths('newPhone')) }).click();
    await passwordAgain(page, lang);
    await finishNewPhone(page, email, oldKey, lang);
  });

  test(`new phone (${lang}): a letter to the company's address proves it`, async ({ page }) => {
    const email = newEmail('brief');
    const company = await newCustomer();
    const { key: oldKey } = await signUp(page, email, company.policy, lang);
    await askNewPhone(page, email, lang);
    await page.getByRole('button', { name: recovery.letterButton }).click();
    await expect(page.getByRole('status').filter({ hasText: recovery.letterSent.split('{')[0]!.trim() })).toBeVisible();
    const code = await readLetter(page, company.company);

    // Days later: password and mailbox again, and the code.
    await askNewPhone(page, email, lang);
    await page.getByLabel(recovery.letterCode).fill(code);
    await page.getByRole('button', { name: recovery.letterCodeSubmit }).click();
    await finishNewPhone(page, email, oldKey, lang);
  });

  test(`new phone (${lang}): eHerkenning for the account's own company proves it, another company does not`, async ({ page }) => {
    const email = newEmail('eh-bewijs');
    // Demo companies the development broker offers: one per language, each used by this test only.
    const { policy, kvk } = lang === 'nl' ? { policy: 'ZP100003', kvk: '90000003' } : { policy: 'ZP100004', kvk: '90000004' };
    const { key: oldKey } = await signUp(page, email, policy, lang);
    await askNewPhone(page, email, lang);
    const broker = async (company: string) => {
      await page.getByRole('link', { name: recovery.eherkenningButton }).click();
      await expect(page.getByRole('heading', { name: 'Development eHerkenning broker' })).toBeVisible();
      await page.getByLabel('Company').selectOption(company);
      await page.getByRole('button', { name: 'Log in' }).click();
    };
    // Sent back by a start refused for too many attempts (api-input "explains a refusal of an eHerkenning address").
    await page.goto(`${new URL(page.url()).pathname}#proof=throttled`);
    await page.reload();
    await expect(page.getByRole('alert')).toContainText(recovery.proofErrors.throttled);
    await broker('90000001');
    await expect(page.getByRole('alert')).toContainText(recovery.proofErrors.otherCompany);
    await broker(kvk);
    await finishNewPhone(page, email, oldKey, lang);
  });

  test(`new phone (${lang}): an agent and a supervisor approve it after a call`, async ({ page, browser, baseURL }) => {
    const email = newEmail('bellen');
    const { key: oldKey } = await signUp(page, email, undefined, lang);
    await askNewPhone(page, email, lang);
    await expect(page.getByText(recovery.staffApprovals.replace('{n}', '0'))).toBeVisible();

    const approve = async (who: Page, check: string) => {
      await who.getByRole('navigation', { name: 'Klantenservice' }).getByRole('link', { name: 'Opzoeken' }).click();
      await who.getByLabel('E-mailadres, polisnummer of KvK-nummer').fill(email);
      await who.getByLabel('Reden (komt in het auditlog)').fill('Klant belt: telefoon kwijt, geen herstelcodes');
      await who.getByRole('button', { name: 'Opzoeken' }).click();
      const request = who.getByRole('region', { name: 'Nieuwe telefoon: wacht op bewijs' });
      await request.getByLabel('Wat hebt u gecontroleerd? (komt in het auditlog)').fill(check);
      await request.getByRole('button', { name: 'Goedkeuren' }).click();
    };
    const agent = await staffMember(browser, baseURL!, false);
    await approve(agent.page, 'Teruggebeld op het nummer uit onze administratie; klant noemde polis en adres');
    await expect(agent.page.getByText('Goedgekeurd. Nu keurt een teamleider het ook goed.')).toBeVisible();
    await expectAccessible(agent.page, 'request approved once');
    const supervisor = await staffMember(browser, baseURL!, true);
    // The supervisor gave the app's code over ten minutes ago: the approval asks for one again, and
    // keeps what was typed as the check.
    await codeGivenAgo(supervisor.email, 11 * 60_000);
    await approve(supervisor.page, 'Gecontroleerd met de medewerker');
    await expect(supervisor.page.getByText(texts('nl').api.confirmWithCode)).toBeVisible();
    const request = supervisor.page.getByRole('region', { name: 'Nieuwe telefoon: wacht op bewijs' });
    const code = request.getByLabel('Code uit uw app');
    await expect(code).toBeFocused();
    await expectAccessible(supervisor.page, 'an approval that asks for the code again');
    await code.fill(freshCode(supervisor.key));
    await request.getByRole('button', { name: 'Goedkeuren' }).click();
    await expect(supervisor.page.getByText('Goedgekeurd. De klant krijgt een mail om verder te gaan.')).toBeVisible();

    await openMail(page, email, subject('rebindApproved'));
    await page
      .getByRole('link', { name: new RegExp(paths('newPhone')) })
      .first()
      .click();
    await passwordAgain(page, lang);
    await finishNewPhone(page, email, oldKey, lang);
  });

  test(`a colleague (${lang}) takes over the company's login: the holder is told, then replaced`, async ({ page, browser }) => {
    const company = await newCustomer();
    const holder = await (await browser.newContext()).newPage();
    const holderEmail = newEmail('houder');
    await signUp(holder, holderEmail, company.policy, 'nl');

    const colleague = newEmail('collega');
    await registerAndActivate(page, colleague, company.policy, lang);
    await logInFromActivation(page, colleague, lang);
    await expect(page.getByRole('heading', { name: recovery.replaceTitle })).toBeVisible();
    const masked = `${holderEmail[0]}***@voorbeeld.test`;
    await expect(page.getByRole('main')).toContainText(recovery.replaceIntro.replaceAll('{holder}', masked));
    await expectAccessible(page, 'take over the login');
    await page.getByRole('button', { name: recovery.replaceStart }).click();
    await page.getByRole('button', { name: recovery.letterButton }).click();
    const code = await readLetter(page, company.company);

    // The holder heard of it at once, and still logs in.
    await openMail(holder, holderEmail, /Iemand wil de inlog van uw bedrijf overnemen/);
    await expect(holder.getByText(/Stop dit verzoek|stop this request/i).first()).toBeVisible();

    await page.goto(paths('login'));
    await page.getByLabel(flows.email).fill(colleague);
    await page.getByLabel(flows.password, { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: flows.next }).click();
    await page.getByLabel(recovery.letterCode).fill(code);
    await page.getByRole('button', { name: recovery.letterCodeSubmit }).click();
    await linkApp(page, lang);
    await keepRecoveryCodes(page, lang);
    await expect(page.getByRole('main').getByText(company.company)).toBeVisible();

    // The holder is replaced: told by mail, and at login, with the date.
    await openMail(holder, holderEmail, /U kunt niet meer inloggen/);
    await holder.goto('/portaal/inloggen/');
    await holder.getByLabel('E-mailadres').fill(holderEmail);
    await holder.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
    await holder.getByRole('button', { name: 'Verder' }).click();
    await expect(holder.getByRole('alert')).toContainText(/Dit account werkt niet meer\. Op \d{1,2} \w+ \d{4} om \d{2}:\d{2}/);
  });
}

test('the account’s address stops a new phone it did not ask for, from the link in the mail', async ({ page }) => {
  const email = newEmail('stoppen');
  await signUp(page, email);
  await askNewPhone(page, email, 'nl');
  await openMail(page, email, /Nieuwe telefoon koppelen aan/);
  await page.getByRole('link', { name: /verzoek-stoppen/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verzoek stoppen');
  await expectAccessible(page, 'stop a request');
  await page.getByRole('button', { name: 'Stop dit verzoek' }).click();
  await expect(page.getByRole('status')).toContainText('Het verzoek is gestopt');
  await expect(page.getByRole('link', { name: 'Nieuw wachtwoord kiezen' })).toBeVisible();
});

test('someone with the password and a recovery code: the owner’s stop link, used after the new phone’s half hour, still ends their login', async ({
  page,
  browser,
}) => {
  const email = newEmail('herstelcode-dief');
  const { codes } = await signUp(page, email);
  const thief = await (await browser.newContext()).newPage();
  await callApi(thief, '/api/session', { email, password: PASSWORD });
  await callApi(thief, '/api/session/recovery-code', { code: codes[3] });
  await requestsRanOut(email);

  await openMail(page, email, /U bent ingelogd met een herstelcode/);
  await page.getByRole('link', { name: /verzoek-stoppen/ }).click();
  await page.getByRole('button', { name: 'Stop dit verzoek' }).click();
  await expect(page.getByRole('status')).toContainText('Het verzoek liep al niet meer');
  await expect(page.getByRole('link', { name: 'Nieuw wachtwoord kiezen' })).toBeVisible();
  await expectAccessible(page, 'a stop link after its request ended');

  await thief.goto('/portaal/');
  await expect(thief.getByRole('alert')).toContainText('U bent niet ingelogd');
  // The owner's own login with the app stays.
  await page.goto('/portaal/');
  await expect(page.getByText(`U bent ingelogd als ${email}`)).toBeVisible();
});

test('a holder who deleted the mail has an agent stop a takeover aimed at them; the colleague is logged out', async ({
  page,
  browser,
  baseURL,
}) => {
  const { recovery } = words('nl');
  const company = await newCustomer();
  const holderEmail = newEmail('houder-belt');
  await signUp(await (await browser.newContext()).newPage(), holderEmail, company.policy);
  const colleague = newEmail('collega-gestopt');
  await registerAndActivate(page, colleague, company.policy);
  await logInFromActivation(page, colleague, 'nl');
  await page.getByRole('button', { name: recovery.replaceStart }).click();
  await expect(page.getByRole('button', { name: recovery.letterButton })).toBeVisible();

  const agent = await staffMember(browser, baseURL!, false);
  await agent.page.getByRole('navigation', { name: 'Klantenservice' }).getByRole('link', { name: 'Opzoeken' }).click();
  await agent.page.getByLabel('E-mailadres, polisnummer of KvK-nummer').fill(holderEmail);
  await agent.page
    .getByLabel('Reden (komt in het auditlog)')
    .fill('Huidige inlog belt: mail gewist, wil niet overgenomen worden');
  await agent.page.getByRole('button', { name: 'Opzoeken' }).click();
  const request = agent.page.getByRole('region', { name: 'Inlog van het bedrijf overnemen: wacht op bewijs' });
  await request.getByRole('button', { name: 'Verzoek stoppen' }).click();
  const confirm = request.getByRole('form', { name: 'Verzoek stoppen' });
  await confirm.getByLabel('Waarom stopt u het? (komt in het auditlog)').fill('Teruggebeld op het nummer uit de polis');
  await confirm.getByRole('button', { name: 'Verzoek stoppen' }).click();
  await expect(agent.page.getByRole('status').filter({ hasText: 'Gestopt.' })).toBeVisible();
  await expect(agent.page.getByRole('region', { name: 'Inlog van het bedrijf overnemen: gestopt' })).toBeVisible();
  await expectAccessible(agent.page, 'request stopped by staff');
  // The colleague is out: their session ended with the request.
  expect((await page.request.get('/api/session')).status()).toBe(401);
});

test('the holder, logged in, stops each takeover they did not agree to; each colleague is logged out', async ({
  page,
  browser,
}) => {
  const { recovery } = words('nl');
  const { colleague, email, box, company } = await holderSeesAsk(page, browser, ['houder-portaal', 'collega-portaal']);
  // A second request, perhaps one made to be stopped: it does not hide the first.
  const second = await colleagueAsks(browser, company.policy, 'tweede-portaal');
  await page.reload();
  const stops = box.getByRole('button', { name: recovery.holderTakeoverStop });
  await expect(stops).toHaveCount(2);
  // Each button says whose request it stops, the newest first.
  await expect(stops.nth(0)).toHaveAccessibleDescription(new RegExp(`\\(${second.email[0]}\\*\\*\\*@voorbeeld\\.test\\)`));
  await expect(stops.nth(1)).toHaveAccessibleDescription(new RegExp(`\\(${email[0]}\\*\\*\\*@voorbeeld\\.test\\)`));
  await expectAccessible(page, 'two takeovers aimed at the holder');

  // Whoever asked is in the middle of linking an app: their request is what their session can see.
  expect((await colleague.request.get('/api/recovery')).status()).toBe(200);
  await stops.nth(1).click();
  // Said in place, whose request it was, and the keyboard goes on from there.
  const stoppedLine = box.getByRole('status').filter({ hasText: stoppedFor(email) });
  await expect(stoppedLine).toBeVisible();
  await expect(stoppedLine).toBeFocused();
  expect((await colleague.request.get('/api/recovery')).status()).toBe(401);
  await expect(stops).toHaveCount(1);
  expect((await second.colleague.request.get('/api/recovery')).status()).toBe(200);
  await stops.click();
  await expect(box.getByRole('status').filter({ hasText: stoppedFor(second.email) })).toBeVisible();
  expect((await second.colleague.request.get('/api/recovery')).status()).toBe(401);
  await page.reload();
  await expect(box).toHaveCount(0);
});

test('a holder cannot stop a takeover the company has proven: the portal and the stop link say why', async ({
  page,
  browser,
}) => {
  const { recovery } = words('nl');
  const company = await newCustomer();
  const holderEmail = newEmail('houder-bewezen');
  await signUp(page, holderEmail, company.policy);
  // A colleague asks, and proves it with the letter to the company.
  const { colleague } = await colleagueAsks(browser, company.policy, 'collega-bewezen');
  await callApi(colleague, '/api/recovery/letter');
  await callApi(colleague, '/api/recovery/letter-code', { code: await readLetter(colleague, company.company) });

  // Whoever holds the account (perhaps a thief with the phone) sees it proven, with no button to stop it.
  await page.reload();
  const box = page.getByRole('region', { name: recovery.holderTakeoverTitle });
  await expect(box).toContainText('Inmiddels is bewezen dat die persoon voor uw bedrijf mag optreden.');
  await expect(box.getByRole('button')).toHaveCount(0);
  await expectAccessible(page, 'a proven takeover aimed at the holder');
  // The link in the mail says so on opening, before any button.
  await openMail(page, holderEmail, /Iemand wil de inlog van uw bedrijf overnemen/);
  await page.getByRole('link', { name: /verzoek-stoppen/ }).click();
  await expect(page.getByRole('alert')).toContainText('Daarom kan dit verzoek niet meer worden gestopt.');
  await expect(page.getByRole('button', { name: 'Stop dit verzoek' })).toHaveCount(0);
  expect((await colleague.request.get('/api/recovery')).status()).toBe(200);
});

test('an eHerkenning proof goes only to the login that started it: another login in a second tab meanwhile gets nothing', async ({
  page,
  browser,
}) => {
  const { recovery } = words('nl');
  const company = await newCustomer();
  await signUp(await (await browser.newContext()).newPage(), newEmail('houder-tabs'), company.policy);
  const first = newEmail('collega-tab');
  await registerAndActivate(page, first, company.policy);
  await logInFromActivation(page, first, 'nl');
  const now = page.getByRole('region', { name: recovery.replaceNowTitle });
  await now.getByRole('link', { name: recovery.eherkenningButton }).click();
  await expect(page.getByRole('heading', { name: 'Development eHerkenning broker' })).toBeVisible();
  // While the broker is open, someone else logs in in another tab: the browser's session is theirs now.
  const tab = await page.context().newPage();
  const second = newEmail('collega-andere-tab');
  await registerAndActivate(tab, second, company.policy);
  await logInFromActivation(tab, second, 'nl');
  await expect(tab.getByRole('region', { name: recovery.replaceNowTitle })).toBeVisible();
  await page.getByLabel('Company').selectOption(company.kvk);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toContainText(recovery.proofErrors.failed);
  // The other login's takeover is neither asked nor proven: it is offered as before.
  await tab.reload();
  await expect(tab.getByRole('region', { name: recovery.replaceNowTitle })).toBeVisible();
});

test('a holder logged in with a recovery code is told how to stop a colleague’s takeover, and offered no button that cannot', async ({
  page,
  browser,
}) => {
  const { recovery } = words('nl');
  const { holder, box } = await holderSeesAsk(page, browser, ['houder-herstelcode', 'collega-herstelcode']);
  await page.context().clearCookies();
  await callApi(page, '/api/session', { email: holder.email, password: PASSWORD });
  await callApi(page, '/api/session/recovery-code', { code: holder.codes[0] });
  // Loaded as any later visit is: the session says how it logged in, not the address.
  await page.goto('/portaal/');
  await expect(page.getByText('U bent ingelogd met e-mailadres, wachtwoord en een herstelcode.')).toBeVisible();
  await expect(box).toContainText('Daarmee kunt u het verzoek hier niet stoppen. Gebruik de link in onze mail over het verzoek.');
  await expect(box.getByRole('button', { name: recovery.holderTakeoverStop })).toHaveCount(0);
  await expectAccessible(page, 'a takeover seen from a recovery-code login');
});

test('a colleague asks and proves a takeover with eHerkenning in one step: the holder has nothing to stop', async ({
  page,
  browser,
  baseURL,
}) => {
  const { recovery } = words('nl');
  const company = await newCustomer();
  const holder = await (await browser.newContext()).newPage();
  const holderEmail = newEmail('houder-eh');
  await signUp(holder, holderEmail, company.policy);

  const colleague = newEmail('collega-eh');
  await registerAndActivate(page, colleague, company.policy);
  await logInFromActivation(page, colleague, 'nl');
  const now = page.getByRole('region', { name: recovery.replaceNowTitle });
  await expect(now).toBeVisible();
  await expectAccessible(page, 'take over the login at once with eHerkenning');
  // Nothing asked yet, so the holder has been told nothing and has nothing to stop.
  await holder.reload();
  await expect(holder.getByRole('region', { name: recovery.holderTakeoverTitle })).toHaveCount(0);

  await now.getByRole('link', { name: recovery.eherkenningButton }).click();
  await expect(page.getByRole('heading', { name: 'Development eHerkenning broker' })).toBeVisible();
  await page.getByLabel('Company').selectOption(company.kvk);
  await page.getByRole('button', { name: 'Log in' }).click();
  // Proven on the way back: the colleague links the app, and the company's login is theirs.
  await linkApp(page, 'nl');
  await keepRecoveryCodes(page, 'nl');
  await expect(page.getByRole('main').getByText(company.company)).toBeVisible();
  await openMail(holder, holderEmail, /De inlog van uw bedrijf gaat over naar iemand anders/);
  expect((await holder.request.get('/api/session')).status()).toBe(401);

  // Was it not meant to happen? The agent the company calls sees whose eHerkenning gave the proof.
  const agent = await staffMember(browser, baseURL!, false);
  await lookUp(agent.page, colleague, 'Bedrijf belt: wie nam de inlog over?');
  await expect(
    agent.page.getByText(
      new RegExp(`^Met eHerkenning van KvK ${company.kvk} \\(vestiging —\\), niveau EH3\\. Pseudoniem van de persoon: \\S+`),
    ),
  ).toBeVisible();
  await expectAccessible(agent.page, 'the console names who gave an eHerkenning proof');
});

test('an agent opens a takeover for a colleague whose requests the holder keeps stopping; the holder cannot stop it, the mailed link finishes it', async ({
  page,
  browser,
  baseURL,
}) => {
  const { recovery } = words('nl');
  // The holder stops the colleague's own request, as a thief with the phone would, each time.
  const { colleague, email, box, company } = await holderSeesAsk(page, browser, ['houder-stopt', 'collega-gestopt']);
  await box.getByRole('button', { name: recovery.holderTakeoverStop }).click();
  await expect(page.getByRole('status').filter({ hasText: stoppedFor(email) })).toBeVisible();

  // The colleague calls. The agent checks, and opens the takeover with that check in it.
  const lookUpAsker = (who: Page) => lookUp(who, email, 'Collega belt: elk verzoek wordt meteen gestopt');
  const agent = await staffMember(browser, baseURL!, false);
  await lookUpAsker(agent.page);
  const start = agent.page.getByRole('region', { name: 'Inlog overnemen voor deze beller' });
  await start.getByLabel('Wat hebt u gecontroleerd? (komt in het auditlog)').fill('Directeur teruggebeld op het KvK-nummer');
  await start.getByRole('button', { name: 'Verzoek starten en goedkeuren' }).click();
  await expect(agent.page.getByRole('status').filter({ hasText: 'Het verzoek is gestart met uw goedkeuring.' })).toBeVisible();
  const request = agent.page.getByRole('region', { name: 'Inlog van het bedrijf overnemen: wacht op bewijs' });
  await expect(request).toContainText('De huidige inlog kan dit verzoek daarom niet meer zelf stoppen.');
  // Only a supervisor stops it now: the agent is offered no button the server would refuse.
  await expect(request.getByRole('button', { name: 'Verzoek stoppen' })).toHaveCount(0);
  await expect(start).toHaveCount(0);
  await expectAccessible(agent.page, 'a takeover opened by staff');

  // The holder sees it, with whom to call, and no button.
  await page.reload();
  await expect(box).toContainText('Onze klantenservice heeft dat na een controle goedgekeurd.');
  await expect(box.getByRole('button')).toHaveCount(0);
  await expectAccessible(page, 'a takeover vouched for by staff, aimed at the holder');

  // A supervisor approves it: proven, and the colleague may link the app.
  const supervisor = await staffMember(browser, baseURL!, true);
  await lookUpAsker(supervisor.page);
  const waiting = supervisor.page.getByRole('region', { name: 'Inlog van het bedrijf overnemen: wacht op bewijs' });
  await expect(waiting.getByRole('button', { name: 'Verzoek stoppen' })).toBeVisible();
  await waiting.getByLabel('Wat hebt u gecontroleerd? (komt in het auditlog)').fill('Akkoord na controle van de medewerker');
  await waiting.getByRole('button', { name: 'Goedkeuren' }).click();
  await expect(supervisor.page.getByText('Goedgekeurd. De klant krijgt een mail om verder te gaan.')).toBeVisible();

  // Logging in with the password alone links nothing: staff checked the caller, not whoever has the password.
  const { flows, subject, paths } = words('nl');
  await colleague.goto(paths('login'));
  await colleague.getByLabel(flows.email).fill(email);
  await colleague.getByLabel(flows.password, { exact: true }).fill(PASSWORD);
  await colleague.getByRole('button', { name: flows.next }).click();
  await expect(colleague.getByRole('alert')).toContainText(texts('nl').api.takeoverProvenElsewhere);
  await expectAccessible(colleague, 'a takeover proven, but not in this browser');
  // The mailed link, with the password, takes the colleague to the app and the company's login.
  await openMail(colleague, email, subject('replaceApproved'));
  await colleague.getByRole('link', { name: new RegExp(paths('enrol')) }).click();
  await passwordAgain(colleague, 'nl');
  await linkApp(colleague, 'nl');
  await keepRecoveryCodes(colleague, 'nl');
  await expect(colleague.getByRole('main').getByText(company.company)).toBeVisible();
});
