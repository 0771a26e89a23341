import { end, live, question, wizardSetup } from './machine.ts';

/** "Forgot email address": look for it first, eHerkenning is the other door, else a new account on the page. */
export const forgotEmail = wizardSetup.createMachine({
  id: 'forgot-email',
  initial: 'search',
  context: { answers: [] },
  states: {
    search: question({ FOUND: 'found', NOT_FOUND: 'eherkenning' }),
    eherkenning: question({ YES: 'useEherkenning', NO: 'newAccount', NOT_SURE: 'newAccount' }),
    newAccount: live('register', { SENT: 'checkMail' }),
    found: end({ flow: 'login' }),
    useEherkenning: end({ eherkenning: true }),
    checkMail: end({ flow: 'login' }),
  },
});
