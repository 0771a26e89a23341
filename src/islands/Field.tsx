import type { JSX } from 'preact';

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
}

/**
 * A labelled input whose hint and error are tied to it for screen readers.
 * Uncontrolled on purpose: what someone types before the page's script has
 * started is kept, and read from the form when it is sent.
 */
export function Field(props: Props) {
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
        type={props.type ?? 'text'}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        maxLength={props.maxLength}
        autoFocus={props.autoFocus}
        spellcheck={props.spellcheck}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy}
        required
      />
    </div>
  );
}

/** The login address, as password managers know it. */
export function LoginEmailField({ label, error }: { label: string; error?: string | undefined }) {
  return <Field id="email" name="email" label={label} type="email" autoComplete="username" error={error} spellcheck={false} />;
}

/** The password the account has now. */
export function CurrentPasswordField({ label, error }: { label: string; error?: string | undefined }) {
  return <Field id="password" name="password" label={label} type="password" autoComplete="current-password" error={error} />;
}
