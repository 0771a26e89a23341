import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, ORIGIN, roomInWindow, type ApiClient } from '../support/api.ts';
import { forEachStore, testRuntime } from '../support/runtime.ts';
import { staffClient } from '../support/staff.ts';
import { limitedNetwork } from '../../src/edge/middleware/client-ip.ts';
import { texts } from '../../src/i18n/index.ts';
import { limits } from '../../src/edge/limits.ts';

let runtime: Awaited<ReturnType<typeof testRuntime>>;
let client: ApiClient;
beforeAll(async () => {
  runtime = await testRuntime();
  client = apiClient(runtime);
});
afterAll(() => runtime.dispose());

const endpoints: { path: string; valid: Record<string, unknown>; takesForms?: boolean }[] = [
  { path: '/api/accounts', valid: { email: 'a@voorbeeld.test', policyNumber: 'ZP100001' } },
  { path: '/api/accounts/activate', valid: { token: 'x'.repeat(43) } },
  { path: '/api/session', valid: { email: 'a@voorbeeld.test', password: 'een lang wachtwoord' } },
  { path: '/api/session/code', valid: { code: '123456' } },
  { path: '/api/authenticator/enrolment/confirm', valid: { code: '123456' } },
  { path: '/api/authenticator/rebind', valid: { email: 'a@voorbeeld.test', password: 'een lang wachtwoord' } },
  { path: '/api/authenticator/rebind/start', valid: { token: 'x'.repeat(43) } },
  { path: '/api/password/reset-request', valid: { email: 'a@voorbeeld.test' } },
  { path: '/api/password/reset', valid: { token: 'x'.repeat(43), password: 'een lang wachtwoord' } },
  { path: '/api/account/email', valid: { newEmail: 'b@voorbeeld.test', password: 'een lang wachtwoord' } },
  { path: '/api/account/email/confirm', valid: { token: 'x'.repeat(43) } },
  { path: '/api/agent/session', valid: { email: 'a@voorbeeld.test', password: 'een lang wachtwoord' } },
  { path: '/api/agent/invitation', valid: { token: 'x'.repeat(43), password: 'een lang wachtwoord' } },
  { path: '/api/help-codes', valid: { context: { kind: 'wizard', wizard: 'new-phone', path: '1', lang: 'nl' } } },
  // Feedback also takes a plain form, from article pages that work without JavaScript.
  { path: '/api/feedback', valid: { page: 'article:x', lang: 'nl', helpful: true }, takesForms: true },
  { path: '/api/search-misses', valid: { query: 'pasje kwijt', lang: 'nl' } },
  { path: '/api/wizard-ends', valid: { wizard: 'new-phone', end: 'noMailbox' } },
];

/** Each bad request: how it is sent, and the status and message code it must get. */
interface BadRequest {
  name: string;
  body: string;
  type?: string;
  origin?: string;
  status: number;
  code: string;
  /** What each field says, per language, where the test pins it. */
  fields?: Record<'nl' | 'en', Record<string, string>>;
}

