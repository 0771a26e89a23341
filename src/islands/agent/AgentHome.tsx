import type { Catalog } from '../../i18n/index.ts';
import type { Lang } from '../../i18n/lang.ts';
import { staffPaths, staffWizardPath } from '../../config/flow-paths.ts';
import type { FlowTexts } from '../../site/flow-texts.ts';
import LoginFlow from '../LoginFlow.tsx';
import { useStaff } from './useStaff.ts';
import { StaffGate } from './StaffGate.tsx';
import { HelpCodeForm } from './HelpCodeForm.tsx';

interface Props {
  lang: Lang;
  t: Catalog['agent'];
  flow: FlowTexts;
  wizards: { id: string; title: string }[];
  codeHelp: string;
}

/** /agent: log in (password and code, like customers), then the help code, lookup and the wizards. */
export default function AgentHome({ lang, t, flow, wizards, codeHelp }: Props) {
  const staff = useStaff(lang);
  if (staff === null) {
    return (
      <section aria-labelledby="staff-login">
        <h2 id="staff-login">{t.loginTitle}</h2>
        <LoginFlow
          lang={lang}
          t={flow}
          endpoint="/api/agent/session"
          audience="staff"
          links={{
            portal: staffPaths.console[lang],
            enrol: staffPaths.enrol[lang],
            register: staffPaths.console[lang],
            forgotPassword: staffPaths.console[lang],
            newPhone: staffPaths.console[lang],
            codeHelp,
          }}
        />
      </section>
    );
  }
  return (
    <StaffGate lang={lang} t={t} sending={flow}>
      {() => (
        <>
          <section aria-labelledby="help-code-title">
            <h2 id="help-code-title">{t.helpCodeTitle}</h2>
            <HelpCodeForm lang={lang} t={t} />
          </section>
          <section aria-labelledby="lookup-title">
            <h2 id="lookup-title">{t.lookupTitle}</h2>
            <p>
              <a href={staffPaths.lookup[lang]}>{t.lookupTitle}</a>
            </p>
          </section>
          <section aria-labelledby="wizards-title">
            <h2 id="wizards-title">{t.wizardsTitle}</h2>
            <ul class="link-list">
              {wizards.map((w) => (
                <li>
                  <a href={staffWizardPath(lang, w.id)}>{w.title}</a>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </StaffGate>
  );
}
