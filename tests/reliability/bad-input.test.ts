import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLang, type Lang } from '../../src/i18n/lang.ts';
import { GOOD_PASSWORD, uniqueEmail } from '../support/api.ts';
import { apiAnswerProblems, errorOf, LEAK, type Answer } from '../support/answers.ts';
import {
  bodyCases,
  bodylessCases,
  formCases,
  methodCases,
  originCases,
  parameterCases,
  type BadRequest,
  type SessionKind,
} from '../support/bad-requests.ts';
import { endpointsOf, exampleOf, exampleQuery, fillPath, type Endpoint, type OpenApiDocument } from '../support/openapi.ts';
import {
  headerInjections,
  invalidUtf8Targets,
  oddMethods,
  pathTrickTargets,
  pathVariants,
  type RawBadRequest,
} from '../support/raw-bad-requests.ts';
import { rawExchange, rawRequest, type RawResponse } from '../support/raw-http.ts';
import { httpClient, newCustomerIn, registerOver, staffOver, startBuiltServer, type BuiltServer } from '../support/server.ts';
import { freshCode } from '../support/totp.ts';

// Thousands of malformed requests against the built server as a real process:
// every endpoint of its own OpenAPI document, and the pages around it. None may
// get a 5xx or a glimpse of the inside; every refusal of the API is our JSON,
// in the language asked for.

const IN_FLIGHT = 16;
const ACCEPT_LANGUAGE: Record<Lang, string> = { nl: 'nl-NL,nl;q=0.9', en: 'en-GB,en;q=0.8' };
/** What a file on the server's disk would show, were it ever served. */
const DISK = /root:x:0:0|"devDependencies"|\[core\]|repositoryformatversion|createRuntime|APP_ENV/;

let server: BuiltServer;
let endpoints: Endpoint[];
let pages: string[];
const cookies: Partial<Record<SessionKind, string>> = {};
let sent = 0;

beforeAll(async () => {
  server = await startBuiltServer('sqlite');
  endpoints = endpointsOf((await (await fetch(`${server.origin}/api/openapi.json`)).json()) as OpenApiDocument);
  pages = builtPages();
  await logIn();
}, 60_000);
afterAll(() => server?.dispose());

/** Every page of the build, as the path a visitor asks for. */
function builtPages(): string[] {
  const root = join(process.cwd(), 'dist/client');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : entry.name.endsWith('.html') ? [join(dir, entry.name)] : [],
    );
  return walk(root).map(
    (file) =>
      `/${relative(root, file)
        .replace(/index\.html$/, '')
        .replace(/\\/g, '/')}`,
  );
}

