import { useState } from 'preact/hooks';
import { format } from '../i18n/format.ts';
import type { Lang } from '../i18n/lang.ts';
import type { FlowTexts } from '../site/flow-texts.ts';
import { callApi } from './api.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { MailSent, mailDelayed } from './MailSent.tsx';
import { CurrentPasswordField, Field } from './Field.tsx';
import { Form } from './Form.tsx';
import { useSubmit } from './useSubmit.ts';

interface Props {
  lang: Lang;
  t: FlowTexts;
  links: { login: string };
}

/** Changing the login address, while logged in: the new address and the password. */
export default function ChangeEmail({ lang, t, links }: Props) {
  const [sent, setSent] = useState<{ to: string; delayed: boolean } | null>(null);
  const submit = useSubmit();
  if (sent) return <MailSent t={t} message={format(t.changeEmailSent, { email: sent.to })} delayed={sent.delayed} />;
  const fields = submit.failure?.error?.fields ?? {};
  return (
    <Form
      busy={submit.busy}
      submitLabel={t.changeEmailSubmit}
      texts={t}
      onSubmit={({ newEmail = '', password = '' }) =>
        submit.run(
          () => callApi('POST', '/api/account/email', lang, { newEmail, password }),
          (answer) => setSent({ to: newEmail, delayed: mailDelayed(answer) }),
        )
      }
    >
      {submit.failure?.error && (
        <ErrorAlert lang={lang} t={t} page="change-email" error={submit.failure.error}>
          {submit.failure.error.code === 'notLoggedIn' && (
            <p>
              <a href={links.login}>{t.logIn}</a>
            </p>
          )}
        </ErrorAlert>
      )}
      <Field
        id="new-email"
        name="newEmail"
        label={t.newEmail}
        type="email"
        autoComplete="email"
        error={fields.newEmail}
        spellcheck={false}
      />
      <CurrentPasswordField label={t.currentPassword} error={fields.password} reveal={t.showPassword} />
    </Form>
  );
}
