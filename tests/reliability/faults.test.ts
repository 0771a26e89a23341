import { connect } from 'node:net';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import type { OpenedStore } from '../../src/store/open.ts';
import { GOOD_PASSWORD, uniqueEmail } from '../support/api.ts';
import { postgresSkipReason, postgresUrl, storeKinds } from '../support/runtime.ts';
import { httpClient, newCustomerIn, registerOver, startBuiltServer, type BuiltServer } from '../support/server.ts';
import { tcpProxy } from '../support/tcp-proxy.ts';

let server: BuiltServer | undefined;
afterEach(async () => {
  await server?.dispose();
  server = undefined;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Login requests the server has begun: each counts against the login rate limit first (in the store within RATE_LIMIT_FLUSH_MS). */
async function loginsReceived({ db }: OpenedStore): Promise<number> {
  const row = await db
    .selectFrom('rate_limits')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('hits'), eb.lit(0)).as('hits'))
    .where('key', 'like', 'login:%')
    .executeTakeFirst();
  return Number(row?.hits ?? 0);
}

for (const kind of storeKinds) {
  describe(`graceful shutdown on ${kind}`, () => {
    it('SIGTERM during logins: they finish, new connections are refused, the process exits 0', async () => {
      server = await startBuiltServer(kind);
      const s = server;
      const emails = [uniqueEmail('stop'), uniqueEmail('stop')];
      const setup = httpClient(s.origin);
      for (const email of emails) await registerOver(s, setup, email, await newCustomerIn(s));

      // Each password check costs an argon2id hash: six at once keep the server busy for a while.
      // Three per address: every attempt counts against the address until it is found right,
      // so a fifth at the same moment would meet the one-minute lock.
      const opened = s.openStore();
      onTestFinished(() => opened.close());
      const before = await loginsReceived(opened);
      let answered = 0;
      const logins = Array.from({ length: 6 }, (_, i) =>
        httpClient(s.origin)
          .post('/api/session', { email: emails[i % 2], password: GOOD_PASSWORD })
          .finally(() => answered++),
      );
      // SIGTERM once the server has all six: a request still on its way (on a busy machine, or on a
      // kept-alive connection the server sees as idle) would rightly be refused, not finished.
      await expect.poll(() => loginsReceived(opened), { timeout: 10_000, interval: 5 }).toBe(before + 6);
      // Two argon2id hashes run at a time: the last ones are still being checked.
      expect(answered).toBeLessThan(6);
      const exited = s.kill('SIGTERM');
      const answers = await Promise.all(logins);
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect(answers.every((a) => a.json.next === 'enrol')).toBe(true);
      expect(await exited).toBe(0);
      await expect(fetch(`${s.origin}/api/health`)).rejects.toThrow();
    });
  });
}

describe('a kept-alive connection', () => {
  it('stays open through a pause longer than a client’s or a load balancer’s own: a request 7 s later is answered on it', async () => {
    server = await startBuiltServer('sqlite');
    const socket = connect(Number(new URL(server.origin).port), '127.0.0.1');
    onTestFinished(() => void socket.destroy());
    let received = '';
    let closed = false;
    socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
    socket.on('close', () => (closed = true));
    const answered = () => received.match(/HTTP\/1\.1 200 /g)?.length ?? 0;
    const ask = () => socket.write(`GET /api/health HTTP/1.1\r\nHost: ${new URL(server!.origin).host}\r\n\r\n`);

    ask();
    await expect.poll(answered, { timeout: 10_000 }).toBe(1);
    // A client drops an idle connection a little before the time the server states; a load
    // balancer's own idle time is usually 60 s.
    expect(received).toMatch(/^Keep-Alive: timeout=65\r$/im);
    // Longer than Node's own five seconds (and its one-second margin), at which the server
    // closed the connection while a client on a busy machine was sending its next request.
    await sleep(7000);
    expect(closed).toBe(false);
    ask();
    await expect.poll(answered, { timeout: 10_000 }).toBe(2);
  });
});

