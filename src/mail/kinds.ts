import type { Lang } from '../i18n/lang.ts';
import type { Customer, Store } from '../store/types.ts';

/** Every mail the product sends; the texts are in the catalogs under `mail`. */
export const mailKinds = [
  'activate',
  'registerUnknownPolicy',
  'registerExisting',
  'rebindLink',
  'recoveryCodeUsed',
  'rebindApproved',
  'appLinked',
  'staffAppLinked',
  'rebindDone',
  'replaceRequested',
  'replaceProven',
  'replaceLetterProven',
  'replaceVouched',
  'replaceStaffProven',
  'replaceCancelled',
  'replaceStaffCancelled',
  'replaceApproved',
  'requestApprovalWithdrawn',
  'replaceStopped',
  'replaced',
  'resetLink',
  'resetUnknown',
  'resetNotActivated',
  'resetDone',
  'wrongCodes',
  'staffWrongCodes',
  'otherSessionsEnded',
  'oneOtherSessionEnded',
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

export interface Mail {
  /** Puts a mail in the outbox, inside the caller's transaction, so it is never lost nor sent for a change that did not happen. */
  queue(store: Store, message: { to: string; lang: Lang; kind: MailKind; vars: MailVars }): Promise<void>;
  /** Wakes the delivery loop after a transaction committed. */
  notify(): void;
}

export interface Letters {
  /** Puts a letter to the customer's address in the letters outbox, inside the caller's transaction. */
  queue(store: Store, letter: { customer: Customer; lang: Lang; kind: LetterKind; vars: MailVars }): Promise<void>;
}
