import type { Catalog } from '../../i18n/index.ts';
import { SendButton } from '../SendButton.tsx';
import { CodeAgainField, codeOf } from './CodeAgain.tsx';
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
  /** The console's texts, when the action asks for the app's code again (useCodeAgain). */
  codeAgain?: Catalog['agent'] | undefined;
  onConfirm: (reason: string, code: string | undefined) => void;
  onCancel: () => void;
}

/** Every console action that changes something is confirmed with a reason of its own, which goes into the audit log. */
export function ConfirmWithReason({
  id,
  label,
  intro,
  reasonLabel,
  cancelLabel,
  busy,
  sending,
  codeAgain,
  onConfirm,
  onCancel,
}: Props) {
  return (
    <form
      class="form"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        onConfirm(String(new FormData(e.currentTarget).get('reason') ?? ''), codeOf(e.currentTarget));
      }}
    >
      <p>{intro}</p>
      <div class="field">
        <label for={id}>{reasonLabel}</label>
        <input id={id} name="reason" required minLength={3} maxLength={500} />
      </div>
      {codeAgain && <CodeAgainField id={`${id}-code`} t={codeAgain} />}
      <div class="console__actions">
        <SendButton label={label} busy={busy} texts={sending} />
        <button type="button" class="button button--secondary" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </form>
  );
}
