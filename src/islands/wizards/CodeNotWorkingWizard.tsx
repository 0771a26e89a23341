import { codeNotWorking, loginEvents } from '../../wizards/code-not-working.ts';
import type { WizardProps } from '../../site/wizard-props.ts';
import { WizardRunner } from './WizardRunner.tsx';
import LoginFlow from '../LoginFlow.tsx';

/** The "code-not-working" wizard: its machine, and the live flows it embeds. */
export default function CodeNotWorkingWizard(props: WizardProps) {
  const { links } = props.flow;
  return (
    <WizardRunner
      {...props}
      machine={codeNotWorking}
      live={{
        login: (done) => (
          <LoginFlow
            lang={props.lang}
            t={props.flow.t}
            r={props.flow.r}
            links={links}
            onOutcome={(end) => done(loginEvents[end])}
          />
        ),
      }}
    />
  );
}
