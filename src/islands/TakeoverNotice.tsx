import { format } from '../i18n/format.ts';
import { moment } from '../i18n/moments.ts';
import type { Lang } from '../i18n/lang.ts';
import type { PortalViewAnswer } from '../shared/api/schemas.ts';
import type { FlowTexts, RecoveryTexts } from '../site/flow-texts.ts';
import { callApi } from './api.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { SendButton } from './SendButton.tsx';
import { useSubmit } from './useSubmit.ts';
import { useEffect, useRef, useState } from 'preact/hooks';

interface Props {
  lang: Lang;
  t: FlowTexts;
  r: RecoveryTexts;
  takeover: PortalViewAnswer['takeovers'][number];
  /** Logged in with a recovery code: the server stops nothing from this session, so no button offers it. */
  recoveryCode: boolean;
}

/** One request to take over the holder's login, on the portal home: who asked when, and a way to stop it while that is still possible. */
export function TakeoverNotice({ lang, t, r, takeover, recoveryCode }: Props) {
  const stopping = useSubmit();
  const [stopped, setStopped] = useState(false);
  const line = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (stopped) line.current?.focus();
  }, [stopped]);
  const vars = { asker: takeover.asker, since: moment(takeover.since, lang) };
  // A line, not an alert with a heading of its own: the requests after it stay under the section's
  // heading. It takes the focus the button had, so a keyboard goes on from where it was.
  if (stopped)
    return (
      <p role="status" class="takeover takeover--stopped" tabIndex={-1} ref={line}>
        {format(r.holderTakeoverStopped, vars)}
      </p>
    );
  if (takeover.proven || takeover.vouched)
    return <p class="takeover">{format(takeover.proven ? r.holderTakeoverProven : r.holderTakeoverVouched, vars)}</p>;
  if (recoveryCode) return <p class="takeover">{format(r.holderTakeoverTextRecoveryCode, vars)}</p>;
  // Each button says whose request it stops: there may be more than one.
  const described = `takeover-${takeover.id}`;
  return (
    <div class="takeover">
      <p id={described}>{format(r.holderTakeoverText, vars)}</p>
      {stopping.failure?.error && <ErrorAlert lang={lang} t={t} page="portal" error={stopping.failure.error} />}
      <SendButton
        label={r.holderTakeoverStop}
        describedBy={described}
        busy={stopping.busy}
        texts={t}
        onClick={() =>
          stopping.run(
            () => callApi('POST', `/api/account/takeover/${takeover.id}/stop`, lang),
            () => setStopped(true),
          )
        }
      />
    </div>
  );
}
