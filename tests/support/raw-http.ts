import { connect } from 'node:net';

// HTTP/1.1 written byte by byte over a socket, for the requests fetch refuses
// to send: CR/LF in a header value, `..` and `%2e%2e` kept in the path, bytes
// that are not UTF-8 in the request line, methods like TRACE, bodies whose
// length lies.

export interface RawResponse {
  /** 0 when the server closed the connection without an answer. */
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  text: string;
}

export interface RawRequest {
  method: string;
  /** The request target exactly as sent: a string is sent as latin1 (one byte per char), so `\xff` is the byte 0xFF. */
  target: string | Buffer;
  /** Sent in this order, as given (latin1); `Host` and `Connection: close` are added unless present. */
  headers?: [string, string][];
  body?: string | Buffer;
  /** Leave out the Content-Length that is otherwise added for a body. */
  noContentLength?: boolean;
}

/** The bytes of a request; nothing is checked or escaped. */
export function rawBytes(host: string, request: RawRequest): Buffer {
  const headers = [...(request.headers ?? [])];
  const has = (name: string) => headers.some(([n]) => n.toLowerCase() === name);
  if (!has('host')) headers.unshift(['Host', host]);
  if (!has('connection')) headers.push(['Connection', 'close']);
  const body = request.body === undefined ? undefined : Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body);
  if (body && !request.noContentLength && !has('content-length') && !has('transfer-encoding'))
    headers.push(['Content-Length', String(body.length)]);
  const target = Buffer.isBuffer(request.target) ? request.target : Buffer.from(request.target, 'latin1');
  const head = Buffer.concat([
    Buffer.from(`${request.method} `, 'latin1'),
    target,
    Buffer.from(` HTTP/1.1\r\n${headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`, 'latin1'),
  ]);
  return body ? Buffer.concat([head, body]) : head;
}

/** Sends the bytes on a new connection and reads the answer until the server closes it (or the time is up). */
export function rawExchange(origin: string, bytes: Buffer, timeoutMs = 10_000, bodiless = false): Promise<RawResponse> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      // One answer is all we wait for: stop once it is complete, even on a kept-alive connection.
      const parsed = parseResponse(Buffer.concat(chunks), bodiless);
      if (parsed?.complete) {
        clearTimeout(timer);
        socket.destroy();
        resolve(parsed.response);
      }
    });
    // A server may reset a connection it refuses; what it wrote before still counts.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const parsed = parseResponse(Buffer.concat(chunks), bodiless);
      resolve(parsed?.response ?? { status: 0, headers: {}, body: Buffer.alloc(0), text: '' });
    });
    socket.write(bytes);
  });
}

export function rawRequest(origin: string, request: RawRequest, timeoutMs?: number): Promise<RawResponse> {
  return rawExchange(origin, rawBytes(new URL(origin).host, request), timeoutMs, request.method === 'HEAD');
}

/** `bodiless`: the answer to a HEAD request, which announces a length but sends no body. */
function parseResponse(data: Buffer, bodiless: boolean): { response: RawResponse; complete: boolean } | undefined {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine, ...lines] = data.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  const rest = data.subarray(end + 4);
  let body = rest;
  let complete = false;
  if (bodiless) {
    body = Buffer.alloc(0);
    complete = true;
  } else if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
    const decoded = dechunk(rest);
    body = decoded.body;
    complete = decoded.complete;
  } else if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    body = rest.subarray(0, length);
    complete = rest.length >= length;
  } else if (status === 204 || status === 304 || (status >= 100 && status < 200)) {
    complete = true;
  }
  return { response: { status, headers, body, text: body.toString('utf8') }, complete };
}

function dechunk(data: Buffer): { body: Buffer; complete: boolean } {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return { body: Buffer.concat(parts), complete: false };
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) return { body: Buffer.concat(parts), complete: false };
    if (size === 0) return { body: Buffer.concat(parts), complete: true };
    if (data.length < lineEnd + 2 + size + 2) return { body: Buffer.concat(parts), complete: false };
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
