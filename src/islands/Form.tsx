import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { FlowTexts } from '../site/flow-texts.ts';
import { SendButton } from './SendButton.tsx';

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
      <SendButton label={submitLabel} busy={busy} texts={texts} disabled={!ready} />
    </form>
  );
}
