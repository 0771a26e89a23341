import type { RawRequest } from './raw-http.ts';

// Bad requests that only a raw socket can send: fetch would refuse them or
// tidy them up before they leave.

export interface RawBadRequest {
  category: string;
  name: string;
  request: RawRequest;
  /** The server may close the connection without an answer (Node does, for CONNECT without a handler). */
  mayClose?: boolean;
}

const SECRETS_ON_DISK = ['/etc/passwd', '/package.json', '/.env', '/data/secret.key', '/src/server/main.ts', '/.git/config'];

/** Paths that try to climb out of the site, or to reach files next to it. */
export function pathTrickTargets(): string[] {
  return [
    ...SECRETS_ON_DISK,
    '/api/../etc/passwd',
    '/api/..%2f..%2fetc%2fpasswd',
    '/api/%2e%2e/%2e%2e/etc/passwd',
    '/api/%252e%252e/etc/passwd',
    '/../../../../etc/passwd',
    '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/..%2f..%2f..%2fetc%2fpasswd',
    '/..\\..\\..\\etc\\passwd',
    '/_astro/..%2f..%2f..%2fpackage.json',
    '/_astro/../../package.json',
    '/pagefind/../../../package.json',
    '/dist/server/entry.mjs',
    '/server/entry.mjs',
    '//etc/passwd',
    '///api/health',
    `/api/${'../'.repeat(50)}etc/passwd`,
    `/${'%2e%2e/'.repeat(50)}etc/passwd`,
    '/dev/../../etc/passwd',
    '/dev/mail/..%2f..%2f..%2fpackage.json',
    '/broker/../../etc/passwd',
    '/index.html%00.txt',
    '/%00',
    `/${'a'.repeat(8_000)}`,
    `/api/${'a/'.repeat(4_000)}`,
    `/${'a'.repeat(70_000)}`,
    '/?' + 'q=1&'.repeat(5_000),
    // Targets that are not a path, which Node's parser lets through: one of them stopped the server.
    '*',
    '*:99999',
    '*[',
    '*@:99/x',
    'http://127.0.0.1/api/health',
    'evil.example:443',
  ];
}

/** The same endpoint, reached by a path that is not quite its own. */
export function pathVariants(path: string): string[] {
  const [first, ...rest] = path.slice('/api/'.length).split('/');
  const tail = rest.length ? `/${rest.join('/')}` : '';
  return [
    `/api/../api/${first}${tail}`,
    `/api/%2e%2e/api/${first}${tail}`,
    `/api/./${first}${tail}`,
    `/api//${first}${tail}`,
    `//api/${first}${tail}`,
    `${path}/`,
    `${path}//`,
    `${path}/..`,
    `${path}/.`,
    `/api/${first!.toUpperCase()}${tail}`,
    `${path}%00`,
    `${path}%2f`,
    `${path};jsessionid=1`,
    `${path}\\`,
    `${path}%20`,
    `${path}?`,
    `${path}#fragment`,
    `${path}/${'x'.repeat(8_000)}`,
    `${path}?${'a=1&'.repeat(2_000)}`,
  ];
}

