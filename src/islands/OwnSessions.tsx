import { useState } from 'preact/hooks';
import { format } from '../i18n/format.ts';
import { moment } from '../i18n/moments.ts';
import type { Lang } from '../i18n/lang.ts';
import type { PortalViewAnswer } from '../shared/api/schemas.ts';
import type { FlowTexts } from '../site/flow-texts.ts';
import { Alert } from './Alert.tsx';
import { callApi } from './api.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { CurrentPasswordField } from './Field.tsx';
import { Form } from './Form.tsx';
import { useSubmit } from './useSubmit.ts';

interface Props {
  lang: Lang;
  t: FlowTexts;
  sessions: PortalViewAnswer['sessions'];
  /** Where to choose a new password: an unknown place means someone else has it. */
  newPasswordLink: string;
}

/** In the portal: where the account is logged in now, and logging out everywhere else with the password (ASVS 3.3.4). */
export function OwnSessions({ lang, t, sessions, newPasswordLink }: Props) {
  const submit = useSubmit();
  const [ended, setEnded] = useState(false);
  const shown = ended ? sessions.filter((s) => s.current) : sessions;
  const elsewhere = shown.some((s) => !s.current);
  const fields = submit.failure?.error?.fields ?? {};
  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t.sessionsTitle}</h2>
      <ul>
        {shown.map((s) => (
          <li key={`${s.since}-${s.lastSeen}-${s.current}`}>
            {s.current
              ? format(t.sessionHere, { since: moment(s.since, lang) })
              : format(t.sessionElsewhere, { since: moment(s.since, lang), lastSeen: moment(s.lastSeen, lang) })}
            {s.recoveryCode && ` ${t.sessionWithRecoveryCode}`}
          </li>
        ))}
      </ul>
      {ended && (
        <Alert tone="success" title={t.sessionsEnded} message={t.sessionsEndedAdvice}>
          <p>
            <a href={newPasswordLink}>{t.newPasswordLink}</a>
          </p>
        </Alert>
      )}
      {!elsewhere && !ended && <p>{t.sessionsOnlyHere}</p>}
      {elsewhere && (
        <details>
          <summary>{t.sessionsEndTitle}</summary>
          <p>{t.sessionsEndIntro}</p>
          <Form
            busy={submit.busy}
            submitLabel={t.sessionsEndSubmit}
            texts={t}
            onSubmit={({ password = '' }) =>
              submit.run(
                () => callApi('POST', '/api/account/sessions/end-others', lang, { password }),
                () => setEnded(true),
              )
            }
          >
            {submit.failure?.error && <ErrorAlert lang={lang} t={t} page="portal" error={submit.failure.error} />}
            <CurrentPasswordField
              id="sessions-password"
              label={t.currentPassword}
              error={fields.password}
              reveal={t.showPassword}
            />
          </Form>
        </details>
      )}
    </section>
  );
}
