import { expect, test, type Page } from '@playwright/test';
import { texts } from '../../src/i18n/index.ts';
import { langs } from '../../src/i18n/lang.ts';
import { islandTexts } from '../../src/site/flow-texts.ts';
import { wizardUrl } from '../../src/site/wizards.ts';
import { wizardIds } from '../../src/wizards/ids.ts';
import { machines } from '../../src/wizards/index.ts';
import { encodePath } from '../../src/wizards/path.ts';
import {
  codeFor,
  expectAccessible,
  freshCode,
  keepRecoveryCodes,
  linkApp,
  newCustomer,
  newEmail,
  openMail,
  PASSWORD,
  showHelpCode,
  registerAndActivate,
  signUp,
  words as siteWords,
} from './support.ts';
import { endPaths, openWizard, walk, wizardReady, words } from './wizard-support.ts';

// Every end of every wizard that answers alone reach, clicked through as a customer would.
for (const wizard of wizardIds) {
  for (const path of endPaths(wizard).filter((p) => !p.live)) {
    test(`${wizard}: the answers lead to "${path.end}"`, async ({ page }) => {
      await openWizard(page, 'nl', wizard);
      await walk(page, 'nl', wizard, path.steps);
      const w = words('nl', wizard)[path.end]!;
      await expect(page.getByRole('heading', { level: 2, name: w.title })).toBeFocused();
      const action = w.action
        ? page.getByRole('link', { name: w.action })
        : page.getByRole('region', { name: 'Komt u er niet uit?' });
      await expect(action).toBeVisible();
      if (w.action) expect(await action.getAttribute('href')).toMatch(/^(\/|https:\/\/)/);
    });
  }
}

test('the English wizard speaks English and its end links stay in English', async ({ page }) => {
  await openWizard(page, 'en', 'how-to-log-in');
  await walk(page, 'en', 'how-to-log-in', [
    ['customer', 'BUSINESS'],
    ['before', 'NO'],
    ['kvk', 'NO'],
  ]);
  await expect(page.getByRole('link', { name: 'Create an account' })).toHaveAttribute('href', '/en/portal/create-account/');
});

/** The eHerkenning wizard after two answers (it has one; the level is not known): at the step that helps find the level. */
async function twoStepsIntoEherkenningLevel(page: Page) {
  await openWizard(page, 'nl', 'eherkenning-level');
  await walk(page, 'nl', 'eherkenning-level', [
    ['hasEherkenning', 'YES'],
    ['level', 'UNKNOWN'],
  ]);
  return words('nl', 'eherkenning-level');
}

test('every step has its own address: reload, back and forward keep the place', async ({ page }) => {
  const w = await twoStepsIntoEherkenningLevel(page);
  await expect(page.getByRole('heading', { name: w.findLevel!.title })).toBeVisible();
  expect(new URL(page.url()).searchParams.get('s')).toBe('05');
  await page.reload();
  await expect(page.getByRole('heading', { name: w.findLevel!.title })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { name: w.level!.title })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { name: w.hasEherkenning!.title })).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('heading', { name: w.level!.title })).toBeVisible();
  await page.getByRole('button', { name: 'EH2+' }).click();
  await expect(page.getByRole('heading', { name: w.raise!.title })).toBeVisible();
  await page.getByRole('link', { name: 'Opnieuw beginnen' }).click();
  await expect(page.getByRole('heading', { name: w.hasEherkenning!.title })).toBeVisible();
  // An address that does not fit the wizard starts it afresh.
  await page.goto(`${wizardUrl('eherkenning-level', 'nl')}?s=9z`);
  await expect(page.getByRole('heading', { name: w.hasEherkenning!.title })).toBeVisible();
});

test('a step taken before the script ran is the step shown once it runs', async ({ page }) => {
  const w = await twoStepsIntoEherkenningLevel(page);
  // Reloaded, and one step back at once, while the wizard's script is still on its way.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/EherkenningLevelWizard\.[\w-]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.reload({ waitUntil: 'domcontentloaded' });
  await expect(page.getByRole('heading', { name: w.findLevel!.title })).toBeVisible();
  await page.goBack({ waitUntil: 'commit' });
  release();
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2, name: w.level!.title })).toBeVisible();
  await expect(page.getByRole('heading', { name: w.findLevel!.title })).toHaveCount(0);
});

