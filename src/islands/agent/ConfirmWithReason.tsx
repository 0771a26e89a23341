import { SendButton } from '../SendButton.tsx';
import type { Sending } from './useStaff.ts';

interface Props {
  /** The field's id: unique on the page (the card's id and the action). */
  id: string;
  /** The action, as the form's name and its button. */
  label: string;
  /** What will happen, in a sentence. */
  intro: string;
  reasonLabel: string;
  cancelLabel: string;
  busy: boolean;
  sending: Sending;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/** Every console action that changes something is confirmed with a reason of its own, which goes into the audit log. */
export function ConfirmWithReason({ id, label, intro, reasonLabel, cancelLabel, busy, sending, onConfirm, onCancel }: Props) {
  return (
    <form
      class="form"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        onConfirm(String(new FormData(e.currentTarget).get('reason') ?? ''));
      }}
    >
      <p>{intro}</p>
      <div class="field">
        <label for={id}>{reasonLabel}</label>
        <input id={id} name="reason" required minLength={3} maxLength={500} />
      </div>
      <div class="console__actions">
        <SendButton label={label} busy={busy} texts={sending} />
        <button type="button" class="button button--secondary" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </form>
  );
}
