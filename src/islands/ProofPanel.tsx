import { useState } from 'preact/hooks';
import type { RequestViewAnswer } from '../shared/api/schemas.ts';
import { format } from '../i18n/format.ts';
import type { Lang } from '../i18n/lang.ts';
import { day, moment } from '../i18n/moments.ts';
import type { FlowTexts, RecoveryTexts } from '../site/flow-texts.ts';
import { callApi } from './api.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { Field } from './Field.tsx';
import { Form } from './Form.tsx';
import { useSubmit } from './useSubmit.ts';
import { SendButton } from './SendButton.tsx';
import { ButtonLink } from './ButtonLink.tsx';

interface Props {
  lang: Lang;
  t: RecoveryTexts;
  flow: FlowTexts;
  request: RequestViewAnswer;
  /** Where "log in with eHerkenning" for this proof starts. */
  eherkenningStart: string;
  /** The request was proven: on to linking the app. */
  onProven: (request: RequestViewAnswer) => void;
}

/**
 * The second proof of a new phone or of taking over a company's login: each
 * way the customer can give it, with what happens next and when.
 */
export function ProofPanel({ lang, t, flow, request: initial, eherkenningStart, onProven }: Props) {
  const [request, setRequest] = useState(initial);
  const recovery = useSubmit();
  const letter = useSubmit();
  const letterCode = useSubmit();
  const page = request.kind === 'rebind' ? 'new-phone' : 'enrol';
  const proven = (answer: { data: { request: RequestViewAnswer } }) => onProven(answer.data.request);

  return (
    <div class="proofs">
      {request.proofs.includes('recovery-code') && (
        <section aria-labelledby="proof-recovery-code">
          <h3 id="proof-recovery-code">{t.proofs['recovery-code']}</h3>
          <p>{t.proofTexts['recovery-code']}</p>
          <Form
            busy={recovery.busy}
            submitLabel={t.recoveryCodeSubmit}
            texts={flow}
            onSubmit={({ recoveryCode = '' }) =>
              recovery.run(
                () =>
                  callApi<{ request: RequestViewAnswer }>('POST', '/api/recovery/recovery-code', lang, { code: recoveryCode }),
                proven,
              )
            }
          >
            {recovery.failure?.error && <ErrorAlert lang={lang} t={flow} page={page} error={recovery.failure.error} />}
            <Field
              id="recovery-code"
              name="recoveryCode"
              label={t.recoveryCode}
              hint={t.recoveryCodeHint}
              autoComplete="off"
              spellcheck={false}
              maxLength={40}
            />
          </Form>
        </section>
      )}
      {request.proofs.includes('eherkenning') && (
        <section aria-labelledby="proof-eherkenning">
          <h3 id="proof-eherkenning">{t.proofs.eherkenning}</h3>
          <p>{t.proofTexts.eherkenning}</p>
          <ButtonLink href={eherkenningStart}>{t.eherkenningButton}</ButtonLink>
        </section>
      )}
      {request.proofs.includes('letter') && (
        <section aria-labelledby="proof-letter">
          <h3 id="proof-letter">{t.proofs.letter}</h3>
          {request.letter ? (
            <>
              <p role="status">
                {format(t.letterSent, {
                  sent: moment(request.letter.sentAt, lang),
                  expected: day(request.letter.expectedBy, lang),
                  until: moment(request.letter.validUntil, lang),
                })}
              </p>
              <Form
                busy={letterCode.busy}
                submitLabel={t.letterCodeSubmit}
                texts={flow}
                onSubmit={({ letterCode: code = '' }) =>
                  letterCode.run(
                    () => callApi<{ request: RequestViewAnswer }>('POST', '/api/recovery/letter-code', lang, { code }),
                    proven,
                  )
                }
              >
                {letterCode.failure?.error && <ErrorAlert lang={lang} t={flow} page={page} error={letterCode.failure.error} />}
                <Field
                  id="letter-code"
                  name="letterCode"
                  label={t.letterCode}
                  hint={t.letterCodeHint}
                  autoComplete="off"
                  spellcheck={false}
                  maxLength={20}
                />
              </Form>
              <p class="muted">{request.kind === 'rebind' ? t.letterBackRebind : t.letterBackReplace}</p>
            </>
          ) : (
            <>
              <p>{t.proofTexts.letter}</p>
              {letter.failure?.error && <ErrorAlert lang={lang} t={flow} page={page} error={letter.failure.error} />}
              <SendButton
                label={t.letterButton}
                busy={letter.busy}
                texts={flow}
                secondary
                onClick={() =>
                  letter.run(
                    () => callApi<{ request: RequestViewAnswer }>('POST', '/api/recovery/letter', lang),
                    (answer) => setRequest(answer.data.request),
                  )
                }
              />
            </>
          )}
        </section>
      )}
      <section aria-labelledby="proof-staff">
        <h3 id="proof-staff">{t.proofs.staff}</h3>
        <p>{t.proofTexts.staff}</p>
        <p>{format(t.staffApprovals, { n: request.approvals })}</p>
        <p class="muted">{t.staffBack}</p>
      </section>
      <p class="muted">{format(t.expires, { until: moment(request.expiresAt, lang) })}</p>
    </div>
  );
}