test('a wizard can be done with the keyboard only', async ({ page }) => {
  await openWizard(page, 'nl', 'forgot-password');
  const w = words('nl', 'forgot-password');
  const press = async (label: string) => {
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === label) break;
    }
    await expect(page.locator(':focus')).toHaveText(label);
    await page.keyboard.press('Enter');
  };
  await press(w.knowEmail!.options.YES!);
  await expect(page.getByRole('heading', { name: w.mailbox!.title })).toBeFocused();
  await press(w.mailbox!.options.NO!);
  await expect(page.getByRole('heading', { name: w.noMailbox!.title })).toBeFocused();
  await press(w.noMailbox!.action!);
  await expect(page).toHaveURL(/\/portaal\/account-aanmaken\/$/);
});

for (const lang of langs) {
  const steps: [string, string][] = [
    ['oldPhone', 'YES'],
    ['oldPhoneTip', 'NEXT'],
    ['password', 'YES'],
    ['mailbox', 'YES'],
  ];
  const kinds: Record<string, (page: Page) => Promise<void>> = {
    question: (page) => openWizard(page, lang, 'new-phone'),
    info: async (page) => {
      await openWizard(page, lang, 'new-phone');
      await walk(page, lang, 'new-phone', steps.slice(0, 1));
    },
    live: async (page) => {
      await openWizard(page, lang, 'new-phone');
      await walk(page, lang, 'new-phone', steps);
    },
    end: async (page) => {
      await page.goto(`${wizardUrl('new-phone', lang)}?s=11`);
    },
    'live login': async (page) => {
      await page.goto(`${wizardUrl('code-not-working', lang)}?s=1000`);
    },
  };
  for (const [kind, open] of Object.entries(kinds)) {
    test(`axe finds nothing on a ${kind} step (${lang})`, async ({ page }) => {
      await open(page);
      await expect(page.locator('.wizard h2')).toBeVisible();
      await expectAccessible(page, `${lang} ${kind}`);
    });
  }
}

async function toTryIt(page: Page) {
  await openWizard(page, 'nl', 'code-not-working');
  await walk(page, 'nl', 'code-not-working', [
    ['newPhone', 'NO'],
    ['rightEntry', 'YES'],
    ['clock', 'AUTOMATIC'],
  ]);
  await expect(page.getByRole('heading', { name: 'Probeer nu in te loggen' })).toBeVisible();
}