/** Sessions at each stage, so the endpoints behind them see the bad input too. */
async function logIn() {
  const enrolled = uniqueEmail('corpus');
  const unenrolled = uniqueEmail('corpus');
  const client = httpClient(server.origin);
  for (const email of [enrolled, unenrolled]) await registerOver(server, client, email, await newCustomerIn(server));
  const full = httpClient(server.origin);
  await full.post('/api/session', { email: enrolled, password: GOOD_PASSWORD });
  const key = (await full.post('/api/authenticator/enrolment')).json.key.replace(/\s/g, '');
  await full.post('/api/authenticator/enrolment/confirm', { code: freshCode(key) });
  await full.post('/api/session', { email: enrolled, password: GOOD_PASSWORD });
  expect((await full.post('/api/session/code', { code: freshCode(key) })).status).toBe(200);
  cookies.full = full.cookie();
  const password = httpClient(server.origin);
  expect((await password.post('/api/session', { email: enrolled, password: GOOD_PASSWORD })).json).toEqual({ next: 'code' });
  cookies.password = password.cookie();
  const enrol = httpClient(server.origin);
  expect((await enrol.post('/api/session', { email: unenrolled, password: GOOD_PASSWORD })).json).toEqual({ next: 'enrol' });
  cookies.enrol = enrol.cookie();
  cookies.staff = (await staffOver(server)).cookie();
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

type Sent = Answer & { location: string | null };

async function send(c: BadRequest, lang: Lang): Promise<Sent> {
  sent++;
  const headers: Record<string, string> = {
    ...(c.noOrigin || c.method === 'GET' || c.method === 'HEAD' ? {} : { Origin: server.origin }),
    'Accept-Language': ACCEPT_LANGUAGE[lang],
    ...(c.session && cookies[c.session] ? { Cookie: cookies[c.session]! } : {}),
    ...c.headers,
  };
  const res = await fetch(`${server.origin}${c.path}`, {
    method: c.method,
    headers,
    redirect: 'manual',
    ...(c.body !== undefined ? { body: typeof c.body === 'string' ? c.body : new Uint8Array(c.body) } : {}),
  });
  const contentType = res.headers.get('content-type') ?? '';
  return { status: res.status, contentType, text: await res.text(), location: res.headers.get('location') };
}

async function sendRaw(c: RawBadRequest, lang: Lang): Promise<RawResponse & Answer> {
  sent++;
  const headers = [...(c.request.headers ?? [])];
  if (!headers.some(([n]) => n.toLowerCase() === 'accept-language')) headers.push(['Accept-Language', ACCEPT_LANGUAGE[lang]]);
  const res = await rawRequest(server.origin, { ...c.request, headers });
  return { ...res, contentType: res.headers['content-type'] ?? '' };
}

const describeCase = (c: { category: string; name: string }, method: string, path: string, lang: Lang) =>
  `${c.category}: ${c.name} — ${method} ${path.length > 80 ? `${path.slice(0, 80)}…` : path} [${lang}]`;

/** Sends each request in both languages; returns what went wrong. */
async function runApiCorpus(cases: BadRequest[]): Promise<string[]> {
  const failures: string[] = [];
  await pool(cases, IN_FLIGHT, async (c) => {
    const answers = {} as Record<Lang, Sent>;
    // `?lang=` wins over Accept-Language, by design.
    const fixed = new URL(c.path, server.origin).searchParams.get('lang');
    for (const asked of ['nl', 'en'] as const) {
      const lang = isLang(fixed) ? fixed : asked;
      const label = describeCase(c, c.method, c.path, asked);
      const answer = await send(c, asked).catch((error: Error) => ({ error }));
      if ('error' in answer) {
        failures.push(`${label}: ${answer.error.message} (${String((answer.error.cause as Error | undefined)?.message)})`);
        continue;
      }
      answers[asked] = answer;
      const problems = apiAnswerProblems(answer, lang, { hasBody: c.method !== 'HEAD' });
      if (c.status && answer.status !== 429 && !c.status.includes(answer.status))
        problems.push(`status ${answer.status}, expected ${c.status.join(' or ')}: ${answer.text.slice(0, 160)}`);
      if (answer.location && !isOurs(answer.location)) problems.push(`redirects away, to ${answer.location}`);
      const code = errorOf(answer)?.code;
      if (c.code && answer.status !== 429 && code !== c.code) problems.push(`code ${code}, expected ${c.code}`);
      failures.push(...problems.map((p) => `${label}: ${p}`));
    }
    const nl = answers.nl && errorOf(answers.nl);
    const en = answers.en && errorOf(answers.en);
    if (nl && en && !isLang(fixed) && nl.code === en.code && nl.message === en.message)
      failures.push(`${describeCase(c, c.method, c.path, 'en')}: the same message in nl and en: ${nl.message}`);
  });
  return failures;
}

/** A redirect to a path of this site (not `//host`, which leaves it), or to the site's own origin (the development broker). */
function isOurs(location: string): boolean {
  return /^\/(?![/\\])/.test(location) || location.startsWith(`${server.origin}/`);
}

/** A refusal by Node's HTTP parser, before any of our code: a bare status, no body of ours. */
function parserRefusal(answer: Answer): boolean {
  return [400, 413, 414, 431].includes(answer.status) && !answer.contentType.includes('json');
}

async function runRawCorpus(cases: RawBadRequest[]): Promise<string[]> {
  const failures: string[] = [];
  await pool(cases, IN_FLIGHT, async (c) => {
    const lang: Lang = sent % 2 === 0 ? 'nl' : 'en';
    const target = Buffer.isBuffer(c.request.target) ? c.request.target.toString('latin1') : c.request.target;
    const label = describeCase(c, c.request.method.slice(0, 20), JSON.stringify(target).slice(1, -1), lang);
    const answer = await sendRaw(c, lang).catch((error: Error) => ({ error }));
    if ('error' in answer)
      return void failures.push(
        `${label}: ${answer.error.message} (${String((answer.error.cause as Error | undefined)?.message)})`,
      );
    if (answer.status === 0 && c.mayClose) return;
    const problems: string[] = [];
    if (DISK.test(answer.text) || answer.text.includes(server.env.SECRET_KEY!)) problems.push('serves a file from disk');
    if ('x-injected' in answer.headers || /injected/.test(answer.headers['set-cookie'] ?? ''))
      problems.push('a header from the request came back as a header of the answer');
    if (!parserRefusal(answer)) {
      // The server routes on the normalised path: one that leaves /api is a page (its 404), not the API.
      const inside = target.startsWith('/api/') && pathnameOf(target).startsWith('/api/');
      const api = inside || answer.contentType.includes('json');
      // The language is checked where the case did not write an Accept-Language of its own.
      const asked = !c.request.headers?.some(([n]) => n.toLowerCase() === 'accept-language');
      if (api)
        problems.push(...apiAnswerProblems(answer, inside && asked ? lang : undefined, { hasBody: c.request.method !== 'HEAD' }));
      else {
        if (answer.status === 0) problems.push('no answer: the connection was closed');
        if (answer.status >= 500) problems.push(`status ${answer.status}`);
        if (LEAK.test(answer.text)) problems.push(`leaks ${JSON.stringify(LEAK.exec(answer.text)?.[0])}`);
      }
    }
    failures.push(...problems.map((p) => `${label}: ${p}`));
  });
  return failures;
}

function pathnameOf(target: string): string {
  try {
    return new URL(`http://host${target}`).pathname;
  } catch {
    return target;
  }
}

/** Fails with the first few problems, and how many there were. */
function expectNone(failures: string[]) {
  expect(failures.length ? [`${failures.length} problems, the first:`, ...failures.slice(0, 25)] : []).toEqual([]);
}

describe('bad input against the built server', () => {
  it('takes its endpoints from the OpenAPI document', () => {
    expect(endpoints.length).toBeGreaterThanOrEqual(25);
    expect(endpoints.map((e) => `${e.method} ${e.template}`)).toContain('POST /api/session');
    expect(pages.length).toBeGreaterThanOrEqual(50);
  });

  it('bodies: wrong types, missing, extra and duplicate fields, fragments, bad bytes, huge and deep', async () => {
    const staffOnly = await staffOnlyEndpoints(endpoints.filter((e) => e.body));
    const anonymous = [
      ...endpoints.filter((e) => e.body && !staffOnly.has(e)).flatMap((e) => bodyCases(e)),
      // The console's endpoints ask who is calling before they read a body: a stranger learns nothing of its shape.
      ...[...staffOnly].flatMap((e) =>
        bodyCases(e).map(({ code: _, ...c }): BadRequest => ({ ...c, status: [400, 401, 413, 415] })),
      ),
      ...endpoints.filter((e) => !e.body && !['GET', 'HEAD'].includes(e.method)).flatMap((e) => bodylessCases(e)),
      ...endpoints.filter((e) => e.takesForms).flatMap((e) => formCases(e)),
    ];
    const behindSessions = (await sessionsFor(endpoints.filter((e) => e.body)))
      .flatMap(([e, session]) => bodyCases(e, session))
      .filter((c) => !['huge bodies', 'nesting', 'content types'].includes(c.category));
    expectNone(await runApiCorpus([...anonymous, ...behindSessions]));
  }, 60_000);

  it('query and path parameters, methods, origins', async () => {
    const paths = new Map<string, Endpoint[]>();
    for (const e of endpoints) paths.set(e.template, [...(paths.get(e.template) ?? []), e]);
    const cases = [
      ...endpoints.filter((e) => e.parameters.length).flatMap((e) => parameterCases(e)),
      ...(await sessionsFor(endpoints.filter((e) => e.method === 'GET'))).flatMap(([e, s]) => parameterCases(e, s)),
      ...[...paths].flatMap(([template, list]) =>
        methodCases(
          template,
          fillPath(list[0]!),
          list.map((e) => e.method),
        ),
      ),
      ...endpoints.filter((e) => !['GET', 'HEAD'].includes(e.method)).flatMap((e) => originCases(e, server.origin)),
    ];
    expectNone(await runApiCorpus(cases));
  }, 60_000);

  it('raw sockets: header injection, path tricks, bytes that are not UTF-8, odd methods', async () => {
    const cases: RawBadRequest[] = [];
    for (const e of endpoints) {
      const path = fillPath(e);
      const body = JSON.stringify(e.body ? exampleOf(e.body) : {});
      if (e.method === 'POST') cases.push(...headerInjections(server.origin, path, body));
      for (const target of [...pathVariants(path), ...invalidUtf8Targets(path)])
        cases.push({
          category: 'path tricks',
          name: target.slice(0, 60),
          request: {
            method: e.method,
            target,
            headers: [
              ['Origin', server.origin],
              ['Content-Type', 'application/json'],
            ],
            ...(e.method === 'GET' ? {} : { body }),
          },
        });
      cases.push(...oddMethods(path));
    }
    for (const target of pathTrickTargets())
      cases.push({ category: 'path tricks', name: target.slice(0, 60), request: { method: 'GET', target } });
    expectNone(await runRawCorpus(cases));
  }, 60_000);

  it('pages: every built page, and bad requests for them', async () => {
    const cases: BadRequest[] = pages.flatMap((path) => [
      { category: 'pages', name: 'the page', method: 'GET', path },
      { category: 'pages', name: 'posted to', method: 'POST', path, headers: { 'Content-Type': 'application/json' }, body: '{}' },
      { category: 'pages', name: 'bad bytes in the query', method: 'GET', path: `${path}?s=%FF%FE&q=%C3%28` },
      { category: 'pages', name: 'a script in the query', method: 'GET', path: `${path}?q=${encodeURIComponent(FRAGMENT)}` },
    ]);
    for (const wizard of pages.filter((p) => /\/(hulp|help)\/[^/]+\/$/.test(p)))
      for (const s of ['zzzz', '9'.repeat(41), '%00', '%FF', '0'.repeat(40), '-1'])
        cases.push({ category: 'pages', name: `wizard path ${s}`, method: 'GET', path: `${wizard}?s=${s}` });
    for (const path of [
      '/dev/mail',
      '/dev/mail/%FF',
      "/dev/mail/'%20OR%201=1--",
      '/dev/mail/..%2f..',
      '/broker/auth?client_id=%FF',
    ])
      cases.push({ category: 'pages', name: 'development tools', method: 'GET', path });
    const failures: string[] = [];
    await pool(cases, IN_FLIGHT, async (c) => {
      const lang: Lang = sent % 2 === 0 ? 'nl' : 'en';
      const answer = await send(c, lang);
      const label = describeCase(c, c.method, c.path, lang);
      if (answer.status >= 500) failures.push(`${label}: status ${answer.status}`);
      if (c.name === 'the page' && answer.status !== 200 && !c.path.startsWith('/404'))
        failures.push(`${label}: status ${answer.status}`);
      if (LEAK.test(answer.text)) failures.push(`${label}: leaks ${LEAK.exec(answer.text)?.[0]}`);
      if (answer.text.includes(FRAGMENT)) failures.push(`${label}: the script came back unescaped`);
    });
    expectNone(failures);
  }, 60_000);

  // Faults this corpus found, kept as their reproduction.

  it('answers TRACE, which no WHATWG Request can carry, instead of leaving the connection open', async () => {
    for (const target of ['/api/health', '/dev/mail', '/']) {
      const answer = await rawRequest(server.origin, { method: 'TRACE', target, headers: [['Accept-Language', 'en']] }, 3_000);
      expect(answer.status).toBe(405);
      expect(JSON.parse(answer.text).error.message).toBe('This action is not possible here.');
    }
  });

  it('keeps development’s own pages from a request a proxy passed on: a development server behind one is not a developer’s machine', async () => {
    for (const target of ['/dev/mail', '/broker/.well-known/openid-configuration', '/demo-portal/'])
      for (const header of ['X-Forwarded-For', 'Forwarded', 'X-Forwarded-Host']) {
        const answer = await rawRequest(server.origin, { method: 'GET', target, headers: [[header, 'for=203.0.113.9']] }, 3_000);
        expect(answer.status, `${target} with ${header}`).toBe(404);
      }
    expect((await rawRequest(server.origin, { method: 'GET', target: '/dev/mail' }, 3_000)).status).toBe(200);
  });

  it('answers an HTTP/1.0 health check without Host, as a load balancer sends it', async () => {
    const answer = await rawExchange(server.origin, Buffer.from('GET /api/health HTTP/1.0\r\n\r\n', 'latin1'), 3_000);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ status: 'ok' });
  });

  it('closes a kept-alive connection after refusing a chunked body half-read, so no request waits behind its rest', async () => {
    const answer = await rawRequest(
      server.origin,
      {
        method: 'POST',
        target: '/api/session',
        headers: [
          ['Origin', server.origin],
          ['Content-Type', 'application/json'],
          ['Transfer-Encoding', 'chunked'],
          ['Connection', 'keep-alive'],
        ],
        body: `4e20\r\n${'x'.repeat(20_000)}\r\n0\r\n\r\n`,
      },
      3_000,
    );
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
  });

  it('does not log a client that hangs up mid-body as the database going away', async () => {
    const socket = connect({ host: '127.0.0.1', port: Number(new URL(server.origin).port) });
    await new Promise((resolve) => socket.once('connect', resolve));
    // Chunked, so the body limit is reading it when the connection goes (a length-stated body is read by the route).
    const head = `POST /api/session HTTP/1.1\r\nHost: ${new URL(server.origin).host}\r\nOrigin: ${server.origin}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
    socket.write(`${head}10\r\n{"email":"a`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const before = server.output().length;
    socket.destroy();
    const logged = () => server.output().slice(before);
    await expect.poll(logged, { timeout: 10_000 }).toMatch(/client left before its request was read/);
    expect(logged()).not.toMatch(/store unavailable|request failed/);
  });

  it('routes on the path the apps see: an /api/ path that normalises elsewhere is not the API', async () => {
    const outside = await rawRequest(server.origin, { method: 'GET', target: '/api/../etc/passwd' });
    expect(outside.status).toBe(404);
    expect(outside.headers['x-content-type-options']).toBe('nosniff');
    expect(outside.text).not.toMatch(/root:|SECRET/);
    // Double slashes are a page path, answered with the page headers.
    const doubled = await rawRequest(server.origin, { method: 'GET', target: '//api/health' });
    expect(doubled.status).toBeLessThan(500);
    expect(doubled.headers['x-content-type-options']).toBe('nosniff');
    // `/api` and `/dev` themselves belong to their apps, as `/api/…` does: not to Astro's page
    // routes for them, which answered the same through a second copy of the API (9 MiB more) and
    // with a page's headers.
    for (const target of ['/api', '/dev', '/api?x=1']) {
      const own = await rawRequest(server.origin, { method: 'GET', target });
      expect(own.status, target).toBe(404);
      if (target.startsWith('/api')) expect(JSON.parse(own.text).error.code, target).toBe('notFound');
      expect(own.headers['content-length'], target).toBeDefined();
      expect(own.headers['permissions-policy'], target).toBeUndefined();
    }
  });

  it('sends the feedback form back only to a page of this site', async () => {
    // 2130706433 is 127.0.0.1 written as one number.
    for (const back of ['//2130706433/', '//evil/', '/a//b/']) {
      const res = await fetch(`${server.origin}/api/feedback`, {
        method: 'POST',
        headers: { Origin: server.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `page=article:x&lang=nl&helpful=yes&back=${encodeURIComponent(back)}`,
        redirect: 'manual',
      });
      expect(res.status, back).toBe(422);
    }
  });

  it('does not offer the method it refuses when a path has a trailing slash', async () => {
    const res = await fetch(`${server.origin}/api/session/`, { method: 'POST', headers: { Origin: server.origin } });
    expect(res.status).toBe(404);
  });

  it('sent at least 5,000 requests', () => {
    console.info(`bad-input corpus: ${sent} requests`);
    expect(sent).toBeGreaterThanOrEqual(5_000);
  });
});

const FRAGMENT = '<script>alert(1)</script>';

/** Endpoints that refuse a stranger before they look at the body: a body of the wrong shape still gets "not logged in". */
async function staffOnlyEndpoints(list: Endpoint[]): Promise<Set<Endpoint>> {
  const found = new Set<Endpoint>();
  for (const e of list) {
    const probe: BadRequest = {
      category: 'probe',
      name: 'shape',
      method: e.method,
      path: fillPath(e),
      headers: { 'Content-Type': 'application/json' },
      body: '[]',
    };
    if (noSession(await send(probe, 'nl'))) found.add(e);
  }
  return found;
}

const noSession = (answer: Answer) => ['notLoggedIn', 'sessionExpired'].includes(errorOf(answer)?.code ?? '');

/**
 * Endpoints that refuse an anonymous request for want of a session, each with
 * the first kind of session that gets it past that check.
 */
async function sessionsFor(list: Endpoint[]): Promise<[Endpoint, SessionKind][]> {
  const found: [Endpoint, SessionKind][] = [];
  for (const e of list.filter((e) => e.method !== 'DELETE')) {
    const probe: BadRequest = {
      category: 'probe',
      name: 'session',
      method: e.method,
      path: `${fillPath(e)}?${new URLSearchParams(exampleQuery(e))}`,
      ...(e.body ? { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(exampleOf(e.body)) } : {}),
    };
    if (!noSession(await send(probe, 'nl'))) continue;
    for (const session of ['full', 'password', 'enrol', 'staff'] as const) {
      const answer = await send({ ...probe, session }, 'nl');
      if (!noSession(answer) && errorOf(answer)?.code !== 'forbidden') {
        found.push([e, session]);
        break;
      }
    }
  }
  return found;
}
