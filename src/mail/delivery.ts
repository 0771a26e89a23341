import type { Store } from '../store/types.ts';
import type { OutboxMessage } from '../store/schema.ts';

export interface Transport {
  /** Where delivered mail ends up, for logs: "SMTP" or "the development outbox". */
  readonly name: string;
  /** null: keep the mail in the outbox (development). */
  send(message: OutboxMessage): Promise<void> | null;
}

/**
 * Whether mail is getting out, as this instance saw it: delayed from a failed
 * attempt until the next one succeeds. Says nothing about any address.
 */
export function mailHealth() {
  let failing = false;
  return {
    sent: () => void (failing = false),
    failed: () => void (failing = true),
    delayed: () => failing,
  };
}

/**
 * A mail not out after three days is given up, its text (and link) forgotten: a mail server down
 * that long is an outage the insurer knows of, an address it refuses for good never takes it, and
 * the customer has asked again by then. Kept pending, it would hold the text and link for ever.
 */
export const GIVE_UP_AFTER_MS = 3 * 86_400_000;

/** Wait after the n-th failed attempt: 10 s, 20 s, 40 s … at most 15 minutes. */
export function retryDelay(attempts: number): number {
  return Math.min(15 * 60_000, 10_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Delivers due mail from the outbox. A failure leaves the mail pending with a
 * later retry, so a mail server that is down loses nothing, for three days.
 */
export async function deliverDueMail(
  store: Store,
  transport: Transport,
  now: () => number,
  report: { sent(message: OutboxMessage): void; failed(message: OutboxMessage, reason: string, gaveUp: boolean): void },
): Promise<number> {
  let delivered = 0;
  for (const message of await store.dueMail(now(), 20)) {
    // Several instances share the outbox: a lease makes sure one of them sends it.
    if (!(await store.claimMail(message.id, message.next_attempt_at, now() + 60_000))) continue;
    const sending = transport.send(message);
    if (sending === null) {
      await store.markMailKept(message.id);
      continue;
    }
    try {
      await sending;
      await store.markMailSent(message.id, now());
      delivered++;
      report.sent(message);
    } catch (error) {
      const reason = failureOf(error);
      const retryAt = now() + retryDelay(message.attempts + 1);
      const gaveUp = retryAt - message.created_at > GIVE_UP_AFTER_MS;
      await store.markMailFailed(message.id, reason, gaveUp ? null : retryAt);
      report.failed(message, reason, gaveUp);
    }
  }
  return delivered;
}

/**
 * Why a send failed, for the log and the outbox row, without an address in it: an SMTP server's
 * refusal often names the recipient (`<jan@bedrijf.nl>: mailbox unavailable`), and the log is
 * read by more people than the outbox.
 */
export function failureOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '[address]');
}

/** Runs delivery now and then, and at once when woken; stops cleanly. */
export function startDeliveryLoop(deliver: () => Promise<unknown>, intervalMs = 5000) {
  let running: Promise<unknown> | null = null;
  let again = false;
  let stopped = false;
  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = deliver()
      .catch(() => {})
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
      });
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    wake: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