async function tryLogin(page: Page, email: string, code: string) {
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Verder' }).click();
  await page.getByLabel('Code uit uw app (6 cijfers)').fill(code);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

test('code wizard, live: an error in the step offers its own help code, and the step’s gives way to it', async ({ page }) => {
  await toTryIt(page);
  const button = page.getByRole('button', { name: 'Helpcode maken' });
  await expect(button).toHaveCount(1);
  await page.getByLabel('E-mailadres').fill(newEmail('niemand'));
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Verder' }).click();
  await expect(page.getByRole('alert')).toContainText('horen niet bij elkaar');
  // One button, the error's: the code it makes names the refusal, not only the step.
  await expect(button).toHaveCount(1);
  await showHelpCode(page);
});

test('code wizard, live: a clock three minutes ahead, a used code, a wrong code, and a working one', async ({
  page,
  context,
}) => {
  const email = newEmail('wizard');
  const { key } = await signUp(page, email);
  const w = words('nl', 'code-not-working');

  await context.clearCookies();
  await toTryIt(page);
  await tryLogin(page, email, codeFor(key, 180));
  await expect(page.getByRole('heading', { name: w.clockAdvice!.title })).toBeFocused();
  await expect(page.getByText('iPhone: Instellingen, Algemeen, Datum en tijd')).toBeVisible();

  const used = freshCode(key);
  await toTryIt(page);
  await tryLogin(page, email, used);
  await expect(page.getByRole('heading', { name: w.works!.title })).toBeVisible();
  await context.clearCookies();
  await toTryIt(page);
  await tryLogin(page, email, used);
  await expect(page.getByRole('heading', { name: w.usedCode!.title })).toBeVisible();

  await context.clearCookies();
  await toTryIt(page);
  await tryLogin(page, email, codeFor(key, 30) === '123456' ? '654321' : '123456');
  await expect(page.getByRole('heading', { name: w.stillWrong!.title })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Komt u er niet uit?' })).toContainText('088 123 45 67');
  // A slip of the finger is not the end: one step back, the next code works.
  await page
    .getByRole('link', { name: 'Vorige stap' })
    .or(page.getByRole('button', { name: 'Vorige stap' }))
    .click();
  await tryLogin(page, email, freshCode(key));
  await expect(page.getByRole('heading', { name: w.works!.title })).toBeVisible();
});

test('code wizard, live: too many attempts ends in the lock advice; an account without app in linking it', async ({
  page,
  context,
}) => {
  const email = newEmail('slot');
  const { key } = await signUp(page, email);
  await context.clearCookies();
  await toTryIt(page);
  const wrong = codeFor(key, 30) === '000000' ? '111111' : '000000';
  const stillWrong = page.getByRole('heading', { name: words('nl', 'code-not-working').stillWrong!.title });
  await tryLogin(page, email, wrong);
  for (let i = 0; i < 3; i++) {
    // The refusal must have arrived before starting again, or it would answer the new round.
    await expect(stillWrong).toBeVisible();
    await page.getByRole('link', { name: 'Opnieuw beginnen' }).click();
    await walk(page, 'nl', 'code-not-working', [
      ['newPhone', 'NO'],
      ['rightEntry', 'YES'],
      ['clock', 'AUTOMATIC'],
    ]);
    await tryLogin(page, email, wrong);
  }
  await expect(stillWrong).toBeVisible();
  await page.getByRole('link', { name: 'Opnieuw beginnen' }).click();
  await walk(page, 'nl', 'code-not-working', [
    ['newPhone', 'NO'],
    ['rightEntry', 'YES'],
    ['clock', 'AUTOMATIC'],
  ]);
  await tryLogin(page, email, wrong);
  await expect(page.getByRole('heading', { name: words('nl', 'code-not-working').locked!.title })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Nieuw wachtwoord kiezen' })).toHaveAttribute(
    'href',
    '/portaal/wachtwoord-vergeten/',
  );
});

test('new-phone wizard, live: ends with the new app working and the old one refused with its reason', async ({
  page,
  context,
}) => {
  const email = newEmail('wizardtelefoon');
  const { key: oldKey, codes } = await signUp(page, email);
  await context.clearCookies();
  const w = words('nl', 'new-phone');
  await openWizard(page, 'nl', 'new-phone');
  await walk(page, 'nl', 'new-phone', [
    ['oldPhone', 'NO'],
    ['password', 'YES'],
    ['mailbox', 'YES'],
  ]);
  // The warning about the old phone is said once, by the form that asks.
  await expect(page.getByText('werken de codes op uw oude telefoon niet meer')).toHaveCount(1);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Stuur mij een link' }).click();
  await expect(page.getByRole('heading', { name: w.checkMail!.title })).toBeVisible();

  await openMail(page, email, /Nieuwe telefoon koppelen aan/);
  await page.getByRole('link', { name: /nieuwe-telefoon/ }).click();
  await page.getByLabel('Herstelcode', { exact: true }).fill(codes[0]!);
  await page.getByRole('button', { name: 'Controleren' }).click();
  const newKey = await linkApp(page);
  await keepRecoveryCodes(page);
  await expect(page.getByRole('status')).toContainText('De app op uw oude telefoon werkt niet meer');

  // The code wizard now tells the old app apart.
  await toTryIt(page);
  await tryLogin(page, email, codeFor(oldKey, 30));
  await expect(page.getByRole('heading', { name: words('nl', 'code-not-working').oldAuthenticator!.title })).toBeVisible();
  await page.getByRole('link', { name: 'Opnieuw beginnen' }).click();
  await walk(page, 'nl', 'code-not-working', [
    ['newPhone', 'NO'],
    ['rightEntry', 'YES'],
    ['clock', 'AUTOMATIC'],
  ]);
  await tryLogin(page, email, freshCode(newKey));
  await expect(page.getByRole('heading', { name: words('nl', 'code-not-working').works!.title })).toBeVisible();
});

test('forgot-email, forgot-password and new-phone wizards end in their live flow', async ({ page }) => {
  const email = newEmail('wizardmail');
  await openWizard(page, 'nl', 'forgot-email');
  await walk(page, 'nl', 'forgot-email', [
    ['search', 'NOT_FOUND'],
    ['eherkenning', 'NO'],
  ]);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Polisnummer').fill((await newCustomer()).policy);
  await page.getByRole('button', { name: 'Account aanmaken' }).click();
  await expect(page.getByRole('heading', { name: words('nl', 'forgot-email').checkMail!.title })).toBeVisible();
  await openMail(page, email, /Activeer uw account/);

  await openWizard(page, 'nl', 'forgot-password');
  await walk(page, 'nl', 'forgot-password', [
    ['knowEmail', 'YES'],
    ['mailbox', 'YES'],
  ]);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByRole('button', { name: 'Stuur mij een link' }).click();
  await expect(page.getByRole('heading', { name: words('nl', 'forgot-password').checkMail!.title })).toBeVisible();
  // Not activated yet: a new password would not activate it, and the mail says what does.
  await openMail(page, email, /Uw vraag om een nieuw wachtwoord/);
  await expect(page.getByText('Bij dit adres hoort een account dat nog niet is geactiveerd.')).toBeVisible();
  await openMail(page, email, /Activeer uw account/);
  await page.getByRole('link', { name: /portaal\/activeren/ }).click();
  await page.getByLabel(siteWords('nl').flows.newPassword).fill(PASSWORD);
  await page.getByRole('button', { name: siteWords('nl').flows.activateSubmit }).click();
  await expect(page.getByRole('status')).toContainText(siteWords('nl').flows.activated.split('.')[0]!);

  await openWizard(page, 'nl', 'new-phone');
  await walk(page, 'nl', 'new-phone', [
    ['oldPhone', 'NO'],
    ['password', 'YES'],
    ['mailbox', 'YES'],
  ]);
  // The warning about the old phone is said once, by the form that asks.
  await expect(page.getByText('werken de codes op uw oude telefoon niet meer')).toHaveCount(1);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Stuur mij een link' }).click();
  await expect(page.getByRole('heading', { name: words('nl', 'new-phone').notEnrolled!.title })).toBeVisible();
});

test('code wizard, live: an account without an app is sent to link one', async ({ page }) => {
  const email = newEmail('zonderapp');
  await registerAndActivate(page, email, (await newCustomer()).policy);
  await toTryIt(page);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Verder' }).click();
  await expect(page.getByRole('heading', { name: words('nl', 'code-not-working').enrolFirst!.title })).toBeVisible();
  await expect(page.getByRole('link', { name: 'App koppelen' })).toHaveAttribute('href', '/portaal/app-koppelen/');
});

test('without JavaScript, a wizard still walks to its end: each step comes from the server', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const lang of langs) {
    const w = words(lang, 'code-not-working');
    await page.goto(wizardUrl('code-not-working', lang));
    await expect(page.getByRole('heading', { level: 2, name: w.newPhone!.title })).toBeVisible();
    // Each option is a plain form: the click asks the server for the next step.
    await page.getByRole('button', { name: w.newPhone!.options.YES! }).click();
    await expect(page).toHaveURL(/\?s=0$/);
    const end = page.locator('.wizard__end a.button');
    await expect(end).toBeVisible();
    expect(await end.getAttribute('href')).toMatch(/\/(hulp|help)\/|portal|portaal/);
    // Back and start again are plain links too.
    await page.getByRole('link', { name: islandTexts(lang, 'wizards').common.back }).click();
    await expect(page.getByRole('heading', { level: 2, name: w.newPhone!.title })).toBeVisible();
  }
  // A step that happens live says it needs a script, and gives the article's answer instead.
  await page.goto(`${wizardUrl('code-not-working', 'nl')}?s=100`);
  const html = await page.content();
  expect(html).toContain('daarvoor is JavaScript nodig');
  // No fields that could not be sent stand before that notice.
  await expect(page.getByLabel('E-mailadres')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2, name: words('nl', 'code-not-working').tryIt!.title })).toBeVisible();
  await context.close();
});

