/** Every mail the product sends; the texts are in the catalogs under `mail`. */
export const mailKinds = [
  'activate',
  'registerUnknownPolicy',
  'registerExisting',
  'takeover',
  'rebindLink',
  'rebindDone',
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

/** Values a mail's texts refer to, such as `{link}` or `{company}`. */
export type MailVars = Record<string, string>;
