import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { GIVE_UP_AFTER_MS } from '../../src/mail/delivery.ts';
import { pruneOnce } from '../../src/server/pruning.ts';
import { apiClient, uniqueEmail } from '../support/api.ts';
import { testRuntime } from '../support/runtime.ts';

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that records what it receives, and can be told to refuse. */
function startSmtp(): Promise<{ server: SMTPServer; port: number; received: Received[]; refuse: { on: boolean } }> {
  const received: Received[] = [];
  const refuse = { on: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk) => (raw += chunk));
      stream.on('end', () => {
        // As servers do, the refusal names the recipient.
        const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
        if (refuse.on) return callback(Object.assign(new Error(`<${to}>: mailbox unavailable`), { responseCode: 451 }));
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.server.address() as AddressInfo).port, received, refuse }),
    ),
  );
}

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let runtime: Awaited<ReturnType<typeof testRuntime>>;
beforeAll(async () => {
  smtp = await startSmtp();
  runtime = await testRuntime('sqlite', {
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    MAIL_FROM: 'Voorbeeld <noreply@voorbeeld.test>',
  });
});
afterAll(async () => {
  await runtime.dispose();
  await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
});

describe('mail through a real SMTP server', () => {
  it('sends the activation mail in plain text and HTML, then forgets its body', async () => {
    const email = uniqueEmail();
    await apiClient(runtime).post('/api/accounts', { email, policyNumber: 'ZP100001', lang: 'en' });
    // The delivery loop wakes when the mail is queued.
    const mail = await vi.waitFor(
      () => {
        const found = smtp.received.find((m) => m.to.includes(email));
        if (!found) throw new Error('not delivered yet');
        return found;
      },
      { timeout: 5000 },
    );
    expect(mail.raw).toMatch(/Subject: Activate your account for Mijn Polis Zakelijk/);
    expect(mail.raw).toMatch(/Content-Type: text\/plain/);
    expect(mail.raw).toMatch(/Content-Type: text\/html/);
    expect(mail.raw).toMatch(/From: Voorbeeld <noreply@voorbeeld.test>/);
    await vi.waitFor(
      async () => {
        const stored = (await runtime.deps.store.listMail(10)).find((m) => m.to_address === email)!;
        expect(stored).toMatchObject({ status: 'sent', text_body: '', html_body: '' });
      },
      { timeout: 5000 },
    );
  });

  it('keeps a mail the server refuses and delivers it once the server accepts again', async () => {
    smtp.refuse.on = true;
    const email = uniqueEmail('later');
    const answer = await apiClient(runtime).post('/api/accounts', { email, policyNumber: 'ZP100001' });
    expect(answer.status).toBe(202);
    const kept = await vi.waitFor(
      async () => {
        const mail = (await runtime.deps.store.listMail(10)).find((m) => m.to_address === email)!;
        expect(mail).toMatchObject({ status: 'pending', attempts: 1 });
        return mail;
      },
      { timeout: 5000 },
    );
    // Why, without the address: the log line says the same.
    expect(kept.last_error).toMatch(/<\[address\]>: mailbox unavailable/);
    expect(kept.last_error).not.toContain(email);
    expect(kept.text_body).toContain('#token=');
    // The next customer is told the mail may be late (the same for every address: it says nothing about accounts).
    const told = await apiClient(runtime).post('/api/password/reset-request', { email: uniqueEmail('wie-dan-ook') });
    expect(told.json).toEqual({ status: 'checkMail', mailDelayed: true });

    smtp.refuse.on = false;
    // The retry waits; make it due now, as time would.
    await runtime.opened.db.updateTable('outbox').set({ next_attempt_at: 0 }).where('id', '=', kept.id).execute();
    await runtime.deliverMail();
    await vi.waitFor(() => expect(smtp.received.some((m) => m.to.includes(email))).toBe(true), { timeout: 5000 });
    const normal = await apiClient(runtime).post('/api/password/reset-request', { email: uniqueEmail('wie-dan-ook') });
    expect(normal.json).toEqual({ status: 'checkMail' });
  });

  it('gives up a mail it could not send for three days, and forgets its text and link as the sent ones', async () => {
    smtp.refuse.on = true;
    const email = uniqueEmail('nooit');
    expect((await apiClient(runtime).post('/api/accounts', { email, policyNumber: 'ZP100001' })).status).toBe(202);
    const mailOf = async () => (await runtime.deps.store.listMail(50)).find((m) => m.to_address === email)!;
    await vi.waitFor(async () => expect((await mailOf()).attempts).toBe(1), { timeout: 5000 });
    // Three days of refusals later: the next refusal is the last.
    const long = Date.now() - GIVE_UP_AFTER_MS;
    await runtime.opened.db
      .updateTable('outbox')
      .set({ created_at: long, next_attempt_at: 0 })
      .where('to_address', '=', email)
      .execute();
    await runtime.deliverMail();
    expect(await mailOf()).toMatchObject({ status: 'failed', attempts: 2, text_body: '', html_body: '' });
    smtp.refuse.on = false;
    await runtime.deliverMail();
    expect(smtp.received.some((m) => m.to.includes(email))).toBe(false);
    // Kept as long as sent mail, then gone.
    const retention = { ...runtime.config.retention, mailDays: 1 };
    await pruneOnce(runtime.deps, retention);
    expect(await mailOf()).toBeUndefined();
  });
});
