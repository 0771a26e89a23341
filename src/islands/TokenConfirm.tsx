import { useEffect, useState } from 'preact/hooks';
import { format } from '../i18n/format.ts';
import type { Lang } from '../i18n/lang.ts';
import type { FlowTexts } from '../site/flow-texts.ts';
import { callApi } from './api.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { Alert } from './Alert.tsx';
import { takeTokenFromUrl } from './token.ts';
import { Waiting } from './Waiting.tsx';

interface Props {
  lang: Lang;
  t: FlowTexts;
  /** The endpoint that takes `{ token }` from the mailed link. */
  endpoint: '/api/accounts/activate' | '/api/account/email/confirm';
  text: { busy: string; title: string; done: string; note?: string };
  links: { next: string; nextLabel: string; retry: string; retryLabel: string };
}

/** Pages opened from a mailed link that only confirm something: activation, a new address. */
export default function TokenConfirm({ lang, t, endpoint, text, links }: Props) {
  const [state, setState] = useState<
    { kind: 'busy' } | { kind: 'done'; email: string } | { kind: 'failed'; error: { code: string; message: string } }
  >({
    kind: 'busy',
  });
  useEffect(() => {
    const token = takeTokenFromUrl();
    if (!token) {
      setState({ kind: 'failed', error: { code: 'noToken', message: t.noToken } });
      return;
    }
    callApi<{ email: string }>('POST', endpoint, lang, { token }).then((answer) =>
      setState(
        answer.ok
          ? { kind: 'done', email: answer.data.email }
          : { kind: 'failed', error: answer.data.error ?? { code: 'unknown', message: t.errorSummary } },
      ),
    );
  }, []);

  if (state.kind === 'busy') return <Waiting texts={{ busy: text.busy, slow: t.slow }} />;
  if (state.kind === 'failed') {
    return (
      <ErrorAlert
        lang={lang}
        t={t}
        page={endpoint === '/api/accounts/activate' ? 'activate' : 'confirm-email'}
        error={state.error}
      >
        <p>
          <a href={links.retry}>{links.retryLabel}</a>
        </p>
      </ErrorAlert>
    );
  }
  return (
    <Alert tone="success" title={text.title} message={format(text.done, { email: state.email })}>
      {text.note && <p>{text.note}</p>}
      <p>
        <a class="button" href={links.next}>
          {links.nextLabel}
        </a>
      </p>
    </Alert>
  );
}
