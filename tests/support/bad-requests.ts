import { allFields, exampleOf, exampleQuery, fillPath, withField, type Endpoint, type Schema } from './openapi.ts';

// A corpus of malformed requests, made from the OpenAPI document: for every
// endpoint, every field and every way a client (or an attacker) gets it wrong.

export interface BadRequest {
  category: string;
  name: string;
  method: string;
  /** Path and query, as fetch sends them. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The statuses this request must get; any status below 500 when absent. 429 (rate limit) is always allowed. */
  status?: number[];
  /** The error code it must get. */
  code?: string;
  /** The endpoint needs this kind of session to go past its first check. */
  session?: SessionKind;
  /** Send no Origin of our own (the case is about the Origin). */
  noOrigin?: boolean;
}

export type SessionKind = 'full' | 'password' | 'enrol' | 'staff';

/** SQL, script, template and path fragments; none may do anything but be refused or stored as text. */
export const FRAGMENTS = [
  "' OR '1'='1",
  "'; DROP TABLE accounts; --",
  '" OR ""="',
  "admin'--",
  "') UNION SELECT password_hash, totp_secret FROM accounts --",
  '1; SELECT pg_sleep(5) --',
  "%' AND 1=0 UNION SELECT sqlite_version() --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}${7*7}<%= 7*7 %>',
  '../../../../etc/passwd',
  '\u0000\u0001\u001f',
  '\r\nSet-Cookie: injected=1',
  '\u202eevil\u202c 😀 Ω≈ç√ \ud800',
  '%00%0d%0a%ff',
] as const;

/** Addresses the schema accepts that still carry a fragment to the database. */
const FRAGMENT_EMAILS = ["o'neil'--@voorbeeld.test", "x'or'1@voorbeeld.test", 'select+union@voorbeeld.test'];

/** Values of the wrong type, for any field. */
const WRONG_TYPES: [string, unknown][] = [
  ['a number', 12345],
  ['a negative fraction', -1.5],
  ['a huge number', 1e308],
  ['true', true],
  ['false', false],
  ['null', null],
  ['an empty array', []],
  ['an array of text', ['x', 'y']],
  ['an empty object', {}],
  ['an operator object', { $gt: '' }],
];

const BODY_SHAPES: [string, string][] = [
  ['null', 'null'],
  ['an array', '[1,2,3]'],
  ['a string', '"x"'],
  ['a number', '42'],
  ['true', 'true'],
  ['an empty body', ''],
  ['whitespace', ' \n\t '],
  ['an open brace', '{'],
  ['an unclosed object', '{"a":1'],
  ['one brace too many', '{}}'],
  ['single quotes', "{'a':1}"],
  ['a trailing comma', '{"a":1,}'],
  ['a byte order mark', '\ufeff{}'],
  ['NaN', '{"a":NaN}'],
  ['an overflowing number', '{"a":1e999}'],
  ['a comment', '/* hi */{}'],
  ['a lone surrogate', '{"a":"\\ud800"}'],
  ['an escaped NUL', '{"a":"\\u0000"}'],
  ['a 10,000-digit number', '1'.repeat(10_000)],
  ['garbage', '\u0001\u0002\u0003'],
];

const WRONG_CONTENT_TYPES = [
  'text/plain',
  'text/html',
  'application/xml',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  'application/json-patch+json',
  'application/jsonx',
  'image/png',
];
const JSON_CONTENT_TYPES = ['application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json; charset=latin1'];

const BAD_UTF8: [string, Buffer][] = [
  ['a lone 0xFF', Buffer.from([0xff])],
  ['a cut two-byte sequence', Buffer.from([0xc3, 0x28])],
  ['an encoded surrogate', Buffer.from([0xed, 0xa0, 0x80])],
  ['an overlong slash', Buffer.from([0xc0, 0xaf])],
  ['a five-byte sequence', Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80])],
];

