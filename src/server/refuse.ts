import type { IncomingMessage, ServerResponse } from 'node:http';
import { texts, type Catalog } from '../i18n/index.ts';
import { langAsked } from '../i18n/lang.ts';

/**
 * An answer for a request that never reaches the apps (a method the platform
 * cannot carry, a request it cannot read): the API's error shape, in the
 * language asked for.
 */
export function refuse(req: IncomingMessage, res: ServerResponse, status: number, code: keyof Catalog['api']): void {
  const body = JSON.stringify({ error: { code, message: texts(langAsked(req.headers['accept-language'])).api[code] } });
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(status === 405 ? { Allow: 'GET, HEAD, POST, DELETE' } : {}),
    Connection: 'close',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
