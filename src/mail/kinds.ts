/** Every mail the product sends; the texts are in the catalogs under `mail`. */
export const mailKinds = [
  'activate',
  'registerUnknownPolicy',
  'registerExisting',
  'rebindLink',
  'recoveryCodeUsed',
  'rebindApproved',
  'rebindDone',
  'replaceRequested',
  'replaceCancelled',
  'replaceApproved',
  'replaced',
  'resetLink',
  'resetUnknown',
  'resetDone',
  'emailChangeConfirm',
  'emailChangeInUse',
  'emailChangeNotice',
  'emailChanged',
  'staffInvite',
] as const;
export type MailKind = (typeof mailKinds)[number];

/** Letters to a company's postal address; the texts are in the catalogs under `letters`. */
export const letterKinds = ['rebindCode', 'replaceCode', 'newLogin'] as const;
export type LetterKind = (typeof letterKinds)[number];

/** Values a mail's texts refer to, such as `{link}`; a moment is written out in the mail's language and Dutch time. */
export type MailVars = Record<string, string | Date>;
