// Generates a large FAQ (Dutch articles with English twins) for the benchmark that builds the
// site next to Starlight: `node bench/generate-articles.ts <dir>` writes <dir>/nl and <dir>/en.
// The text is synthetic, from a fixed vocabulary, and seeded: every run writes the same files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TopicId } from '../src/content/topics.ts';

type Lang = 'nl' | 'en';
type Pair = readonly [nl: string, en: string];

export interface ArticleText {
  title: string;
  summary: string;
  slug: string;
  keywords: string[];
  body: string;
}

export interface GeneratedArticle {
  key: string;
  topic: TopicId;
  order: number;
  related: string[];
  lastReviewed: string;
  text: Record<Lang, ArticleText>;
}

/** The things an article is about, each under the topic it belongs to. */
const objects: [nl: string, en: string, topic: TopicId][] = [
  ['wachtwoord', 'password', 'logging-in'],
  ['inlogcode', 'login code', 'logging-in'],
  ['sessie', 'session', 'logging-in'],
  ['inlogpoging', 'login attempt', 'logging-in'],
  ['herstellink', 'reset link', 'logging-in'],
  ['browser', 'browser', 'logging-in'],
  ['beveiligingscode', 'security code', 'logging-in'],
  ['tweede stap', 'second step', 'logging-in'],
  ['authenticator-app', 'authenticator app', 'authenticator'],
  ['telefoon', 'phone', 'authenticator'],
  ['QR-code', 'QR code', 'authenticator'],
  ['klokinstelling', 'clock setting', 'authenticator'],
  ['koppeling', 'link to the app', 'authenticator'],
  ['e-mailadres', 'email address', 'account-details'],
  ['KvK-nummer', 'Chamber of Commerce number', 'account-details'],
  ['vestigingsnummer', 'branch number', 'account-details'],
  ['contactpersoon', 'contact person', 'account-details'],
  ['rekeningnummer', 'bank account number', 'account-details'],
  ['adres', 'address', 'account-details'],
  ['activatiemail', 'activation email', 'account-details'],
  ['account', 'account', 'account-details'],
  ['eHerkenning-middel', 'eHerkenning means', 'eherkenning'],
  ['machtiging', 'authorisation', 'eherkenning'],
  ['betrouwbaarheidsniveau', 'assurance level', 'eherkenning'],
  ['eHerkenning-leverancier', 'eHerkenning supplier', 'eherkenning'],
  ['bedrijfsgegevens', 'company details', 'eherkenning'],
  ['polis', 'policy', 'portal'],
  ['polisnummer', 'policy number', 'portal'],
  ['verzekeringsbewijs', 'insurance certificate', 'portal'],
  ['schademelding', 'claim', 'portal'],
  ['premie', 'premium', 'portal'],
  ['factuur', 'invoice', 'portal'],
  ['ziekmelding', 'sick report', 'portal'],
  ['hersteldmelding', 'recovery report', 'portal'],
  ['bedrijfsauto', 'company car', 'portal'],
  ['aansprakelijkheidsverzekering', 'liability insurance', 'portal'],
  ['bedrijvenpakket', 'business package', 'portal'],
  ['werknemersverzekering', 'employee insurance', 'portal'],
  ['document', 'document', 'portal'],
  ['bericht', 'message', 'portal'],
];

