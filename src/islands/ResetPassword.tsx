import { useState } from 'preact/hooks';
import type { Lang } from '../i18n/lang.ts';
import type { FlowTexts } from '../site/flow-texts.ts';
import { callApi } from './api.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { Alert } from './Alert.tsx';
import { Field } from './Field.tsx';
import { Form } from './Form.tsx';
import { useTokenAcrossLanguages } from './token.ts';
import { useMailedLink } from './useMailedLink.ts';
import { useSubmit } from './useSubmit.ts';
import { Waiting } from './Waiting.tsx';
import { ButtonLink } from './ButtonLink.tsx';

interface Props {
  lang: Lang;
  t: FlowTexts;
  links: { login: string; forgotPassword: string; newPhone: string };
}

/** Forgot password, step 2: opened from the mail, a new password. A used or old link says so at once. */
export default function ResetPassword({ lang, t, links }: Props) {
  const [link, setLink] = useMailedLink(lang, 'reset-password', t.noToken);
  const [done, setDone] = useState(false);
  const submit = useSubmit();
  useTokenAcrossLanguages(link.kind === 'open' && !done ? link.token : null);

  if (link.kind === 'checking') return <Waiting texts={t} />;
  if (done) {
    return (
      <Alert tone="success" title={t.resetPasswordTitle} message={t.resetPasswordDone}>
        <ButtonLink href={links.login}>{t.logIn}</ButtonLink>
        {/* The next step after a new password is the app's code: who no longer has the app goes on to the new phone. */}
        <p>
          <a href={links.newPhone}>{t.resetNoApp}</a>
        </p>
      </Alert>
    );
  }
  if (link.kind === 'broken') {
    return (
      <ErrorAlert lang={lang} t={t} page="reset-password" error={link.error}>
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
      texts={t}
      onSubmit={({ password = '' }) =>
        submit.run(
          () => callApi('POST', '/api/password/reset', lang, { token: link.token, password }),
          () => setDone(true),
          (answer) => {
            if (answer.data.error?.code === 'linkInvalid') setLink({ kind: 'broken', error: answer.data.error });
          },
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
        reveal={t.showPassword}
        autoComplete="new-password"
        error={fields.password}
      />
    </Form>
  );
}
