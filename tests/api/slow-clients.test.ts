import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, SLOW_CLIENT_LIMITS } from '../../src/server/http-server.ts';

/** What the server answers a client that sends `parts` one after another, `everyMs` apart, and how soon. */
async function trickle(port: number, parts: string[], everyMs: number) {
  const started = Date.now();
  const socket = connect(port, '127.0.0.1');
  let answer = '';
  socket.on('data', (chunk) => (answer += chunk));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  const timer = setInterval(() => {
    const part = parts.shift();
    if (part !== undefined && !socket.destroyed) socket.write(part);
  }, everyMs);
  await closed;
  clearInterval(timer);
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0), afterMs: Date.now() - started };
}

describe('a client that sends slowly', () => {
  // The built server's limits, scaled down so that the test takes seconds.
  const limits = { headersMs: 1_000, requestMs: 1_500, checkEveryMs: 200 };
  const server = createHttpServer((req, res) => {
    req.on('error', () => {}); // the cut-off aborts the body being read
    req.on('end', () => res.end('ok'));
    req.resume();
  }, limits);
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => server.close());

  it('is cut off when its headers take too long, and when its body does', async () => {
    const headers = ['GET / HTTP/1.1\r\n', 'Host: x\r\n', ...Array.from({ length: 40 }, (_, i) => `X-${i}: y\r\n`)];
    const body = ['POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n', ...Array.from({ length: 100 }, () => 'a')];
    const [slowHeaders, slowBody] = await Promise.all([trickle(port, headers, 100), trickle(port, body, 100)]);
    expect(slowHeaders.status).toBe(408);
    expect(slowHeaders.afterMs).toBeLessThan(limits.headersMs + 1_000);
    expect(slowBody.status).toBe(408);
    expect(slowBody.afterMs).toBeLessThan(limits.requestMs + 1_000);
  });

  it('has seconds, not Node’s minutes, on the built server', () => {
    expect(SLOW_CLIENT_LIMITS.headersMs).toBeLessThanOrEqual(20_000);
    expect(SLOW_CLIENT_LIMITS.requestMs).toBeLessThanOrEqual(30_000);
  });
});
