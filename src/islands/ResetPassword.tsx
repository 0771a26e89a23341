import { useEffect, useState } from 'preact/hooks';
import type { Lang } from '../i18n/lang.ts';
import type { FlowTexts } from '../site/flow-texts.ts';
import { callApi } from './api.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { Alert } from './Alert.tsx';
import { Field } from './Field.tsx';
import { Form } from './Form.tsx';
import { takeTokenFromUrl } from './token.ts';
import { useSubmit } from './useSubmit.ts';

interface Props {
  lang: Lang;
  t: FlowTexts;
  links: { login: string; forgotPassword: string };
}

/** Forgot password, step 2: opened from the mail, a new password. */
export default function ResetPassword({ lang, t, links }: Props) {
  const [token, setToken] = useState<string | null | undefined>(undefined);
  const [done, setDone] = useState(false);
  const submit = useSubmit();
  useEffect(() => setToken(takeTokenFromUrl()), []);

  if (token === undefined) return <p role="status">{t.busy}</p>;
  if (done) {
    return (
      <Alert tone="success" title={t.resetPasswordTitle} message={t.resetPasswordDone}>
        <p>
          <a class="button" href={links.login}>
            {t.logIn}
          </a>
        </p>
      </Alert>
    );
  }
  const linkBroken = token === null || submit.failure?.error?.code === 'linkInvalid';
  if (linkBroken) {
    return (
      <ErrorAlert
        lang={lang}
        t={t}
        page="reset-password"
        error={token === null ? { code: 'noToken', message: t.noToken } : submit.failure!.error!}
      >
        <p>
          <a href={links.forgotPassword}>{t.requestNewLink}</a>
        </p>
      </ErrorAlert>
    );
  }
  const fields = submit.failure?.error?.fields ?? {};
  return (
    <Form
      busy={submit.busy}
      submitLabel={t.resetPasswordSubmit}
      busyLabel={t.busy}
      onSubmit={({ password = '' }) =>
        submit.run(
          () => callApi('POST', '/api/password/reset', lang, { token, password }),
          () => setDone(true),
        )
      }
    >
      {submit.failure?.error && <ErrorAlert lang={lang} t={t} page="reset-password" error={submit.failure.error} />}
      <Field
        id="new-password"
        name="password"
        label={t.newPassword}
        hint={t.passwordHint}
        type="password"
        autoComplete="new-password"
        error={fields.password}
      />
    </Form>
  );
}
