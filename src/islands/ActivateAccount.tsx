import { useState } from 'preact/hooks';
import type { Lang } from '../i18n/lang.ts';
import type { FlowTexts } from '../site/flow-texts.ts';
import { callApi } from './api.ts';
import { Alert } from './Alert.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
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
  links: { login: string; register: string };
}

/**
 * Opened from the activation mail: the owner of the mailbox chooses the
 * password and activates with a click. Nothing changes on opening, so a mail
 * scanner that follows the link activates nothing.
 */
export default function ActivateAccount({ lang, t, links }: Props) {
  const [link, setLink] = useMailedLink(lang, 'activate', t.noToken);
  const [done, setDone] = useState(false);
  useTokenAcrossLanguages(link.kind === 'open' && !done ? link.token : null);
  const submit = useSubmit();

  if (link.kind === 'checking') return <Waiting texts={t} />;
  // Done, or opened a second time (nothing is wrong then either): the next step is the login.
  const active = done ? t.activated : link.kind === 'broken' && link.error.code === 'alreadyActive' ? link.error.message : null;
  if (active) {
    return (
      <Alert tone="success" title={t.activateTitle} message={active}>
        <ButtonLink href={links.login}>{t.logIn}</ButtonLink>
      </Alert>
    );
  }
  if (link.kind === 'broken') {
    return (
      <ErrorAlert lang={lang} t={t} page="activate" error={link.error}>
        <p>
          <a href={links.register}>{t.registerTitle}</a>
        </p>
      </ErrorAlert>
    );
  }
  const fields = submit.failure?.error?.fields ?? {};
  return (
    <>
      <p>{t.activateIntro}</p>
      <Form
        busy={submit.busy}
        submitLabel={t.activateSubmit}
        texts={t}
        onSubmit={({ password = '' }) =>
          submit.run(
            () => callApi('POST', '/api/accounts/activate', lang, { token: link.token, password }),
            () => setDone(true),
            (answer) => {
              if (answer.data.error?.code === 'linkInvalid') setLink({ kind: 'broken', error: answer.data.error });
            },
          )
        }
      >
        {submit.failure?.error && <ErrorAlert lang={lang} t={t} page="activate" error={submit.failure.error} />}
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
    </>
  );
}
