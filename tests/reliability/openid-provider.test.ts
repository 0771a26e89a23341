import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as oidc from 'openid-client';
import { GOOD_PASSWORD, tokenFrom, uniqueEmail } from '../support/api.ts';
import { logoutReceiver } from '../support/logout-receiver.ts';
import { forEachStore } from '../support/runtime.ts';
import { activeAccountOver, newestMail, staffOver, startBuiltServer, type BuiltServer } from '../support/server.ts';
import { newSigningKey } from '../../src/oidc/config.ts';
import { freshCode } from '../support/totp.ts';

// The help center as the portal's OpenID Provider, against the built server as
// a real process on both stores, with openid-client as the relying party.

const SECRET = 'een-lang-geheim-van-de-portaal-client-0123456789';
const REDIRECT = 'http://127.0.0.1:9/callback';
const BYE = 'http://127.0.0.1:9/bye';

/** A browser: a cookie jar by name, redirects followed by hand so each hop can be looked at. */
function browser(origin: string, cookie = '') {
  const jar = new Map<string, string>(cookie ? [cookie.split(/=(.*)/s).slice(0, 2) as [string, string]] : []);
  async function request(method: string, url: string, body?: unknown) {
    const res = await fetch(new URL(url, origin), {
      method,
      redirect: 'manual',
      headers: {
        ...(jar.size ? { Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...(body instanceof URLSearchParams
          ? { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin }
          : body !== undefined
            ? { 'Content-Type': 'application/json', Origin: origin }
            : {}),
      },
      ...(body !== undefined ? { body: body instanceof URLSearchParams ? body.toString() : JSON.stringify(body) } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(name!.trim());
      else jar.set(name!.trim(), value.join('='));
    }
    return { status: res.status, location: res.headers.get('location'), headers: res.headers, text: await res.text() };
  }
  return {
    get: (url: string) => request('GET', url),
    post: (url: string, body: unknown) => request('POST', url, body),
    delete: (url: string) => request('DELETE', url, {}),
    form: (url: string, fields: URLSearchParams) => request('POST', url, fields),
    /** Follows redirects within the server, and stops at the first one that leaves it (to the client). */
    async follow(url: string) {
      let answer = await request('GET', url);
      const hops = [url];
      while (answer.location && answer.status >= 300 && answer.status < 400) {
        const next = new URL(answer.location, origin);
        if (next.origin !== origin) return { ...answer, hops, leftTo: next };
        hops.push(next.pathname + next.search);
        answer = await request('GET', next.href);
      }
      return { ...answer, hops, leftTo: null };
    },
  };
}

/** Starts a login at the portal: the authorization URL, with PKCE, state and nonce. */
async function startAt(config: oidc.Configuration, extra: Record<string, string> = {}) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope: 'openid email insurance',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...extra,
  });
  return { url, verifier, state, nonce, checks: { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce } };
}

/** A customer with an app, logged in to the help center in a browser of its own. */
async function loggedInAt(s: BuiltServer) {
  const account = await activeAccountOver(s, uniqueEmail('oidc'));
  const b = browser(s.origin);
  await b.post('/api/session', { email: account.email, password: GOOD_PASSWORD });
  expect((await b.post('/api/session/code', { code: freshCode(account.key) })).status).toBe(200);
  return { b, account };
}

forEachStore((kind) => {
  describe(`the OpenID Provider on ${kind}`, () => {
    let s: BuiltServer;
    let config: oidc.Configuration;
    let receiver: Awaited<ReturnType<typeof logoutReceiver>>;
    beforeAll(async () => {
      receiver = await logoutReceiver();
      const clients = [
        {
          client_id: 'portal',
          client_secret: SECRET,
          redirect_uris: [REDIRECT],
          post_logout_redirect_uris: [BYE],
          backchannel_logout_uri: receiver.url,
        },
      ];
      s = await startBuiltServer(kind, { OIDC_CLIENTS: JSON.stringify(clients) });
      config = await oidc.discovery(new URL(`${s.origin}/oidc`), 'portal', undefined, oidc.ClientSecretBasic(SECRET), {
        execute: [oidc.allowInsecureRequests],
      });
    }, 60_000);
    afterAll(async () => {
      await s?.dispose();
      receiver?.server.close();
    });
    const start = (extra: Record<string, string> = {}) => startAt(config, extra);
    const loggedIn = () => loggedInAt(s);

    /** A full hand-over: logged in here, a code at the portal, exchanged for tokens. */
    async function handedOver() {
      const { b, account } = await loggedIn();
      const { url, verifier, state, nonce } = await start();
      const back = await b.follow(url.href);
      const tokens = await oidc.authorizationCodeGrant(config, back.leftTo!, {
        pkceCodeVerifier: verifier,
        expectedState: state,
        expectedNonce: nonce,
      });
      return { b, account, tokens, sub: tokens.claims()!.sub };
    }

    /** Waits until the person's logouts have all been sent (none pending, none retried). */
    async function logoutsSent(sub: string) {
      const opened = s.openStore();
      try {
        for (let i = 0; i < 100; i++) {
          const logouts = await opened.db.selectFrom('oidc_logouts').select('status').where('account_id', '=', sub).execute();
          if (logouts.length > 0 && logouts.every((l) => l.status === 'sent')) return;
          await new Promise((r) => setTimeout(r, 100));
        }
      } finally {
        await opened.close();
      }
      throw new Error(`the logouts of ${sub} were not all sent`);
    }

    /** The logout token the portal received for this person (and this session), verified with the provider's published keys. */
    async function logoutTokenFor(sub: string, sid?: unknown) {
      const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!));
      for (let i = 0; i < 100; i++) {
        for (const token of receiver.tokens) {
          const { payload } = await jwtVerify(token, jwks, { issuer: `${s.origin}/oidc`, audience: 'portal' });
          if (payload.sub === sub && (sid === undefined || payload.sid === sid)) return payload;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no logout token for ${sub}; the server said: ${s.output().slice(-1500)}`);
    }

    it('publishes its discovery document: code flow with PKCE only, our acr values, an ES256 key', async () => {
      const meta = config.serverMetadata();
      expect(meta.issuer).toBe(`${s.origin}/oidc`);
      expect(meta.response_types_supported).toEqual(['code']);
      expect(meta.code_challenge_methods_supported).toEqual(['S256']);
      expect(meta.grant_types_supported).not.toContain('password');
      expect(meta.acr_values_supported).toEqual(
        expect.arrayContaining(['urn:helpcenter:acr:password-app', 'urn:etoegang:core:assurance-class:loa3']),
      );
      expect(meta.scopes_supported).toContain('insurance');
      const published = await fetch(meta.jwks_uri!);
      // The provider's answers carry the site's transport headers too.
      expect(published.headers.get('x-content-type-options')).toBe('nosniff');
      const jwks = (await published.json()) as { keys: Record<string, string>[] };
      expect(jwks.keys.map((k) => [k.kty, k.crv, 'd' in k])).toEqual([['EC', 'P-256', false]]);
    });

    it('sends a customer who is not logged in to our login page, and hands the login over after it', async () => {
      const { url, verifier, state, nonce } = await start();
      const account = await activeAccountOver(s, uniqueEmail('oidc'));
      const b = browser(s.origin);
      const first = await b.follow(url.href);
      const login = first.hops.at(-1)!;
      expect(login).toMatch(/^\/portaal\/inloggen\/\?return=%2Foidc%2Finteraction%2F[\w-]+$/);
      // The login page, as the customer fills it in.
      await b.post('/api/session', { email: account.email, password: GOOD_PASSWORD });
      expect((await b.post('/api/session/code', { code: freshCode(account.key) })).status).toBe(200);
      const back = await b.follow(decodeURIComponent(new URL(login, s.origin).searchParams.get('return')!));
      expect(back.leftTo?.href.startsWith(REDIRECT)).toBe(true);

      const tokens = await oidc.authorizationCodeGrant(config, back.leftTo!, {
        pkceCodeVerifier: verifier,
        expectedState: state,
        expectedNonce: nonce,
      });
      // The ID token says who and how, and nothing personal: it travels back in URLs at logout.
      const claims = tokens.claims()!;
      expect(claims).toMatchObject({
        iss: `${s.origin}/oidc`,
        aud: 'portal',
        acr: 'urn:helpcenter:acr:password-app',
        amr: ['pwd', 'otp', 'mfa'],
      });
      expect(claims.auth_time).toBeGreaterThan(0);
      expect(Object.keys(claims)).not.toContain('email');
      expect(Object.keys(claims)).not.toContain('policy_number');
      // The company and the policy come from userinfo.
      const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
      expect(info).toMatchObject({ email: account.email, login_method: 'password', product_lines: ['business-package'] });
      expect(info.company_name).toMatch(/^Bedrijf /);
      expect(info.policy_number).toMatch(/^ZR/);
      expect(info.kvk_number).toMatch(/^\d{8}$/);
      expect(info.acting_subject).toBeNull();
    });

    it('a portal that names the person it expects (id_token_hint) gets login_required when someone else is logged in here', async () => {
      const earlier = await handedOver();
      const hint = earlier.tokens.id_token!;
      // A shared computer: the next person logged in to the help center, the portal still names the first.
      const { b: next } = await loggedIn();
      const asked = await next.follow((await start({ id_token_hint: hint })).url.href);
      expect(asked.leftTo?.href.startsWith(REDIRECT)).toBe(true);
      expect(asked.leftTo?.searchParams.get('error')).toBe('login_required');
      expect(asked.leftTo?.searchParams.has('code')).toBe(false);
      // The person it names gets a code.
      const same = await start({ id_token_hint: hint });
      const tokens = await oidc.authorizationCodeGrant(config, (await earlier.b.follow(same.url.href)).leftTo!, same.checks);
      expect(tokens.claims()!.sub).toBe(earlier.sub);
    });

    it('a login with a recovery code reaches the portal as one: its amr claims no app code (otp)', async () => {
      const account = await activeAccountOver(s, uniqueEmail('oidc-herstelcode'));
      const b = browser(s.origin);
      await b.post('/api/session', { email: account.email, password: GOOD_PASSWORD });
      expect((await b.post('/api/session/recovery-code', { code: account.recoveryCodes[0] })).status).toBe(200);
      const { url, checks } = await start();
      const tokens = await oidc.authorizationCodeGrant(config, (await b.follow(url.href)).leftTo!, checks);
      expect(tokens.claims()).toMatchObject({ acr: 'urn:helpcenter:acr:password-recovery-code', amr: ['pwd', 'mfa'] });
    });

    it('prompt=login asks for the help center’s login again, though a session is live', async () => {
      const { b } = await loggedIn();
      const first = await b.follow((await start()).url.href);
      expect(first.leftTo?.href.startsWith(REDIRECT)).toBe(true);
      const again = await b.follow((await start({ prompt: 'login' })).url.href);
      expect(again.hops.at(-1)).toMatch(/^\/portaal\/inloggen\/\?return=/);
      const old = await b.follow((await start({ max_age: '0' })).url.href);
      expect(old.hops.at(-1)).toMatch(/^\/portaal\/inloggen\/\?return=/);
    });

    it('a silent check (prompt=none) after the person logged out here tells the portal a login is needed', async () => {
      const { b } = await handedOver();
      expect((await b.delete('/api/session')).status).toBeLessThan(300);
      const silent = await b.follow((await start({ prompt: 'none' })).url.href);
      expect(silent.leftTo?.href.startsWith(REDIRECT)).toBe(true);
      // login_required, as OpenID Connect names it: a portal sends the person to log in on it.
      expect(silent.leftTo?.searchParams.get('error')).toBe('login_required');
    });

    it('a logout page opened by another site does not end the help-center session of someone who never used the client', async () => {
      const { b } = await loggedIn();
      const page = await b.get(`/oidc/session/end?client_id=portal`);
      const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(page.text);
      if (form) {
        const fields = new URLSearchParams([...form[2]!.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
        fields.set('logout', 'yes');
        await b.form(form[1]!, fields);
      }
      expect((await b.get('/api/session')).status).toBe(200);
    });

    it('an interaction opened again after it finished makes no second grant: it goes on to the client', async () => {
      const { b, account } = await loggedIn();
      const { url } = await start();
      const interaction = (await b.get(url.href)).location!;
      const finished = await b.get(interaction);
      expect(finished.location).toMatch(/\/oidc\/auth\//);
      expect((await b.get(interaction)).location).toBe(finished.location);
      const opened = s.openStore();
      try {
        const id = (await opened.store.findLiveAccountByEmail(account.email))!.id;
        expect(await opened.db.selectFrom('oidc_logins').select('grant_id').where('account_id', '=', id).execute()).toHaveLength(
          1,
        );
      } finally {
        await opened.close();
      }
    });

    it('never hands a member of staff to a client: a staff laptop logged in to the console gets access_denied', async () => {
      const staff = browser(s.origin, (await staffOver(s)).cookie());
      const answer = await staff.follow((await start()).url.href);
      expect(answer.leftTo?.searchParams.get('error')).toBe('access_denied');
      expect(answer.leftTo?.searchParams.get('code')).toBeNull();
      // The portal, and its logs, are not told that the browser is a call-center laptop.
      expect(answer.leftTo?.search).not.toMatch(/staff|agent|medewerker/i);
    });

    it('a login started in another browser (a link an attacker sends) cannot be finished with this customer’s session', async () => {
      const attacker = browser(s.origin);
      const interaction = (await attacker.get((await start()).url.href)).location!;
      expect(interaction).toMatch(/\/oidc\/interaction\//);
      const { b: victim } = await loggedIn();
      const answer = await victim.get(interaction);
      expect(answer.status).toBe(400);
      expect(answer.location).toBeNull();
      // And the attacker's browser, going on, is sent to log in: nothing of the victim's carried over.
      expect((await attacker.follow(interaction)).hops.at(-1)).toMatch(/^\/portaal\/inloggen\/\?return=/);
    });

    it('refuses a redirect URI the client did not register, without going there', async () => {
      const { url } = await start();
      url.searchParams.set('redirect_uri', 'https://evil.example/steal');
      const answer = await browser(s.origin).get(url.href);
      expect(answer.status).toBe(400);
      expect(answer.location).toBeNull();
      // Not a dead end for the customer, who cannot mend the portal's request: a number to call, and what to say.
      expect(answer.text).toMatch(
        /Bel ons op <a href="tel:\+31[0-9]+">[0-9 ]+<\/a> en noem deze code: <code>invalid_redirect_uri<\/code>/,
      );
      expect(answer.text).not.toContain('evil.example');
    });

    it('answers an address it does not have with a page in the customer’s language', async () => {
      for (const [lang, title] of [
        ['nl', 'Deze pagina bestaat niet'],
        ['en', 'This page does not exist'],
      ] as const) {
        const res = await fetch(new URL('/oidc/bestaat-niet', s.origin), { headers: { 'Accept-Language': lang } });
        expect(res.status).toBe(404);
        expect(res.headers.get('content-type')).toMatch(/^text\/html/);
        expect(await res.text()).toContain(title);
      }
    });

    it('answers a login whose request it no longer has with a page in the customer’s language: start again at the portal', async () => {
      // What a browser without the interaction's cookie sees: ten minutes on, or an address copied from elsewhere.
      const { url } = await start();
      const interaction = (await browser(s.origin).get(url.href)).location!;
      expect(interaction).toMatch(/\/oidc\/interaction\//);
      for (const [lang, title, again] of [
        ['nl', 'Deze inlogpoging is verlopen', 'log opnieuw in'],
        ['en', 'This login attempt has expired', 'log in again'],
      ] as const) {
        const res = await fetch(new URL(interaction, s.origin), { headers: { 'Accept-Language': lang }, redirect: 'manual' });
        expect(res.status).toBe(400);
        expect(res.headers.get('content-type')).toMatch(/^text\/html/);
        expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
        const page = await res.text();
        expect(page).toContain(`<html lang="${lang}">`);
        expect(page).toContain(title);
        expect(page).toContain(again);
      }
      // From our English login page, in a Dutch browser: the page the customer read decides.
      const fromEnglish = await fetch(new URL(interaction, s.origin), {
        headers: { 'Accept-Language': 'nl', Referer: `${s.origin}/en/portal/log-in/?return=${encodeURIComponent(interaction)}` },
      });
      expect(await fromEnglish.text()).toContain('This login attempt has expired');
      // Logged in with us meanwhile: going back gets the customer straight in. Staff are not handed over.
      const { b } = await loggedIn();
      expect((await b.get(interaction)).text).toContain('U bent wel ingelogd');
      const staff = await browser(s.origin, (await staffOver(s)).cookie()).get(interaction);
      expect(staff.text).toContain('log opnieuw in');
      expect(staff.text).not.toContain('wel ingelogd');
    });

    it('refuses a login without PKCE', async () => {
      const { url } = await start();
      url.searchParams.delete('code_challenge');
      url.searchParams.delete('code_challenge_method');
      const { b } = await loggedIn();
      const answer = await b.follow(url.href);
      expect(answer.leftTo?.searchParams.get('error')).toBe('invalid_request');
    });

    it('gives a code once: a replay is refused', async () => {
      const { b } = await loggedIn();
      const { url, verifier, state, nonce } = await start();
      const back = await b.follow(url.href);
      const checks = { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce };
      await oidc.authorizationCodeGrant(config, back.leftTo!, checks);
      await expect(oidc.authorizationCodeGrant(config, back.leftTo!, checks)).rejects.toMatchObject({ error: 'invalid_grant' });
    });

    it('does not hand an email login to a client that asks for eHerkenning EH3: it sends the customer to eHerkenning', async () => {
      const { b } = await loggedIn();
      const { url } = await start({ acr_values: 'urn:etoegang:core:assurance-class:loa3' });
      const answer = await b.follow(url.href);
      const toEherkenning = answer.hops.find((h) => h.startsWith('/api/eherkenning/start'));
      expect(toEherkenning).toMatch(/return=%2Foidc%2Finteraction%2F/);
      expect(answer.leftTo?.href.startsWith(REDIRECT)).not.toBe(true);
    });

    it('asks the eHerkenning broker for the level the client asked for, never for less than the minimum', async () => {
      const { b } = await loggedIn();
      for (const [asked, ofBroker] of [
        ['loa4', 'loa4'],
        ['loa2', 'loa3'],
      ]) {
        const answer = await b.follow((await start({ acr_values: `urn:etoegang:core:assurance-class:${asked}` })).url.href);
        const toBroker = answer.hops.find((h) => h.startsWith('/broker/'));
        expect(toBroker, answer.hops.join('\n')).toBeDefined();
        expect(new URL(toBroker!, s.origin).searchParams.get('acr_values')).toBe(`urn:etoegang:core:assurance-class:${ofBroker}`);
      }
    });

    it('a code whose help-center session was logged out in the meantime is worth nothing', async () => {
      const { b } = await loggedIn();
      const { url, verifier, state, nonce } = await start();
      const back = await b.follow(url.href);
      expect((await b.delete('/api/session')).status).toBeLessThan(300);
      await expect(
        oidc.authorizationCodeGrant(config, back.leftTo!, {
          pkceCodeVerifier: verifier,
          expectedState: state,
          expectedNonce: nonce,
        }),
      ).rejects.toMatchObject({ error: 'invalid_grant' });
      // And the next login at the portal asks for the help center's login again.
      const again = await b.follow((await start()).url.href);
      expect(again.hops.at(-1), s.output().slice(-1500)).toMatch(/^\/portaal\/inloggen\/\?return=/);
    });

    it('a new password ends the hand-over too: the portal receives a signed logout token for the person', async () => {
      const { account, sub, tokens } = await handedOver();
      const b = browser(s.origin);
      await b.post('/api/password/reset-request', { email: account.email });
      const mail = await newestMail(s, account.email);
      expect(
        (await b.post('/api/password/reset', { token: tokenFrom(mail.text_body), password: 'een heel ander wachtwoord' })).status,
      ).toBe(200);
      const payload = await logoutTokenFor(sub);
      expect(payload.events).toEqual({ 'http://schemas.openid.net/event/backchannel-logout': {} });
      expect(payload.nonce).toBeUndefined();
      expect(payload.sid).toBe(tokens.claims()!.sid);
      await expect(oidc.fetchUserInfo(config, tokens.access_token, sub)).rejects.toThrow();
    });

    it('a logout names the session it ends (sid): the portal keeps the same person’s session from another browser', async () => {
      const first = await handedOver();
      const other = browser(s.origin);
      await other.post('/api/session', { email: first.account.email, password: GOOD_PASSWORD });
      expect((await other.post('/api/session/code', { code: freshCode(first.account.key) })).status).toBe(200);
      const { url, checks } = await start();
      const second = await oidc.authorizationCodeGrant(config, (await other.follow(url.href)).leftTo!, checks);
      const [sid, otherSid] = [first.tokens.claims()!.sid, second.claims()!.sid];
      expect(sid).toEqual(expect.any(String));
      expect(otherSid).toEqual(expect.any(String));
      expect(otherSid).not.toBe(sid);

      expect((await first.b.delete('/api/session')).status).toBeLessThan(300);
      expect(await logoutTokenFor(first.sub, sid)).toBeDefined();
      await logoutsSent(first.sub);
      const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!));
      const sids = await Promise.all(receiver.tokens.map(async (token) => (await jwtVerify(token, jwks)).payload.sid));
      expect(sids).not.toContain(otherSid);
      expect(await oidc.fetchUserInfo(config, second.access_token, first.sub)).toMatchObject({ email: first.account.email });
    });

    it('a later login in the same browser hands over with a sid of its own: the earlier one’s logout cannot end it', async () => {
      const first = await handedOver();
      const sid = first.tokens.claims()!.sid;
      expect((await first.b.delete('/api/session')).status).toBeLessThan(300);
      expect(await logoutTokenFor(first.sub, sid)).toBeDefined();
      await first.b.post('/api/session', { email: first.account.email, password: GOOD_PASSWORD });
      expect((await first.b.post('/api/session/code', { code: freshCode(first.account.key) })).status).toBe(200);
      const { url, checks } = await start();
      const again = await oidc.authorizationCodeGrant(config, (await first.b.follow(url.href)).leftTo!, checks);
      expect(again.claims()!.sid).toEqual(expect.any(String));
      expect(again.claims()!.sid).not.toBe(sid);
    });

    it('sends a session’s logout though the portal refuses another sid of the same grant', async () => {
      const { b, sub, tokens } = await handedOver();
      // A code the portal never exchanged, from an hour before: its sid comes first, and is refused.
      const opened = s.openStore();
      try {
        const { grant_id } = await opened.db
          .selectFrom('oidc_logins')
          .select('grant_id')
          .where('account_id', '=', sub)
          .executeTakeFirstOrThrow();
        await opened.store.oidcAddLoginSid(grant_id, 'onbekende-sessie', Date.now() - 3_600_000);
      } finally {
        await opened.close();
      }
      receiver.unknownSids.add('onbekende-sessie');
      expect((await b.delete('/api/session')).status).toBeLessThan(300);
      expect(await logoutTokenFor(sub, tokens.claims()!.sid)).toBeDefined();
    });

    it('logging out at the portal (RP-initiated) logs out of the help center too', async () => {
      const { b, tokens } = await handedOver();
      const end = oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: BYE });
      const page = await b.get(end.href);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Wilt u uitloggen?');
      const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(page.text)!;
      const fields = new URLSearchParams([...form[2]!.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
      fields.set('logout', 'yes');
      const confirmed = await b.form(form[1]!, fields);
      expect(confirmed.location).toBe(BYE);
      expect((await b.get('/api/session')).status).toBe(401);

      // The portal logs out again (a second tab): our page says so in Dutch, without script, and goes on.
      const again = await b.get(end.href);
      expect(again.status).toBe(200);
      expect(again.text).toContain('U was hier al uitgelogd');
      expect(again.text).not.toMatch(/<script|Submitting Callback/);
      expect(again.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
      const onward = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(again.text)!;
      const hidden = new URLSearchParams([...onward[2]!.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
      expect((await b.form(onward[1]!, hidden)).location).toBe(BYE);
    });

    it('logging out here, and an agent ending all sessions, reach the portal over the back channel too', async () => {
      const out = await handedOver();
      expect((await out.b.delete('/api/session')).status).toBeLessThan(300);
      expect((await logoutTokenFor(out.sub)).sub).toBe(out.sub);

      const ended = await handedOver();
      const agent = await staffOver(s);
      const answer = await agent.post(`/api/agent/accounts/${ended.sub}/end-sessions`, {
        reason: 'Klant belt: telefoon gestolen',
      });
      expect(answer.status).toBe(200);
      expect((await logoutTokenFor(ended.sub)).sub).toBe(ended.sub);
      expect((await ended.b.get('/api/session')).status).toBe(401);
    });
  });
});

describe('the OpenID Provider’s signing keys', () => {
  let s: BuiltServer | undefined;
  afterAll(() => s?.dispose());

  it('signs with the first key and publishes all, so that a rotation leaves earlier tokens valid', async () => {
    const [first, second] = [newSigningKey(), newSigningKey()];
    const clients = [{ client_id: 'portal', client_secret: SECRET, redirect_uris: [REDIRECT] }];
    s = await startBuiltServer('sqlite', {
      OIDC_CLIENTS: JSON.stringify(clients),
      OIDC_SIGNING_KEYS: JSON.stringify({ keys: [first, second] }),
    });
    const signedBy = async () => {
      const config = await oidc.discovery(new URL(`${s!.origin}/oidc`), 'portal', undefined, oidc.ClientSecretBasic(SECRET), {
        execute: [oidc.allowInsecureRequests],
      });
      const { b } = await loggedInAt(s!);
      const { url, checks } = await startAt(config);
      const tokens = await oidc.authorizationCodeGrant(config, (await b.follow(url.href)).leftTo!, checks);
      return {
        idToken: tokens.id_token!,
        kid: decodeProtectedHeader(tokens.id_token!).kid,
        jwks: config.serverMetadata().jwks_uri!,
      };
    };
    const before = await signedBy();
    expect(before.kid).toBe(first.kid);
    const published = (await (await fetch(before.jwks)).json()) as { keys: { kid: string; d?: string }[] };
    expect(published.keys.map((k) => k.kid).sort()).toEqual([first.kid, second.kid].sort());
    expect(published.keys.some((k) => 'd' in k)).toBe(false);

    // The next key moves first; the old one stays published.
    await s.kill('SIGTERM');
    await s.restart({ OIDC_SIGNING_KEYS: JSON.stringify({ keys: [second, first] }) });
    const after = await signedBy();
    expect(after.kid).toBe(second.kid);
    await expect(
      jwtVerify(before.idToken, createRemoteJWKSet(new URL(after.jwks)), { currentDate: new Date() }),
    ).resolves.toBeTruthy();
  });
});