function badRequests(valid: Record<string, unknown>, takesForms = false): BadRequest[] {
  const firstKey = Object.keys(valid)[0]!;
  const { [firstKey]: _dropped, ...missing } = valid;
  return [
    { name: 'a missing field', body: JSON.stringify(missing), status: 422, code: 'invalidInput' },
    {
      name: 'a number where text belongs',
      body: JSON.stringify({ ...valid, [firstKey]: 12345 }),
      status: 422,
      code: 'invalidInput',
    },
    { name: 'null', body: 'null', status: 422, code: 'invalidInput' },
    { name: 'an array', body: '[1,2,3]', status: 422, code: 'invalidInput' },
    { name: 'an unknown extra field', body: JSON.stringify({ ...valid, admin: true }), status: 422, code: 'invalidInput' },
    {
      name: 'an over-long field',
      body: JSON.stringify({ ...valid, [firstKey]: 'x'.repeat(5000) }),
      status: 422,
      code: 'invalidInput',
    },
    // Said as too long, not as "enter your password" under a field that is full.
    ...('password' in valid
      ? [
          {
            name: 'an over-long password',
            body: JSON.stringify({ ...valid, password: 'x'.repeat(5000) }),
            status: 422,
            code: 'invalidInput',
            fields: { nl: { password: texts('nl').api.tooLong }, en: { password: texts('en').api.tooLong } },
          },
        ]
      : []),
    { name: 'malformed JSON', body: '{"email": "a@b.nl", ', status: 400, code: 'malformedJson' },
    {
      name: 'an oversized body',
      body: JSON.stringify({ ...valid, pad: 'x'.repeat(20_000) }),
      status: 413,
      code: 'payloadTooLarge',
    },
    {
      name: 'a form body',
      body: 'email=a%40b.nl',
      type: 'application/x-www-form-urlencoded',
      ...(takesForms ? { status: 422, code: 'invalidInput' } : { status: 415, code: 'unsupportedMediaType' }),
    },
    { name: 'a text body', body: JSON.stringify(valid), type: 'text/plain', status: 415, code: 'unsupportedMediaType' },
    {
      name: 'JSON said to be in UTF-16',
      body: JSON.stringify(valid),
      type: 'application/json; charset=utf-16',
      status: 415,
      code: 'unsupportedMediaType',
    },
    {
      name: 'a cross-origin post',
      body: JSON.stringify(valid),
      origin: 'https://evil.example',
      status: 403,
      code: 'crossOrigin',
    },
    { name: 'a post without origin', body: JSON.stringify(valid), origin: '', status: 403, code: 'crossOrigin' },
  ];
}

