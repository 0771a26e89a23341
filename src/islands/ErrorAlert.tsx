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
  error: { code: string; message: string };
  children?: ComponentChildren;
  takeFocus?: boolean;
}

/**
 * A refusal in one of the flows, with the help code to read out when the
 * customer calls. A form that is only filled in wrong gets no code: the
 * message next to the field is the help.
 */
export function ErrorAlert({ lang, t, page, error, children, takeFocus }: Props) {
  return (
    <Alert title={t.errorSummary} message={error.message} {...(takeFocus === false ? { takeFocus } : {})}>
      {children}
      {error.code !== 'invalidInput' && <HelpCode lang={lang} t={t} context={{ kind: 'error', page, reason: error.code }} />}
    </Alert>
  );
}
