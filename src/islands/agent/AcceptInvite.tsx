import { useEffect, useState } from 'preact/hooks';
import type { Catalog } from '../../i18n/index.ts';
import type { Lang } from '../../i18n/lang.ts';
import { staffPaths } from '../../config/flow-paths.ts';
import type { FlowTexts } from '../../site/flow-texts.ts';
import { callApi } from '../api.ts';
import { Alert } from '../Alert.tsx';
import { Field } from '../Field.tsx';
import { Form } from '../Form.tsx';
import { takeTokenFromUrl, useTokenAcrossLanguages } from '../token.ts';
import { useSubmit } from '../useSubmit.ts';
import { ButtonLink } from '../ButtonLink.tsx';

/** The invitation link: a new agent chooses a password, then logs in at /agent. */
export default function AcceptInvite({ lang, t, flow }: { lang: Lang; t: Catalog['agent']; flow: FlowTexts }) {
  const [token, setToken] = useState<string | null | undefined>(undefined);
  const [done, setDone] = useState(false);
  useTokenAcrossLanguages(!done ? (token ?? null) : null);
  const submit = useSubmit();
  useEffect(() => setToken(takeTokenFromUrl()), []);
  if (token === undefined) return <p role="status">…</p>;
  if (done) {
    return (
      <Alert tone="success" title={t.inviteTitle} message={t.inviteDone}>
        <ButtonLink href={staffPaths.console[lang]}>{t.loginTitle}</ButtonLink>
      </Alert>
    );
  }
  if (token === null) return <Alert title={flow.refusedTitle} message={flow.noToken} />;
  return (
    <Form
      busy={submit.busy}
      submitLabel={flow.resetPasswordSubmit}
      texts={flow}
      onSubmit={({ password = '' }) =>
        submit.run(
          () => callApi('POST', '/api/agent/invitation', lang, { token, password }),
          () => setDone(true),
        )
      }
    >
      {submit.failure?.error && (
        <Alert title={flow.refusedTitle} message={submit.failure.error.message} cause={submit.failure.error} />
      )}
      <Field
        id="new-password"
        name="password"
        label={flow.newPassword}
        hint={flow.passwordHint}
        type="password"
        reveal={flow.showPassword}
        autoComplete="new-password"
        error={submit.failure?.error?.fields?.password}
      />
    </Form>
  );
}
