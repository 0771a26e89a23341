import { eherkenningLevel } from '../../wizards/eherkenning-level.ts';
import type { WizardProps } from '../../site/wizard-props.ts';
import { WizardRunner } from './WizardRunner.tsx';

/** The "eherkenning-level" wizard: its machine, and the live flows it embeds. */
export default function EherkenningLevelWizard(props: WizardProps) {
  return <WizardRunner {...props} machine={eherkenningLevel} live={{}} />;
}
