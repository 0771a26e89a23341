import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import {
  callApi,
  codeFor,
  codeGivenAgo,
  expectAccessible,
  freshCode,
  mailedToken,
  newCustomer,
  newEmail,
  openMail,
  PASSWORD,
  passwordStep,
  showHelpCode,
  signUp,
  submitCode,
  words as flowWords,
} from './support.ts';
import { pages } from './pages.ts';
import { becomeAgent, lookUp, signedInAgent } from './staff.ts';
import { openWizard, walk, words } from './wizard-support.ts';
import { texts } from '../../src/i18n/index.ts';
import { staffPaths } from '../../src/config/flow-paths.ts';

test('a customer reads out the help code; the agent sees the same step and the answers so far', async ({ browser, baseURL }) => {
  const customer = await (await browser.newContext()).newPage();
  let madeCodes = 0;
  customer.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/help-codes') madeCodes++;
  });
  await openWizard(customer, 'nl', 'code-not-working');
  const w = words('nl', 'code-not-working');
  await walk(customer, 'nl', 'code-not-working', [
    ['newPhone', 'NO'],
    ['rightEntry', 'YES'],
  ]);
  const stepTitle = await customer.getByRole('heading', { level: 2 }).first().textContent();
  // A code is made only when asked for: walking the steps made none (each step used to make one
  // after a quarter of a second, so the test gives it longer than that).
  await customer.waitForTimeout(500);
  expect(madeCodes).toBe(0);
  const code = await showHelpCode(customer);
  expect(madeCodes).toBe(1);
  // The code took the place of the button, and its focus.
  expect(await customer.evaluate(() => document.activeElement?.textContent)).toContain(code);

  const agentPage = await (await browser.newContext()).newPage();
  await signedInAgent(agentPage, baseURL!);
  // Typed as heard: lower case, a space instead of the dash.
  await agentPage.getByLabel('Helpcode (bijvoorbeeld K7M-4QX)').fill(code.toLowerCase().replace('-', ' '));
  await agentPage.getByRole('button', { name: 'Openen' }).click();
  await expect(agentPage.getByText(`Helpcode ${code}, gemaakt:`)).toBeVisible();
  await expect(agentPage.getByRole('heading', { level: 2, name: stepTitle! })).toBeVisible();
  await expect(agentPage.getByText(w.newPhone!.title)).toBeVisible();
  await expect(agentPage.getByText(w.rightEntry!.options.YES!)).toBeVisible();
  // The agent has the line to say and can walk on with the customer.
  await expect(agentPage.locator('.wizard__agent')).not.toBeEmpty();
  expect((await new AxeBuilder({ page: agentPage }).analyze()).violations).toEqual([]);
  // Walked on with the customer, a reload keeps the agent's place, not the customer's of the code.
  await agentPage.getByRole('button', { name: w.clock!.options.AUTOMATIC! }).click();
  await expect(agentPage.getByRole('heading', { level: 2, name: w.tryIt!.title })).toBeVisible();
  await agentPage.reload();
  await expect(agentPage.getByRole('heading', { level: 2, name: w.tryIt!.title })).toBeVisible();
  // A place the wizard does not have (a code made before the wizard changed) starts it afresh, never a blank page.
  const elsewhere = new URL(agentPage.url());
  elsewhere.searchParams.set('s', 'zz');
  await agentPage.goto(elsewhere.pathname + elsewhere.search);
  await expect(agentPage.getByRole('heading', { level: 2, name: w.newPhone!.title })).toBeVisible();
  // The page without a code offers the field, and says nothing failed.
  await agentPage.goto(elsewhere.pathname);
  await expect(agentPage.getByLabel('Helpcode (bijvoorbeeld K7M-4QX)')).toHaveValue('');
  await expect(agentPage.getByRole('alert')).toHaveCount(0);

  // A link from elsewhere (a customer's mail, another site) opens nothing by itself: opening a
  // code is audited in the agent's name. The code stands in the field, for the agent to open.
  let opened = 0;
  agentPage.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/agent/help-codes') opened++;
  });
  // Nor when the link is in the other language, and the console moves the agent to their own.
  await agentPage.goto('/en/agent/help-code/?c=ACD-EFG');
  await expect(agentPage).toHaveURL(/\/agent\/helpcode\/\?c=ACD-EFG$/);
  await expect(agentPage.getByText('U kwam hier via een link.')).toBeVisible();
  expect(opened).toBe(0);
  await agentPage.goto('/agent/helpcode/?c=ACD-EFG');
  await expect(agentPage.getByText('U kwam hier via een link.')).toBeVisible();
  await expect(agentPage.getByLabel('Helpcode (bijvoorbeeld K7M-4QX)')).toHaveValue('ACD-EFG');
  expect(opened).toBe(0);
  // A code no one made is refused in plain words.
  await agentPage.getByRole('button', { name: 'Openen' }).click();
  await expect(agentPage.getByText('Deze helpcode kennen we niet')).toBeVisible();
  expect(opened).toBe(1);
});

