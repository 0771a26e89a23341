import { wizardsNl } from './wizards-nl.ts';

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
    loginLink: 'Inloggen',
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
    unavailable: 'Het portaal is even niet bereikbaar. Probeer het over een paar minuten opnieuw.',
    invalidInput: 'Controleer wat u hebt ingevuld.',
    malformedJson: 'Het verzoek kon niet worden gelezen. Ververs de pagina en probeer het opnieuw.',
    unsupportedMediaType: 'Het verzoek heeft een onbekend formaat. Ververs de pagina en probeer het opnieuw.',
    payloadTooLarge: 'U hebt te veel tekst verstuurd.',
    crossOrigin: 'Dit verzoek komt niet van onze website. Open de pagina opnieuw via {origin}.',
    throttled: 'U hebt het te vaak geprobeerd. Wacht {minutes} minuten en probeer het dan opnieuw.',
    notLoggedIn: 'U bent niet (meer) ingelogd. Log opnieuw in.',
    sessionExpired: 'Dit duurde te lang, of u bent niet meer ingelogd. Begin opnieuw met uw e-mailadres en wachtwoord.',
    loginRefused: 'Dit e-mailadres en wachtwoord horen niet bij elkaar. Controleer ze en probeer het opnieuw.',
    locked:
      'U hebt te vaak iets verkeerds ingevuld. Daarom kunt u tot {time} uur niet inloggen. Kiest u een nieuw wachtwoord? Dan kunt u meteen weer verder.',
    lockedUntilReset: 'U hebt heel vaak iets verkeerds ingevuld. Kies een nieuw wachtwoord om weer in te loggen.',
    notActivated: 'Uw account is nog niet geactiveerd. We hebben u een nieuwe mail gestuurd. Klik op de link in die mail.',
    codeRefused: 'Deze code klopt niet.',
    linkInvalid: 'Deze link werkt niet meer. Hij is al gebruikt of te oud. Vraag een nieuwe aan.',
    enrolmentExpired: 'Dit duurde te lang. Scan de nieuwe QR-code en vul de code opnieuw in.',
    notEnrolled: 'U hebt nog geen authenticator-app gekoppeld. Log in met uw e-mailadres en wachtwoord. Daarna koppelt u uw app.',
    sameAddress: 'Dit is al uw e-mailadres. Vul het nieuwe adres in.',
    emailInUse: 'Bij dit e-mailadres hoort al een account. Kies een ander adres.',
  },
  fields: {
    email: 'Vul een geldig e-mailadres in, bijvoorbeeld naam@bedrijf.nl.',
    password: 'Vul uw wachtwoord in.',
    policyNumber: 'Vul het polisnummer in. U vindt het op uw polis.',
    code: 'Vul de 6 cijfers uit uw app in.',
    token: 'Deze link is niet compleet. Open de link uit de mail opnieuw.',
    tooShort: 'Kies een wachtwoord van minstens 8 tekens. Met 15 tekens of meer is het veel veiliger.',
    tooLong: 'Kies een wachtwoord van hooguit 128 tekens.',
    common: 'Dit wachtwoord wordt veel gebruikt. Inbrekers proberen het als eerste. Kies een ander wachtwoord.',
    personal: 'Dit wachtwoord lijkt op uw e-mailadres of onze naam. Kies iets anders.',
    newEmail: 'Vul het nieuwe e-mailadres in, bijvoorbeeld naam@bedrijf.nl.',
  },
  diagnosis: {
    clockDrift:
      'De klok van uw telefoon loopt ongeveer {minutes} minuten {direction}. Daardoor maakt de app verkeerde codes. Zet in de instellingen van uw telefoon datum en tijd op automatisch. Probeer het daarna met een nieuwe code.',
    ahead: 'voor',
    behind: 'achter',
    usedCode: 'Deze code hebt u al gebruikt. Elke code werkt maar één keer. Wacht tot de app een nieuwe code laat zien.',
    oldAuthenticator:
      'Dit is een code van uw vorige authenticator. Die werkt niet meer, want u hebt de app opnieuw gekoppeld. Gebruik de app op de telefoon die u als laatste hebt gekoppeld.',
    wrongCode:
      'Kijk of u de regel van {insurer} met uw e-mailadres gebruikt, en of u geen cijfer verkeerd hebt getypt. Werkt het nog steeds niet? Lees wat u kunt doen als uw code niet werkt.',
  },
  flows: {
    portalTitle: '{portal}',
    loginTitle: 'Inloggen op {portal}',
    loginIntro: 'Log in met uw e-mailadres, uw wachtwoord en de code uit uw authenticator-app.',
    eherkenningOther: 'Lees meer over eHerkenning en de niveaus.',
    registerTitle: 'Account aanmaken',
    registerIntro: 'Met een account logt u in op {portal}. U hebt uw polisnummer nodig en toegang tot uw mailbox.',
    activateTitle: 'Account activeren',
    enrolTitle: 'Authenticator-app koppelen',
    email: 'E-mailadres',
    password: 'Wachtwoord',
    newPassword: 'Kies een wachtwoord',
    passwordHint:
      'Minstens 8 tekens. Een zin van 15 tekens of meer is het veiligst, bijvoorbeeld: koffie met drie suikerklontjes.',
    showPassword: 'Wachtwoord laten zien',
    policyNumber: 'Polisnummer',
    policyHint: 'Dit staat op uw polis, bijvoorbeeld ZP100001.',
    code: 'Code uit uw app (6 cijfers)',
    codeHint: 'Open uw authenticator-app en kies de regel van {insurer}.',
    next: 'Verder',
    logIn: 'Inloggen',
    confirm: 'Bevestigen',
    create: 'Account aanmaken',
    busy: 'Even geduld…',
    errorSummary: 'Er ging iets mis',
    forgotPassword: 'Wachtwoord vergeten?',
    noAccount: 'Nog geen account? Maak er een aan.',
    haveAccount: 'Hebt u al een account? Log in.',
    codeHelpLink: 'Hulp bij een code die niet werkt',
    codeStepTitle: 'Vul de code uit uw app in',
    checkMailTitle: 'Kijk in uw mailbox',
    checkMail:
      'We hebben een mail gestuurd naar {email}. Klik op de link in die mail. Geen mail gekregen? Kijk ook bij ongewenste mail. De link werkt 24 uur.',
    activating: 'Uw account wordt geactiveerd…',
    activated: 'Uw account is geactiveerd. Log nu in. Daarna koppelt u uw authenticator-app.',
    noToken: 'Open de link uit de mail die we u stuurden. Daarin staat een code die deze pagina nodig heeft.',
    enrolIntro:
      'Nog één stap. Koppel een authenticator-app aan uw account. Daarna vraagt {portal} bij elke keer inloggen om een code uit die app.',
    enrolStep1: 'Installeer een authenticator-app op uw telefoon, als u die nog niet hebt. Elke app werkt.',
    enrolStep2: 'Scan deze QR-code met de app.',
    enrolStep3: 'Vul de code van 6 cijfers uit de app in.',
    enrolKeyIntro: 'Kunt u niet scannen? Typ dan deze sleutel in de app:',
    enrolAppShows: 'De app laat de naam {insurer} zien en uw e-mailadres {email}. Meer weet de app niet over u.',
    enrolNoSession: 'Log eerst in met uw e-mailadres en wachtwoord. Daarna kunt u uw app koppelen.',
    enrolDone: 'Gelukt. Uw authenticator-app is gekoppeld.',
    portalWelcome: 'Welkom',
    loggedInAs: 'U bent ingelogd als {email} voor {company}.',
    loggedInWith: 'U bent ingelogd met {method}.',
    methodPassword: 'e-mailadres, wachtwoord en code',
    methodEherkenning: 'eHerkenning',
    policyLine: 'Polisnummer: {policy}',
    portalOffers: 'Dit kunt u in {portal} doen',
    offerClaim: 'Schade melden, op elk moment van de dag.',
    offerIntermediary: 'De gegevens van uw tussenpersoon bekijken.',
    offerSick: 'Uzelf ziek of beter melden (met een arbeidsongeschiktheidsverzekering).',
    offerPolicies: 'Uw polissen bekijken en uw verzekeringsbewijs downloaden (bedrijvenpakket en werknemersvoorzieningen).',
    demoNote: 'Dit is een demonstratie: deze onderdelen zijn hier niet echt te gebruiken.',
    logOut: 'Uitloggen',
    loggedOut: 'U bent uitgelogd.',
    notLoggedIn: 'U bent niet ingelogd.',
    noScript: 'Deze pagina werkt alleen met JavaScript. Zet JavaScript aan, of neem contact met ons op.',
    newPhoneTitle: 'Nieuwe telefoon koppelen',
    newPhoneIntro:
      'Hebt u een nieuwe of andere telefoon? Koppel dan de authenticator-app op die telefoon. U hebt uw wachtwoord nodig en toegang tot de mailbox van uw account.',
    newPhoneWarning: 'Let op: zodra de nieuwe app is gekoppeld, werken de codes op uw oude telefoon niet meer.',
    newPhoneRequest: 'Stuur mij een link',
    newPhoneMailSent:
      'Uw gegevens kloppen. Er staat nu een mail met een link in de mailbox van uw account. Open die link op dit apparaat of op uw computer. De link werkt 30 minuten.',
    newPhoneDone:
      'Uw nieuwe authenticator-app is gekoppeld. De app op uw oude telefoon werkt niet meer. Voor de veiligheid bent u overal uitgelogd. Log opnieuw in met de nieuwe app.',
    noMailboxTitle: 'Kunt u niet meer in de mailbox van uw account?',
    noMailbox:
      'Dan kunnen wij de app niet voor u omzetten. Zonder die mailbox kan niemand bewijzen dat het account van hem is. Maak een nieuw account met een e-mailadres dat u wel kunt openen en het polisnummer van uw bedrijf. Of neem contact met ons op.',
    noPasswordHint: 'Weet u uw wachtwoord niet meer? Kies eerst een nieuw wachtwoord.',
    forgotPasswordTitle: 'Wachtwoord vergeten',
    forgotPasswordIntro:
      'Vul het e-mailadres van uw account in. U krijgt een mail met een link om een nieuw wachtwoord te kiezen.',
    forgotPasswordSubmit: 'Stuur mij een link',
    forgotPasswordSent:
      'We hebben een mail gestuurd naar {email}. Klik op de link in die mail. De link werkt 30 minuten. Geen mail gekregen? Kijk bij ongewenste mail, of controleer het adres.',
    resetPasswordTitle: 'Kies een nieuw wachtwoord',
    resetPasswordSubmit: 'Wachtwoord opslaan',
    resetPasswordDone:
      'Uw wachtwoord is gewijzigd. Voor de veiligheid bent u overal uitgelogd. Log in met uw nieuwe wachtwoord en de code uit uw authenticator-app.',
    requestNewLink: 'Vraag een nieuwe link aan',
    changeEmailTitle: 'E-mailadres wijzigen',
    changeEmailIntro: 'Vul uw nieuwe e-mailadres in. Ter controle vragen we ook uw wachtwoord.',
    newEmail: 'Nieuw e-mailadres',
    currentPassword: 'Uw wachtwoord',
    changeEmailSubmit: 'Wijziging aanvragen',
    changeEmailSent:
      'We hebben een mail gestuurd naar {email}. Klik op de link in die mail om de wijziging te bevestigen. Pas dan logt u in met het nieuwe adres. Uw oude adres krijgt een bericht over deze wijziging.',
    confirmEmailTitle: 'Nieuw e-mailadres bevestigen',
    confirmEmailBusy: 'Uw nieuwe e-mailadres wordt bevestigd…',
    confirmEmailDone: 'Uw e-mailadres is gewijzigd in {email}. Log voortaan in met dit adres.',
    appLabelNote:
      'Uw authenticator-app blijft gewoon werken. In de app staat nog uw oude e-mailadres bij de regel van {insurer}. Dat is geen probleem. Wilt u het toch aanpassen? In de meeste apps kunt u de naam van een regel wijzigen.',
    enrolmentExpiredRebind: 'Dit duurde te lang. Vraag een nieuwe link aan om uw nieuwe telefoon te koppelen.',
    contactLink: 'Neem contact met ons op',
    portalActions: 'Uw inloggegevens',
    newPhoneLink: 'Nieuwe telefoon koppelen',
    changeEmailLink: 'E-mailadres wijzigen',
  },
  eherkenning: {
    title: 'Inloggen met eHerkenning',
    loginButton: 'Inloggen met eHerkenning',
    loginIntro:
      'Heeft uw bedrijf eHerkenning op niveau EH3 of hoger? Dan kunt u daarmee inloggen. Ook als u een medewerker bent met een machtiging.',
    orTitle: 'Of log in met eHerkenning',
    resultTitle: 'Inloggen met eHerkenning is niet gelukt',
    checking: 'Even kijken wat er gebeurde…',
    tryAgain: 'Opnieuw inloggen met eHerkenning',
    useEmail: 'Inloggen met e-mailadres en wachtwoord',
    loggedInEh: 'U bent ingelogd met eHerkenning voor {company}.',
    levelLine: 'Niveau van uw eHerkenning: {level}.',
    intermediaryLine: 'U logt in via een intermediair (KvK-nummer {kvk}).',
    errors: {
      levelTooLow:
        'U logde in met eHerkenning op niveau {level}. Voor {portal} is minimaal EH3 nodig, omdat u er gevoelige gegevens ziet. Vraag uw leverancier van eHerkenning om uw niveau te verhogen naar EH3. Tot die tijd kunt u inloggen met uw e-mailadres en wachtwoord.',
      unknownCompany:
        'We vinden het bedrijf waarvoor u inlogde niet bij onze zakelijke klanten. We kijken naar het KvK-nummer van dat bedrijf. Logde u in voor het goede bedrijf? Bent u particuliere klant? Dan logt u in op {consumerPortal}.',
      unknownBranch:
        'U logde in voor een vestiging van uw bedrijf die wij niet kennen. Log in voor de vestiging waarop uw verzekering staat. Weet u niet welke dat is? Neem dan contact met ons op.',
      cancelled: 'U hebt het inloggen afgebroken. Probeer het opnieuw, of log in met uw e-mailadres en wachtwoord.',
      notAuthorised:
        'U hebt geen machtiging om voor dit bedrijf de verzekeringen te regelen. Vraag de eigenaar of een bestuurder om u te machtigen bij de leverancier van eHerkenning.',
      brokerUnavailable:
        'eHerkenning reageert nu niet. Probeer het over een paar minuten opnieuw. Of log in met uw e-mailadres en wachtwoord.',
      invalidResponse: 'Het antwoord van eHerkenning klopte niet. Daarom hebben we u niet ingelogd. Probeer het opnieuw.',
      notConfigured: 'Inloggen met eHerkenning kan nu niet. Log in met uw e-mailadres en wachtwoord.',
    },
    help: {
      levelTooLow: 'Welk eHerkenning-niveau heb ik nodig?',
      unknownCompany: 'Hoe log ik in?',
      notAuthorised: 'Hoe werkt machtigen?',
    },
  },
  wizards: wizardsNl,
  mail: {
    greeting: 'Goedendag,',
    signature: 'Met vriendelijke groet, {insurer}',
    notYou: 'Hebt u dit niet zelf gedaan? Dan hoeft u niets te doen. Maakt u zich zorgen? Bel ons op {phone}.',
    linkFallback: 'Werkt de knop niet? Kopieer dan deze link naar uw browser:',
    activate: {
      subject: 'Activeer uw account voor {portal}',
      body: [
        'U hebt een account aangemaakt voor {portal}. Klik op de knop om uw account te activeren.',
        'De link werkt 24 uur en maar één keer. Daarna logt u in en koppelt u uw authenticator-app.',
      ],
      action: 'Account activeren',
    },
    registerUnknownPolicy: {
      subject: 'Uw account voor {portal} is nog niet aangemaakt',
      body: [
        'Iemand wilde met dit e-mailadres een account aanmaken voor {portal}. Dat lukte niet: we kennen het polisnummer {policyNumber} niet.',
        'Controleer het polisnummer op uw polis en probeer het opnieuw. Komt u er niet uit? Bel ons op {phone}.',
      ],
    },
    registerExisting: {
      subject: 'U hebt al een account voor {portal}',
      body: [
        'Iemand wilde met dit e-mailadres een nieuw account aanmaken voor {portal}. Maar bij dit adres hoort al een account.',
        'U kunt gewoon inloggen. Weet u uw wachtwoord niet meer? Kies dan op de inlogpagina voor wachtwoord vergeten.',
      ],
      action: 'Naar inloggen',
    },
    takeover: {
      subject: 'U kunt niet meer inloggen op {portal} met dit e-mailadres',
      body: [
        'Voor uw bedrijf is een nieuw account gemaakt, met het e-mailadres {newEmail}. Per bedrijf kan één persoon inloggen met e-mail en wachtwoord. Daarom werkt uw account met dit e-mailadres niet meer.',
        'Dit gebeurde op {when} (UTC).',
      ],
    },
    rebindLink: {
      subject: 'Link om een nieuwe telefoon te koppelen aan {portal}',
      body: [
        'U wilt een nieuwe telefoon koppelen aan uw account voor {portal}. Klik op de knop. Daarna scant u de QR-code met de authenticator-app op uw nieuwe telefoon.',
        'De link werkt 30 minuten en maar één keer. Zodra de nieuwe app is gekoppeld, werken de codes op uw oude telefoon niet meer.',
      ],
      action: 'Nieuwe telefoon koppelen',
    },
    rebindDone: {
      subject: 'Uw authenticator-app voor {portal} is gewijzigd',
      body: [
        'Op {when} (UTC) is een nieuwe authenticator-app gekoppeld aan uw account. De app die u daarvoor gebruikte, werkt niet meer. U bent overal uitgelogd.',
        'Was u dit niet? Bel ons dan meteen op {phone}. Kies ook een nieuw wachtwoord.',
      ],
    },
    resetLink: {
      subject: 'Kies een nieuw wachtwoord voor {portal}',
      body: [
        'U hebt gevraagd om een nieuw wachtwoord voor {portal}. Klik op de knop om een nieuw wachtwoord te kiezen.',
        'De link werkt 30 minuten en maar één keer. Daarna logt u in met uw nieuwe wachtwoord en de code uit uw authenticator-app.',
      ],
      action: 'Nieuw wachtwoord kiezen',
    },
    resetUnknown: {
      subject: 'Uw vraag om een nieuw wachtwoord voor {portal}',
      body: [
        'Iemand vroeg om een nieuw wachtwoord voor {portal} met dit e-mailadres. Maar bij dit adres hoort geen account.',
        'Gebruikt u misschien een ander e-mailadres? Probeer dat dan. Hebt u nog geen account? Maak er dan een aan.',
      ],
      action: 'Account aanmaken',
    },
    resetDone: {
      subject: 'Uw wachtwoord voor {portal} is gewijzigd',
      body: [
        'Op {when} (UTC) is het wachtwoord van uw account gewijzigd. U bent overal uitgelogd. Om in te loggen hebt u ook nog steeds de code uit uw authenticator-app nodig.',
        'Was u dit niet? Bel ons dan meteen op {phone}.',
      ],
    },
    emailChangeConfirm: {
      subject: 'Bevestig uw nieuwe e-mailadres voor {portal}',
      body: [
        'U wilt dit e-mailadres gebruiken om in te loggen op {portal}. Klik op de knop om dat te bevestigen.',
        'De link werkt 24 uur en maar één keer. Tot u bevestigt, logt u in met uw oude adres.',
      ],
      action: 'E-mailadres bevestigen',
    },
    emailChangeInUse: {
      subject: 'Uw e-mailadres voor {portal} is niet gewijzigd',
      body: [
        'Iemand wilde dit e-mailadres gebruiken voor een account van {portal}. Maar bij dit adres hoort al een account. Daarom is er niets gewijzigd.',
      ],
    },
    emailChangeNotice: {
      subject: 'Wijziging van uw e-mailadres voor {portal}',
      body: [
        'Op {when} (UTC) is gevraagd om het e-mailadres van uw account te wijzigen in {newEmail}. De wijziging gaat pas in als het nieuwe adres is bevestigd.',
        'Was u dit niet? Bel ons dan meteen op {phone}, en kies een nieuw wachtwoord.',
      ],
    },
    emailChanged: {
      subject: 'Uw e-mailadres voor {portal} is gewijzigd',
      body: [
        'Op {when} (UTC) is het e-mailadres van uw account gewijzigd in {newEmail}. U logt nu in met dat adres.',
        'Was u dit niet? Bel ons dan meteen op {phone}.',
      ],
    },
  },
} as const;

/** The shape every language's catalog must have. */
export type Catalog = DeepString<typeof nl>;
type DeepString<T> = {
  readonly [K in keyof T]: T[K] extends string ? string : T[K] extends readonly string[] ? readonly string[] : DeepString<T[K]>;
};
