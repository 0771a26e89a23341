import { useState } from 'preact/hooks';
import type { Lang } from '../i18n/lang.ts';
import type { FlowTexts, RecoveryTexts } from '../site/flow-texts.ts';
import { callApi } from './api.ts';
import { Alert } from './Alert.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { useTokenAcrossLanguages } from './token.ts';
import { useMailedLink } from './useMailedLink.ts';
import { useSubmit } from './useSubmit.ts';
import { Waiting } from './Waiting.tsx';
import { SendButton } from './SendButton.tsx';
import { ButtonLink } from './ButtonLink.tsx';

interface Props {
  lang: Lang;
  t: FlowTexts;
  r: RecoveryTexts;
  links: { forgotPassword: string; contact: string };
}

/** "This was not me": opened from a notice, it stops the request with a click. */
export default function CancelRequest({ lang, t, r, links }: Props) {
  const [link] = useMailedLink(lang, 'cancel-request', t.noToken);
  /** What the link did: stopped a request of this kind, or logged out after a new phone's request had ended. */
  const [stopped, setStopped] = useState<'rebind' | 'replace' | 'loggedOut' | null>(null);
  useTokenAcrossLanguages(link.kind === 'open' && !stopped ? link.token : null);
  const submit = useSubmit();

  const doneText = { rebind: r.cancelDoneRebind, replace: r.cancelDoneReplace, loggedOut: r.cancelDoneEnded };
  if (link.kind === 'checking') return <Waiting texts={t} />;
  if (stopped) {
    return (
      <Alert tone="success" title={r.cancelTitle} message={doneText[stopped]}>
        {stopped !== 'replace' && <ButtonLink href={links.forgotPassword}>{r.newPassword}</ButtonLink>}
      </Alert>
    );
  }
  if (link.kind === 'broken' || submit.failure?.error) {
    return (
      <ErrorAlert lang={lang} t={t} page="cancel-request" error={link.kind === 'broken' ? link.error : submit.failure!.error!}>
        <p>
          <a href={links.contact}>{t.contactLink}</a>
        </p>
      </ErrorAlert>
    );
  }
  return (
    <>
      <p>{r.cancelIntro}</p>
      <SendButton
        label={r.cancelSubmit}
        busy={submit.busy}
        texts={t}
        onClick={() =>
          submit.run(
            () =>
              callApi<{ status: 'cancelled' | 'loggedOut'; kind: 'rebind' | 'replace' }>('POST', '/api/recovery/cancel', lang, {
                token: link.token,
              }),
            ({ data }) => setStopped(data.status === 'loggedOut' ? data.status : data.kind),
          )
        }
      />
    </>
  );
}
