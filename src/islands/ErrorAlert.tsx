import type { ComponentChildren } from 'preact';
import type { Lang } from '../i18n/lang.ts';
import type { FlowTexts } from '../site/flow-texts.ts';
import { Alert } from './Alert.tsx';
import { HelpCode } from './HelpCode.tsx';

interface Props {
  lang: Lang;
  t: FlowTexts;
  /** Which flow the customer is in, for the agent who reads the help code. */
  page: string;
  error: { code: string; message: string; fields?: Record<string, string> | undefined };
  children?: ComponentChildren;
  takeFocus?: boolean;
}

/** Faults of ours or of the connection, not of what the customer did. */
const SYSTEM_FAULTS = new Set(['internal', 'unavailable', 'network', 'timeout', 'unknown']);

/**
 * A refusal in one of the flows, with the help code to read out when the
 * customer calls. A form that is only filled in wrong gets the GOV.UK error
 * summary instead: each problem, linked to its field, and no code.
 */
export function ErrorAlert({ lang, t, page, error, children, takeFocus }: Props) {
  const fields = Object.entries(error.fields ?? {});
  if (fields.length > 0) {
    return (
      <Alert title={t.problemTitle} cause={error} {...(takeFocus === false ? { takeFocus } : {})}>
        <ul class="alert__list">
          {fields.map(([name, message]) => (
            <li>
              <a href={`#${name}`} onClick={(e) => focusField(e, name)}>
                {message}
              </a>
            </li>
          ))}
        </ul>
        {children}
      </Alert>
    );
  }
  // The help code comes after the alert, not in it: an alert is read out whole at every change inside it.
  return (
    <>
      <Alert
        title={SYSTEM_FAULTS.has(error.code) ? t.errorSummary : t.refusedTitle}
        message={error.message}
        cause={error}
        {...(takeFocus === false ? { takeFocus } : {})}
      >
        {children}
      </Alert>
      {error.code !== 'invalidInput' && <HelpCode lang={lang} t={t} context={{ kind: 'error', page, reason: error.code }} />}
    </>
  );
}

/** The summary's links lead to the field by its name, since ids differ per form. */
function focusField(e: MouseEvent, name: string) {
  const field = (e.currentTarget as HTMLElement).closest('form, main')?.querySelector<HTMLElement>(`[name="${name}"]`);
  if (!field) return;
  e.preventDefault();
  field.focus();
  field.scrollIntoView({ block: 'center' });
}
