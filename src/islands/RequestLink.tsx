import { useState } from 'preact/hooks';
import { format } from '../i18n/format.ts';
import type { Lang } from '../i18n/lang.ts';
import type { FlowTexts } from '../site/flow-texts.ts';
import { callApi } from './api.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { MailSent, mailDelayed } from './MailSent.tsx';
import { LoginEmailField } from './Field.tsx';
import { Form } from './Form.tsx';
import { useSubmit } from './useSubmit.ts';

interface Props {
  lang: Lang;
  t: FlowTexts;
  /** Embedded in a wizard: report that the mail is on its way. */
  onOutcome?: (outcome: 'SENT') => void;
}

/** Forgot password: an address in, "check your mailbox" out, whatever the address. */
export default function RequestLink({ lang, t, onOutcome }: Props) {
  const [sent, setSent] = useState<{ to: string; delayed: boolean } | null>(null);
  const submit = useSubmit();
  if (sent) return <MailSent t={t} message={format(t.forgotPasswordSent, { email: sent.to })} delayed={sent.delayed} />;
  const fields = submit.failure?.error?.fields ?? {};
  return (
    <Form
      busy={submit.busy}
      submitLabel={t.forgotPasswordSubmit}
      texts={t}
      onSubmit={({ email = '' }) =>
        submit.run(
          () => callApi('POST', '/api/password/reset-request', lang, { email, lang }),
          (answer) => (onOutcome ? onOutcome('SENT') : setSent({ to: email, delayed: mailDelayed(answer) })),
        )
      }
    >
      {submit.failure?.error && <ErrorAlert lang={lang} t={t} page="forgot-password" error={submit.failure.error} />}
      <LoginEmailField label={t.email} error={fields.email} />
    </Form>
  );
}
