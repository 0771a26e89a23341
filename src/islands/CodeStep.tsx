import { useLayoutEffect, useMemo } from 'preact/hooks';
import type { Lang } from '../i18n/lang.ts';
import type { FlowTexts } from '../site/flow-texts.ts';
import type { ApiAnswer } from './api.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { Field } from './Field.tsx';
import { Form } from './Form.tsx';

interface Props {
  lang: Lang;
  t: FlowTexts;
  /** The flow the code is asked in, for the help code. */
  page: 'login' | 'enrol';
  busy: boolean;
  failure: ApiAnswer['data'] | null;
  /** Where the customer reads more when a code is refused. */
  codeHelpUrl: string;
  submitLabel: string;
  onSubmit: (code: string) => void;
}

/**
 * The 6-digit code form, shared by login and enrolment. A refusal shows the
 * server's diagnosis (clock, used code, old authenticator, lock) in plain words.
 */
export function CodeStep({ lang, t, page, busy, failure, codeHelpUrl, submitLabel, onSubmit }: Props) {
  // A refused code is gone from the field, and the cursor is back in it for the next one;
  // before the page is painted, so that nothing typed after the refusal appears is lost.
  useLayoutEffect(() => {
    if (!failure) return;
    const field = document.getElementById('code') as HTMLInputElement | null;
    if (!field) return;
    field.value = '';
    field.focus();
  }, [failure]);
  // The agent sees what the server found (a phone clock, a used code), not only "refused".
  // One object per answer: the alert is announced again for a new answer, not for every render.
  const error = useMemo(
    () => failure?.error && { ...failure.error, code: failure.diagnosis?.kind ?? failure.error.code },
    [failure],
  );
  return (
    <Form busy={busy} submitLabel={submitLabel} texts={t} onSubmit={(fields) => onSubmit(fields.code ?? '')}>
      {error && <ErrorAlert lang={lang} t={t} page={page} error={error} takeFocus={false} />}
      <Field
        id="code"
        name="code"
        label={t.code}
        hint={t.codeHint}
        error={failure?.error?.fields?.code}
        autoComplete="one-time-code"
        inputMode="numeric"
        maxLength={7}
        autoFocus
      />
      {/* Before any refusal too: the clock, the wrong entry in the app, a new phone. */}
      <p>
        <a href={codeHelpUrl}>{t.codeHelpLink}</a>
      </p>
    </Form>
  );
}
