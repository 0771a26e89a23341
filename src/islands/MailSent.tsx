import type { ComponentChildren } from 'preact';
import type { FlowTexts } from '../site/flow-texts.ts';
import type { ApiAnswer } from './api.ts';
import { Alert } from './Alert.tsx';

/** Whether the server said the mail may be late (its mail server is not taking mail right now). */
export const mailDelayed = (answer: ApiAnswer<unknown>) => (answer.data as { mailDelayed?: boolean }).mailDelayed === true;

/** "Check your mailbox", and, when the mail server is down, that the mail comes later by itself. */
export function MailSent({
  t,
  message,
  delayed,
  children,
}: {
  t: FlowTexts;
  message: string;
  delayed: boolean;
  children?: ComponentChildren;
}) {
  return (
    <Alert tone="success" title={t.checkMailTitle} message={message}>
      {delayed && <p>{t.mailDelayed}</p>}
      {children}
    </Alert>
  );
}