test('the agent looks up a customer whose clock is off, sees why, lifts the lock; the supervisor sees it in the audit log', async ({
  browser,
  baseURL,
}) => {
  const customer = await (await browser.newContext()).newPage();
  const email = newEmail('klok');
  // A company the import gave no address: no letter could tell it of this first login.
  const company = await newCustomer({ address: false });
  const { key } = await signUp(customer, email, company.policy);
  await customer.context().clearCookies();
  await passwordStep(customer, email);
  // 165 s, not 180: a code from 180 s ago is 6 steps behind, or 7 (4 min) when the clock passes a
  // step before the server checks it; one from 165 s ago is 5 or 6, and both read as 3 min.
  await submitCode(customer, codeFor(key, -165));
  await expect(customer.getByRole('alert')).toBeVisible();
  // The error has a help code too.
  // The error offers a help code, beside the alert (a form's own problems offer none: forms.spec).
  await expect(customer.getByRole('complementary', { name: 'Uw helpcode' })).toHaveCount(1);
  const errorCode = await showHelpCode(customer);

  const staff = await (await browser.newContext()).newPage();
  const supervisor = await signedInAgent(staff, baseURL!, true);
  await staff.getByLabel('Helpcode (bijvoorbeeld K7M-4QX)').fill(errorCode);
  await staff.getByRole('button', { name: 'Openen' }).click();
  await expect(
    staff.getByText('De klant zag een foutmelding bij Inloggen: “Klok van de telefoon loopt niet gelijk”'),
  ).toBeVisible();
  await staff.goBack();
  await lookUp(staff, company.policy, 'Klant belt: code werkt niet');
  const card = staff.getByRole('article', { name: email });
  await expect(card).toContainText('actief');
  await expect(card).toContainText('Klok van de telefoon loopt niet gelijk: 3 min achter');
  await expect(card).toContainText('App gekoppeld');
  await expect(card).toContainText('Geen brief aan het bedrijf over deze eerste inlog: er is geen adres bekend');
  await expect(card).toContainText('geen: een brief aan het bedrijf kan niet');
  // Nothing secret is on the page; only the actions that fit: no lock, so nothing to lift.
  await expect(staff.getByRole('main')).not.toContainText(key);
  await expect(card.getByRole('button', { name: 'Blokkade opheffen' })).toHaveCount(0);
  await expect(card.getByRole('button', { name: 'Activatiemail opnieuw sturen' })).toHaveCount(0);
  expect((await new AxeBuilder({ page: staff }).analyze()).violations).toEqual([]);

  // The customer keeps trying and is locked out; the agent lifts it, with a reason of its own.
  const wrong = codeFor(key, 30) === '000000' ? '111111' : '000000';
  for (let i = 0; i < 4; i++) await submitCode(customer, wrong);
  await expect(customer.getByRole('alert')).toContainText(/tot \d{2}:\d{2} uur niet inloggen/);
  await staff.getByRole('button', { name: 'Opzoeken' }).click();
  await card.getByRole('button', { name: 'Blokkade opheffen' }).click();
  const confirm = card.getByRole('form', { name: 'Blokkade opheffen' });
  await confirm.getByLabel('Reden (komt in het auditlog)').fill('Klant heeft de klok gelijk gezet');
  // A double click lifts once: a second lift would answer "not applicable" where "done" should stand.
  const lifts: string[] = [];
  staff.on('request', (r) => r.url().endsWith('/lift-lock') && lifts.push(r.method()));
  await confirm.getByRole('button', { name: 'Blokkade opheffen' }).dblclick();
  await expect(card.getByRole('status')).toHaveText('Gedaan. Dit staat in het auditlog.');
  expect(lifts).toEqual(['POST']);
  await expect(card).toContainText('Blokkade opgeheven');

  // The log shows itself: the last week, without a click; with the app's code once the last is ten minutes old.
  await codeGivenAgo(supervisor.email, 11 * 60_000);
  await staff.getByRole('link', { name: 'Auditlog' }).click();
  await expect(staff.getByRole('alert')).toContainText(texts('nl').api.confirmWithCode);
  await expect(staff.getByLabel('Code uit uw app')).toBeFocused();
  await expect(staff.getByRole('table')).toHaveCount(0);
  expect((await new AxeBuilder({ page: staff }).analyze()).violations).toEqual([]);
  await staff.getByLabel('Code uit uw app').fill(freshCode(supervisor.key));
  await staff.getByRole('button', { name: 'Tonen' }).click();
  await expect(staff.getByLabel('Code uit uw app')).toHaveCount(0);
  const rows = staff.getByRole('row').filter({ hasText: supervisor.email });
  // The lookup went through: it says how many it found, never "refused".
  const lookup = rows.filter({ hasText: 'Klant belt: code werkt niet' }).first();
  await expect(lookup).toContainText('gedaan: 1 gevonden');
  await expect(lookup).not.toContainText('geweigerd');
  // What the server wrote in the log reads in the console's language, as the rest of the row does.
  await expect(lookup).toContainText(`polis ${company.policy}`);
  const helpCode = rows.filter({ hasText: 'Helpcode openen' }).first();
  await expect(helpCode).toContainText('De klant las de helpcode voor');
  await expect(helpCode).toContainText(/helpcode [A-Z0-9]{3}-[A-Z0-9]{3}/);
  await expect(helpCode).not.toContainText('help code');
  await expect(rows.filter({ hasText: 'Klant heeft de klok gelijk gezet' })).toContainText('gedaan');
  const download = staff.waitForEvent('download');
  await staff.getByRole('button', { name: 'Exporteren als CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);

  // Logging out of a shared desk while the server fails: the console says so and stays open, never "out".
  await staff.route('**/api/session', (route) =>
    route.request().method() === 'DELETE' ? route.fulfill({ status: 502, body: '' }) : route.fallback(),
  );
  const nav = staff.getByRole('navigation', { name: 'Klantenservice' });
  await nav.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(staff.getByRole('alert')).toContainText('Dit lukt nu even niet');
  await expect(nav).toContainText(supervisor.email);
  await staff.unroute('**/api/session');
  await nav.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(staff.getByRole('heading', { name: 'Inloggen voor medewerkers' })).toBeVisible();
  await expect(staff.getByRole('navigation', { name: 'Klantenservice' })).toHaveCount(0);
});

test('a customer who opens the console is sent to log in as staff, and the API refuses them', async ({ page, request }) => {
  await page.goto('/agent/');
  await expect(page.getByRole('heading', { name: 'Inloggen voor medewerkers' })).toBeVisible();
  // No customer's ways back in on the staff login: staff get a new invitation from a supervisor.
  await expect(page.getByRole('link', { name: 'Wachtwoord vergeten?' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Nieuwe telefoon koppelen' })).toHaveCount(0);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await signUp(page, newEmail('nieuwsgierig'));
  await page.goto('/agent/opzoeken/');
  await expect(page.getByText('Deze pagina is alleen voor medewerkers van de klantenservice')).toBeVisible();
  const answer = await page.evaluate(() =>
    fetch('/api/agent/lookup', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ q: 'ZP100001', reason: 'nieuwsgierig' }),
    }).then((r) => r.status),
  );
  expect(answer).toBe(403);
  // Search engines are told to stay out.
  expect(await (await request.get('/robots.txt')).text()).toContain('Disallow: /agent/');
});

test('an answer the server cannot take comes back to the article with a note, not a page of JSON', async ({ page }) => {
  await page.goto(pages.article.en);
  const feedback = page.getByRole('region', { name: 'Did this answer help you?' });
  await feedback.getByRole('radio', { name: 'No' }).check();
  // Pasted text with a direction override: it would read otherwise than it is, so it is refused.
  await feedback.getByLabel(/What is missing/).fill('Android steps \u202emissing');
  await feedback.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('Your comment contains characters we cannot store.')).toBeVisible();
  await expect(page.getByText('Thank you.')).toBeHidden();
  expect(new URL(page.url()).pathname).toBe(pages.article.en);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});

test('an article asks whether it helped, and the answer shows in the report', async ({ browser, baseURL }) => {
  const reader = await (await browser.newContext()).newPage();
  const path = '/authenticator-app/klok-telefoon-klopt-niet/';
  await reader.goto(path);
  const page = await reader.locator('input[name=page]').inputValue();
  expect(page).toMatch(/^article:[a-z0-9-]+$/);
  const feedback = reader.getByRole('region', { name: 'Hebt u iets aan dit antwoord?' });
  // The question comes first; what is missing is asked once the answer is no.
  await expect(feedback.getByLabel(/Wat mist u/)).toBeHidden();
  await feedback.getByRole('radio', { name: 'Nee' }).check();
  // Mail addresses and phone numbers are removed before the comment is kept.
  await feedback.getByLabel(/Wat mist u/).fill('Uitleg voor Android ontbreekt, bel 0612345678');
  await feedback.getByRole('button', { name: 'Versturen' }).click();
  await expect(reader.getByText('Dank u wel')).toBeVisible();
  expect(new URL(reader.url()).pathname).toBe(path);
  // The same article, read in English.
  const english = new URL((await reader.locator('link[rel=alternate][hreflang=en]').getAttribute('href'))!, baseURL).pathname;
  const englishComment = await reader.request.post('/api/feedback', {
    headers: { Origin: baseURL! },
    data: { page, lang: 'en', helpful: false, comment: 'The Android steps are missing' },
  });
  expect(englishComment.status()).toBe(204);

  const staff = await (await browser.newContext()).newPage();
  await signedInAgent(staff, baseURL!);
  await staff.getByRole('link', { name: 'Rapport' }).click();
  // Staff read the article's title, in which language it was read, and can open it; not an internal id.
  const title = 'De klok van mijn telefoon klopt niet';
  const helpfulness = staff.getByRole('table').first().getByRole('row').filter({ hasText: title });
  // Counted apart for the Dutch and the English text.
  await expect(helpfulness.filter({ hasText: 'Nederlands' })).toHaveCount(1);
  await expect(helpfulness.filter({ hasText: 'Engels' })).toHaveCount(1);
  await expect(staff.getByRole('main')).not.toContainText(page);
  const comment = staff.getByRole('row').filter({ hasText: 'Uitleg voor Android ontbreekt' });
  await expect(comment).toContainText('Nederlands');
  // Each comment links to the text its reader read.
  const englishRow = staff.getByRole('row').filter({ hasText: 'The Android steps are missing' });
  await expect(englishRow).toContainText('Engels');
  await expect(englishRow.getByRole('link', { name: title })).toHaveAttribute('href', english);
  await expect(comment).not.toContainText('0612345678');
  // A wizard's end, counted, reads as the wizard and the step it ended on.
  const end = await reader.request.post('/api/wizard-ends', {
    headers: { Origin: baseURL! },
    data: { wizard: 'new-phone', end: 'noMailbox' },
  });
  expect(end.status()).toBe(204);
  await staff.getByRole('button', { name: 'Tonen' }).click();
  await expect(
    staff.getByRole('row', { name: /Hulp: ik heb een nieuwe telefoon — Zonder de mailbox kan niemand de app overzetten/ }),
  ).toBeVisible();
  await comment.getByRole('link', { name: title }).click();
  await expect(staff).toHaveURL(new RegExp(`${path}$`));
  await staff.goBack();
  // A period with nothing in it says so under each heading, rather than showing empty tables.
  await staff.getByLabel('Van').fill('2020-01-01');
  await staff.getByLabel('Tot en met').fill('2020-01-31');
  await staff.getByRole('button', { name: 'Tonen' }).click();
  await expect(staff.getByText('Niets in deze periode.')).toHaveCount(4);
  await expect(staff.getByRole('table')).toHaveCount(0);
  expect((await new AxeBuilder({ page: staff }).analyze()).violations).toEqual([]);

  // A report that cannot be read says so, rather than leaving the last one as if it were the new range.
  await staff.route('**/api/agent/report?*', (route) =>
    route.fulfill({ status: 503, json: { error: { code: 'unavailable', message: texts('nl').api.unavailable } } }),
  );
  await staff.getByRole('button', { name: 'Tonen' }).click();
  await expect(staff.getByRole('alert')).toContainText(texts('nl').api.unavailable);
  await expect(staff.getByRole('table')).toHaveCount(0);
});

test('a supervisor disables an agent who leaves: their console closes at once, their approval stops; enabling lets them back', async ({
  browser,
  baseURL,
}) => {
  const agentPage = await (await browser.newContext()).newPage();
  const agent = await becomeAgent(agentPage, baseURL!);
  // Before leaving, the agent approved a customer's new phone once.
  const customer = await (await browser.newContext()).newPage();
  const email = newEmail('vertrokken');
  await signUp(customer, email);
  await callApi(customer, '/api/authenticator/rebind', { email, password: PASSWORD });
  await callApi(customer, '/api/authenticator/rebind/start', { token: await mailedToken(email, 'rebindLink') });
  const [request] = (await callApi(agentPage, '/api/agent/lookup', { q: email, reason: 'Klant belt' })).accounts[0].requests;
  await callApi(agentPage, `/api/agent/requests/${request.id}/approve`, { reason: 'Teruggebeld' });
  const staff = await (await browser.newContext()).newPage();
  const { email: supervisorEmail } = await signedInAgent(staff, baseURL!, true);
  await staff.getByRole('navigation', { name: 'Klantenservice' }).getByRole('link', { name: 'Team' }).click();
  // Their own card offers nothing the server would refuse, and says why.
  const own = staff.getByRole('region', { name: supervisorEmail });
  await expect(own).toContainText(texts('nl').agent.team.yourself);
  await expect(own.getByRole('button')).toHaveCount(0);
  const card = staff.getByRole('region', { name: agent.email });
  await expect(card).toContainText('medewerker, actief');
  expect((await new AxeBuilder({ page: staff }).analyze()).violations).toEqual([]);
  await card.getByRole('button', { name: 'Uitschakelen' }).click();
  const confirm = card.getByRole('form', { name: 'Uitschakelen' });
  await confirm.getByLabel('Reden (komt in het auditlog)').fill('Uit dienst per vandaag');
  await confirm.getByRole('button', { name: 'Uitschakelen' }).click();
  await expect(staff.getByRole('region', { name: agent.email })).toContainText('uitgeschakeld');
  await expect(staff.getByRole('region', { name: agent.email }).getByRole('status')).toContainText(
    'Deze persoon had 1 lopend verzoek goedgekeurd. Dat is nu gestopt',
  );

  await agentPage.reload();
  await expect(agentPage.getByRole('heading', { name: 'Inloggen voor medewerkers' })).toBeVisible();

  const again = staff.getByRole('region', { name: agent.email });
  // An account in other hands gets its new invitation while still disabled, never its old password back first.
  await expect(again.getByRole('button', { name: 'Nieuwe uitnodiging sturen' })).toBeVisible();
  await again.getByRole('button', { name: 'Weer inschakelen' }).click();
  await again.getByLabel('Reden (komt in het auditlog)').fill('Toch terug');
  await again.getByRole('form', { name: 'Weer inschakelen' }).getByRole('button', { name: 'Weer inschakelen' }).click();
  await expect(staff.getByRole('region', { name: agent.email })).toContainText('actief');
});

test('an agent chooses English: the console stays English, and an English customer’s help code shows the customer’s English steps', async ({
  browser,
  baseURL,
}) => {
  const customer = await (await browser.newContext()).newPage();
  await openWizard(customer, 'en', 'code-not-working');
  await walk(customer, 'en', 'code-not-working', [['newPhone', 'NO']]);
  const code = await showHelpCode(customer, 'en');
  const english = words('en', 'code-not-working');

  const agent = await (await browser.newContext()).newPage();
  await signedInAgent(agent, baseURL!);
  // The choice cannot be saved: the agent is told so, not sent to English and straight back.
  await agent.route('**/api/agent/me', (route) =>
    route.request().method() === 'PUT'
      ? route.fulfill({ status: 503, json: { error: { code: 'unavailable', message: texts('nl').api.unavailable } } })
      : route.fallback(),
  );
  await agent.locator('a[data-lang-switch]').click();
  await expect(agent.getByRole('alert')).toContainText(texts('nl').api.unavailable);
  await agent.unroute('**/api/agent/me');
  await agent.getByRole('link', { name: 'Lees deze pagina in het Nederlands' }).or(agent.locator('a[data-lang-switch]')).click();
  await expect(agent).toHaveURL(/\/en\/agent\/$/);
  await expect(agent.getByRole('heading', { level: 1 })).toHaveText('Customer service');
  await expect(agent.getByRole('navigation', { name: 'Customer service' }).getByRole('link', { name: 'Look up' })).toBeVisible();

  // The choice is the agent's: the Dutch address now opens the English console.
  await agent.goto('/agent/opzoeken/');
  await expect(agent).toHaveURL(/\/en\/agent\/look-up\/$/);
  await expect(agent.getByRole('button', { name: 'Look up' })).toBeVisible();

  await agent.goto('/en/agent/');
  await agent.getByLabel('Help code (for example K7M-4QX)').fill(code);
  await agent.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(agent.getByText(`Help code ${code}, made:`)).toBeVisible();
  await expect(agent.getByRole('heading', { level: 2, name: english.rightEntry!.title })).toBeVisible();
  await expect(agent.getByText('What the customer has answered so far:')).toBeVisible();
  expect((await new AxeBuilder({ page: agent }).analyze()).violations).toEqual([]);

  // The Dutch customer's code, seen by the English-speaking agent: the agent's words in English, the customer's in Dutch.
  await openWizard(customer, 'nl', 'code-not-working');
  await walk(customer, 'nl', 'code-not-working', [['newPhone', 'NO']]);
  const dutchCode = await showHelpCode(customer);
  await agent.goto('/en/agent/');
  await agent.getByLabel('Help code (for example K7M-4QX)').fill(dutchCode);
  await agent.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(agent.getByText('The customer uses the site in Dutch.')).toBeVisible();
  await expect(agent.getByRole('heading', { level: 2, name: words('nl', 'code-not-working').rightEntry!.title })).toBeVisible();
  await expect(agent.getByText(texts('en').wizards.common.agentSays)).toBeVisible();
  await expect(agent.getByText(texts('nl').wizards.common.agentSays)).toHaveCount(0);

  // Back to Dutch with the same link: the choice is saved again.
  await agent.locator('a[data-lang-switch]').click();
  await expect(agent).toHaveURL(new RegExp(`/agent/helpcode/\\?c=${dutchCode}`));
  await expect(agent.getByRole('heading', { level: 1 })).toHaveText('Helpcode van de klant');
});

test('a help code from any error opens for the agent: a lock with its time; a reason no page has is refused', async ({
  browser,
  baseURL,
  request,
}) => {
  const make = (reason: string, page = 'login') =>
    request.post('/api/help-codes', {
      headers: { origin: baseURL! },
      data: { context: { kind: 'error', page, reason, lang: 'nl' } },
    });
  const made = await make('locked');
  expect(made.status()).toBe(201);
  const locked = ((await made.json()) as { code: string }).code;
  // Words of the caller's own would stand on the agent's screen as if the site had said them.
  expect((await make('constructor', 'toString')).status()).toBe(422);
  const agent = await (await browser.newContext()).newPage();
  await signedInAgent(agent, baseURL!);
  // A code misheard: the page says so, and has the field, with what was typed, to try again.
  const misheard = locked.replace(/^./, (first) => (first === 'K' ? 'M' : 'K'));
  const field = agent.getByLabel(texts('nl').agent.helpCodeLabel);
  await field.fill(misheard);
  await field.press('Enter');
  await expect(agent.getByRole('alert')).toContainText(texts('nl').agent.helpCodeUnknown);
  await expect(field).toHaveValue(misheard);
  await field.fill(locked);
  await field.press('Enter');
  // The lock's time is the customer's to read out; the console shows the message without it.
  await expect(agent.getByText('De klant zag een foutmelding bij Inloggen:')).toContainText('…');
  await expectAccessible(agent, 'a help code opened after a misheard one');
});

test('the console says a fault is a fault: only a refusal sends staff to log in', async ({ page }) => {
  const t = texts('nl').agent;
  await page.route('**/api/agent/me', (route) =>
    route.fulfill({ status: 503, json: { error: { code: 'unavailable', message: texts('nl').api.unavailable } } }),
  );
  await page.goto(staffPaths.lookup.nl);
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading')).toHaveText(t.unavailableTitle);
  await expect(alert).toContainText(texts('nl').api.unavailable);
  await expect(alert).not.toContainText(t.notStaff);
  // A 401 is the real "not staff": the way to log in.
  await page.unroute('**/api/agent/me');
  await page.reload();
  await expect(page.getByRole('alert')).toContainText(t.notStaff);

  // A help code that cannot be looked up now is not an unknown code.
  await page.route('**/api/agent/me', (route) =>
    route.fulfill({ json: { email: 'agent@voorbeeld.test', role: 'agent', lang: 'nl' } }),
  );
  await page.route('**/api/agent/help-codes', (route) =>
    route.fulfill({ status: 503, json: { error: { code: 'unavailable', message: texts('nl').api.unavailable } } }),
  );
  await page.goto(`${staffPaths.helpCode.nl}?c=ACD-EFG`);
  await page.getByRole('button', { name: t.helpCodeOpen }).click();
  await expect(page.getByRole('alert')).toContainText(texts('nl').api.unavailable);
  await expect(page.getByRole('alert')).not.toContainText(t.helpCodeUnknown);
});

test('an activation mail went astray: the agent sends a new one, and the old link, opened after all, points to the newest mail', async ({
  browser,
  baseURL,
}) => {
  const customer = await (await browser.newContext()).newPage();
  const email = newEmail('kwijt');
  const company = await newCustomer();
  const { flows, subject, paths } = flowWords('nl');
  await customer.goto(paths('register'));
  await customer.getByLabel(flows.email).fill(email);
  await customer.getByLabel(flows.policyNumber).fill(company.policy);
  await customer.getByRole('button', { name: flows.create }).click();
  await expect(customer.getByRole('status')).toContainText(flows.checkMailTitle);
  await openMail(customer, email, subject('activate'));
  const oldLink = await customer.getByRole('link', { name: new RegExp(paths('activate')) }).getAttribute('href');

  // The customer calls: no mail came. The agent sends a new one.
  const staff = await (await browser.newContext()).newPage();
  await signedInAgent(staff, baseURL!);
  await lookUp(staff, email, 'Klant kreeg geen mail');
  const card = staff.getByRole('article', { name: email });
  await card.getByRole('button', { name: 'Activatiemail opnieuw sturen' }).click();
  const confirm = card.getByRole('form', { name: 'Activatiemail opnieuw sturen' });
  await confirm.getByLabel('Reden (komt in het auditlog)').fill('Mail niet ontvangen');
  await confirm.getByRole('button', { name: 'Activatiemail opnieuw sturen' }).click();
  await expect(card.getByRole('status')).toHaveText('Gedaan. Dit staat in het auditlog.');

  // The first mail turns up after all: its link says which one to use, and asks for nothing.
  await customer.goto(oldLink!);
  await expect(customer.getByRole('alert')).toContainText(texts('nl').api.linkReplaced);
  await expect(customer.getByLabel(flows.newPassword)).toHaveCount(0);
  await expectAccessible(customer, 'an activation link replaced by a newer one');
  await openMail(customer, email, subject('activate'));
  await customer.getByRole('link', { name: new RegExp(paths('activate')) }).click();
  await customer.getByLabel(flows.newPassword).fill(PASSWORD);
  await customer.getByRole('button', { name: flows.activateSubmit }).click();
  await expect(customer.getByRole('status')).toContainText(flows.activated.split('.')[0]!);
});
