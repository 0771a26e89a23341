import { useEffect, useRef, useState } from 'preact/hooks';
import { format } from '../i18n/format.ts';
import type { RecoveryTexts } from '../site/flow-texts.ts';

interface Props {
  t: RecoveryTexts;
  codes: string[];
  /** The account the codes belong to, for the downloaded file. */
  email: string;
  /** After the customer says they saved the codes. */
  onDone: () => void;
  doneLabel: string;
}

/**
 * The ten recovery codes, shown once: to download, to print, and only then on.
 * The page is printed without the site around it (print styles).
 */
export function RecoveryCodes({ t, codes, email, onDone, doneLabel }: Props) {
  const [saved, setSaved] = useState(false);
  const [nudge, setNudge] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const file = [format(t.codesFileTitle, { email }), '', ...codes, '', t.codesFileNote, ''].join('\n');
  const href = `data:text/plain;charset=utf-8,${encodeURIComponent(file)}`;
  return (
    <section class="recovery-codes" aria-labelledby="recovery-codes-title">
      <h2 id="recovery-codes-title" ref={heading} tabIndex={-1}>
        {t.codesTitle}
      </h2>
      <p>{t.codesIntro}</p>
      <ol class="recovery-codes__list" data-testid="recovery-codes">
        {codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p class="console__actions">
        <a class="button button--secondary" href={href} download="herstelcodes.txt">
          {t.codesDownload}
        </a>
        <button type="button" class="button button--secondary" onClick={() => print()}>
          {t.codesPrint}
        </button>
      </p>
      <div class="field field--check">
        <label>
          <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.currentTarget.checked)} /> {t.codesSaved}
        </label>
      </div>
      {nudge && !saved && (
        <p class="field__error" role="alert">
          {t.codesSavedFirst}
        </p>
      )}
      <p>
        <button type="button" class="button" onClick={() => (saved ? onDone() : setNudge(true))}>
          {doneLabel}
        </button>
      </p>
    </section>
  );
}
