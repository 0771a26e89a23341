import nodemailer from 'nodemailer';
import type { Transport } from './delivery.ts';

/** Sends through the SMTP server in SMTP_URL (smtp:// or smtps://, credentials in the URL). */
export function smtpTransport(url: string, from: string): Transport & { close(): void } {
  const transporter = nodemailer.createTransport(url, { from });
  return {
    name: 'SMTP',
    send: (message) =>
      transporter
        .sendMail({
          to: message.to_address,
          subject: message.subject,
          text: message.text_body,
          html: message.html_body,
          headers: { 'Content-Language': message.lang },
        })
        .then(() => undefined),
    close: () => transporter.close(),
  };
}

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
