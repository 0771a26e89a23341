import { eherkenningLevel } from '../../wizards/eherkenning-level.ts';
import { WizardRunner, type WizardProps } from './WizardRunner.tsx';

/** The "eherkenning-level" wizard: its machine, and the live flows it embeds. */
export default function EherkenningLevelWizard(props: WizardProps) {
  return <WizardRunner {...props} machine={eherkenningLevel} live={{}} />;
}
