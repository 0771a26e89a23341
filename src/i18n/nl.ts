/**
 * Every Dutch text of the site and the API. `{name}` marks a value filled in at
 * render time (see format()). Plain B1 Dutch: short sentences, "u".
 */
export const nl = {
  meta: {
    langName: 'Nederlands',
    siteName: 'Helpcentrum {portal}',
    homeDescription:
      'Lukt inloggen op {portal} niet? Vind hier snel antwoord over uw code, een nieuwe telefoon, uw wachtwoord en eHerkenning.',
  },
  layout: {
    skipLink: 'Ga direct naar de inhoud',
    homeLink: 'Helpcentrum {portal}, naar de startpagina',
    mainNav: 'Hoofdmenu',
    langSwitch: 'Taal',
    langSwitchLabel: 'Read this page in English',
    langSwitchText: 'English',
    breadcrumbs: 'Kruimelpad',
    footerNav: 'Onderaan de pagina',
    searchLink: 'Zoeken',
    topicsLink: 'Alle onderwerpen',
    contactLink: 'Contact',
  },
  home: {
    title: 'Hoe kunnen we u helpen?',
    intro: 'Lukt het inloggen op {portal} niet? Hier vindt u de oplossing. Meestal duurt dat maar een paar minuten.',
    topTasksTitle: 'Vaak gevraagd',
    topicsTitle: 'Onderwerpen',
    articlesCount: '{count} vragen',
  },
  topTasks: {
    cantLogIn: 'Ik kan niet inloggen',
    newPhone: 'Ik heb een nieuwe telefoon',
    codeNotWorking: 'Mijn code werkt niet',
    forgotEmail: 'Ik weet mijn e-mailadres niet meer',
    forgotPassword: 'Ik ben mijn wachtwoord vergeten',
    eherkenning: 'Inloggen met eHerkenning',
  },
  topics: {
    'logging-in': {
      name: 'Inloggen',
      description: 'De twee manieren om in te loggen, de eerste keer en wie er voor uw bedrijf kan inloggen.',
    },
    authenticator: {
      name: 'Authenticator-app en code',
      description: 'De app met de code van 6 cijfers: instellen, een code die niet werkt en een nieuwe telefoon.',
    },
    'account-details': {
      name: 'Account en gegevens',
      description: 'Uw e-mailadres wijzigen of vergeten, een nieuw wachtwoord en uw polisnummer.',
    },
    eherkenning: {
      name: 'Inloggen met eHerkenning',
      description: 'Wat eHerkenning is, hoe u het krijgt, welk niveau u nodig hebt en hoe u collega’s machtigt.',
    },
    portal: {
      name: 'Het portaal',
      description: 'Wat u in {portal} kunt doen, en waar particuliere klanten inloggen.',
    },
  },
  topic: {
    articlesTitle: 'Vragen over dit onderwerp',
  },
  article: {
    lastReviewed: 'Laatst gecontroleerd op {date}',
    relatedTitle: 'Lees ook',
    wizardTitle: 'Liever stap voor stap?',
    wizardText: 'Beantwoord een paar korte vragen. Dan ziet u wat u moet doen.',
    wizardLink: 'Start de hulp stap voor stap',
    inTopic: 'Onderwerp: {topic}',
  },
  contact: {
    title: 'Geen antwoord op uw vraag?',
    text: 'Neem contact met ons op. Wij helpen u graag verder.',
    phone: 'Bel {phone}',
    phoneLabel: 'Telefoon',
    hoursLabel: 'Bereikbaar',
    form: 'Stuur ons een bericht via het contactformulier',
    safety: 'Wij vragen nooit om uw wachtwoord of code.',
  },
  hours: {
    'mon-fri': 'maandag tot en met vrijdag',
    'mon-sat': 'maandag tot en met zaterdag',
    'mon-sun': 'elke dag',
    range: '{days}, van {open} tot {close} uur',
  },
  search: {
    title: 'Zoeken in het helpcentrum',
    label: 'Waar zoekt u naar?',
    placeholder: 'Bijvoorbeeld: code werkt niet',
    submit: 'Zoeken',
    intro: 'Typ een paar woorden. U ziet de antwoorden meteen.',
    noScript: 'Zoeken werkt alleen met JavaScript. Kies hieronder een onderwerp.',
    corrected: 'U zocht op “{typed}”. Wij zoeken op “{used}”, want dat staat wel in het helpcentrum.',
    filterTitle: 'Filter op onderwerp',
    popular: 'Veel gezocht',
  },
  notFound: {
    title: 'Deze pagina bestaat niet',
    text: 'Misschien is het adres verkeerd getypt, of is de pagina verhuisd. Zoek uw vraag hieronder of kies een onderwerp.',
    home: 'Naar de startpagina',
  },
  api: {
    notFound: 'Dit adres bestaat niet.',
    methodNotAllowed: 'Deze actie is hier niet mogelijk.',
    internal: 'Er ging bij ons iets mis. Probeer het over een paar minuten opnieuw.',
  },
} as const;

/** The shape every language's catalog must have. */
export type Catalog = DeepString<typeof nl>;
type DeepString<T> = { readonly [K in keyof T]: T[K] extends string ? string : DeepString<T[K]> };
