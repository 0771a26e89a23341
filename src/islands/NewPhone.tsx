import { useEffect, useState } from 'preact/hooks';
import type { RequestViewAnswer } from '../shared/api/schemas.ts';
import type { Lang } from '../i18n/lang.ts';
import type { FlowTexts, RecoveryTexts } from '../site/flow-texts.ts';
import { callApi } from './api.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { MailSent, mailDelayed } from './MailSent.tsx';
import { Alert } from './Alert.tsx';
import { EnrolPanel, type Offer } from './EnrolPanel.tsx';
import { CurrentPasswordField, LoginEmailField } from './Field.tsx';
import { Form } from './Form.tsx';
import { PasswordAgain } from './PasswordAgain.tsx';
import { ProofPanel } from './ProofPanel.tsx';
import { takeProofOutcome } from './proof-return.ts';
import { RecoveryCodes } from './RecoveryCodes.tsx';
import { takeTokenFromUrl, useTokenAcrossLanguages } from './token.ts';
import { useSubmit } from './useSubmit.ts';
import { Waiting } from './Waiting.tsx';
import { ButtonLink } from './ButtonLink.tsx';

interface Props {
  lang: Lang;
  t: FlowTexts;
  r: RecoveryTexts;
  links: {
    self: string;
    login: string;
    register: string;
    forgotPassword: string;
    contact: string;
    codeHelp: string;
    eherkenningProof: string;
  };
  /** Embedded in a wizard: only the request, reporting how it ended. */
  onOutcome?: (outcome: 'SENT' | 'NOT_ENROLLED') => void;
}

type Problem = { code: string; message: string };
type State =
  | { kind: 'request' }
  | { kind: 'mail-sent'; delayed: boolean }
  | { kind: 'starting' }
  /** The request was proven before the link was opened: the link goes on with the password. */
  | { kind: 'password'; token: string }
  | { kind: 'proof'; request: RequestViewAnswer; problem: Problem | null }
  | { kind: 'enrol'; offer: Offer }
  | { kind: 'codes'; codes: string[]; email: string }
  | { kind: 'done' }
  | { kind: 'failed'; error: Problem };

/**
 * A new phone: the password and a link to the mailbox, then one more proof
 * (a recovery code, eHerkenning, a letter, or our staff), then the new app.
 * Opened from the mail (with a token) it continues at the proof; back from
 * eHerkenning it continues where the proof left off.
 */
