import { newPhone } from '../../wizards/new-phone.ts';
import type { WizardProps } from '../../site/wizard-props.ts';
import { WizardRunner } from './WizardRunner.tsx';
import NewPhone from '../NewPhone.tsx';

/** The "new-phone" wizard: its machine, and the live flows it embeds. */
export default function NewPhoneWizard(props: WizardProps) {
  const { links } = props.flow;
  return (
    <WizardRunner
      {...props}
      machine={newPhone}
      live={{
        rebind: (done) => (
          <NewPhone lang={props.lang} t={props.flow.t} r={props.flow.r} links={links} onOutcome={(o) => done(o)} />
        ),
      }}
    />
  );
}
