import type { FlowTexts } from '../site/flow-texts.ts';
import { useSlow } from './useSlow.ts';

interface Props {
  label: string;
  busy: boolean;
  texts: Pick<FlowTexts, 'busy' | 'slow'>;
  /** Without it the button submits its form; with it, it acts on a click. */
  onClick?: () => void;
  disabled?: boolean;
  secondary?: boolean;
  /** The id of the text that says what this button acts on, where several have the same label. */
  describedBy?: string;
}

/**
 * The button that sends something: its busy label while the answer is on the way and, once that
 * takes longer than SLOW_MS, a line saying so. The line is there from the start of the wait, so
 * that a screen reader announces its text when it comes.
 */
export function SendButton({ label, busy, texts, onClick, disabled = false, secondary = false, describedBy }: Props) {
  const slow = useSlow(busy);
  return (
    <div class="send">
      <button
        type={onClick ? 'button' : 'submit'}
        class={secondary ? 'button button--secondary' : 'button'}
        disabled={disabled || busy}
        onClick={onClick}
        aria-describedby={describedBy}
      >
        {busy ? texts.busy : label}
      </button>
      {busy && (
        <p role="status" class="send__slow">
          {slow && texts.slow}
        </p>
      )}
    </div>
  );
}
