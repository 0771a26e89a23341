import { howToLogIn } from '../../wizards/how-to-log-in.ts';
import type { WizardProps } from '../../site/wizard-props.ts';
import { WizardRunner } from './WizardRunner.tsx';

/** The "how-to-log-in" wizard: its machine, and the live flows it embeds. */
export default function HowToLogInWizard(props: WizardProps) {
  return <WizardRunner {...props} machine={howToLogIn} live={{}} />;
}
