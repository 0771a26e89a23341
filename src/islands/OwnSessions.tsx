import { useState } from 'preact/hooks';
import { format } from '../i18n/format.ts';
import { moment } from '../i18n/moments.ts';
import type { Lang } from '../i18n/lang.ts';
import type { PortalViewAnswer } from '../shared/api/schemas.ts';
import type { FlowTexts } from '../site/flow-texts.ts';
import { Alert } from './Alert.tsx';
import { callApi, type ApiAnswer } from './api.ts';
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

type Place = PortalViewAnswer['sessions'][number];

/** "Firefox on Windows", as far as the browser said. */
function deviceName(t: FlowTexts, { browser, os }: Place): string {
  if (browser && os) return format(t.deviceBrowserOs, { browser, os });
  if (os) return format(t.deviceOsOnly, { os });
  return browser ?? t.deviceUnknown;
}

/** After a logout elsewhere: everywhere, one place, or a place the list still showed but that had gone. */
type Outcome = { kind: 'all' | 'one' | 'gone' };

/**
 * In the portal: where the account is logged in now, and logging out everywhere else, or in one
 * place the owner picks, with the password (ASVS 3.3.4).
 */
export function OwnSessions({ lang, t, sessions, newPasswordLink }: Props) {
  const submit = useSubmit();
  // The places this page knows to be logged out now; the server's list is read again at the next load.
  const [loggedOut, setLoggedOut] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const shown = sessions.filter((s) => !loggedOut.includes(s.ref));
  const others = shown.filter((s) => !s.current);
  const fields = submit.failure?.error?.fields ?? {};
  const ended = (only: string, answer: ApiAnswer<{ ended: number }>) => {
    setLoggedOut([...loggedOut, ...(only ? [only] : others.map((s) => s.ref))]);
    setOutcome({ kind: !only ? 'all' : answer.data.ended > 0 ? 'one' : 'gone' });
  };
  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t.sessionsTitle}</h2>
      <ul>
        {shown.map((s) => (
          <li key={s.ref}>
            {s.current
              ? format(t.sessionHere, { device: deviceName(t, s), since: moment(s.since, lang) })
              : format(t.sessionElsewhere, {
                  device: deviceName(t, s),
                  since: moment(s.since, lang),
                  lastSeen: moment(s.lastSeen, lang),
                })}
            {s.recoveryCode && ` ${t.sessionWithRecoveryCode}`}
          </li>
        ))}
      </ul>
      {outcome &&
        (outcome.kind === 'gone' ? (
          <Alert tone="success" title={t.sessionAlreadyEnded} cause={outcome} />
        ) : (
          <Alert
            tone="success"
            title={outcome.kind === 'all' ? t.sessionsEnded : t.sessionEnded}
            message={t.sessionsEndedAdvice}
            cause={outcome}
          >
            <p>
              <a href={newPasswordLink}>{t.newPasswordLink}</a>
            </p>
          </Alert>
        ))}
      {others.length === 0 && !outcome && <p>{t.sessionsOnlyHere}</p>}
      {others.length > 0 && (
        <details>
          <summary>{t.sessionsEndTitle}</summary>
          <p>{t.sessionsEndIntro}</p>
          {/* A new form after each logout: the password is not left in it, and the choice is back at all. */}
          <Form
            key={loggedOut.length}
            busy={submit.busy}
            submitLabel={t.sessionsEndSubmit}
            texts={t}
            onSubmit={({ password = '', only = '' }) =>
              submit.run(
                () =>
                  callApi<{ ended: number }>('POST', '/api/account/sessions/end-others', lang, {
                    password,
                    ...(only ? { only } : {}),
                  }),
                (answer) => ended(only, answer),
              )
            }
          >
            {submit.failure?.error && <ErrorAlert lang={lang} t={t} page="portal" error={submit.failure.error} />}
            {others.length > 1 && (
              <fieldset class="field">
                <legend>{t.sessionsEndWhere}</legend>
                <div class="field--check">
                  <label>
                    <input type="radio" name="only" value="" defaultChecked /> {t.sessionsEndAll}
                  </label>
                </div>
                {others.map((s) => (
                  <div class="field--check" key={s.ref}>
                    <label>
                      <input type="radio" name="only" value={s.ref} />{' '}
                      {format(t.sessionsEndOne, {
                        device: deviceName(t, s),
                        since: moment(s.since, lang),
                        lastSeen: moment(s.lastSeen, lang),
                      })}
                      {s.recoveryCode && ` ${t.sessionWithRecoveryCode}`}
                    </label>
                  </div>
                ))}
              </fieldset>
            )}
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
