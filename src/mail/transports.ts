import type { Transport } from './delivery.ts';

/** Development: mail stays in the outbox, readable at /dev/mail. */
export const outboxTransport: Transport = { name: 'the development outbox (/dev/mail)', send: () => null };

/** Staging (MAIL_TRANSPORT=log): a line per mail in the log, never its text (it may hold a link), and nothing sent. */
export function logTransport(log: (fields: Record<string, unknown>, message: string) => void): Transport {
  return {
    name: 'the log (MAIL_TRANSPORT=log)',
    send: async (message) =>
      log({ mailId: message.id, kind: message.kind, lang: message.lang }, 'mail not sent: MAIL_TRANSPORT=log'),
  };
}
