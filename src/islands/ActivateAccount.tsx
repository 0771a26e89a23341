import { useEffect, useState } from 'preact/hooks';
import type { Lang } from '../i18n/lang.ts';
import type { FlowTexts } from '../site/flow-texts.ts';
import { callApi } from './api.ts';
import { Alert } from './Alert.tsx';
import { takeTokenFromUrl } from './token.ts';

interface Props {
  lang: Lang;
  t: FlowTexts;
  links: { login: string; register: string };
}

/** Opened from the activation mail: confirms the account, then sends the customer to log in. */
export default function ActivateAccount({ lang, t, links }: Props) {
  const [state, setState] = useState<{ kind: 'busy' } | { kind: 'done' } | { kind: 'failed'; message: string }>({ kind: 'busy' });
  useEffect(() => {
    const token = takeTokenFromUrl();
    if (!token) {
      setState({ kind: 'failed', message: t.noToken });
      return;
    }
    callApi('POST', '/api/accounts/activate', lang, { token }).then((answer) =>
      setState(answer.ok ? { kind: 'done' } : { kind: 'failed', message: answer.data.error?.message ?? t.errorSummary }),
    );
  }, []);

  if (state.kind === 'busy') return <p role="status">{t.activating}</p>;
  if (state.kind === 'failed') {
    return (
      <Alert title={t.errorSummary} message={state.message}>
        <p>
          <a href={links.register}>{t.registerTitle}</a>
        </p>
      </Alert>
    );
  }
  return (
    <Alert tone="success" title={t.activateTitle} message={t.activated}>
      <p>
        <a class="button" href={links.login}>
          {t.logIn}
        </a>
      </p>
    </Alert>
  );
}
