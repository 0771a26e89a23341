import { forgotEmail } from '../../wizards/forgot-email.ts';
import type { WizardProps } from '../../site/wizard-props.ts';
import { WizardRunner } from './WizardRunner.tsx';
import RegisterForm from '../RegisterForm.tsx';

/** The "forgot-email" wizard: its machine, and the live flows it embeds. */
export default function ForgotEmailWizard(props: WizardProps) {
  const { links } = props.flow;
  return (
    <WizardRunner
      {...props}
      machine={forgotEmail}
      live={{ register: (done) => <RegisterForm lang={props.lang} t={props.flow.t} links={links} onOutcome={done} /> }}
    />
  );
}
