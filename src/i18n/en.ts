import type { Catalog } from './nl.ts';
import { wizardsEn } from './wizards-en.ts';

/** Every English text of the site and the API; the same keys as the Dutch catalog. */
export const en = {
  meta: {
    langName: 'English',
    siteName: '{portal} Help Center',
    homeDescription:
      'Trouble logging in to {portal}? Find quick answers about your code, a new phone, your password and eHerkenning.',
  },
  layout: {
    skipLink: 'Skip to main content',
    homeLink: '{portal} Help Center, go to the home page',
    mainNav: 'Main menu',
    langSwitch: 'Language',
    langSwitchLabel: 'Lees deze pagina in het Nederlands',
    langSwitchText: 'Nederlands',
    breadcrumbs: 'Breadcrumb',
    footerNav: 'Footer',
    loginLink: 'Log in',
    searchLink: 'Search',
    topicsLink: 'All topics',
    contactLink: 'Contact',
  },
  home: {
    title: 'How can we help you?',
    intro: 'Cannot log in to {portal}? Find the fix here. It usually takes just a few minutes.',
    topTasksTitle: 'Common questions',
    topicsTitle: 'Topics',
    articlesCount: '{count} questions',
  },
  topTasks: {
    cantLogIn: 'I cannot log in',
    newPhone: 'I have a new phone',
    codeNotWorking: 'My code does not work',
    forgotEmail: 'I forgot my email address',
    forgotPassword: 'I forgot my password',
    eherkenning: 'Log in with eHerkenning',
  },
  topics: {
    'logging-in': {
      name: 'Logging in',
      description: 'The two ways to log in, your first time, and who can log in for your company.',
    },
    authenticator: {
      name: 'Authenticator app and code',
      description: 'The app with the 6-digit code: setting it up, a code that does not work, and a new phone.',
    },
    'account-details': {
      name: 'Account and details',
      description: 'Changing or forgetting your email address, a new password, and your policy number.',
    },
    eherkenning: {
      name: 'Log in with eHerkenning',
      description: 'What eHerkenning is, how to get it, which level you need, and how to authorise colleagues.',
    },
    portal: {
      name: 'The portal',
      description: 'What you can do in {portal}, and where private customers log in.',
    },
  },
  topic: {
    articlesTitle: 'Questions on this topic',
  },
  article: {
    lastReviewed: 'Last checked on {date}',
    relatedTitle: 'Read also',
    wizardTitle: 'Prefer step by step?',
    wizardText: 'Answer a few short questions and see what to do.',
    wizardLink: 'Start the step-by-step help',
    inTopic: 'Topic: {topic}',
  },
  contact: {
    title: 'Question not answered?',
    text: 'Get in touch. We are happy to help.',
    phone: 'Call {phone}',
    phoneLabel: 'Phone',
    hoursLabel: 'Available',
    form: 'Send us a message with the contact form',
    safety: 'We never ask for your password or code.',
  },
  hours: {
    'mon-fri': 'Monday to Friday',
    'mon-sat': 'Monday to Saturday',
    'mon-sun': 'every day',
    range: '{days}, {open} to {close}',
  },
  search: {
    title: 'Search the help center',
    label: 'What are you looking for?',
    placeholder: 'For example: code not working',
    submit: 'Search',
    intro: 'Type a few words. Answers appear right away.',
    noScript: 'Search needs JavaScript. Please choose a topic below.',
    corrected: 'You searched for “{typed}”. Showing results for “{used}”, which the help center does contain.',
    filterTitle: 'Filter by topic',
    popular: 'Popular searches',
  },
  notFound: {
    title: 'This page does not exist',
    text: 'The address may be mistyped, or the page has moved. Search for your question below or pick a topic.',
    home: 'Go to the home page',
  },
  api: {
    notFound: 'This address does not exist.',
    methodNotAllowed: 'This action is not possible here.',
    internal: 'Something went wrong on our side. Please try again in a few minutes.',
    unavailable: 'The portal cannot be reached right now. Please try again in a few minutes.',
    invalidInput: 'Please check what you entered.',
    malformedJson: 'We could not read the request. Please reload the page and try again.',
    unsupportedMediaType: 'The request has an unknown format. Please reload the page and try again.',
    payloadTooLarge: 'You sent too much text.',
    crossOrigin: 'This request did not come from our website. Please open the page again at {origin}.',
    throttled: 'Too many tries. Please wait {minutes} minutes and try again.',
    notLoggedIn: 'You are not logged in (any more). Please log in again.',
    sessionExpired:
      'That took too long, or you are no longer logged in. Please start again with your email address and password.',
    loginRefused: 'This email address and password do not match. Please check them and try again.',
    locked: 'Too many wrong tries. You cannot log in until {time}. If you choose a new password, you can go on right away.',
    lockedUntilReset: 'There were very many wrong tries. Please choose a new password to log in again.',
    notActivated: 'Your account is not activated yet. We have sent you a new email. Please click the link in that email.',
    codeRefused: 'This code is not right.',
    linkInvalid: 'This link no longer works. It was used already or is too old. Please ask for a new one.',
    enrolmentExpired: 'That took too long. Please scan the new QR code and enter the code again.',
    notEnrolled:
      'You have not linked an authenticator app yet. Log in with your email address and password; then you link your app.',
    sameAddress: 'This is already your email address. Please enter the new one.',
    emailInUse: 'This email address already has an account. Please choose another one.',
  },
  fields: {
    email: 'Please enter a valid email address, for example name@company.com.',
    password: 'Please enter your password.',
    policyNumber: 'Please enter the policy number. You can find it on your policy.',
    code: 'Please enter the 6 digits from your app.',
    token: 'This link is not complete. Please open the link from the email again.',
    tooShort: 'Please choose a password of at least 8 characters. With 15 or more it is much safer.',
    tooLong: 'Please choose a password of at most 128 characters.',
    common: 'This password is used a lot. Burglars try it first. Please choose another one.',
    personal: 'This password looks like your email address or our name. Please choose something else.',
    newEmail: 'Please enter the new email address, for example name@company.com.',
  },
  diagnosis: {
    clockDrift:
      'The clock of your phone is about {minutes} minutes {direction}. That makes the app show wrong codes. In your phone’s settings, set date and time to automatic. Then try again with a new code.',
    ahead: 'ahead',
    behind: 'behind',
    usedCode: 'You have used this code already. Each code works only once. Please wait for the app to show a new code.',
    oldAuthenticator:
      'This is a code from your previous authenticator. It no longer works, because you linked the app again. Please use the app on the phone you linked most recently.',
    wrongCode:
      'Check that you use the entry of {insurer} with your email address, and that you did not mistype a digit. Still not working? Read what to do when your code does not work.',
  },
  flows: {
    portalTitle: '{portal}',
    loginTitle: 'Log in to {portal}',
    loginIntro: 'Log in with your email address, your password and the code from your authenticator app.',
    eherkenningOther: 'Read more about eHerkenning and its levels.',
    registerTitle: 'Create an account',
    registerIntro: 'With an account you log in to {portal}. You need your policy number and access to your mailbox.',
    activateTitle: 'Activate your account',
    enrolTitle: 'Link your authenticator app',
    email: 'Email address',
    password: 'Password',
    newPassword: 'Choose a password',
    passwordHint:
      'At least 8 characters. A sentence of 15 characters or more is safest, for example: coffee with three sugar cubes.',
    showPassword: 'Show password',
    policyNumber: 'Policy number',
    policyHint: 'You find it on your policy, for example ZP100001.',
    code: 'Code from your app (6 digits)',
    codeHint: 'Open your authenticator app and pick the entry of {insurer}.',
    next: 'Next',
    logIn: 'Log in',
    confirm: 'Confirm',
    create: 'Create account',
    busy: 'One moment…',
    errorSummary: 'Something went wrong',
    forgotPassword: 'Forgot your password?',
    noAccount: 'No account yet? Create one.',
    haveAccount: 'Already have an account? Log in.',
    codeHelpLink: 'Help with a code that does not work',
    codeStepTitle: 'Enter the code from your app',
    checkMailTitle: 'Check your mailbox',
    checkMail:
      'We have sent an email to {email}. Please click the link in that email. No email? Also look in your junk mail. The link works for 24 hours.',
    activating: 'Activating your account…',
    activated: 'Your account is activated. Please log in now. Then you link your authenticator app.',
    noToken: 'Please open the link from the email we sent you. It holds a code this page needs.',
    enrolIntro:
      'One more step. Link an authenticator app to your account. From then on, {portal} asks for a code from that app every time you log in.',
    enrolStep1: 'Install an authenticator app on your phone, if you do not have one yet. Any app works.',
    enrolStep2: 'Scan this QR code with the app.',
    enrolStep3: 'Enter the 6-digit code from the app.',
    enrolKeyIntro: 'Cannot scan? Then type this key into the app:',
    enrolAppShows: 'The app shows the name {insurer} and your email address {email}. The app knows nothing else about you.',
    enrolNoSession: 'Please log in with your email address and password first. Then you can link your app.',
    enrolDone: 'Done. Your authenticator app is linked.',
    portalWelcome: 'Welcome',
    loggedInAs: 'You are logged in as {email} for {company}.',
    loggedInWith: 'You logged in with {method}.',
    methodPassword: 'email address, password and code',
    methodEherkenning: 'eHerkenning',
    policyLine: 'Policy number: {policy}',
    portalOffers: 'What you can do in {portal}',
    offerClaim: 'Report damage, at any time of day.',
    offerIntermediary: 'See the contact details of your intermediary.',
    offerSick: 'Report yourself sick or recovered (with a disability insurance).',
    offerPolicies: 'See your policies and download your insurance certificate (business package and employee benefits).',
    demoNote: 'This is a demonstration: these parts cannot really be used here.',
    logOut: 'Log out',
    loggedOut: 'You are logged out.',
    notLoggedIn: 'You are not logged in.',
    noScript: 'This page needs JavaScript. Please turn JavaScript on, or contact us.',
    newPhoneTitle: 'Link a new phone',
    newPhoneIntro:
      'Do you have a new or different phone? Then link the authenticator app on that phone. You need your password and access to the mailbox of your account.',
    newPhoneWarning: 'Please note: once the new app is linked, the codes on your old phone stop working.',
    newPhoneRequest: 'Send me a link',
    newPhoneMailSent:
      'Your details are right. There is now an email with a link in the mailbox of your account. Open that link on this device or on your computer. The link works for 30 minutes.',
    newPhoneDone:
      'Your new authenticator app is linked. The app on your old phone no longer works. For your safety you are logged out everywhere. Please log in again with the new app.',
    noMailboxTitle: 'No longer able to open the mailbox of your account?',
    noMailbox:
      'Then we cannot move the app for you. Without that mailbox nobody can prove the account is theirs. Create a new account with an email address you can open and your company’s policy number. Or contact us.',
    noPasswordHint: 'Forgot your password? Choose a new password first.',
    forgotPasswordTitle: 'Forgot your password',
    forgotPasswordIntro: 'Enter the email address of your account. You will get an email with a link to choose a new password.',
    forgotPasswordSubmit: 'Send me a link',
    forgotPasswordSent:
      'We have sent an email to {email}. Please click the link in that email. The link works for 30 minutes. No email? Look in your junk mail, or check the address.',
    resetPasswordTitle: 'Choose a new password',
    resetPasswordSubmit: 'Save password',
    resetPasswordDone:
      'Your password is changed. For your safety you are logged out everywhere. Log in with your new password and the code from your authenticator app.',
    requestNewLink: 'Ask for a new link',
    changeEmailTitle: 'Change your email address',
    changeEmailIntro: 'Enter your new email address. To be sure it is you, we also ask for your password.',
    newEmail: 'New email address',
    currentPassword: 'Your password',
    changeEmailSubmit: 'Request the change',
    changeEmailSent:
      'We have sent an email to {email}. Click the link in that email to confirm the change. Only then do you log in with the new address. Your old address gets a message about this change.',
    confirmEmailTitle: 'Confirm your new email address',
    confirmEmailBusy: 'Confirming your new email address…',
    confirmEmailDone: 'Your email address is now {email}. From now on, log in with this address.',
    appLabelNote:
      'Your authenticator app keeps working. In the app, the entry of {insurer} still shows your old email address. That is not a problem. Want to change it anyway? Most apps let you rename an entry.',
    enrolmentExpiredRebind: 'That took too long. Please ask for a new link to link your new phone.',
    contactLink: 'Contact us',
    portalActions: 'Your login details',
    newPhoneLink: 'Link a new phone',
    changeEmailLink: 'Change email address',
  },
  eherkenning: {
    title: 'Log in with eHerkenning',
    loginButton: 'Log in with eHerkenning',
    loginIntro:
      'Does your company have eHerkenning at level EH3 or higher? Then you can log in with it. Also as an employee with an authorisation.',
    orTitle: 'Or log in with eHerkenning',
    resultTitle: 'Logging in with eHerkenning did not work',
    checking: 'Checking what happened…',
    tryAgain: 'Log in with eHerkenning again',
    useEmail: 'Log in with email address and password',
    loggedInEh: 'You are logged in with eHerkenning for {company}.',
    levelLine: 'Level of your eHerkenning: {level}.',
    intermediaryLine: 'You log in through an intermediary (KvK number {kvk}).',
    errors: {
      levelTooLow:
        'You logged in with eHerkenning at level {level}. {portal} needs at least EH3, because you see sensitive data there. Ask your eHerkenning supplier to raise your level to EH3. Until then you can log in with your email address and password.',
      unknownCompany:
        'We cannot find the company you logged in for among our business customers. We look at that company’s KvK number. Did you log in for the right company? Are you a private customer? Then log in to {consumerPortal}.',
      unknownBranch:
        'You logged in for a branch of your company that we do not know. Log in for the branch your insurance is in. Not sure which one? Please contact us.',
      cancelled: 'You stopped the login. Try again, or log in with your email address and password.',
      notAuthorised:
        'You are not authorised to handle this company’s insurance. Ask the owner or a director to authorise you at the eHerkenning supplier.',
      brokerUnavailable:
        'eHerkenning does not answer right now. Please try again in a few minutes. Or log in with your email address and password.',
      invalidResponse: 'The answer from eHerkenning was not right, so we did not log you in. Please try again.',
      notConfigured: 'Logging in with eHerkenning is not possible right now. Please log in with your email address and password.',
    },
    help: {
      levelTooLow: 'Which eHerkenning level do I need?',
      unknownCompany: 'How do I log in?',
      notAuthorised: 'How does authorising work?',
    },
  },
  wizards: wizardsEn,
  mail: {
    greeting: 'Hello,',
    signature: 'Kind regards, {insurer}',
    notYou: 'Did you not do this yourself? Then you need not do anything. Worried? Call us on {phone}.',
    linkFallback: 'Button not working? Copy this link into your browser:',
    activate: {
      subject: 'Activate your account for {portal}',
      body: [
        'You created an account for {portal}. Click the button to activate your account.',
        'The link works for 24 hours and only once. Then you log in and link your authenticator app.',
      ],
      action: 'Activate account',
    },
    registerUnknownPolicy: {
      subject: 'Your account for {portal} was not created yet',
      body: [
        'Someone wanted to create an account for {portal} with this email address. That did not work: we do not know the policy number {policyNumber}.',
        'Please check the policy number on your policy and try again. Stuck? Call us on {phone}.',
      ],
    },
    registerExisting: {
      subject: 'You already have an account for {portal}',
      body: [
        'Someone wanted to create a new account for {portal} with this email address. But this address already has an account.',
        'You can simply log in. Forgot your password? Choose forgot password on the login page.',
      ],
      action: 'Go to log in',
    },
    takeover: {
      subject: 'You can no longer log in to {portal} with this email address',
      body: [
        'A new account was made for your company, with the email address {newEmail}. Only one person per company can log in with email and password. So your account with this email address no longer works.',
        'This happened on {when} (UTC).',
      ],
    },
    rebindLink: {
      subject: 'Link to connect a new phone to {portal}',
      body: [
        'You want to link a new phone to your account for {portal}. Click the button. Then scan the QR code with the authenticator app on your new phone.',
        'The link works for 30 minutes and only once. Once the new app is linked, the codes on your old phone stop working.',
      ],
      action: 'Link a new phone',
    },
    rebindDone: {
      subject: 'Your authenticator app for {portal} was changed',
      body: [
        'On {when} (UTC) a new authenticator app was linked to your account. The app you used before no longer works. You are logged out everywhere.',
        'Was this not you? Call us right away on {phone}. Also choose a new password.',
      ],
    },
    resetLink: {
      subject: 'Choose a new password for {portal}',
      body: [
        'You asked for a new password for {portal}. Click the button to choose a new password.',
        'The link works for 30 minutes and only once. Then log in with your new password and the code from your authenticator app.',
      ],
      action: 'Choose a new password',
    },
    resetUnknown: {
      subject: 'Your request for a new password for {portal}',
      body: [
        'Someone asked for a new password for {portal} with this email address. But this address has no account.',
        'Maybe you use another email address? Then try that one. No account yet? Then create one.',
      ],
      action: 'Create an account',
    },
    resetDone: {
      subject: 'Your password for {portal} was changed',
      body: [
        'On {when} (UTC) the password of your account was changed. You are logged out everywhere. To log in you still need the code from your authenticator app as well.',
        'Was this not you? Call us right away on {phone}.',
      ],
    },
    emailChangeConfirm: {
      subject: 'Confirm your new email address for {portal}',
      body: [
        'You want to use this email address to log in to {portal}. Click the button to confirm.',
        'The link works for 24 hours and only once. Until you confirm, you log in with your old address.',
      ],
      action: 'Confirm email address',
    },
    emailChangeInUse: {
      subject: 'Your email address for {portal} was not changed',
      body: [
        'Someone wanted to use this email address for an account of {portal}. But this address already has an account. So nothing was changed.',
      ],
    },
    emailChangeNotice: {
      subject: 'Change of your email address for {portal}',
      body: [
        'On {when} (UTC) someone asked to change the email address of your account to {newEmail}. The change only takes effect once the new address is confirmed.',
        'Was this not you? Call us right away on {phone}, and choose a new password.',
      ],
    },
    emailChanged: {
      subject: 'Your email address for {portal} was changed',
      body: [
        'On {when} (UTC) the email address of your account was changed to {newEmail}. You now log in with that address.',
        'Was this not you? Call us right away on {phone}.',
      ],
    },
  },
} as const satisfies Catalog;