describe('bad input on every endpoint', () => {
  for (const { path, valid, takesForms } of endpoints) {
    for (const bad of badRequests(valid, takesForms)) {
      it(`${path}: ${bad.name} → ${bad.status} ${bad.code}, translated`, async () => {
        for (const [lang, pattern] of [
          ['nl', /[a-z]/],
          ['en', /[a-z]/],
        ] as const) {
          const headers: Record<string, string> = { 'Content-Type': bad.type ?? 'application/json', 'Accept-Language': lang };
          if (bad.origin !== undefined) headers.Origin = bad.origin;
          const res = await client.call('POST', path, bad.body, headers);
          expect(res.status).toBe(bad.status);
          expect(res.json.error.code).toBe(bad.code);
          expect(res.json.error.message).toMatch(pattern);
          if (bad.fields) expect(res.json.error.fields).toMatchObject(bad.fields[lang]);
          expect(res.text).not.toMatch(/at \w+ \(|node_modules|stack|SQLITE|syntax error/i);
        }
        const nl = await client.call('POST', path, bad.body, {
          'Content-Type': bad.type ?? 'application/json',
          'Accept-Language': 'nl',
          Origin: bad.origin ?? ORIGIN,
        });
        const en = await client.call('POST', path, bad.body, {
          'Content-Type': bad.type ?? 'application/json',
          'Accept-Language': 'en',
          Origin: bad.origin ?? ORIGIN,
        });
        expect(nl.json.error.message).not.toBe(en.json.error.message);
      });
    }
  }

  it('reads a media type whatever its case, as HTTP has it', async () => {
    const form = await client.call('POST', '/api/feedback', 'page=article%3Ax&lang=nl&helpful=yes&back=%2Fvragen%2Fx%2F', {
      'Content-Type': 'Application/X-WWW-Form-Urlencoded',
    });
    expect(form.status).toBe(303);
    const json = await client.call('POST', '/api/feedback', JSON.stringify({ page: 'article:x', lang: 'nl', helpful: true }), {
      'Content-Type': 'Application/JSON; Charset=UTF-8',
    });
    expect(json.status).toBe(204);
    const invalid = await client.call('POST', '/api/search-misses', JSON.stringify({ query: 5 }), {
      'Content-Type': 'APPLICATION/JSON',
    });
    expect(invalid.status).toBe(422);
  });

  it("names the field in the customer's language", async () => {
    const res = await client.call(
      'POST',
      '/api/accounts',
      JSON.stringify({ email: 'geen-adres', password: 'x', policyNumber: 'ZP100001' }),
      {
        'Content-Type': 'application/json',
        'Accept-Language': 'en',
      },
    );
    expect(res.status).toBe(422);
    expect(res.json.error.fields.email).toMatch(/valid email address/);
  });

  it('accepts a same-origin request that only says Sec-Fetch-Site', async () => {
    const res = await client.call('POST', '/api/session', JSON.stringify({ email: 'a@voorbeeld.test', password: 'x' }), {
      'Content-Type': 'application/json',
      Origin: '',
      'Sec-Fetch-Site': 'same-origin',
    });
    expect(res.status).toBe(401);
  });

  it('counts a client by its network, whatever way its address is written', () => {
    for (const [written, counted] of [
      ['203.0.113.9', '203.0.113.9'],
      ['203.0.113.9:51234', '203.0.113.9'],
      ['::ffff:203.0.113.9', '203.0.113.9'],
      ['::ffff:cb00:7109', '203.0.113.9'],
      ['2001:db8:7:7::1', '2001:db8:7:7::/64'],
      ['[2001:db8:7:7:ffff::2]:443', '2001:db8:7:7::/64'],
      ['2001:0DB8:0007:0007:0:0:0:3', '2001:db8:7:7::/64'],
      ['fe80::1%eth0', 'fe80:0:0:0::/64'],
      ['64:ff9b::203.0.113.9', '203.0.113.9'],
      ['64:ff9b::198.51.100.1', '198.51.100.1'],
      ['2002:cb00:7109:1::1', '203.0.113.9'],
      ['2002:cb00:7109:2::1', '203.0.113.9'],
      ['64:ff9b:1:cb00:71:900::', '64:ff9b:1:cb00::/64'],
      ['unknown', 'unknown'],
    ] as const)
      expect(limitedNetwork(written), written).toBe(counted);
  });

  it('counts a member of staff’s lookups wherever they come from: a copied session cannot read the customer book', async () => {
    await roomInWindow('staffLookup');
    const agent = await staffClient(runtime, 'agent');
    // The agent at the office, and the same session copied to a machine elsewhere.
    const at = (clientAddress: string) => {
      const client = apiClient(runtime, { rateLimitFactor: 1, clientAddress });
      client.setCookie(agent.client.cookie());
      return client;
    };
    const [office, elsewhere] = [at('192.0.2.120'), at('203.0.113.120')];
    const lookUp = (client: ApiClient) => client.post('/api/agent/lookup', { q: 'ZP100001', reason: 'klant belt' });
    const { limit } = limits.staffLookup;
    for (let i = 0; i < limit; i++) expect((await lookUp(i % 2 ? office : elsewhere)).status, `lookup ${i + 1}`).toBe(200);
    for (const client of [office, elsewhere]) {
      const refused = await lookUp(client);
      expect(refused.status).toBe(429);
      expect(refused.json.error.code).toBe('throttled');
      expect(refused.json.error.message).toMatch(/minuten?/);
    }
    // Another member of staff at the same office looks up as before.
    const colleague = await staffClient(runtime, 'agent');
    const beside = apiClient(runtime, { rateLimitFactor: 1, clientAddress: '192.0.2.120' });
    beside.setCookie(colleague.client.cookie());
    expect((await lookUp(beside)).status).toBe(200);
  }, 60_000);

  it('counts an IPv6 client per /64, and an IPv4 address written as IPv6 as itself', async () => {
    // One machine holds a whole /64 and can send each request from another of its addresses.
    const from = (clientAddress: string) => apiClient(runtime, { rateLimitFactor: 1, clientAddress });
    await roomInWindow('token');
    const statuses: number[] = [];
    for (let i = 1; i <= 31; i++)
      statuses.push(
        (await from(`2001:db8:7:7::${i.toString(16)}`).post('/api/password/reset-request', { email: `v6-${i}@voorbeeld.test` }))
          .status,
      );
    expect(statuses.slice(0, 30).every((s) => s === 202)).toBe(true);
    expect(statuses[30]).toBe(429);
    expect((await from('2001:db8:7:8::1').post('/api/password/reset-request', { email: 'v6-other@voorbeeld.test' })).status).toBe(
      202,
    );

    for (let i = 1; i <= 30; i++)
      await from('203.0.113.9').post('/api/password/reset-request', { email: `v4-${i}@voorbeeld.test` });
    expect(
      (await from('::ffff:203.0.113.9').post('/api/password/reset-request', { email: 'v4-last@voorbeeld.test' })).status,
    ).toBe(429);
  });

  it('sends a browser with a bad eHerkenning address back to the login page in its language, never to JSON', async () => {
    for (const [query, page] of [
      ['lang=nl&lang=en', '/portaal/inloggen/'],
      ['lang=de', '/portaal/inloggen/'],
      ['lang=en&return=https://elders.example/', '/en/portal/log-in/'],
      ['lang=en&purpose=steal', '/en/portal/log-in/'],
    ]) {
      const answer = await client.get(`/api/eherkenning/start?${query}`);
      expect([answer.status, answer.headers.get('location')], query).toEqual([302, page]);
    }
  });

  it('explains a refusal of an eHerkenning address on a page in its language, never as JSON', async () => {
    const strict = apiClient(runtime, { rateLimitFactor: 1, clientAddress: '198.51.100.12' });
    await roomInWindow('login');
    // A login with eHerkenning begun in English: its language goes with it, in its sealed cookie, to the callback.
    const begun = { state: 'y', lang: 'en', expires: runtime.deps.clock.now() + 60_000 };
    const inProgress = { Cookie: `__Host-eherkenning=${runtime.deps.cookies.seal(JSON.stringify(begun))}` };
    // Sixty trips to the broker in the window; the sixty-first is refused.
    for (let i = 0; i < 60; i++) expect((await strict.get('/api/eherkenning/start?lang=nl')).status).toBe(302);
    for (const [query, page] of [
      ['lang=en', '/en/portal/eherkenning/#error=throttled'],
      // A proof goes back to its request's page (with no request in progress, the new phone's), to try again there.
      ['lang=nl&purpose=proof', '/portaal/nieuwe-telefoon/#proof=throttled'],
    ]) {
      const answer = await strict.get(`/api/eherkenning/start?${query}`);
      expect([answer.status, answer.headers.get('location')], query).toEqual([303, page]);
    }
    const back = await strict.call('GET', '/api/eherkenning/callback?code=x&state=y', undefined, inProgress);
    expect([back.status, back.headers.get('location')]).toEqual([303, '/en/portal/eherkenning/#error=throttled']);
    // The login in progress goes with the refusal: the broker's answer, kept in the browser's history,
    // would otherwise log in whoever opened it again once the window turned.
    expect(back.headers.getSetCookie()).toContainEqual(expect.stringMatching(/^__Host-eherkenning=;.*Max-Age=0/));
  });

  it('an answer for another login, sent to the eHerkenning way back by another site, leaves the login in progress waiting', async () => {
    const client = apiClient(runtime, { clientAddress: '198.51.100.14' });
    const begun = { state: 'de-eigen-staat', nonce: 'n', verifier: 'v', startedAt: 0, lang: 'nl', expires: Date.now() + 60_000 };
    const inProgress = { Cookie: `__Host-eherkenning=${runtime.deps.cookies.seal(JSON.stringify(begun))}` };
    const ends = (answer: { headers: Headers }) =>
      answer.headers.getSetCookie().some((line) => line.startsWith('__Host-eherkenning=;'));
    // A page elsewhere cannot know the state: its "cancelled" ends nothing, and the broker's own answer still counts.
    const forged = await client.call('GET', '/api/eherkenning/callback?error=access_denied&state=geraden', undefined, inProgress);
    expect([forged.status, ends(forged)]).toEqual([302, false]);
    // Nor does an answer out of bounds (an error description too long), which is refused before it is read.
    const long = await client.call(
      'GET',
      `/api/eherkenning/callback?error=x&error_description=${'x'.repeat(1001)}`,
      undefined,
      inProgress,
    );
    expect([long.status, ends(long)]).toEqual([302, false]);
    const own = await client.call(
      'GET',
      '/api/eherkenning/callback?error=access_denied&state=de-eigen-staat',
      undefined,
      inProgress,
    );
    expect(ends(own)).toBe(true);
  });

  it('sends the article form back to its page with a note when it is refused, and a script its JSON', async () => {
    const strict = apiClient(runtime, { rateLimitFactor: 1, clientAddress: '198.51.100.13' });
    await roomInWindow('signals');
    const form = (body: string) =>
      strict.call('POST', '/api/feedback', body, { 'Content-Type': 'application/x-www-form-urlencoded' });
    const answer = 'page=article%3Ax&helpful=no&back=%2Fvragen%2Fx%2F';
    // A text it cannot take (a control character, pasted): trying again will not mend that, and the note says so.
    const bad = await form(`${answer}&lang=en&comment=a%00b`);
    expect([bad.status, bad.headers.get('location')]).toEqual([303, '/vragen/x/#text-refused']);
    // With a way back that is not a page of this site, the refusal stays as it was.
    const away = await form(`page=article%3Ax&helpful=no&lang=nl&comment=a%00b&back=${encodeURIComponent('//elders.example/')}`);
    expect([away.status, away.json.error.code]).toEqual([422, 'invalidInput']);
    // Too many signals from one address: an office behind one address can get there.
    for (let i = 2; i < 120; i++) expect((await form(`${answer}&lang=nl`)).headers.get('location')).toBe('/vragen/x/#bedankt');
    const throttled = await form(`${answer}&lang=nl`);
    expect([throttled.status, throttled.headers.get('location')]).toEqual([303, '/vragen/x/#niet-verstuurd']);
    const script = await strict.post('/api/feedback', { page: 'article:x', lang: 'nl', helpful: true });
    expect([script.status, script.json.error.code]).toEqual([429, 'throttled']);
  });

  it('throttles one address after too many login attempts, with a Retry-After', async () => {
    const strict = apiClient(runtime, { rateLimitFactor: 1, clientAddress: '198.51.100.7' });
    await roomInWindow('login');
    const statuses: number[] = [];
    for (let i = 0; i < 62; i++)
      statuses.push((await strict.post('/api/session', { email: `x${i}@voorbeeld.test`, password: 'x' })).status);
    expect(statuses.slice(0, 60).every((s) => s === 401)).toBe(true);
    const last = await strict.post('/api/session', { email: 'y@voorbeeld.test', password: 'x' });
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last.json.error.message).toMatch(/te vaak geprobeerd/);
    // Another address is not affected.
    expect(
      (
        await apiClient(runtime, { rateLimitFactor: 1, clientAddress: '198.51.100.8' }).post('/api/session', {
          email: 'y@voorbeeld.test',
          password: 'x',
        })
      ).status,
    ).toBe(401);
  });

  it("another site's images and frames get nothing, and do not use up a visitor's login allowance", async () => {
    const visitor = apiClient(runtime, { rateLimitFactor: 1, clientAddress: '198.51.100.14' });
    await roomInWindow('login');
    const fromElsewhere = (path: string, mode: string, dest: string, more: Record<string, string> = {}) =>
      visitor.call('GET', path, undefined, {
        'Sec-Fetch-Site': 'cross-site',
        'Sec-Fetch-Mode': mode,
        'Sec-Fetch-Dest': dest,
        ...more,
      });
    // Sixty <img> on another site's page, as many as the login limit allows in its window; frames and scripts too.
    for (let i = 0; i < 60; i++) {
      const image = await fromElsewhere('/api/eherkenning/start', 'no-cors', 'image');
      expect([image.status, image.json.error.code]).toEqual([403, 'crossOrigin']);
    }
    expect((await fromElsewhere('/api/eherkenning/start', 'navigate', 'iframe')).status).toBe(403);
    expect((await fromElsewhere('/api/recovery', 'cors', 'empty')).status).toBe(403);
    // Only the broker and portals send a window to the API, and only to eHerkenning's addresses; a prefetch is no window.
    expect((await fromElsewhere('/api/recovery', 'navigate', 'document')).status).toBe(403);
    const prefetch = { 'Sec-Purpose': 'prefetch;prerender' };
    expect((await fromElsewhere('/api/eherkenning/start', 'navigate', 'document', prefetch)).status).toBe(403);
    expect((await visitor.post('/api/session', { email: 'bezoeker@voorbeeld.test', password: 'x' })).status).toBe(401);
    // The broker sending the browser back after eHerkenning is a window going to an address: it arrives.
    const back = await fromElsewhere('/api/eherkenning/callback?code=x&state=y', 'navigate', 'document');
    expect(back.status).toBe(302);
    // A page that keeps sending its window to the broker uses up the trips to eHerkenning, not the email login.
    await roomInWindow('eherkenning');
    for (let i = 0; i < 60; i++) await fromElsewhere('/api/eherkenning/start', 'navigate', 'document');
    const throttled = await fromElsewhere('/api/eherkenning/start?lang=nl', 'navigate', 'document');
    expect([throttled.status, throttled.headers.get('location')]).toEqual([303, '/portaal/eherkenning/#error=throttled']);
    expect((await visitor.post('/api/session', { email: 'bezoeker@voorbeeld.test', password: 'x' })).status).toBe(401);
    // A client that says nothing of where it is (a monitor) is no page of another site.
    expect((await visitor.get('/api/health')).status).toBe(200);
  });
});

