import { useEffect, useState } from 'preact/hooks';
import { format } from '../i18n/format.ts';
import type { Lang } from '../i18n/lang.ts';
import type { FlowTexts } from '../site/flow-texts.ts';
import { callApi } from './api.ts';
import { Alert } from './Alert.tsx';
import { CodeStep } from './CodeStep.tsx';
import { useSubmit } from './useSubmit.ts';

interface Offer {
  email: string;
  key: string;
  uri: string;
  qrSvg: string;
}

interface Props {
  lang: Lang;
  t: FlowTexts;
  links: { portal: string; login: string; codeHelp: string };
}

/** Linking an authenticator app: scan or type the key, then prove it with a code. */
export default function EnrolAuthenticator({ lang, t, links }: Props) {
  const [offer, setOffer] = useState<Offer | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const confirm = useSubmit();

  const load = () =>
    callApi<Offer>('POST', '/api/authenticator/enrolment', lang).then((answer) =>
      answer.ok
        ? setOffer(answer.data)
        : setProblem(answer.status === 401 ? t.enrolNoSession : (answer.data.error?.message ?? t.errorSummary)),
    );
  useEffect(() => {
    load();
  }, []);

  if (problem) {
    return (
      <Alert title={t.errorSummary} message={problem}>
        <p>
          <a href={links.login}>{t.logIn}</a>
        </p>
      </Alert>
    );
  }
  if (!offer) return <p role="status">{t.busy}</p>;
  return (
    <div class="enrol">
      <ol class="steps">
        <li>{t.enrolStep1}</li>
        <li>
          {t.enrolStep2}
          {/* An SVG our own server drew from the otpauth URI; no image service sees the secret. */}
          <div class="qr" dangerouslySetInnerHTML={{ __html: offer.qrSvg }} />
          <p>{t.enrolKeyIntro}</p>
          <p class="key" data-testid="totp-key">
            <code>{offer.key}</code>
          </p>
          <p class="muted">{format(t.enrolAppShows, { email: offer.email })}</p>
        </li>
        <li>
          {t.enrolStep3}
          <CodeStep
            t={t}
            busy={confirm.busy}
            failure={confirm.failure}
            codeHelpUrl={links.codeHelp}
            submitLabel={t.confirm}
            onSubmit={(code) =>
              confirm.run(
                () => callApi('POST', '/api/authenticator/enrolment/confirm', lang, { code }),
                () => location.assign(links.portal),
                (answer) => {
                  if (answer.data.error?.code === 'enrolmentExpired') load();
                },
              )
            }
          />
        </li>
      </ol>
    </div>
  );
}
