import type { AddressInfo } from 'node:net';
import { createHttpServer } from '../../src/server/http-server.ts';
import type { testRuntime } from './runtime.ts';

/** The runtime's OpenID Provider over HTTP on loopback, as the server mounts it under /oidc. */
export async function serveProvider(runtime: Awaited<ReturnType<typeof testRuntime>>) {
  const server = createHttpServer((req, res) => void runtime.oidc!.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