// PostgreSQL cannot store a NUL, which SQLite takes: each typed text refuses it before any store sees it.
forEachStore((kind) => {
  describe(`typed text with a control character, on ${kind}`, () => {
    let store: Awaited<ReturnType<typeof testRuntime>>;
    beforeAll(async () => {
      store = await testRuntime(kind);
    });
    afterAll(() => store.dispose());

    it('is refused with a translated 422, never a fault: a search, a comment, a form comment, and staff’s lookup and reason, direction overrides too', async () => {
      const visitor = apiClient(store, { clientAddress: '198.51.100.90' });
      const staff = (await staffClient(store, 'agent')).client;
      const refused = [
        await visitor.post('/api/search-misses', { query: 'pas\u0000je kwijt', lang: 'nl' }),
        await visitor.post('/api/feedback', { page: 'article:x', lang: 'nl', helpful: false, comment: 'a\u0000b' }),
        await visitor.call('POST', '/api/feedback', 'page=article%3Ax&lang=nl&helpful=no&comment=a%00b', {
          'Content-Type': 'application/x-www-form-urlencoded',
        }),
        await staff.post('/api/agent/lookup', { q: 'klant\u0000@voorbeeld.test', reason: 'klant belt' }),
        await staff.post('/api/agent/lookup', { q: 'klant@voorbeeld.test', reason: 'klant\u0007 belt' }),
        // A direction override or isolate makes a reason in the audit log read otherwise than it is.
        await staff.post('/api/agent/lookup', { q: 'klant@voorbeeld.test', reason: 'terugbellen \u202egnizjiw' }),
        await visitor.post('/api/search-misses', { query: 'pas \u2067kwijt\u2069', lang: 'nl' }),
      ];
      for (const answer of refused) {
        expect(answer.status).toBe(422);
        expect(answer.json.error).toMatchObject({ code: 'invalidInput', message: 'Controleer wat u hebt ingevuld.' });
      }
      // Line breaks and tabs are text: a comment keeps them.
      expect(
        (await visitor.post('/api/feedback', { page: 'article:x', lang: 'nl', helpful: false, comment: 'a\n\tb' })).status,
      ).toBe(204);
    });
  });
});
