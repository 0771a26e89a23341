import { end, question, wizardSetup } from './machine.ts';

/** "How do I log in": private customers elsewhere; a business by KvK and the number of people. */
export const howToLogIn = wizardSetup.createMachine({
  id: 'how-to-log-in',
  initial: 'customer',
  context: { answers: [] },
  states: {
    customer: question({ BUSINESS: 'before', PRIVATE: 'consumerPortal', HEALTH: 'healthPortal' }),
    before: question({ YES: 'how', NO: 'kvk' }),
    how: question({ EMAIL: 'loginEmail', EHERKENNING: 'loginEherkenning', FORGOT: 'forgotHow' }),
    forgotHow: end({ wizard: 'forgot-email' }),
    kvk: question({ YES: 'people', NO: 'registerEmail' }),
    people: question({ ONE: 'hasEherkenning', SEVERAL: 'eherkenningForMany' }),
    hasEherkenning: question({ YES: 'loginEherkenning', NO: 'registerEmail' }),
    consumerPortal: end({ portal: 'consumer' }),
    healthPortal: end({ portal: 'health' }),
    loginEmail: end({ flow: 'login' }),
    loginEherkenning: end({ eherkenning: true }),
    registerEmail: end({ flow: 'register' }),
    eherkenningForMany: end({ article: 'authorise-employees' }),
  },
});