/** Question titles; `{o}` is the object. Each with the search words customers would type. */
const titles: [title: Pair, keywords: readonly [nl: string[], en: string[]]][] = [
  [
    ['Hoe wijzig ik mijn {o}?', 'How do I change my {o}?'],
    [
      ['{o} wijzigen', '{o} aanpassen'],
      ['change {o}', 'update {o}'],
    ],
  ],
  [
    ['Waar vind ik mijn {o}?', 'Where do I find my {o}?'],
    [
      ['{o} vinden', 'waar staat {o}'],
      ['find {o}', 'where is {o}'],
    ],
  ],
  [
    ['Wat doe ik als mijn {o} niet werkt?', 'What do I do if my {o} does not work?'],
    [
      ['{o} werkt niet', '{o} fout'],
      ['{o} not working', '{o} error'],
    ],
  ],
  [
    ['Kan ik mijn {o} delen met een collega?', 'Can I share my {o} with a colleague?'],
    [['{o} delen'], ['share {o}']],
  ],
  [
    ['Waarom vragen wij om uw {o}?', 'Why do we ask for your {o}?'],
    [['waarom {o}'], ['why {o}']],
  ],
  [
    ['Hoe vraag ik mijn {o} opnieuw aan?', 'How do I request my {o} again?'],
    [
      ['{o} aanvragen', '{o} opnieuw'],
      ['request {o}', 'new {o}'],
    ],
  ],
  [
    ['Mijn {o} is verlopen', 'My {o} has expired'],
    [['{o} verlopen'], ['{o} expired']],
  ],
  [
    ['Ik ben mijn {o} kwijt', 'I have lost my {o}'],
    [
      ['{o} kwijt', '{o} vergeten'],
      ['lost {o}', 'forgot {o}'],
    ],
  ],
  [
    ['Wie kan mijn {o} zien?', 'Who can see my {o}?'],
    [
      ['{o} zien', 'privacy {o}'],
      ['see {o}', '{o} privacy'],
    ],
  ],
  [
    ['Hoe controleer ik mijn {o}?', 'How do I check my {o}?'],
    [['{o} controleren'], ['check {o}']],
  ],
  [
    ['Mijn {o} wordt niet geaccepteerd', 'My {o} is not accepted'],
    [
      ['{o} ongeldig', '{o} klopt niet'],
      ['{o} invalid', '{o} wrong'],
    ],
  ],
  [
    ['Hoe lang is mijn {o} geldig?', 'How long is my {o} valid?'],
    [['{o} geldig'], ['{o} valid']],
  ],
  [
    ['Hoe verwijder ik mijn {o}?', 'How do I remove my {o}?'],
    [['{o} verwijderen'], ['remove {o}', 'delete {o}']],
  ],
  [
    ['Wat gebeurt er met mijn {o} als ik verhuis?', 'What happens to my {o} when I move?'],
    [['{o} verhuizen'], ['{o} moving']],
  ],
  [
    ['Mijn {o} is veranderd, wat nu?', 'My {o} has changed, what now?'],
    [['{o} veranderd'], ['{o} changed']],
  ],
];

/**
 * Keys the site itself links to (wizards, the home page's shortcuts, the flows): the build
 * fails without them, so the generated FAQ has them too, with generated text.
 */
const required: [key: string, topic: TopicId, title: Pair, slug: Pair, object: number][] = [
  [
    'code-not-working',
    'authenticator',
    ['Mijn code werkt niet', 'My code does not work'],
    ['code-werkt-niet', 'code-not-working'],
    1,
  ],
  ['new-phone', 'authenticator', ['Ik heb een nieuwe telefoon', 'I have a new phone'], ['nieuwe-telefoon', 'new-phone'], 9],
  [
    'forgot-email-address',
    'account-details',
    ['Ik weet mijn e-mailadres niet meer', 'I forgot my email address'],
    ['e-mailadres-vergeten', 'forgot-email-address'],
    13,
  ],
  [
    'forgot-password',
    'logging-in',
    ['Ik ben mijn wachtwoord vergeten', 'I forgot my password'],
    ['wachtwoord-vergeten', 'forgot-password'],
    0,
  ],
  ['login-methods', 'logging-in', ['Hoe kan ik inloggen?', 'How can I log in?'], ['hoe-kan-ik-inloggen', 'how-can-i-log-in'], 7],
  [
    'which-level',
    'eherkenning',
    ['Welk eHerkenning-niveau heb ik nodig?', 'Which eHerkenning level do I need?'],
    ['welk-niveau', 'which-level'],
    23,
  ],
  [
    'authorise-employees',
    'eherkenning',
    ['Hoe machtig ik een werknemer?', 'How do I authorise an employee?'],
    ['werknemer-machtigen', 'authorise-employees'],
    22,
  ],
  [
    'get-eherkenning',
    'eherkenning',
    ['Hoe vraag ik eHerkenning aan?', 'How do I apply for eHerkenning?'],
    ['eherkenning-aanvragen', 'get-eherkenning'],
    21,
  ],
  [
    'log-in-with-eherkenning',
    'eherkenning',
    ['Inloggen met eHerkenning', 'Logging in with eHerkenning'],
    ['inloggen-met-eherkenning', 'log-in-with-eherkenning'],
    21,
  ],
];

