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
