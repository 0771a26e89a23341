import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, newCustomer, newEmail, signUp, watchSendButtonOnLeaving } from './support.ts';

interface Choice {
  company?: string;
  branch?: 'own' | '' | '999999999999';
  level?: 'loa1' | 'loa2' | 'loa2plus' | 'loa3' | 'loa4';
  role?: 'owner' | 'employee';
  intermediary?: boolean;
  button?: 'Log in' | 'Cancel' | 'No authorisation for this service';
}

/** From the portal's login page through the development broker, choosing what eHerkenning answers. */
async function viaBroker(page: Page, choice: Choice, lang: 'nl' | 'en' = 'nl') {
  await page.goto(lang === 'nl' ? '/portaal/inloggen/' : '/en/portal/log-in/');
  await page
    .getByRole('link', { name: lang === 'nl' ? 'Inloggen met eHerkenning' : 'Log in with eHerkenning', exact: true })
    .click();
  await expect(page.getByRole('heading', { name: 'Development eHerkenning broker' })).toBeVisible();
  await expect(page.getByText('Requested level: urn:etoegang:core:assurance-class:loa3')).toBeVisible();
  await page.getByLabel('Company').selectOption(choice.company ?? '90000001');
  await page.getByLabel('Branch (vestigingsnummer)').selectOption(choice.branch ?? 'own');
  await page.getByLabel('Assurance level').selectOption(choice.level ?? 'loa3');
  await page.getByLabel(choice.role === 'employee' ? 'An authorised employee' : 'The owner').check();
  if (choice.intermediary) await page.getByLabel('Acting through an intermediary (chain authorisation)').check();
  await page.getByRole('button', { name: choice.button ?? 'Log in' }).click();
}