/** The text of HTML, with the entities a renderer may use put back. */
const decoded = (html: string) =>
  html
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

test('the server renders every step of every wizard, in both languages, with its own heading', async ({ request }) => {
  for (const wizard of wizardIds) {
    for (const { steps, end } of endPaths(wizard)) {
      // Each prefix of the way to each end is a step someone can land on from an address or a help code.
      for (let i = 0; i <= steps.length; i++) {
        const path = encodePath(
          machines[wizard],
          steps.slice(0, i).map(([, event]) => event),
        );
        const state = i < steps.length ? steps[i]![0] : end;
        for (const lang of langs) {
          const res = await request.get(`${wizardUrl(wizard, lang)}${path ? `?s=${path}` : ''}`);
          expect(res.status(), `${wizard} ${lang} ${path}`).toBe(200);
          expect(decoded(await res.text()), `${wizard} ${lang} ${path}`).toContain(words(lang, wizard)[state]!.title);
        }
      }
    }
  }
  // An address that fits no wizard step starts at the beginning; an unknown wizard is a 404.
  expect(decoded(await (await request.get(`${wizardUrl('new-phone', 'nl')}?s=zzzz`)).text())).toContain(
    words('nl', 'new-phone')[String(machines['new-phone'].config.initial)]!.title,
  );
  // In the language of its address.
  for (const [path, lang] of [
    ['/hulp/bestaat-niet/', 'nl'],
    ['/en/help/does-not-exist/', 'en'],
  ] as const) {
    const missing = await request.get(path);
    expect(missing.status()).toBe(404);
    expect(await missing.text()).toMatch(new RegExp(`<html[^>]* lang="${lang}"`));
  }
});

