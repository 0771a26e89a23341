import { end, info, live, question, wizardSetup } from './machine.ts';

/** "New phone": password and mailbox are both needed; then the re-bind itself, on the page. */
export const newPhone = wizardSetup.createMachine({
  id: 'new-phone',
  initial: 'oldPhone',
  context: { answers: [] },
  states: {
    oldPhone: question({ YES: 'oldPhoneTip', NO: 'password' }),
    oldPhoneTip: info({ NEXT: 'password' }),
    password: question({ YES: 'mailbox', NO: 'resetFirst' }),
    mailbox: question({ YES: 'rebind', NO: 'noMailbox' }),
    rebind: live('rebind', { SENT: 'checkMail', NOT_ENROLLED: 'notEnrolled' }),
    resetFirst: end({ wizard: 'forgot-password' }),
    noMailbox: end({ flow: 'register' }),
    checkMail: end({ flow: 'login' }),
    notEnrolled: end({ flow: 'login' }),
  },
});
