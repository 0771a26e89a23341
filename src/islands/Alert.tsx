import { useEffect, useRef } from 'preact/hooks';

interface Props {
  title: string;
  message?: string;
  /** Extra help below the message, e.g. a link. */
  children?: preact.ComponentChildren;
  tone?: 'error' | 'success';
  /** Where the next thing to do is a field (a new code), the field takes focus instead; the alert is still announced. */
  takeFocus?: boolean;
  /**
   * The answer the alert reports. A form keeps its alert while it is sent again, so that nothing
   * moves under the pointer; a new answer with the same words is then announced again. The same
   * object on every render (state, or memoised): a new one makes a new alert, which takes focus.
   */
  cause?: object;
}

let causes = 0;
const ids = new WeakMap<object, number>();
const idOf = (cause: object | undefined) => (cause === undefined ? 0 : (ids.get(cause) ?? (ids.set(cause, ++causes), causes)));

/** A message that takes focus when it appears, so keyboard and screen-reader users hear it at once. */
export function Alert({ title, message, children, tone = 'error', takeFocus = true, cause }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const id = idOf(cause);
  useEffect(() => {
    if (takeFocus) ref.current?.focus();
  }, [message, title, id]);
  // A new element, not new words in the old one: screen readers announce an alert as it appears.
  return (
    <div key={id} ref={ref} class={`alert alert--${tone}`} role={tone === 'error' ? 'alert' : 'status'} tabIndex={-1}>
      <h2 class="alert__title">{title}</h2>
      {message?.split('\n\n').map((paragraph) => (
        <p>{paragraph}</p>
      ))}
      {children}
    </div>
  );
}
