import { useEffect, useState } from 'preact/hooks';
import { format } from '../i18n/format.ts';
import type { FlowTexts } from '../site/flow-texts.ts';
import type { Catalog } from '../i18n/index.ts';
import { Alert } from './Alert.tsx';
import { HelpCode } from './HelpCode.tsx';
import { levelNames } from './proof-return.ts';
import type { Lang } from '../i18n/lang.ts';

type Texts = Catalog['eherkenning'];
type Reason = keyof Texts['errors'];

interface Props {
  t: Texts;
  flow: FlowTexts;
  lang: Lang;
  links: { start: string; login: string; help: Partial<Record<Reason, string>> };
}

/** Why logging in with eHerkenning did not work, from the reason the server put in the address. */
export default function EherkenningResult({ t, flow, lang, links }: Props) {
  const [reason, setReason] = useState<{ error: Reason; level: string } | null>(null);
  useEffect(() => {
    const params = new URLSearchParams(location.hash.slice(1));
    const error = params.get('error');
    const level = params.get('level');
    // Only values the server sends are shown: the address bar is anyone's to write in.
    setReason({
      error: error && Object.hasOwn(t.errors, error) ? (error as Reason) : 'invalidResponse',
      level: level && levelNames.includes(level) ? level : '?',
    });
  }, []);
  if (!reason) return <p role="status">{t.checking}</p>;
  const help = links.help[reason.error];
  const helpLabel = (t.help as Partial<Record<Reason, string>>)[reason.error];
  // The help code comes after the alert, not in it: an alert is read out whole at every change inside it.
  return (
    <>
      <Alert title={t.resultTitle} message={format(t.errors[reason.error], { level: reason.level })}>
        <ul class="link-list">
          {help && helpLabel && (
            <li>
              <a href={help}>{helpLabel}</a>
            </li>
          )}
          <li>
            <a href={links.start}>{t.tryAgain}</a>
          </li>
          <li>
            <a href={links.login}>{t.useEmail}</a>
          </li>
        </ul>
      </Alert>
      <HelpCode
        lang={lang}
        t={flow}
        context={{
          kind: 'error',
          page: 'eherkenning',
          reason: reason.error,
          ...(reason.level !== '?' ? { level: reason.level } : {}),
        }}
      />
    </>
  );
}