test('an answer that arrives after starting again does not move the wizard', async ({ page, context }) => {
  const email = newEmail('laat');
  const { key } = await signUp(page, email);
  await context.clearCookies();
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/session/code', async (route) => {
    await held;
    await route.continue();
  });
  await toTryIt(page);
  await tryLogin(page, email, codeFor(key, 30) === '000000' ? '111111' : '000000');
  await page.getByRole('link', { name: 'Opnieuw beginnen' }).click();
  const first = words('nl', 'code-not-working').newPhone!.title;
  await expect(page.getByRole('heading', { name: first })).toBeVisible();
  const answered = page.waitForResponse('**/api/session/code');
  release();
  await answered;
  // Give the page the moment it would need to act on the late answer.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
  await expect(page.getByRole('heading', { name: first })).toBeVisible();
  expect(new URL(page.url()).searchParams.get('s')).toBeNull();
});

test('feedback at a wizard end is thanked only once it is kept; a refusal keeps the comment to send again', async ({ page }) => {
  const t = texts('nl').feedback;
  await page.goto(`${wizardUrl('new-phone', 'nl')}?s=11`);
  await wizardReady(page);
  const feedback = page.getByRole('region', { name: t.question });
  await feedback.getByRole('button', { name: t.no, exact: true }).click();
  const comment = feedback.getByLabel(t.commentLabel);
  // A direction override makes text read otherwise than it is: the server does not keep it.
  const typed = 'De stappen voor \u202eAndroid ontbreken';
  await comment.fill(typed);
  await feedback.getByRole('button', { name: t.send }).click();
  await expect(feedback.getByRole('alert')).toContainText(t.textRefused);
  await expect(comment).toHaveAttribute('aria-invalid', 'true');
  await expect(comment).toHaveValue(typed);
  await expect(page.getByText(t.thanks)).toHaveCount(0);
  await expectAccessible(page, 'feedback refused');

  // Too many answers from one address: not sent, and it says so, in the server's words.
  const throttled = texts('nl').api.throttled.replace('{minutes}', '5');
  await page.route('**/api/feedback', (route) =>
    route.fulfill({ status: 429, json: { error: { code: 'throttled', message: throttled } } }),
  );
  await comment.fill('De stappen voor Android ontbreken');
  await comment.press('Tab');
  await page.keyboard.press('Enter');
  await expect(feedback.getByRole('alert')).toContainText(throttled);
  await expect(comment).not.toHaveAttribute('aria-invalid');

  await page.unroute('**/api/feedback');
  await feedback.getByRole('button', { name: t.send }).click();
  // The thanks takes the focus from the button it replaces, so a keyboard user is not left at the top.
  await expect(page.getByRole('status').filter({ hasText: t.thanks })).toBeFocused();
});
