import { createContext } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { Lang } from '../i18n/lang.ts';
import type { HelpCodeAnswer } from '../shared/api/schemas-agent.ts';
import type { FlowTexts } from '../site/flow-texts.ts';
import { callApi } from './api.ts';
import { useSlow } from './useSlow.ts';

/** The contract's context, without the language: the component adds the page's. */
type Context = HelpCodeAnswer['context'] extends infer C ? (C extends unknown ? Omit<C, 'lang'> : never) : never;

interface Props {
  lang: Lang;
  t: Pick<FlowTexts, 'helpCodeLabel' | 'helpCodeAsk' | 'helpCodeButton' | 'helpCodeText' | 'helpCodeFailed' | 'busy' | 'slow'>;
  context: Context;
}

type Shown = { kind: 'ask' } | { kind: 'making' } | { kind: 'made'; code: string } | { kind: 'failed' };

/**
 * A part of the page that offers a help code of its own (a wizard) hears here while an error inside
 * it offers one that says more, the refusal itself: the customer then sees one button, not two.
 */
export const ErrorHelpCodeShown = createContext<((shown: boolean) => void) | null>(null);

/**
 * The short code a customer reads out on the phone, so the agent sees the same step. Made when
 * the customer asks for it, not on every step: most customers never call, and each code is a
 * write that is kept for a day. A new place asks again, since the code points at the place it
 * was made for.
 */
export function HelpCode({ lang, t, context }: Props) {
  const [shown, setShown] = useState<Shown>({ kind: 'ask' });
  const key = JSON.stringify(context);
  const reportError = useContext(ErrorHelpCodeShown);
  const isError = context.kind === 'error';
  useEffect(() => {
    if (!isError || !reportError) return;
    reportError(true);
    return () => reportError(false);
  }, [isError, reportError]);
  /** Raised by every press and every new place: only the newest press's answer is shown. */
  const asked = useRef(0);
  const button = useRef<HTMLButtonElement>(null);
  const answer = useRef<HTMLDivElement>(null);
  /** Whether the answer takes the focus: only from the button, never from where the customer went on. */
  const focusAnswer = useRef(false);
  const slow = useSlow(shown.kind === 'making');
  useEffect(() => {
    asked.current++;
    setShown({ kind: 'ask' });
  }, [key]);
  useEffect(() => {
    if (focusAnswer.current && (shown.kind === 'made' || shown.kind === 'failed')) answer.current?.focus();
  }, [shown]);

  async function make() {
    if (shown.kind === 'making') return;
    const mine = ++asked.current;
    setShown({ kind: 'making' });
    // Given up on like a read: a lost answer leaves at most a code nobody reads out, and the
    // customer on the phone gets the button back instead of a wait without end.
    const reply = await callApi<{ code: string }>(
      'POST',
      '/api/help-codes',
      lang,
      { context: { ...context, lang } },
      { reads: true },
    );
    if (asked.current !== mine) return;
    focusAnswer.current = document.activeElement === button.current || document.activeElement === document.body;
    setShown(reply.ok ? { kind: 'made', code: reply.data.code } : { kind: 'failed' });
  }

  return (
    <aside class="help-code" aria-label={t.helpCodeLabel}>
      {shown.kind === 'made' ? (
        <div ref={answer} tabIndex={-1}>
          <p>
            {t.helpCodeLabel}: <strong data-testid="help-code">{shown.code}</strong>
          </p>
          <p class="muted">{t.helpCodeText}</p>
        </div>
      ) : (
        <>
          {shown.kind === 'failed' ? (
            <div ref={answer} tabIndex={-1}>
              <p>{t.helpCodeFailed}</p>
            </div>
          ) : (
            <p class="muted">{t.helpCodeAsk}</p>
          )}
          <button
            ref={button}
            type="button"
            class="button button--secondary"
            aria-disabled={shown.kind === 'making'}
            onClick={make}
          >
            {shown.kind === 'making' ? t.busy : t.helpCodeButton}
          </button>
          {/* SendButton's line, beside a button that keeps its focus while it waits (aria-disabled, not disabled). */}
          {shown.kind === 'making' && (
            <p role="status" class="send__slow">
              {slow && t.slow}
            </p>
          )}
        </>
      )}
    </aside>
  );
}
