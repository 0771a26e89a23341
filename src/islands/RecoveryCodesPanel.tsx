import { useState } from 'preact/hooks';
import { format } from '../i18n/format.ts';
import type { Lang } from '../i18n/lang.ts';
import type { FlowTexts, RecoveryTexts } from '../site/flow-texts.ts';
import { callApi } from './api.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { CurrentPasswordField, Field } from './Field.tsx';
import { Form } from './Form.tsx';
import { RecoveryCodes } from './RecoveryCodes.tsx';
import { useSubmit } from './useSubmit.ts';

interface Props {
  lang: Lang;
  t: FlowTexts;
  r: RecoveryTexts;
  email: string;
  left: number;
}

/** In the portal: how many recovery codes are left, and new ones with the password and a code from the app. */
export function RecoveryCodesPanel({ lang, t, r, email, left }: Props) {
  const [codes, setCodes] = useState<string[] | null>(null);
  const [count, setCount] = useState(left);
  const submit = useSubmit();
  if (codes) return <RecoveryCodes t={r} codes={codes} email={email} doneLabel={r.codesContinue} onDone={() => setCodes(null)} />;
  const fields = submit.failure?.error?.fields ?? {};
  return (
    <section aria-labelledby="new-codes-title">
      <h2 id="new-codes-title">{r.codesTitle}</h2>
      <p>{count > 0 ? format(r.codesLeft, { left: count }) : r.codesNone}</p>
      <details>
        <summary>{r.newCodesTitle}</summary>
        <p>{r.newCodesIntro}</p>
        <Form
          busy={submit.busy}
          submitLabel={r.newCodesSubmit}
          texts={t}
          onSubmit={({ password = '', code = '' }) =>
            submit.run(
              () => callApi<{ recoveryCodes: string[] }>('POST', '/api/account/recovery-codes', lang, { password, code }),
              (answer) => {
                setCodes(answer.data.recoveryCodes);
                setCount(answer.data.recoveryCodes.length);
              },
            )
          }
        >
          {submit.failure?.error && <ErrorAlert lang={lang} t={t} page="portal" error={submit.failure.error} />}
          <CurrentPasswordField label={t.password} error={fields.password} reveal={t.showPassword} />
          <Field
            id="code"
            name="code"
            label={t.code}
            hint={t.codeHint}
            error={fields.code}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={7}
          />
        </Form>
      </details>
    </section>
  );
}