// Slots: {o} the article's object, {x} another object, {s} a section of the portal, {n} a number.
const sentences: Pair[] = [
  ['Uw {o} hoort bij uw account voor het portaal.', 'Your {o} belongs to your account for the portal.'],
  ['U vindt uw {o} onder {s}.', 'You find your {o} under {s}.'],
  ['Dit duurt meestal niet langer dan {n} minuten.', 'This usually takes no longer than {n} minutes.'],
  ['Wij sturen u daarna een e-mail ter bevestiging.', 'We then send you an email to confirm.'],
  [
    'Heeft u geen e-mail gekregen? Kijk dan ook in de map met ongewenste mail.',
    'Did you not get an email? Then also look in your spam folder.',
  ],
  ['Voor uw {x} gebruikt u dezelfde stappen.', 'For your {x} you use the same steps.'],
  ["Alleen u ziet uw {o}, uw collega's niet.", 'Only you see your {o}, your colleagues do not.'],
  ['Een wijziging van uw {o} ziet u direct in het portaal.', 'A change to your {o} shows in the portal at once.'],
  [
    'Wij vragen nooit om uw wachtwoord of code per telefoon of e-mail.',
    'We never ask for your password or code by phone or email.',
  ],
  ['Na {n} pogingen wacht u even voordat u het opnieuw probeert.', 'After {n} attempts you wait a while before you try again.'],
  ['Uw {o} en uw {x} staan los van elkaar.', 'Your {o} and your {x} are separate.'],
  [
    'Werken er meer mensen bij uw bedrijf? Dan heeft iedereen een eigen account.',
    'Does your business have more people? Then everyone has their own account.',
  ],
  ['Bewaar uw {o} op een veilige plek.', 'Keep your {o} in a safe place.'],
  ['Een link in de e-mail is {n} uur geldig.', 'A link in the email is valid for {n} hours.'],
  ['Controleer of de klok van uw telefoon goed staat.', 'Check that the clock on your phone is right.'],
  ['U heeft hiervoor uw oude telefoon niet nodig.', 'You do not need your old phone for this.'],
  ['Het portaal laat precies zien wat er mis ging.', 'The portal shows exactly what went wrong.'],
  [
    'Bent u particuliere klant? Dan logt u in op een ander portaal.',
    'Are you a private customer? Then you log in to another portal.',
  ],
  ['Met eHerkenning logt u in namens uw bedrijf.', 'With eHerkenning you log in on behalf of your business.'],
  ['Uw {o} staat ook op uw verzekeringsbewijs.', 'Your {o} is also on your insurance certificate.'],
  [
    'Soms duurt het {n} werkdagen voordat de wijziging verwerkt is.',
    'Sometimes it takes {n} working days before the change is processed.',
  ],
  ['Na het wijzigen van uw {o} logt u opnieuw in.', 'After you change your {o} you log in again.'],
  ['De code in de app verandert elke 30 seconden.', 'The code in the app changes every 30 seconds.'],
  ['Wij bewaren uw {o} versleuteld.', 'We store your {o} encrypted.'],
];
const steps: Pair[] = [
  ['Log in op het portaal.', 'Log in to the portal.'],
  ['Ga naar {s}.', 'Go to {s}.'],
  ['Kies uw {o}.', 'Choose your {o}.'],
  ['Vul uw {o} in.', 'Enter your {o}.'],
  ['Controleer of uw {x} klopt.', 'Check that your {x} is correct.'],
  ['Klik op **Opslaan**.', 'Click **Save**.'],
  ['Open de e-mail die u van ons krijgt en klik op de link.', 'Open the email we send you and click the link.'],
  ['Vul de code van 6 cijfers uit de app in.', 'Enter the 6-digit code from the app.'],
  ['Scan de QR-code met de authenticator-app.', 'Scan the QR code with the authenticator app.'],
  ['Bevestig de wijziging met uw wachtwoord.', 'Confirm the change with your password.'],
];
const needs: Pair[] = [
  ['Uw {o}.', 'Your {o}.'],
  ['Uw {x}.', 'Your {x}.'],
  ['Toegang tot de mailbox van uw e-mailadres.', 'Access to the mailbox of your email address.'],
  ['De telefoon die u nu gebruikt.', 'The phone you use now.'],
  ['Uw wachtwoord voor het portaal.', 'Your password for the portal.'],
  ['Het KvK-nummer van uw bedrijf.', "Your company's Chamber of Commerce number."],
  ['Een eHerkenning-middel van niveau EH3 of hoger.', 'An eHerkenning means of level EH3 or higher.'],
];
const sections: Pair[] = [
  ['**Mijn gegevens**', '**My details**'],
  ['**Instellingen**', '**Settings**'],
  ['**Beveiliging**', '**Security**'],
  ['**Polissen**', '**Policies**'],
  ['**Berichten**', '**Messages**'],
  ['**Documenten**', '**Documents**'],
];
const summaries: Pair[] = [
  [
    'Lees hoe u uw {o} regelt in het portaal en wat u doet als het niet lukt.',
    'Read how to arrange your {o} in the portal and what to do if it fails.',
  ],
  [
    'Uw {o} regelt u zelf in het portaal. Hier leest u hoe, stap voor stap.',
    'You arrange your {o} yourself in the portal. Here you read how, step by step.',
  ],
  [
    'Het antwoord op uw vraag over uw {o}, met de stappen en wat u nodig heeft.',
    'The answer to your question about your {o}, with the steps and what you need.',
  ],
];
const headings = {
  needs: ['Wat heeft u nodig?', 'What do you need?'],
  steps: ['Zo werkt het', 'How it works'],
  know: ['Goed om te weten', 'Good to know'],
  note: ['Let op', 'Please note'],
  help: ['Lukt het niet?', 'Still not working?'],
  read: ['Lees', 'Read'],
} satisfies Record<string, Pair>;

