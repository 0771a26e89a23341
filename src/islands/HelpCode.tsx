import { useEffect, useRef, useState } from 'preact/hooks';
import type { Lang } from '../i18n/lang.ts';
import type { HelpCodeAnswer } from '../shared/api/schemas-agent.ts';
import type { FlowTexts } from '../site/flow-texts.ts';
import { callApi } from './api.ts';

/** The contract's context, without the language: the component adds the page's. */
type Context = HelpCodeAnswer['context'] extends infer C ? (C extends unknown ? Omit<C, 'lang'> : never) : never;

interface Props {
  lang: Lang;
  t: Pick<FlowTexts, 'helpCodeLabel' | 'helpCodeAsk' | 'helpCodeButton' | 'helpCodeText' | 'helpCodeFailed'>;
  context: Context;
}

type Shown = { kind: 'ask' } | { kind: 'making' } | { kind: 'made'; code: string } | { kind: 'failed' };

/**
 * The short code a customer reads out on the phone, so the agent sees the same step. Made when
 * the customer asks for it, not on every step: most customers never call, and each code is a
 * write that is kept for a day. A new place asks again, since the code points at the place it
 * was made for.
 */
export function HelpCode({ lang, t, context }: Props) {
  const [shown, setShown] = useState<Shown>({ kind: 'ask' });
  // The button needs this script: in the server's HTML (and with scripts off) its room is kept, unseen.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const key = JSON.stringify(context);
  const place = useRef(key);
  const answer = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    place.current = key;
    setShown({ kind: 'ask' });
  }, [key]);
  // The code replaces the button the customer pressed: their focus and their screen reader go to it.
  useEffect(() => {
    if (shown.kind === 'made' || shown.kind === 'failed') answer.current?.focus();
  }, [shown.kind]);

  async function make() {
    if (shown.kind === 'making') return;
    const madeFor = key;
    setShown({ kind: 'making' });
    const reply = await callApi<{ code: string }>('POST', '/api/help-codes', lang, { context: { ...context, lang } });
    if (place.current !== madeFor) return;
    setShown(reply.ok ? { kind: 'made', code: reply.data.code } : { kind: 'failed' });
  }

  return (
    <aside class="help-code" aria-label={t.helpCodeLabel} style={ready ? undefined : { visibility: 'hidden' }}>
      {shown.kind === 'made' ? (
        <>
          <p ref={answer} tabIndex={-1}>
            {t.helpCodeLabel}: <strong data-testid="help-code">{shown.code}</strong>
          </p>
          <p class="muted">{t.helpCodeText}</p>
        </>
      ) : shown.kind === 'failed' ? (
        <p ref={answer} tabIndex={-1}>
          {t.helpCodeFailed}
        </p>
      ) : (
        <>
          <p class="muted">{t.helpCodeAsk}</p>
          <button type="button" class="button button--secondary" aria-disabled={shown.kind === 'making'} onClick={make}>
            {t.helpCodeButton}
          </button>
        </>
      )}
    </aside>
  );
}
