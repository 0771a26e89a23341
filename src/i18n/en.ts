import type { Catalog } from './nl.ts';

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
  },
} as const satisfies Catalog;