export default function NewPhone({ lang, t, r, links, onOutcome }: Props) {
  const [state, setState] = useState<State>({ kind: 'request' });
  useTokenAcrossLanguages(state.kind === 'password' ? state.token : null);
  const request = useSubmit();
  const failed = (answer: { data: { error?: Problem } }): State => ({
    kind: 'failed',
    error: answer.data.error ?? { code: 'unknown', message: t.errorSummary },
  });

  /** Proven: show the new app's secret. */
  const enrol = () =>
    callApi<Offer>('POST', '/api/authenticator/enrolment', lang).then((answer) =>
      setState(answer.ok ? { kind: 'enrol', offer: answer.data } : failed(answer)),
    );
  const atRequest = (view: RequestViewAnswer, problem: Problem | null = null) =>
    view.status === 'proven' ? enrol() : setState({ kind: 'proof', request: view, problem });

  useEffect(() => {
    if (onOutcome) return;
    const token = takeTokenFromUrl();
    const back = takeProofOutcome(r);
    if (token) {
      setState({ kind: 'starting' });
      callApi<{ request: RequestViewAnswer }>('POST', '/api/authenticator/rebind/start', lang, { token }).then((answer) =>
        answer.ok
          ? atRequest(answer.data.request)
          : setState(answer.data.error?.code === 'passwordNeeded' ? { kind: 'password', token } : failed(answer)),
      );
    } else if (back) {
      setState({ kind: 'starting' });
      callApi<{ request: RequestViewAnswer }>('GET', '/api/recovery', lang).then((answer) =>
        answer.ok
          ? atRequest(answer.data.request, back.message ? { code: 'eherkenningProof', message: back.message } : null)
          : setState(failed(answer)),
      );
    }
  }, []);

  const fields = request.failure?.error?.fields ?? {};
  const failure = request.failure?.error && <ErrorAlert lang={lang} t={t} page="new-phone" error={request.failure.error} />;
  switch (state.kind) {
    case 'starting':
      return <Waiting texts={t} />;
    case 'password':
      return (
        <PasswordAgain<{ request: RequestViewAnswer }>
          lang={lang}
          t={t}
          r={r}
          page="new-phone"
          endpoint="/api/authenticator/rebind/start"
          token={state.token}
          onOpened={(answer) => void atRequest(answer.data.request)}
          onLinkInvalid={(error) => setState({ kind: 'failed', error })}
        />
      );
    case 'proof':
      return (
        <section aria-labelledby="proof-title">
          <h2 id="proof-title">{r.proofTitle}</h2>
          <p>{r.proofIntro}</p>
          {state.problem && <ErrorAlert lang={lang} t={t} page="new-phone" error={state.problem} />}
          <ProofPanel
            lang={lang}
            t={r}
            flow={t}
            request={state.request}
            eherkenningStart={links.eherkenningProof}
            onProven={() => void enrol()}
          />
        </section>
      );
    case 'enrol':
      return (
        <>
          <p role="status">{r.proven}</p>
          <EnrolPanel
            lang={lang}
            t={t}
            offer={state.offer}
            codeHelpUrl={links.codeHelp}
            onLinked={(_next, codes) => setState({ kind: 'codes', codes, email: state.offer.email })}
            // The shown secret expired: the link is used up, so ask for a new one.
            onExpired={() => setState({ kind: 'failed', error: { code: 'enrolmentExpired', message: t.enrolmentExpiredRebind } })}
          />
        </>
      );
    case 'codes':
      return (
        <RecoveryCodes
          t={r}
          codes={state.codes}
          email={state.email}
          doneLabel={r.codesContinue}
          onDone={() => setState({ kind: 'done' })}
        />
      );
    case 'done':
      return (
        <Alert tone="success" title={t.enrolDone} message={t.newPhoneDone}>
          <ButtonLink href={links.login}>{t.logIn}</ButtonLink>
        </Alert>
      );
    case 'failed':
      return (
        <ErrorAlert lang={lang} t={t} page="new-phone" error={state.error}>
          <p>
            <a href={links.self}>{t.requestNewLink}</a>
          </p>
        </ErrorAlert>
      );
    case 'mail-sent':
      return <MailSent t={t} message={t.newPhoneMailSent} delayed={state.delayed} />;
  }

  return (
    <>
      <p>
        <strong>{t.newPhoneWarning}</strong>
      </p>
      <Form
        busy={request.busy}
        submitLabel={t.newPhoneRequest}
        texts={t}
        onSubmit={({ email = '', password = '' }) =>
          request.run(
            () => callApi('POST', '/api/authenticator/rebind', lang, { email, password }),
            (answer) => (onOutcome ? onOutcome('SENT') : setState({ kind: 'mail-sent', delayed: mailDelayed(answer) })),
            (answer) => {
              if (answer.data.error?.code === 'notEnrolled') onOutcome?.('NOT_ENROLLED');
            },
          )
        }
      >
        {failure}
        <LoginEmailField label={t.email} error={fields.email} />
        <CurrentPasswordField label={t.password} error={fields.password} reveal={t.showPassword} />
      </Form>
      <p>
        <a href={links.forgotPassword}>{t.noPasswordHint}</a>
      </p>
      {!onOutcome && (
        <section class="box" aria-labelledby="no-mailbox">
          <h2 id="no-mailbox">{t.noMailboxTitle}</h2>
          <p>{t.noMailbox}</p>
          <ul>
            <li>
              <a href={links.register}>{t.registerTitle}</a>
            </li>
            <li>
              <a href={links.contact}>{t.contactLink}</a>
            </li>
          </ul>
        </section>
      )}
    </>
  );
}