describe('the database goes away under load, and comes back', () => {
  if (!postgresUrl) {
    it.skip(postgresSkipReason, () => {});
    return;
  }

  it('answers 503 in the customer’s language, stays up, and recovers without a restart', async () => {
    const url = new URL(postgresUrl!);
    const proxy = await tcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.port = String(proxy.port);
    server = await startBuiltServer('postgres', { DATABASE_URL: url.href });
    const s = server;
    const pid = s.process.pid;

    // A steady load of requests that all need the database.
    const seen: { phase: string; status: number; code?: string; message?: string }[] = [];
    let phase = 'up';
    let running = true;
    const worker = async (lang: 'nl' | 'en', i: number) => {
      const client = httpClient(s.origin);
      for (let n = 0; running; n++) {
        const res =
          n % 2
            ? await client.call(
                'POST',
                '/api/session',
                { email: `belast.${i}.${n}@voorbeeld.test`, password: 'x' },
                { 'Accept-Language': lang },
              )
            : await client.call(
                'POST',
                '/api/help-codes',
                { context: { kind: 'wizard', wizard: 'new-phone', path: '1', lang } },
                { 'Accept-Language': lang },
              );
        seen.push({ phase, status: res.status, code: res.json?.error?.code, message: res.json?.error?.message });
      }
    };
    const workers = [worker('nl', 0), worker('en', 1), worker('nl', 2), worker('en', 3)];

    await sleep(1000);
    phase = 'down';
    await proxy.cut();
    await sleep(2500);
    const health = await fetch(`${s.origin}/api/health`);
    const ready = await fetch(`${s.origin}/api/ready`);
    const page = await fetch(`${s.origin}/`);
    phase = 'back';
    await proxy.restore();

    // Recovery: the first success after the database returns, within ten seconds.
    const client = httpClient(s.origin);
    let recovered = false;
    for (let i = 0; i < 100 && !recovered; i++) {
      const res = await client.post('/api/help-codes', {
        context: { kind: 'wizard', wizard: 'new-phone', path: '', lang: 'nl' },
      });
      recovered = res.status === 201;
      if (!recovered) await sleep(100);
    }
    await sleep(500);
    running = false;
    await Promise.all(workers);
    const readyAgain = await fetch(`${s.origin}/api/ready`);

    expect(recovered).toBe(true);
    expect(s.process.pid).toBe(pid);
    expect(s.process.exitCode).toBeNull();
    // Never a 500: while it was gone, 503 with a translated message.
    const faults = s
      .output()
      .split('\n')
      .filter((line) => line.includes('request failed'));
    expect(
      seen.filter((r) => r.status >= 500 && r.status !== 503),
      faults.join('\n'),
    ).toEqual([]);
    const down = seen.filter((r) => r.phase === 'down' && r.status === 503);
    expect(down.length).toBeGreaterThan(10);
    expect(new Set(down.map((r) => r.code))).toEqual(new Set(['unavailable']));
    expect(down.map((r) => r.message)).toContain(
      'Het portaal is even niet bereikbaar. Probeer het over een paar minuten opnieuw.',
    );
    expect(down.map((r) => r.message)).toContain('The portal cannot be reached right now. Please try again in a few minutes.');
    expect(seen.filter((r) => r.phase === 'up').every((r) => r.status === 201 || r.status === 401)).toBe(true);
    expect(seen.filter((r) => r.phase === 'back' && (r.status === 201 || r.status === 401)).length).toBeGreaterThan(0);
    // Each fault is logged with what it was, for whoever reads the log.
    const unavailable = s
      .output()
      .split('\n')
      .filter((line) => line.includes('store unavailable'))
      .map((line) => JSON.parse(line) as { failure: { type: string; message: string }; requestId?: string });
    expect(unavailable.length).toBeGreaterThan(0);
    for (const { failure, requestId } of unavailable) {
      // With the id its answer carries, so that a call about it can be found.
      expect(requestId).toMatch(/^[\w-]{8,}$/);
      expect(failure.type).toMatch(/Error$/);
      expect(failure.message.length).toBeGreaterThan(0);
    }
    // The process lived, said it was not ready, and the static pages never needed the database.
    expect(health.status).toBe(200);
    expect(ready.status).toBe(503);
    expect((await ready.json()).checks.database).toBe('unreachable');
    expect(page.status).toBe(200);
    expect(readyAgain.status).toBe(200);
    // The server cleans up through the proxy, so the proxy goes last.
    await s.dispose();
    server = undefined;
    await proxy.close();
  });
});
