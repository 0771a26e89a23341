import { end, info, question, wizardSetup } from './machine.ts';

/** "Which eHerkenning level": EH3 or higher is needed; lower means asking the supplier, none means applying. */
export const eherkenningLevel = wizardSetup.createMachine({
  id: 'eherkenning-level',
  initial: 'hasEherkenning',
  context: { answers: [] },
  states: {
    hasEherkenning: question({ YES: 'level', NO: 'kvk' }),
    level: question({ EH1: 'raise', EH2: 'raise', EH2PLUS: 'raise', EH3: 'who', EH4: 'who', UNKNOWN: 'findLevel' }),
    findLevel: info({ FOUND: 'level' }),
    who: question({ OWNER: 'ready', EMPLOYEE: 'authorised' }),
    authorised: question({ YES: 'ready', NO: 'needAuthorisation' }),
    kvk: question({ YES: 'role', NO: 'emailOnly' }),
    role: question({ OWNER: 'apply', EMPLOYEE: 'askOwner' }),
    raise: end({ article: 'which-level' }),
    ready: end({ eherkenning: true }),
    needAuthorisation: end({ article: 'authorise-employees' }),
    emailOnly: end({ flow: 'register' }),
    apply: end({ article: 'get-eherkenning' }),
    askOwner: end({ article: 'authorise-employees' }),
  },
});
