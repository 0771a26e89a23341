import { useEffect, useRef } from 'preact/hooks';

interface Props {
  title: string;
  message: string;
  /** Extra help below the message, e.g. a link. */
  children?: preact.ComponentChildren;
  tone?: 'error' | 'success';
}

/** A message that takes focus when it appears, so keyboard and screen-reader users hear it at once. */
export function Alert({ title, message, children, tone = 'error' }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [message]);
  return (
    <div ref={ref} class={`alert alert--${tone}`} role={tone === 'error' ? 'alert' : 'status'} tabIndex={-1}>
      <h2 class="alert__title">{title}</h2>
      <p>{message}</p>
      {children}
    </div>
  );
}