/** mulberry32: a small seeded generator, so the FAQ is the same on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const index = (lang: Lang) => (lang === 'nl' ? 0 : 1);

/** `count` articles per language, with keys, slugs and links that all resolve. */
export function generateArticles(count = 500, seed = 20261125): GeneratedArticle[] {
  const rnd = random(seed);
  const int = (max: number) => Math.floor(rnd() * max);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const sample = <T>(list: readonly T[], n: number): T[] => {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  };

  // Every question: the required ones first, then object × title combinations in a seeded order.
  type Plan = { key: string; topic: TopicId; object: number; title: Pair; slug?: Pair; keywords: readonly [string[], string[]] };
  const combos = sample(
    objects.flatMap((_, o) => titles.map((_, t) => [o, t] as const)),
    objects.length * titles.length,
  );
  const plans: Plan[] = required.map(([key, topic, title, slug, object]) => ({
    key,
    topic,
    object,
    title,
    slug,
    keywords: [[], []],
  }));
  const keys = new Set(plans.map((p) => p.key));
  for (const [o, t] of combos) {
    if (plans.length >= count) break;
    const [title, keywords] = titles[t]!;
    const fill = (s: string, lang: Lang) => s.replaceAll('{o}', objects[o]![index(lang)]);
    const key = slugify(fill(title[1], 'en'));
    if (keys.has(key)) continue;
    keys.add(key);
    plans.push({
      key,
      topic: objects[o]![2],
      object: o,
      title: [fill(title[0], 'nl'), fill(title[1], 'en')],
      keywords: [keywords[0].map((k) => fill(k, 'nl')), keywords[1].map((k) => fill(k, 'en'))],
    });
  }
  if (plans.length < count) throw new Error(`only ${plans.length} distinct questions; add objects or titles`);

  const orders = new Map<TopicId, number>();
  const byTopic = Map.groupBy(plans, (p) => p.topic);
  return plans.map((plan) => {
    const order = (orders.get(plan.topic) ?? 0) + 1;
    orders.set(plan.topic, order);
    const others = byTopic.get(plan.topic)!.filter((p) => p !== plan);
    const related = sample(others, 2 + int(4)).map((p) => p.key);
    // Picks are made once and rendered in both languages, so twins say the same thing.
    const other = int(objects.length);
    const fillers = { s: int(sections.length), n: 2 + int(12) };
    const paragraph = () => sample(sentences, 3 + int(3));
    const intro = [paragraph(), paragraph()];
    const needed = sample(needs, 2 + int(3));
    const stepList = sample(steps, 3 + int(4));
    const know = paragraph();
    const note = rnd() < 0.5 ? paragraph() : [];
    const summary = pick(summaries);
    const month = 1 + int(11);
    const day = 1 + int(28);

    const text = (lang: Lang): ArticleText => {
      const i = index(lang);
      const fill = (s: Pair) =>
        s[i]
          .replaceAll('{o}', objects[plan.object]![i])
          .replaceAll('{x}', objects[other]![i])
          .replaceAll('{s}', sections[fillers.s]![i])
          .replaceAll('{n}', String(fillers.n));
      const link = (key: string) => `<ArticleLink to="${key}">${plans.find((p) => p.key === key)!.title[i]}</ArticleLink>`;
      const body = [
        ...intro.map((p) => p.map(fill).join(' ')),
        `## ${headings.needs[i]}`,
        needed.map((s) => `- ${fill(s)}`).join('\n'),
        `## ${headings.steps[i]}`,
        stepList.map((s, n) => `${n + 1}. ${fill(s)}`).join('\n'),
        `## ${headings.know[i]}`,
        know.map(fill).join(' '),
        ...(note.length ? [`### ${headings.note[i]}`, note.map(fill).join(' ')] : []),
        `## ${headings.help[i]}`,
        related
          .slice(0, 2)
          .map((key) => `- ${headings.read[i]} ${link(key)}.`)
          .join('\n'),
      ].join('\n\n');
      const objectWord = objects[plan.object]![i];
      return {
        title: plan.title[i],
        summary: fill(summary),
        slug: plan.slug?.[i] ?? slugify(plan.title[i]),
        keywords: [objectWord, ...plan.keywords[i]],
        body: `${body}\n`,
      };
    };
    return {
      key: plan.key,
      topic: plan.topic,
      order,
      related,
      lastReviewed: `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      text: { nl: text('nl'), en: text('en') },
    };
  });
}

/** One article as this project's MDX, frontmatter per src/content/schema.ts. */
export function toMdx(article: GeneratedArticle, lang: Lang): string {
  const t = article.text[lang];
  const list = (items: string[]) => `[${items.map((s) => JSON.stringify(s)).join(', ')}]`;
  return [
    '---',
    `title: ${JSON.stringify(t.title)}`,
    `summary: ${JSON.stringify(t.summary)}`,
    `topic: ${article.topic}`,
    `order: ${article.order}`,
    `slug: ${t.slug}`,
    `related: ${list(article.related)}`,
    'facts: []',
    `keywords: ${list(t.keywords)}`,
    `lastReviewed: ${article.lastReviewed}`,
    '---',
    '',
    t.body,
  ].join('\n');
}

/** Writes `<dir>/nl/<key>.mdx` and `<dir>/en/<key>.mdx` for every article. */
export function writeArticles(dir: string, articles: GeneratedArticle[] = generateArticles()): GeneratedArticle[] {
  for (const lang of ['nl', 'en'] as const) {
    mkdirSync(join(dir, lang), { recursive: true });
    for (const article of articles) writeFileSync(join(dir, lang, `${article.key}.mdx`), toMdx(article, lang));
  }
  return articles;
}

if (import.meta.main) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node bench/generate-articles.ts <dir>');
    process.exit(2);
  }
  const articles = writeArticles(dir);
  console.log(`wrote ${articles.length} articles in nl and en to ${dir}`);
}
