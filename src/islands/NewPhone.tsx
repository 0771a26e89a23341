import { useEffect, useState } from 'preact/hooks';
import type { Lang } from '../i18n/lang.ts';
import type { FlowTexts } from '../site/flow-texts.ts';
import { callApi } from './api.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { MailSent, mailDelayed } from './MailSent.tsx';
import { Alert } from './Alert.tsx';
import { EnrolPanel, type Offer } from './EnrolPanel.tsx';
import { CurrentPasswordField, LoginEmailField } from './Field.tsx';
import { Form } from './Form.tsx';
import { takeTokenFromUrl } from './token.ts';
import { useSubmit } from './useSubmit.ts';

interface Props {
  lang: Lang;
  t: FlowTexts;
  links: { self: string; login: string; register: string; forgotPassword: string; contact: string; codeHelp: string };
  /** Embedded in a wizard: only the request, reporting how it ended. */
  onOutcome?: (outcome: 'SENT' | 'NOT_ENROLLED') => void;
}

type State =
  | { kind: 'request' }
  | { kind: 'mail-sent'; delayed: boolean }
  | { kind: 'starting' }
  | { kind: 'enrol'; offer: Offer }
  | { kind: 'done' }
  | { kind: 'failed'; error: { code: string; message: string } };

/**
 * A new phone: the password and a link to the mailbox, then the new app.
 * Opened from the mail (with a token) it continues at linking the app.
 */
export default function NewPhone({ lang, t, links, onOutcome }: Props) {
  const [state, setState] = useState<State>({ kind: 'request' });
  const request = useSubmit();

  const start = (token: string) =>
    callApi<Offer>('POST', '/api/authenticator/rebind/start', lang, { token }).then((answer) =>
      setState(
        answer.ok
          ? { kind: 'enrol', offer: answer.data }
          : { kind: 'failed', error: answer.data.error ?? { code: 'unknown', message: t.errorSummary } },
      ),
    );
  useEffect(() => {
    const token = onOutcome ? null : takeTokenFromUrl();
    if (token) {
      setState({ kind: 'starting' });
      start(token);
    }
  }, []);

  switch (state.kind) {
    case 'starting':
      return <p role="status">{t.busy}</p>;
    case 'enrol':
      return (
        <EnrolPanel
          lang={lang}
          t={t}
          offer={state.offer}
          codeHelpUrl={links.codeHelp}
          onLinked={() => setState({ kind: 'done' })}
          // The shown secret expired: the link is used up, so ask for a new one.
          onExpired={() => setState({ kind: 'failed', error: { code: 'enrolmentExpired', message: t.enrolmentExpiredRebind } })}
        />
      );
    case 'done':
      return (
        <Alert tone="success" title={t.enrolDone} message={t.newPhoneDone}>
          <p>
            <a class="button" href={links.login}>
              {t.logIn}
            </a>
          </p>
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

  const fields = request.failure?.error?.fields ?? {};
  return (
    <>
      <p>
        <strong>{t.newPhoneWarning}</strong>
      </p>
      <Form
        busy={request.busy}
        submitLabel={t.newPhoneRequest}
        busyLabel={t.busy}
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
        {request.failure?.error && <ErrorAlert lang={lang} t={t} page="new-phone" error={request.failure.error} />}
        <LoginEmailField label={t.email} error={fields.email} />
        <CurrentPasswordField label={t.password} error={fields.password} />
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
