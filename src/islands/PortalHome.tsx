import { useEffect, useState } from 'preact/hooks';
import { format } from '../i18n/format.ts';
import type { Lang } from '../i18n/lang.ts';
import type { FlowTexts } from '../site/flow-texts.ts';
import type { Catalog } from '../i18n/index.ts';
import { callApi } from './api.ts';
import { Alert } from './Alert.tsx';

interface View {
  email: string | null;
  company: string;
  policyNumber: string;
  method: 'password' | 'eherkenning';
  level: string | null;
  intermediary: string | null;
}

interface Props {
  lang: Lang;
  t: FlowTexts;
  eh: Catalog['eherkenning'];
  links: { login: string; newPhone: string; changeEmail: string };
}

/** The (demo) portal home: who is logged in for which company, what the portal offers, and logging out. */
export default function PortalHome({ lang, t, eh, links }: Props) {
  const [view, setView] = useState<View | null | 'out' | 'loading'>('loading');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    callApi<View>('GET', '/api/session', lang).then((answer) => setView(answer.ok ? answer.data : null));
  }, []);

  if (view === 'loading') return <p role="status">{t.busy}</p>;
  if (view === null || view === 'out') {
    return (
      <Alert
        tone={view === 'out' ? 'success' : 'error'}
        title={view === 'out' ? t.loggedOut : t.notLoggedIn}
        message={t.loginIntro}
      >
        <p>
          <a class="button" href={links.login}>
            {t.logIn}
          </a>
        </p>
      </Alert>
    );
  }
  return (
    <div class="portal">
      {view.email ? (
        <p class="lead">{format(t.loggedInAs, { email: view.email, company: view.company })}</p>
      ) : (
        <p class="lead">{format(eh.loggedInEh, { company: view.company })}</p>
      )}
      <p>{format(t.loggedInWith, { method: view.method === 'password' ? t.methodPassword : t.methodEherkenning })}</p>
      {view.level && <p>{format(eh.levelLine, { level: view.level })}</p>}
      {view.intermediary && <p>{format(eh.intermediaryLine, { kvk: view.intermediary })}</p>}
      <p>{format(t.policyLine, { policy: view.policyNumber })}</p>
      <h2>{t.portalOffers}</h2>
      <ul>
        <li>{t.offerClaim}</li>
        <li>{t.offerIntermediary}</li>
        <li>{t.offerSick}</li>
        <li>{t.offerPolicies}</li>
      </ul>
      <p class="muted">{t.demoNote}</p>
      {view.method === 'password' && <h2>{t.portalActions}</h2>}
      {view.method === 'password' && (
        <ul class="link-list">
          <li>
            <a href={links.changeEmail}>{t.changeEmailLink}</a>
          </li>
          <li>
            <a href={links.newPhone}>{t.newPhoneLink}</a>
          </li>
        </ul>
      )}
      {problem && <Alert title={t.errorSummary} message={problem} />}
      <button
        class="button button--secondary"
        type="button"
        onClick={() =>
          callApi('DELETE', '/api/session', lang).then((answer) =>
            answer.ok ? setView('out') : setProblem(answer.data.error?.message ?? t.errorSummary),
          )
        }
      >
        {t.logOut}
      </button>
    </div>
  );
}
