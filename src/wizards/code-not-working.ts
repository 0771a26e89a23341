import { end, info, live, question, wizardSetup } from './machine.ts';

/**
 * "My code doesn't work": rules out the usual causes one by one (a new phone,
 * the wrong entry in the app, the phone's clock), then has the customer try
 * the real login and explains what the server saw.
 */
export const codeNotWorking = wizardSetup.createMachine({
  id: 'code-not-working',
  initial: 'newPhone',
  context: { answers: [] },
  states: {
    newPhone: question({ YES: 'rebindNeeded', NO: 'rightEntry' }),
    rightEntry: question({ YES: 'clock', SEVERAL: 'pickEntry', NOT_SURE: 'pickEntry' }),
    pickEntry: info({ DONE: 'clock' }),
    clock: question({ AUTOMATIC: 'tryIt', MANUAL: 'setClock', NOT_SURE: 'setClock' }),
    setClock: info({ DONE: 'tryIt' }),
    tryIt: live('login', {
      OK: 'works',
      CLOCK: 'clockAdvice',
      USED: 'usedCode',
      OLD: 'oldAuthenticator',
      WRONG: 'stillWrong',
      LOCKED: 'locked',
      ENROL: 'enrolFirst',
    }),
    rebindNeeded: end({ wizard: 'new-phone' }),
    works: end({ flow: 'portal' }),
    clockAdvice: end({ flow: 'login' }),
    usedCode: end({ flow: 'login' }),
    oldAuthenticator: end({ flow: 'newPhone' }),
    locked: end({ flow: 'forgotPassword' }),
    enrolFirst: end({ flow: 'enrol' }),
    stillWrong: end({ contact: true }),
  },
});

/** How the embedded login ended, as the login reports it: done, locked, no app yet, or the server's diagnosis. */
export type LoginEnd = 'ok' | 'locked' | 'enrol' | 'clockDrift' | 'usedCode' | 'oldAuthenticator' | 'wrongCode';

/** The wizard's answer to each way the login ends: the wizard decides where it goes, the form only reports. */
export const loginEvents: Record<LoginEnd, string> = {
  ok: 'OK',
  locked: 'LOCKED',
  enrol: 'ENROL',
  clockDrift: 'CLOCK',
  usedCode: 'USED',
  oldAuthenticator: 'OLD',
  wrongCode: 'WRONG',
};
