import { end, live, question, wizardSetup } from './machine.ts';

/** "Forgot password": the address and its mailbox are needed; then the reset itself, on the page. */
export const forgotPassword = wizardSetup.createMachine({
  id: 'forgot-password',
  initial: 'knowEmail',
  context: { answers: [] },
  states: {
    knowEmail: question({ YES: 'mailbox', NO: 'forgotEmail' }),
    mailbox: question({ YES: 'reset', NO: 'noMailbox' }),
    reset: live('reset', { SENT: 'checkMail' }),
    forgotEmail: end({ wizard: 'forgot-email' }),
    noMailbox: end({ flow: 'register' }),
    checkMail: end({ flow: 'login' }),
  },
});
