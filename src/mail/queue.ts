import type { Mail } from './kinds.ts';
import { composeMail } from './compose.ts';

/** Mail goes into the outbox table in the caller's transaction; the delivery loop sends it later. */
export function createMailQueue(options: {
  newId: () => string;
  now: () => number;
  /** After the transaction: wake the delivery loop. */
  onQueued: () => void;
  /** Each mail put in the outbox, for the metrics. */
  counted?: (kind: string) => void;
}): Mail {
  return {
    async queue(store, { to, lang, kind, vars }) {
      const mail = composeMail(kind, lang, vars);
      const now = options.now();
      await store.enqueueMail({
        id: options.newId(),
        to_address: to,
        lang,
        kind,
        subject: mail.subject,
        text_body: mail.text,
        html_body: mail.html,
        status: 'pending',
        next_attempt_at: now,
        created_at: now,
      });
      options.counted?.(kind);
    },
    notify: options.onQueued,
  };
}