const MARKER = 'XXMARKERXX';

/** A JSON body with raw bytes in place of the placeholder inside one string field. */
function bodyWithBytes(example: unknown, path: string[], bytes: Buffer): Buffer {
  const [before, after] = JSON.stringify(withField(example, path, `a${MARKER}b`)).split(MARKER);
  return Buffer.concat([Buffer.from(before!), bytes, Buffer.from(after!)]);
}

/** JSON of the example with a field's value given as JSON text (deeper than JSON.stringify goes). */
function jsonWith(example: unknown, path: string[], json: string): string {
  return JSON.stringify(withField(example, path, MARKER)).replace(`"${MARKER}"`, json);
}

function pathWithQuery(path: string, query: Record<string, string>): string {
  const search = new URLSearchParams(query).toString();
  return search ? `${path}?${search}` : path;
}

const INVALID = { status: [422], code: 'invalidInput' };

/** Every bad request for one endpoint that takes a JSON body. */
export function bodyCases(endpoint: Endpoint, session?: SessionKind): BadRequest[] {
  const schema = endpoint.body!;
  const example = exampleOf(schema);
  const path = pathWithQuery(fillPath(endpoint), exampleQuery(endpoint));
  const json = { 'Content-Type': 'application/json' };
  const base = { method: endpoint.method, path, headers: json, ...(session ? { session } : {}) };
  const cases: BadRequest[] = [{ ...base, category: 'baseline', name: 'the example', body: JSON.stringify(example) }];
  const fields = allFields(schema);
  const add = (category: string, name: string, body: string | Buffer, expected: Partial<BadRequest> = {}) =>
    cases.push({ ...base, category, name, body, ...expected });

  for (const field of fields) {
    const name = field.path.join('.');
    for (const [label, value] of WRONG_TYPES) {
      if (acceptsType(field.schema, value)) continue;
      add('wrong types', `${name} is ${label}`, JSON.stringify(withField(example, field.path, value)), INVALID);
    }
    if (field.schema.enum)
      add('wrong types', `${name} outside its choices`, JSON.stringify(withField(example, field.path, 'zz')), INVALID);
    if (field.required)
      add('missing fields', `without ${name}`, JSON.stringify(withField(example, field.path, undefined, true)), INVALID);
    const wrong = withField(example, field.path, 12345);
    add('duplicate keys', `${name} twice, the second wrong`, duplicateKey(wrong, field.path, exampleOf(field.schema)), INVALID);
    add('duplicate keys', `${name} twice, the second right`, duplicateKey(example, field.path, 12345));
    if (isText(field.schema)) {
      for (const fragment of FRAGMENTS) {
        add('fragments', `${name} = ${JSON.stringify(fragment)}`, JSON.stringify(withField(example, field.path, fragment)));
        const valid = String(exampleOf(field.schema));
        add(
          'fragments',
          `${name} ends in ${JSON.stringify(fragment)}`,
          JSON.stringify(withField(example, field.path, valid + fragment)),
        );
      }
      if (field.schema.format === 'email')
        for (const email of FRAGMENT_EMAILS)
          add('fragments', `${name} = ${email}`, JSON.stringify(withField(example, field.path, email)));
      for (const [label, bytes] of BAD_UTF8)
        add('invalid UTF-8', `${name} with ${label}`, bodyWithBytes(example, field.path, bytes));
      add('huge bodies', `${name} of 16,385 bytes`, JSON.stringify(withField(example, field.path, 'x'.repeat(16_385))), {
        status: [413],
        code: 'payloadTooLarge',
      });
    }
  }
  if (fields.some((f) => f.required)) add('missing fields', 'an empty object', '{}', INVALID);
  for (const extra of ['admin', 'role', 'isAdmin', 'constructor', 'prototype'])
    add('extra fields', `with ${extra}`, JSON.stringify({ ...(example as object), [extra]: true }), INVALID);
  add('extra fields', 'with __proto__', JSON.stringify(example).replace(/^\{/, '{"__proto__":{"admin":true},'), INVALID);
  for (const [label, body] of BODY_SHAPES) add('body shapes', label, body, { status: [400, 413, 422] });

  add('huge bodies', 'one byte over 16 KB', JSON.stringify({ pad: 'x'.repeat(16_384) }), {
    status: [413],
    code: 'payloadTooLarge',
  });
  add('huge bodies', '100 KB', JSON.stringify({ pad: 'x'.repeat(100_000) }), { status: [413], code: 'payloadTooLarge' });
  add('huge bodies', '1 MB', JSON.stringify({ pad: 'x'.repeat(1_000_000) }), { status: [413], code: 'payloadTooLarge' });
  add('huge bodies', '100,000 fields', `{${Array.from({ length: 100_000 }, (_, i) => `"f${i}":1`).join(',')}}`, {
    status: [413],
    code: 'payloadTooLarge',
  });
  add('nesting', '10,000 nested arrays', '['.repeat(10_000) + ']'.repeat(10_000), { status: [413], code: 'payloadTooLarge' });
  add('nesting', '10,000 nested objects', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000), {
    status: [413],
    code: 'payloadTooLarge',
  });
  add('nesting', '8,000 nested arrays (under the limit)', '['.repeat(8_000) + ']'.repeat(8_000), { status: [400, 422] });
  add('nesting', '2,600 nested objects (under the limit)', '{"a":'.repeat(2_600) + '1' + '}'.repeat(2_600), {
    status: [400, 422],
  });
  const first = fields[0];
  if (first)
    add('nesting', `${first.path.join('.')} as 7,000 nested arrays`, jsonWith(example, first.path, nested(7_000)), {
      status: [400, 422],
    });
  add('invalid UTF-8', 'a body of random bytes', Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 151 + 7) % 256)), {
    status: [400, 422],
  });

  const body = JSON.stringify(example);
  for (const type of WRONG_CONTENT_TYPES) {
    const form = type === 'application/x-www-form-urlencoded' && endpoint.takesForms;
    cases.push({
      ...base,
      category: 'content types',
      name: type,
      headers: { 'Content-Type': type },
      body,
      ...(form ? { status: [422] } : { status: [415], code: 'unsupportedMediaType' }),
    });
  }
  for (const type of JSON_CONTENT_TYPES)
    cases.push({ ...base, category: 'content types', name: type, headers: { 'Content-Type': type }, body });
  // Bytes, so that fetch adds no Content-Type of its own (for text it says text/plain).
  cases.push({
    ...base,
    category: 'content types',
    name: 'no content type',
    headers: {},
    body: Buffer.from(body),
    status: [415],
  });
  for (const [label, query] of [
    ['lang twice', 'lang=en&lang=nl'],
    ['lang as an array', 'lang[]=en'],
    ['a __proto__ parameter', '__proto__[admin]=1'],
    ['lang of bad bytes', 'lang=%FF%FE'],
    ['a fragment in the query', `q=${encodeURIComponent(FRAGMENTS[1])}`],
  ])
    cases.push({
      ...base,
      category: 'duplicate query parameters',
      name: label!,
      path: `${path}${path.includes('?') ? '&' : '?'}${query}`,
      body,
    });
  return cases;
}

