import { forgotPassword } from '../../wizards/forgot-password.ts';
import type { WizardProps } from '../../site/wizard-props.ts';
import { WizardRunner } from './WizardRunner.tsx';
import RequestLink from '../RequestLink.tsx';

/** The "forgot-password" wizard: its machine, and the live flows it embeds. */
export default function ForgotPasswordWizard(props: WizardProps) {
  return (
    <WizardRunner
      {...props}
      machine={forgotPassword}
      live={{ reset: (done) => <RequestLink lang={props.lang} t={props.flow.t} onOutcome={done} /> }}
    />
  );
}
