import { useEffect, useState } from 'preact/hooks';
import type { Lang } from '../i18n/lang.ts';
import type { FlowTexts } from '../site/flow-texts.ts';
import { callApi } from './api.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { EnrolPanel, type Offer } from './EnrolPanel.tsx';

interface Props {
  lang: Lang;
  t: FlowTexts;
  links: { portal: string; login: string; codeHelp: string };
}

/** Linking the first authenticator app, right after the first password login. */
export default function EnrolAuthenticator({ lang, t, links }: Props) {
  const [offer, setOffer] = useState<Offer | null>(null);
  const [problem, setProblem] = useState<{ code: string; message: string } | null>(null);
  const load = () =>
    callApi<Offer>('POST', '/api/authenticator/enrolment', lang).then((answer) =>
      answer.ok
        ? setOffer(answer.data)
        : setProblem(
            answer.status === 401
              ? { code: 'notLoggedIn', message: t.enrolNoSession }
              : (answer.data.error ?? { code: 'unknown', message: t.errorSummary }),
          ),
    );
  useEffect(() => {
    load();
  }, []);

  if (problem) {
    return (
      <ErrorAlert lang={lang} t={t} page="enrol" error={problem}>
        <p>
          <a href={links.login}>{t.logIn}</a>
        </p>
      </ErrorAlert>
    );
  }
  if (!offer) return <p role="status">{t.busy}</p>;
  return (
    <EnrolPanel
      lang={lang}
      t={t}
      offer={offer}
      codeHelpUrl={links.codeHelp}
      onLinked={() => location.assign(links.portal)}
      onExpired={load}
    />
  );
}
