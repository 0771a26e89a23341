import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

interface Props {
  id: string;
  /** The form field name, read with FormData on submit. */
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  type?: 'text' | 'email' | 'password';
  autoComplete?: string;
  inputMode?: JSX.HTMLAttributes<HTMLInputElement>['inputMode'];
  maxLength?: number;
  autoFocus?: boolean;
  spellcheck?: boolean;
  /** For a password: the label of the button that shows what was typed. */
  reveal?: string | undefined;
}

/**
 * A labelled input whose hint and error are tied to it for screen readers.
 * Uncontrolled on purpose: what someone types before the page's script has
 * started is kept, and read from the form when it is sent.
 */
export function Field(props: Props) {
  const [shown, setShown] = useState(false);
  // Like the form's button: usable once the script runs, and in its place before, so nothing moves.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${props.error ? ' field--error' : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <p class="field__hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field__error" id={errorId}>
          {props.error}
        </p>
      )}
      <input
        id={props.id}
        name={props.name}
        type={shown ? 'text' : (props.type ?? 'text')}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        maxLength={props.maxLength}
        autoFocus={props.autoFocus}
        spellcheck={props.spellcheck}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy}
        required
      />
      {props.reveal && (
        <button
          type="button"
          class="field__reveal"
          aria-pressed={shown}
          aria-controls={props.id}
          disabled={!ready}
          onClick={() => setShown(!shown)}
        >
          {props.reveal}
        </button>
      )}
    </div>
  );
}

/** The login address, as password managers know it. */
export function LoginEmailField({ label, error }: { label: string; error?: string | undefined }) {
  return <Field id="email" name="email" label={label} type="email" autoComplete="username" error={error} spellcheck={false} />;
}

/** The password the account has now. */
export function CurrentPasswordField({
  label,
  error,
  reveal,
  id = 'password',
}: {
  label: string;
  error?: string | undefined;
  reveal: string;
  /** Where a page has two such forms (the portal): each field its own id. */
  id?: string;
}) {
  return (
    <Field id={id} name="password" label={label} type="password" autoComplete="current-password" error={error} reveal={reveal} />
  );
}
