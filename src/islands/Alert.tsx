import { useEffect, useRef } from 'preact/hooks';

interface Props {
  title: string;
  message?: string;
  /** Extra help below the message, e.g. a link. */
  children?: preact.ComponentChildren;
  tone?: 'error' | 'success';
  /** Where the next thing to do is a field (a new code), the field takes focus instead; the alert is still announced. */
  takeFocus?: boolean;
}

/** A message that takes focus when it appears, so keyboard and screen-reader users hear it at once. */
export function Alert({ title, message, children, tone = 'error', takeFocus = true }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (takeFocus) ref.current?.focus();
  }, [message, title]);
  return (
    <div ref={ref} class={`alert alert--${tone}`} role={tone === 'error' ? 'alert' : 'status'} tabIndex={-1}>
      <h2 class="alert__title">{title}</h2>
      {message?.split('\n\n').map((paragraph) => (
        <p>{paragraph}</p>
      ))}
      {children}
    </div>
  );
}
