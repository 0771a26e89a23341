import { useState } from 'preact/hooks';
import { format } from '../i18n/format.ts';
import type { Lang } from '../i18n/lang.ts';
import type { FlowTexts } from '../site/flow-texts.ts';
import { callApi } from './api.ts';
import { Alert } from './Alert.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { Form } from './Form.tsx';
import { useTokenAcrossLanguages } from './token.ts';
import { useMailedLink } from './useMailedLink.ts';
import { useSubmit } from './useSubmit.ts';
import { Waiting } from './Waiting.tsx';
import { ButtonLink } from './ButtonLink.tsx';

interface Props {
  lang: Lang;
  t: FlowTexts;
  links: { login: string; changeEmail: string };
}

/**
 * Opened from the mail to a new address: its owner moves the login there with a click. Nothing
 * changes on opening, so a mail scanner that runs the page, or someone who opens a mail they did
 * not ask for, gives nobody's login their address.
 */
export default function ConfirmEmail({ lang, t, links }: Props) {
  const [link, setLink] = useMailedLink(lang, 'change-email', t.noToken);
  const [email, setEmail] = useState<string | null>(null);
  useTokenAcrossLanguages(link.kind === 'open' && !email ? link.token : null);
  const submit = useSubmit();

  if (link.kind === 'checking') return <Waiting texts={t} />;
  if (email) {
    return (
      <Alert tone="success" title={t.confirmEmailTitle} message={format(t.confirmEmailDone, { email })}>
        <p>{t.appLabelNote}</p>
        <ButtonLink href={links.login}>{t.logIn}</ButtonLink>
      </Alert>
    );
  }
  if (link.kind === 'broken') {
    return (
      <ErrorAlert lang={lang} t={t} page="confirm-email" error={link.error}>
        <p>
          <a href={links.changeEmail}>{t.requestNewLink}</a>
        </p>
      </ErrorAlert>
    );
  }
  return (
    <>
      <p>{t.confirmEmailIntro}</p>
      <Form
        busy={submit.busy}
        submitLabel={t.confirmEmailSubmit}
        texts={t}
        onSubmit={() =>
          submit.run(
            () => callApi<{ email: string }>('POST', '/api/account/email/confirm', lang, { token: link.token }),
            (answer) => setEmail(answer.data.email),
            (answer) => {
              if (answer.data.error?.code === 'linkInvalid') setLink({ kind: 'broken', error: answer.data.error });
            },
          )
        }
      >
        {submit.failure?.error && <ErrorAlert lang={lang} t={t} page="confirm-email" error={submit.failure.error} />}
      </Form>
    </>
  );
}
