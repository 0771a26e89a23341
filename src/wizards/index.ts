import { wizardIds, type WizardId } from './ids.ts';
import { codeNotWorking } from './code-not-working.ts';
import { newPhone } from './new-phone.ts';
import { forgotEmail } from './forgot-email.ts';
import { eherkenningLevel } from './eherkenning-level.ts';
import { forgotPassword } from './forgot-password.ts';
import { howToLogIn } from './how-to-log-in.ts';

/** Every wizard's machine, for the tests and the server side; a page's island imports only its own. */
export const machines = {
  'code-not-working': codeNotWorking,
  'new-phone': newPhone,
  'forgot-email': forgotEmail,
  'eherkenning-level': eherkenningLevel,
  'forgot-password': forgotPassword,
  'how-to-log-in': howToLogIn,
} satisfies Record<WizardId, unknown>;

/** The ends (final states) of a wizard, named as its machine names them. */
export function wizardEnds(wizard: WizardId): string[] {
  return Object.entries(machines[wizard].states as Record<string, { type?: string }>)
    .filter(([, state]) => state.type === 'final')
    .map(([name]) => name);
}

/** Whether a wizard of that id exists and has an end of that name. */
export function isWizardEnd(wizard: string, end: string): boolean {
  return (wizardIds as readonly string[]).includes(wizard) && wizardEnds(wizard as WizardId).includes(end);
}
