/**
 * Every fact the help center must carry, one id per point of the domain brief.
 * Articles name the facts they cover in their `facts` frontmatter; the content
 * check fails when a fact is covered by no article in a language.
 * The summaries are our own one-line restatements, for reviewers only.
 */
export const facts = {
  // The portal and who uses it
  'portal-for-business': 'The business portal is for companies that hold business insurance with the insurer.',
  'portal-claims': 'In the portal you can report damage online at any moment of the day.',
  'portal-intermediary': 'The portal shows the contact details of your insurance intermediary.',
  'portal-sick-recovered': 'With disability insurance you can report yourself sick or recovered in the portal.',
  'portal-policies-certificate':
    'The portal lists business policies and offers the insurance certificate, for the business package and employee benefits lines only.',
  'private-consumer-portal':
    'Private customers do not use this portal; they log in with iDIN at the consumer portal for personal insurances.',
  'private-health-portal': 'Health insurance has a separate portal of its own.',
  'contact-last-resort': 'When the answer is not in the help center, the customer can contact the insurer.',

  // Two login methods, freely chosen
  'two-methods': 'There are two ways in: email + password + authenticator app, or eHerkenning.',
  'free-choice': 'Nobody is forced to pick one; a company with eHerkenning may still log in with email + password.',
  'no-kvk-email-only': 'Without a KvK registration a company cannot get eHerkenning and can only use email + password.',

  // Email + password + authenticator
  'first-login-steps':
    'The first time: create an account with email and an own password, activate it from the email, then bind an authenticator app.',
  'login-every-time': 'After setup, every login takes email, password and the current 6-digit code from the app.',
  'authenticator-what': 'An authenticator app makes a unique 6-digit code that keeps changing (TOTP).',
  'authenticator-any-app': 'Any authenticator app will do, and an app already on the phone can be used again.',
  'authenticator-learns': 'The app only learns which site the code is for and the user name (the email address).',
  'mfa-why':
    'Email + password alone used to be enough, but stolen passwords made that unsafe; the extra step makes break-ins much harder.',
  'one-authenticator': 'One account can have exactly one authenticator, so only one person per company can use email login.',
  'account-holder-needs': 'That person needs access to the mailbox of the account and the policy number that links the account to the company.',
  'code-short-lived': 'A code is only valid for a short while; use a fresh one, and contact the insurer if it still fails.',
  'code-usual-causes':
    'Usual causes of a refused code: the phone clock is off, the wrong entry in the app, the authenticator was bound again elsewhere, too many attempts.',
  'new-phone-rebind': 'With a new or other phone, install an authenticator app on it and bind it to the portal again.',
  'new-phone-old-stops': 'Once the new phone is bound, the authenticator on the old phone stops working.',
  // How this product keeps the mailbox or a policy number alone from taking over an account.
  'new-phone-second-proof':
    'A new phone needs the password, the mailbox and one more proof: a recovery code, eHerkenning for the company, a code by post, or two members of staff.',
  'recovery-codes':
    'Linking an app gives ten single-use recovery codes; one logs in once without the app and starts linking a new phone.',
  'company-takeover-proof':
    'A new account takes over a company’s email login only after proof of authority; the current holder is told at once and can stop it.',
  'change-email': 'To change the email address, log in with the old address and change it in the portal.',
  'change-email-old-unknown': 'When the old email address is no longer known, create a new account.',
  'forgot-email': 'Forgot which email address you used: create a new account.',
  'forgot-password': 'Forgot the password: set a new one with a password reset.',

  // eHerkenning
  'eh-what': 'eHerkenning is a login for businesses at government, tax office and other providers such as insurers, created by the government.',
  'eh-suppliers': 'eHerkenning is only available from one of six appointed suppliers.',
  'eh-safe': 'eHerkenning is personal and safe: sms code, PIN or QR code checks make misuse very unlikely.',
  'eh-apply-who': 'The owner or a director of the company applies, at a supplier of their choice.',
  'eh-suppliers-differ': 'All suppliers meet the same rules but differ in the login methods they offer and in price.',
  'eh-apply-steps': 'Applying means a form, sending the requested documents and an identity check in person; after approval you can log in.',
  'eh-apply-needs':
    'To apply you need the KvK registration, personal and contact details of the user, and a copy of the ID of the legal representatives.',
  'eh-level-required': 'The portal needs at least EH3; EH4 is fine too, because sensitive data is shown.',
  'eh-level-lower': 'With a lower level, ask your supplier to raise it.',
  'eh3-means': 'EH3 means logging in with email, password and an extra factor, and an identity check in person at application.',
  'eh-data-received':
    'At login the insurer receives the KvK number, the branch number, the level (EH3/EH4), a pseudonym of the acting person (no name) and, with a chain authorisation, the intermediary’s KvK number; it matches the numbers to its records.',
  'eh-authorise': 'With eHerkenning the company can authorise employees, each with an own login from the chosen supplier.',
  'eh-many-people': 'So several people per company can log in with eHerkenning, unlike with email + password.',

  // Who can log in for a company
  'who-email-one': 'Email + password: one person per company.',
  'who-eh-many': 'eHerkenning: the holder and every authorised employee.',
  'share-careful': 'Be careful with whom you share login details.',
} as const;

export type FactId = keyof typeof facts;
export const factIds = Object.keys(facts) as [FactId, ...FactId[]];

/**
 * Sentences the facts rule out, as they were once written: the content check refuses an article
 * (or catalog text) that says them again. Each names the fact it contradicts, or the house style.
 */
export const wrongClaims: { pattern: RegExp; says: string }[] = [
  {
    pattern: /\balle (uw )?zakelijke (polissen|verzekeringen)\b|\ball (of )?(your )?business (policies|insurance)\b/i,
    says: 'the portal shows every business policy (fact portal-policies-certificate: only two product lines)',
  },
  {
    pattern: /\b(maar|alleen|slechts) twee gegevens\b.*eHerkenning|eHerkenning.*\b(maar|alleen|slechts) twee gegevens\b|eHerkenning.*\bonly two (details|pieces of data)\b/is,
    says: 'eHerkenning gives only two details (fact eh-data-received: also the level, a pseudonym and an intermediary)',
  },
  { pattern: /\bbedrijvenpakket\b/i, says: 'the product line is called the pakketpolis voor bedrijven, one name throughout' },
  { pattern: /\bheeft u\b/i, says: 'the house style is "hebt u"' },
  { pattern: /\bomzetten\b/i, says: 'an app is "overgezet", not "omgezet"' },
];