/** Header values with CR, LF or NUL, folded headers, too many or too large headers, lying lengths. */
export function headerInjections(origin: string, path: string, body: string): RawBadRequest[] {
  const json: [string, string] = ['Content-Type', 'application/json'];
  const from: [string, string] = ['Origin', origin];
  const post = (name: string, headers: [string, string][], extra: Partial<RawRequest> = {}): RawBadRequest => ({
    category: 'header injection',
    name,
    request: { method: 'POST', target: path, headers, body, ...extra },
  });
  return [
    post('CRLF in Content-Type adds a header', [from, ['Content-Type', 'application/json\r\nX-Injected: yes']]),
    post('CRLF in Accept-Language adds a Set-Cookie', [from, json, ['Accept-Language', 'en\r\nSet-Cookie: injected=1']]),
    post('CRLF in Cookie', [from, json, ['Cookie', '__Host-session=abc\r\nX-Injected: yes']]),
    post('a second Origin by CRLF', [json, ['Origin', `${origin}\r\nOrigin: https://evil.example`]]),
    post('a bare LF in a value', [from, json, ['X-Note', 'a\nX-Injected: yes']]),
    post('a bare CR in a value', [from, json, ['X-Note', 'a\rX-Injected: yes']]),
    post('a NUL in a value', [from, json, ['X-Note', 'a\u0000b']]),
    post('a NUL in Origin', [json, ['Origin', `${origin}\u0000.evil.example`]]),
    post('a folded header', [from, json, ['X-Note', 'a\r\n  folded']]),
    post('a space in a header name', [from, json, ['X Note', 'a']]),
    post('a header without a colon', [from, json, ['X-Note\r\nbroken', 'a']]),
    post('a 10 KB header', [from, json, ['X-Pad', 'x'.repeat(10_000)]]),
    post('a 20 KB header', [from, json, ['X-Pad', 'x'.repeat(20_000)]]),
    post('300 headers', [from, json, ...Array.from({ length: 300 }, (_, i): [string, string] => [`X-H${i}`, String(i)])]),
    post('a 10 KB Accept-Language', [from, json, ['Accept-Language', 'en;q=0.1,'.repeat(1_000)]]),
    post('Accept-Language of junk', [from, json, ['Accept-Language', ';;;q=abc,*,-,\u00ff']]),
    post('Content-Length and chunked', [from, json, ['Content-Length', '3'], ['Transfer-Encoding', 'chunked']], {
      body: `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
    }),
    post('two different Content-Lengths', [from, json, ['Content-Length', String(body.length)], ['Content-Length', '1']]),
    post('a negative Content-Length', [from, json, ['Content-Length', '-1']], { noContentLength: true }),
    post('a Content-Length that is not a number', [from, json, ['Content-Length', '1e3']], { noContentLength: true }),
    post('a Content-Length shorter than the body', [from, json, ['Content-Length', '5']]),
    post('a chunked body of 20 KB', [from, json, ['Transfer-Encoding', 'chunked']], {
      body: `4e20\r\n${'x'.repeat(20_000)}\r\n0\r\n\r\n`,
    }),
    post('a chunked body with a bad chunk size', [from, json, ['Transfer-Encoding', 'chunked']], {
      body: `zz\r\n{}\r\n0\r\n\r\n`,
    }),
    post('chunked twice', [from, json, ['Transfer-Encoding', 'chunked, chunked']], { body: `2\r\n{}\r\n0\r\n\r\n` }),
    post('an unknown Transfer-Encoding', [from, json, ['Transfer-Encoding', 'gzip']], { body: '{}' }),
    post('HTTP/1.1 without Host', [from, json, ['Host', '']]),
  ];
}

/** Methods fetch will not send, or that no server should know. */
export function oddMethods(path: string): RawBadRequest[] {
  const ask = (name: string, method: string, mayClose = false): RawBadRequest => ({
    category: 'wrong methods',
    name,
    request: { method, target: path },
    mayClose,
  });
  return [
    ask('TRACK', 'TRACK'),
    ask('PROPFIND', 'PROPFIND'),
    ask('MKCOL', 'MKCOL'),
    ask('a lower-case method', 'post'),
    ask('a made-up method', 'FROBNICATE'),
    ask('a method of 1,000 letters', 'X'.repeat(1_000)),
    ask('a method with a NUL', 'GET\u0000'),
    ask('CONNECT', 'CONNECT', true),
  ];
}

/** Request lines with bytes that are not UTF-8, raw or percent-encoded. */
export function invalidUtf8Targets(path: string): string[] {
  return [
    `${path}\xff\xfe`,
    `${path}?lang=\xff`,
    `${path}%FF`,
    `${path}%C3%28`,
    `${path}?lang=%FF`,
    `${path}?x=%E0%A4`,
    `${path}%`,
  ];
}