/** Bodies for an endpoint that takes none: the same rules on type and size apply before it is reached. */
export function bodylessCases(endpoint: Endpoint, session?: SessionKind): BadRequest[] {
  const base = { method: endpoint.method, path: fillPath(endpoint), ...(session ? { session } : {}) };
  const json = { 'Content-Type': 'application/json' };
  return [
    ...BODY_SHAPES.map(([name, body]) => ({ ...base, category: 'body shapes', name, headers: json, body })),
    ...WRONG_CONTENT_TYPES.map((type) => ({
      ...base,
      category: 'content types',
      name: type,
      headers: { 'Content-Type': type },
      body: '{}',
      status: [415],
      code: 'unsupportedMediaType',
    })),
    {
      ...base,
      category: 'huge bodies',
      name: '1 MB',
      headers: json,
      body: JSON.stringify({ pad: 'x'.repeat(1_000_000) }),
      status: [413],
    },
    { ...base, category: 'nesting', name: '10,000 nested arrays', headers: json, body: nested(10_000), status: [413] },
  ];
}

/** Plain form bodies, for an endpoint that takes them (the feedback form works without JavaScript). */
export function formCases(endpoint: Endpoint): BadRequest[] {
  const example = new URLSearchParams(
    Object.entries(exampleOf(endpoint.body!) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
  ).toString();
  const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const bodies: [string, string | Buffer, number[]?][] = [
    ['the example', example],
    ['a field twice', `${example}&${example}`],
    ['bad percent-encoding', `${example}&comment=%FF%FE%`],
    ['raw bytes that are not UTF-8', Buffer.concat([Buffer.from(`${example}&comment=`), Buffer.from([0xff, 0xc3, 0x28])])],
    ['only separators', '&&&===&'],
    ['a __proto__ field', `${example}&__proto__[admin]=1&constructor[prototype][x]=1`],
    ['an unknown field', `${example}&admin=1`, [422]],
    ['a script as comment', `${example}&comment=${encodeURIComponent(FRAGMENTS[7])}`],
    ['a field of 20 KB', `${example}&comment=${'x'.repeat(20_000)}`, [413]],
    ...['https://evil.example/', '/\\evil.example', 'javascript:alert(1)', '/%2F%2Fevil', 'http:evil'].map(
      (back): [string, string, number[]] => [`back=${back}`, `${example}&back=${encodeURIComponent(back)}`, [422]],
    ),
  ];
  return bodies.map(([name, body, status]) => ({
    category: 'form bodies',
    name,
    method: endpoint.method,
    path: fillPath(endpoint),
    headers: form,
    body,
    ...(status ? { status } : {}),
  }));
}

/** Bad requests for an endpoint's query and path parameters. */
export function parameterCases(endpoint: Endpoint, session?: SessionKind): BadRequest[] {
  const query = exampleQuery(endpoint);
  const cases: BadRequest[] = [];
  const needsBody = endpoint.body
    ? { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(exampleOf(endpoint.body)) }
    : {};
  const add = (category: string, name: string, path: string, expected: Partial<BadRequest> = {}) =>
    cases.push({ category, name, method: endpoint.method, path, ...needsBody, ...(session ? { session } : {}), ...expected });
  const filled = fillPath(endpoint);
  add('baseline', 'the example query', pathWithQuery(filled, query));
  for (const parameter of endpoint.parameters.filter((p) => p.in === 'query')) {
    const { name } = parameter;
    const rest = { ...query };
    delete rest[name];
    if (parameter.required) add('missing fields', `without ${name}`, pathWithQuery(filled, rest));
    const value = query[name] ?? String(exampleOf(parameter.schema));
    add('duplicate query parameters', `${name} twice`, `${pathWithQuery(filled, rest)}&${name}=${value}&${name}=zz`);
    add('duplicate query parameters', `${name}[]`, `${pathWithQuery(filled, rest)}&${name}[]=${value}`);
    add('wrong types', `${name} of 10,000 characters`, pathWithQuery(filled, { ...rest, [name]: 'x'.repeat(10_000) }));
    add('wrong types', `${name} empty`, pathWithQuery(filled, { ...rest, [name]: '' }));
    for (const fragment of FRAGMENTS)
      add('fragments', `${name} = ${JSON.stringify(fragment)}`, pathWithQuery(filled, { ...rest, [name]: fragment }));
    for (const bytes of ['%FF', '%C3%28', '%ED%A0%80', '%', '%zz'])
      add('invalid UTF-8', `${name} = ${bytes}`, `${pathWithQuery(filled, rest)}&${name}=${bytes}`);
  }
  for (const parameter of endpoint.parameters.filter((p) => p.in === 'path')) {
    const set = (value: string) => fillPath(endpoint, { [parameter.name]: value });
    for (const fragment of FRAGMENTS)
      add(
        'fragments',
        `{${parameter.name}} = ${JSON.stringify(fragment)}`,
        pathWithQuery(set(encodeURIComponent(fragment.toWellFormed())), query),
      );
    for (const bytes of ['%FF', '%C3%28', '%00', '..', '%2e%2e', '%2F'])
      add('invalid UTF-8', `{${parameter.name}} = ${bytes}`, pathWithQuery(set(bytes), query));
    add('wrong types', `{${parameter.name}} of 5,000 characters`, pathWithQuery(set('x'.repeat(5_000)), query));
  }
  return cases;
}

/** Methods the path does not have: 405 with an Allow header. */
export function methodCases(template: string, path: string, methods: string[]): BadRequest[] {
  return ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']
    .filter((m) => !methods.includes(m))
    .map((method) => ({
      category: 'wrong methods',
      name: `${method} ${template}`,
      method,
      path,
      ...(method === 'GET' || method === 'OPTIONS' ? {} : { headers: { 'Content-Type': 'application/json' }, body: '{}' }),
      status: [405],
      code: 'methodNotAllowed',
    }));
}

/** State-changing requests from elsewhere: 403, before anything else is looked at. */
export function originCases(endpoint: Endpoint, origin: string): BadRequest[] {
  const body = endpoint.body ? JSON.stringify(exampleOf(endpoint.body)) : '{}';
  const path = pathWithQuery(fillPath(endpoint), exampleQuery(endpoint));
  const url = new URL(origin);
  const bad: [string, Record<string, string>][] = [
    ['no Origin', {}],
    ['another site', { Origin: 'https://evil.example' }],
    ['Origin null', { Origin: 'null' }],
    ['a trailing slash', { Origin: `${origin}/` }],
    ['another port', { Origin: `${url.protocol}//${url.hostname}:${Number(url.port) + 1}` }],
    ['another host name for the same server', { Origin: `${url.protocol}//localhost:${url.port}` }],
    ['https instead of http', { Origin: origin.replace('http:', 'https:') }],
    ['a cross-site fetch', { 'Sec-Fetch-Site': 'cross-site' }],
    ['the origin as a prefix', { Origin: `${origin}.evil.example` }],
  ];
  return bad.map(([name, headers]) => ({
    category: 'bad origins',
    name,
    method: endpoint.method,
    path,
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
    noOrigin: true,
    status: [403],
    code: 'crossOrigin',
  }));
}

function isText(schema: Schema): boolean {
  const chosen = schema.anyOf?.find((s) => s.type === 'string') ?? schema;
  return chosen.type === 'string' && !chosen.enum;
}

function acceptsType(schema: Schema, value: unknown): boolean {
  const options = schema.anyOf ?? schema.oneOf ?? [schema];
  return options.some((s) => {
    if (s.type === 'boolean') return typeof value === 'boolean';
    if (s.type === 'number' || s.type === 'integer') return typeof value === 'number';
    if (s.type === 'object') return value !== null && typeof value === 'object' && !Array.isArray(value) && !s.properties;
    if (s.type === 'array') return Array.isArray(value);
    return false;
  });
}

/** JSON with the field written twice: first `first`, then the value of the example at that place. */
function duplicateKey(example: unknown, path: string[], first: unknown): string {
  const text = JSON.stringify(example);
  const key = `"${path.at(-1)!}":`;
  const at = text.indexOf(key);
  return `${text.slice(0, at)}${key}${JSON.stringify(first)},${text.slice(at)}`;
}

function nested(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}
