/** The guided wizards; an article names the one that helps with its question. */
export const wizardIds = [
  'code-not-working',
  'new-phone',
  'forgot-email',
  'eherkenning-level',
  'forgot-password',
  'how-to-log-in',
] as const;
export type WizardId = (typeof wizardIds)[number];
