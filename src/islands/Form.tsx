import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { FlowTexts } from '../site/flow-texts.ts';
import { useSlow } from './useSlow.ts';

interface Props {
  /** Gets the form's fields by name when it is sent. */
  onSubmit: (fields: Record<string, string>) => void;
  busy: boolean;
  submitLabel: string;
  texts: Pick<FlowTexts, 'busy' | 'slow'>;
  children: ComponentChildren;
}

/**
 * A form that only sends once its script runs: until then the button is
 * disabled (and the method is POST, so nothing typed ever lands in an address).
 */
export function Form({ onSubmit, busy, submitLabel, texts, children }: Props) {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const slow = useSlow(busy);
  return (
    <form
      class="form"
      method="post"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        onSubmit(Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v)])));
      }}
    >
      {children}
      <div class="form__send">
        <button class="button" type="submit" disabled={!ready || busy}>
          {busy ? texts.busy : submitLabel}
        </button>
        {/* There from the start of the wait, so that a screen reader announces the text when it comes. */}
        {busy && (
          <p role="status" class="form__slow">
            {slow && texts.slow}
          </p>
        )}
      </div>
    </form>
  );
}
