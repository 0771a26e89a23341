import { format } from '../i18n/format.ts';
import type { Lang } from '../i18n/lang.ts';
import type { FlowTexts } from '../site/flow-texts.ts';
import { callApi, type ApiAnswer } from './api.ts';
import { CodeStep } from './CodeStep.tsx';
import { useSubmit } from './useSubmit.ts';

type EnrolmentDone = { next: 'portal' | 'login'; recoveryCodes: string[] };

export interface Offer {
  email: string;
  key: string;
  uri: string;
  qrSvg: string;
}

interface Props {
  lang: Lang;
  t: FlowTexts;
  offer: Offer;
  codeHelpUrl: string;
  /**
   * After the code is accepted: `portal` for a first app, `login` for a new one; the recovery codes
   * to show once; and `leave`, to go on to another page with the button busy until it loads.
   */
  onLinked: (next: 'portal' | 'login', recoveryCodes: string[], leave: (url: string) => void) => void;
  /** The shown secret expired: show a new one. */
  onExpired: () => void;
}

/** Scan or type the key, then prove it with a code: the same for a first app and a new phone. */
export function EnrolPanel({ lang, t, offer, codeHelpUrl, onLinked, onExpired }: Props) {
  const confirm = useSubmit();
  return (
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
          lang={lang}
          page="enrol"
          t={t}
          busy={confirm.busy}
          failure={confirm.failure}
          codeHelpUrl={codeHelpUrl}
          submitLabel={t.confirm}
          onSubmit={(code) =>
            confirm.run(
              () => callApi<EnrolmentDone>('POST', '/api/authenticator/enrolment/confirm', lang, { code }),
              (answer: ApiAnswer<EnrolmentDone>) => onLinked(answer.data.next, answer.data.recoveryCodes, confirm.leave),
              (answer) => {
                if (answer.data.error?.code === 'enrolmentExpired') onExpired();
              },
            )
          }
        />
      </li>
    </ol>
  );
}
