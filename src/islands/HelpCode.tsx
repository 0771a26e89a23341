import { useEffect, useState } from 'preact/hooks';
import type { Lang } from '../i18n/lang.ts';
import type { HelpCodeAnswer } from '../shared/api/schemas-agent.ts';
import type { FlowTexts } from '../site/flow-texts.ts';
import { callApi } from './api.ts';

/** The contract's context, without the language: the component adds the page's. */
type Context = HelpCodeAnswer['context'] extends infer C ? (C extends unknown ? Omit<C, 'lang'> : never) : never;

interface Props {
  lang: Lang;
  t: Pick<FlowTexts, 'helpCodeLabel' | 'helpCodeText'>;
  context: Context;
}

/**
 * The short code a customer reads out on the phone, so the agent sees the same
 * step. A new code for each place; none when the API cannot be reached.
 */
export function HelpCode({ lang, t, context }: Props) {
  /** `undefined` while it is made, `null` when none could be. */
  const [code, setCode] = useState<string | null | undefined>(undefined);
  const key = JSON.stringify(context);
  useEffect(() => {
    let current = true;
    setCode(undefined);
    const timer = setTimeout(() => {
      callApi<{ code: string }>('POST', '/api/help-codes', lang, { context: { ...context, lang } }).then((answer) => {
        if (current) setCode(answer.ok ? answer.data.code : null);
      });
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);
  if (code === null) return null;
  // Its room is kept while the code is made: nothing below it moves under the customer's pointer when it arrives.
  return (
    <aside
      class="help-code"
      aria-label={t.helpCodeLabel}
      aria-busy={code === undefined}
      style={code === undefined ? { visibility: 'hidden' } : undefined}
    >
      <p>
        {t.helpCodeLabel}: <strong data-testid="help-code">{code ?? '···-···'}</strong>
      </p>
      <p class="muted">{t.helpCodeText}</p>
    </aside>
  );
}
