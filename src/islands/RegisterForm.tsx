import { useState } from 'preact/hooks';
import { format } from '../i18n/format.ts';
import type { Lang } from '../i18n/lang.ts';
import type { FlowTexts } from '../site/flow-texts.ts';
import { callApi } from './api.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { MailSent, mailDelayed } from './MailSent.tsx';
import { Field } from './Field.tsx';
import { Form } from './Form.tsx';
import { useSubmit } from './useSubmit.ts';

interface Props {
  lang: Lang;
  t: FlowTexts;
  links: { login: string };
  /** Embedded in a wizard: report that the mail is on its way. */
  onOutcome?: (outcome: 'SENT') => void;
}

/** Asking for an account: the answer is always "check your mailbox"; the password is chosen from the mail. */
export default function RegisterForm({ lang, t, links, onOutcome }: Props) {
  const [sent, setSent] = useState<{ to: string; delayed: boolean } | null>(null);
  const submit = useSubmit();

  if (sent) {
    return (
      <MailSent t={t} message={format(t.checkMail, { email: sent.to })} delayed={sent.delayed}>
        <p>
          <a href={links.login}>{t.haveAccount}</a>
        </p>
      </MailSent>
    );
  }

  const fields = submit.failure?.error?.fields ?? {};
  return (
    <>
      <Form
        busy={submit.busy}
        submitLabel={t.create}
        texts={t}
        onSubmit={({ email = '', policyNumber = '' }) =>
          submit.run(
            () => callApi('POST', '/api/accounts', lang, { email, policyNumber, lang }),
            (answer) => (onOutcome ? onOutcome('SENT') : setSent({ to: email, delayed: mailDelayed(answer) })),
          )
        }
      >
        {submit.failure?.error && <ErrorAlert lang={lang} t={t} page="register" error={submit.failure.error} />}
        <Field
          id="email"
          name="email"
          label={t.email}
          type="email"
          autoComplete="email"
          error={fields.email}
          spellcheck={false}
        />
        <Field
          id="policy"
          name="policyNumber"
          label={t.policyNumber}
          hint={t.policyHint}
          error={fields.policyNumber}
          maxLength={40}
        />
      </Form>
      <p>
        <a href={links.login}>{t.haveAccount}</a>
      </p>
    </>
  );
}
