import type { FlowTexts } from '../site/flow-texts.ts';
import type { ApiAnswer } from './api.ts';
import { Alert } from './Alert.tsx';
import { Field } from './Field.tsx';
import { Form } from './Form.tsx';

interface Props {
  t: FlowTexts;
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
export function CodeStep({ t, busy, failure, codeHelpUrl, submitLabel, onSubmit }: Props) {
  return (
    <Form busy={busy} submitLabel={submitLabel} busyLabel={t.busy} onSubmit={(fields) => onSubmit(fields.code ?? '')}>
      {failure?.error && (
        <Alert title={t.errorSummary} message={failure.error.message}>
          {failure.diagnosis && (
            <p>
              <a href={codeHelpUrl}>{t.codeHelpLink}</a>
            </p>
          )}
        </Alert>
      )}
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
    </Form>
  );
}