test('the owner logs in with eHerkenning and sees the company; logging out ends the broker’s session too', async ({ page }) => {
  await viaBroker(page, { company: '90000001' });
  await expect(page).toHaveURL(/\/portaal\/$/);
  await expect(page.getByText('U bent ingelogd met eHerkenning voor Bakkerij De Korenbloem.')).toBeVisible();
  await expect(page.getByText('Niveau van uw eHerkenning: EH3.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'E-mailadres wijzigen' })).toHaveCount(0);
  // While the browser is on its way to the broker, the button stays busy: a second press would
  // show "logged out" before the broker's session has ended. Read as the page is left.
  const onLeaving = await watchSendButtonOnLeaving(page);
  await page.reload();
  await page.getByRole('main').getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page.getByRole('heading', { name: 'Log out at the development eHerkenning broker' })).toBeVisible();
  expect(await onLeaving()).toBe('Even geduld… true');
  await page.getByRole('button', { name: 'Log out at the broker' }).click();
  await expect(page).toHaveURL(/\/portaal\/$/);
  await expect(page.getByRole('alert')).toContainText('U bent niet ingelogd');
});

test('on a shared computer, the next person who clicks "log in with eHerkenning" meets the broker, not the last company', async ({
  page,
}) => {
  await viaBroker(page, { company: '90000002' });
  await expect(page.getByText(/U bent ingelogd met eHerkenning voor Installatiebedrijf Van Dam/)).toBeVisible();
  // Logged out here, but the broker is told to stay logged in: its session must not let anyone back in.
  await page.getByRole('main').getByRole('button', { name: 'Uitloggen' }).click();
  await page.getByRole('button', { name: 'Stay logged in at the broker' }).click();
  await page.goto('/portaal/inloggen/');
  await page.getByRole('link', { name: 'Inloggen met eHerkenning', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Development eHerkenning broker' })).toBeVisible();
  // And "try again" after a refusal reaches the broker's choice too, instead of the same refusal.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('alert')).toContainText('U hebt het inloggen afgebroken');
  await page.getByRole('link', { name: 'Opnieuw inloggen met eHerkenning' }).click();
  await expect(page.getByRole('heading', { name: 'Development eHerkenning broker' })).toBeVisible();
});

test('the refusal page shows only what the server can send, whatever is typed into the address', async ({ page }) => {
  await page.goto('/portaal/eherkenning/#error=levelTooLow&level=EH9%20Bel%200900-1234%20en%20noem%20uw%20wachtwoord');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('U logde in met eHerkenning op niveau ?');
  await expect(alert).not.toContainText('0900');
  await page.goto('/portaal/eherkenning/#error=toString');
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('Het antwoord van eHerkenning klopte niet');
  // Where the API sends a browser that tried too often (api-input "explains a refusal of an eHerkenning address").
  await page.goto('/en/portal/eherkenning/#error=throttled');
  await expect(page.getByRole('alert')).toContainText('You tried many times in a row.');
});

test('an authorised employee at EH4 logs in as themselves, also in English', async ({ page }) => {
  await viaBroker(page, { company: '90000002', role: 'employee', level: 'loa4' }, 'en');
  await expect(page).toHaveURL(/\/en\/portal\/$/);
  await expect(page.getByText('You are logged in with eHerkenning for Installatiebedrijf Van Dam.')).toBeVisible();
  await expect(page.getByText('Level of your eHerkenning: EH4.')).toBeVisible();
});

test('someone acting through an intermediary sees it named', async ({ page }) => {
  await viaBroker(page, { company: '90000003', intermediary: true });
  await expect(page.getByText('U logt in via een intermediair (KvK-nummer 90001234).')).toBeVisible();
});

test('a colleague with eHerkenning sees the email login someone set up for the company, and how to take it over', async ({
  page,
  browser,
}) => {
  const company = await newCustomer();
  await viaBroker(page, { company: company.kvk });
  await expect(page.getByText(`${company.company} heeft nog geen login met e-mail.`)).toBeVisible();
  // Someone with the policy number and a mailbox of their own sets up the company's email login.
  const stranger = await (await browser.newContext()).newPage();
  const email = newEmail('vreemde');
  await signUp(stranger, email, company.policy);

  await page.reload();
  const news = page.getByRole('region', { name: 'Nieuwe login met e-mail voor uw bedrijf' });
  await expect(news).toContainText(`Het e-mailadres is v***@${email.split('@')[1]}.`);
  await expect(news).not.toContainText(email);
  await expectAccessible(page, 'the company login, seen with eHerkenning');
  // The way to take it over: a login of one's own, which eHerkenning proves without waiting (proofs.spec).
  await news.getByRole('link', { name: 'Zelf een login met e-mail maken' }).click();
  await expect(page).toHaveURL(/\/portaal\/account-aanmaken\/$/);

  // Through an intermediary, the portal names the login but leaves the takeover to the company.
  await page.context().clearCookies();
  await viaBroker(page, { company: company.kvk, intermediary: true }, 'en');
  const seen = page.getByRole('region', { name: 'A new email login for your company' });
  await expect(seen).toContainText('someone at the company can take the login over');
  await expect(seen.getByRole('link')).toHaveCount(0);
});

const refusals: { name: string; choice: Choice; text: RegExp; help?: [string, string] }[] = [
  {
    name: 'a level below EH3 gets the upgrade advice',
    choice: { level: 'loa2plus' },
    text: /op niveau EH2\+\. Voor Mijn Polis Zakelijk is minimaal EH3 nodig.*verhogen naar EH3/,
    help: ['Welk eHerkenning-niveau heb ik nodig?', '/hulp/welk-eherkenning-niveau/'],
  },
  {
    name: 'a company that is no customer',
    choice: { company: '99999990' },
    text: /niet bij onze zakelijke klanten.*Mijn Polis/,
    help: ['Hoe log ik in?', '/hulp/hoe-log-ik-in/'],
  },
  { name: 'a branch we do not know', choice: { branch: '999999999999' }, text: /vestiging van uw bedrijf die wij niet kennen/ },
  { name: 'a cancelled login', choice: { button: 'Cancel' }, text: /U hebt het inloggen afgebroken/ },
  {
    name: 'no authorisation for this service',
    choice: { button: 'No authorisation for this service' },
    text: /geen machtiging/,
    help: ['Hoe werkt machtigen?', '/inloggen-met-eherkenning/medewerkers-machtigen/'],
  },
];

for (const refusal of refusals) {
  test(`eHerkenning refused: ${refusal.name}`, async ({ page }) => {
    await viaBroker(page, refusal.choice);
    await expect(page).toHaveURL(/\/portaal\/eherkenning\/#error=/);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Inloggen met eHerkenning is niet gelukt');
    await expect(alert).toContainText(refusal.text);
    if (refusal.help) await expect(alert.getByRole('link', { name: refusal.help[0] })).toHaveAttribute('href', refusal.help[1]);
    await expect(alert.getByRole('link', { name: 'Inloggen met e-mailadres en wachtwoord' })).toHaveAttribute(
      'href',
      '/portaal/inloggen/',
    );
    await expectAccessible(page, refusal.name);
  });
}

test('a callback nobody started, a replayed one or one out of bounds is refused without an error page', async ({
  page,
  request,
}) => {
  // The browser lands here itself: even an answer too long to read is explained on the page, not as JSON.
  for (const query of [
    'code=abc&state=def',
    `code=${'a'.repeat(2001)}`,
    `error=access_denied&error_description=${'x'.repeat(1001)}`,
  ]) {
    const res = await request.get(`/api/eherkenning/callback?${query}`, { maxRedirects: 0, headers: { accept: 'text/html' } });
    expect(res.status(), query.slice(0, 40)).toBe(302);
    expect(res.headers().location).toBe('/portaal/eherkenning/#error=invalidResponse');
  }
  const res = await request.get('/api/eherkenning/callback?code=abc&state=def', { maxRedirects: 0 });
  await page.goto(res.headers().location!);
  await expect(page.getByRole('alert')).toContainText('Het antwoord van eHerkenning klopte niet');
});
