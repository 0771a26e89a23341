import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, exportJWK, generateKeyPair, jwtVerify, type CryptoKey } from 'jose';
import { defaultClaimNames, readClaims, type EherkenningIdentity } from '../../src/auth/eherkenning/claims.ts';
import { eherkenningClient, type EherkenningSettings, type LoginTransaction } from '../../src/auth/eherkenning/client.ts';
import { meetsLevel, parseLevel, type Level } from '../../src/shared/eherkenning/levels.ts';
import { loadEherkenningConfig } from '../../src/auth/eherkenning/config.ts';
import { loadServerConfig } from '../../src/config/server.ts';
import { loginWithEherkenning } from '../../src/auth/eherkenning/login.ts';
import { resolveSession } from '../../src/auth/sessions.ts';
import { importCustomers } from '../../src/auth/customers.ts';
import { newAccountRow } from '../../src/auth/account-row.ts';
import { testRuntime } from '../support/runtime.ts';

/**
 * A minimal OpenID provider of our own, so each test can make it answer
 * wrongly on purpose: another nonce, an expired or foreign-signed token, a
 * missing claim, or no answer at all.
 */
async function fakeBroker() {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const foreign = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const behaviour = {
    claims: {} as Record<string, unknown>,
    nonce: undefined as string | undefined,
    expiresIn: 300,
    signWith: privateKey as CryptoKey,
    tokenDelayMs: 0,
    /** Seconds since the person logged in at the broker. */
    loggedInAgo: 5,
    /** Who the token says it is from and for: another broker's, or one meant for another service. */
    issuer: undefined as string | undefined,
    audience: 'rp-test',
    /** How the last token request proved it came from the client: its form and Authorization header. */
    lastClientAuth: { form: new URLSearchParams(), authorization: undefined as string | undefined },
  };
  /** The PKCE challenge sent with each code, as a real broker keeps it at /auth. */
  const challenges = new Map<string, string>();
  let origin = '';
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url!, origin);
    const json = (body: unknown) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json({
        issuer: origin,
        authorization_endpoint: `${origin}/auth`,
        token_endpoint: `${origin}/token`,
        jwks_uri: `${origin}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
      });
    }
    if (url.pathname === '/jwks') return json({ keys: [jwk] });
    if (url.pathname === '/token') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const form = new URLSearchParams(body);
      behaviour.lastClientAuth = { form, authorization: req.headers.authorization };
      const code = form.get('code') ?? '';
      // Like a real broker: the verifier must hash to the challenge sent with this code.
      const verifier = form.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== challenges.get(code)) {
        res.writeHead(400, { 'Content-Type': 'application/json' });
        return res.end(JSON.stringify({ error: 'invalid_grant', error_description: 'PKCE verification failed' }));
      }
      await new Promise((r) => setTimeout(r, behaviour.tokenDelayMs));
      const now = Math.floor(Date.now() / 1000);
      const idToken = await new SignJWT({
        nonce: behaviour.nonce ?? code,
        auth_time: now - behaviour.loggedInAgo,
        ...behaviour.claims,
      })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(behaviour.issuer ?? origin)
        .setAudience(behaviour.audience)
        .setSubject('someone')
        .setIssuedAt(now - 10)
        .setExpirationTime(now + behaviour.expiresIn)
        .sign(behaviour.signWith);
      return json({ access_token: 'at', token_type: 'Bearer', id_token: idToken, expires_in: 300 });
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, origin: () => origin, behaviour, challenges, foreignKey: foreign.privateKey };
}

let broker: Awaited<ReturnType<typeof fakeBroker>>;
let settings: EherkenningSettings;
beforeAll(async () => {
  broker = await fakeBroker();
  settings = {
    issuer: new URL(broker.origin()),
    clientId: 'rp-test',
    clientSecret: 'secret',
    redirectUri: 'http://localhost:4321/api/eherkenning/callback',
    minimumLevel: 'loa3',
    claims: defaultClaimNames,
    timeoutMs: 1500,
    allowHttp: true,
    notAuthorisedPattern: /authori[sz]/i,
  };
});
afterAll(() => new Promise<void>((resolve) => broker.server.close(() => resolve())));

const goodClaims = {
  acr: 'urn:etoegang:core:assurance-class:loa3',
  'urn:etoegang:core:LegalSubjectID': 'urn:etoegang:1.9:EntityConcernedID:KvKnr:90000001',
  'urn:etoegang:1.9:ServiceRestriction:Vestigingsnr': '000090000011',
  'urn:etoegang:core:ActingSubjectID': 'pseudo-123',
};

/** The broker sends the customer back with a code; in this fake broker the code doubles as the nonce it puts in the token. */
async function roundTrip(overrides: { state?: string; transaction?: LoginTransaction | null } = {}) {
  const client = eherkenningClient(settings);
  const { url, transaction } = await client.start();
  const authorize = new URL(url);
  expect(authorize.searchParams.get('acr_values')).toBe('urn:etoegang:core:assurance-class:loa3');
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  // Always the broker's own login: after logging out, or after a refusal, nobody walks back in on its session.
  expect(authorize.searchParams.get('prompt')).toBe('login');
  expect(authorize.searchParams.get('max_age')).toBe('0');
  broker.challenges.set(transaction.nonce, authorize.searchParams.get('code_challenge')!);
  const callback = new URL(settings.redirectUri);
  callback.searchParams.set('code', transaction.nonce);
  callback.searchParams.set('state', overrides.state ?? transaction.state);
  return client.finish(callback, overrides.transaction === undefined ? transaction : overrides.transaction);
}

describe('the eHerkenning relying party', () => {
  it('proves itself to the broker with a signed assertion when it has a private key rather than a secret', async () => {
    broker.behaviour.claims = goodClaims;
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const privateKeyJwk = { ...(await exportJWK(privateKey)), kid: 'rp-key-1', alg: 'RS256' };
    const withKey = { ...settings, clientSecret: undefined, privateKeyJwk };
    const client = eherkenningClient(withKey);
    const { url, transaction } = await client.start();
    broker.challenges.set(transaction.nonce, new URL(url).searchParams.get('code_challenge')!);
    const callback = new URL(settings.redirectUri);
    callback.searchParams.set('code', transaction.nonce);
    callback.searchParams.set('state', transaction.state);
    expect((await client.finish(callback, transaction)).kind).toBe('identity');
    // No secret sent; an assertion signed with the key, for this broker, from this client.
    const { form, authorization } = broker.behaviour.lastClientAuth;
    expect(authorization).toBeUndefined();
    expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    const { payload, protectedHeader } = await jwtVerify(form.get('client_assertion')!, publicKey);
    expect(protectedHeader.kid).toBe('rp-key-1');
    expect([payload.iss, payload.sub]).toEqual(['rp-test', 'rp-test']);
    expect([payload.aud].flat()).toContain(broker.origin());
  });

  it('refuses at start a private key that is not one: no JSON, or a public key only', async () => {
    const server = loadServerConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'hc-')) });
    const { publicKey } = await generateKeyPair('RS256', { extractable: true });
    const env = { EHERKENNING_ISSUER: 'https://broker.example.org', EHERKENNING_CLIENT_ID: 'rp' };
    for (const [jwk, why] of [
      ['{kty: RSA', /not JSON/],
      [JSON.stringify(await exportJWK(publicKey)), /private part/],
    ] as const)
      expect(() => loadEherkenningConfig({ ...env, EHERKENNING_PRIVATE_KEY_JWK: jwk }, server)).toThrow(why);
  });

  it('refuses at start a broker half configured, naming what is wrong', () => {
    const server = loadServerConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'hc-')) });
    // The address misspelt or left out: eHerkenning would be off, and nobody told.
    expect(() => loadEherkenningConfig({ EHERKENNING_CLIENT_ID: 'rp', EHERKENNING_CLIENT_SECRET: 's' }, server)).toThrow(
      /EHERKENNING_CLIENT_ID and EHERKENNING_CLIENT_SECRET set without EHERKENNING_ISSUER/,
    );
    expect(() => loadEherkenningConfig({ EHERKENNING_NOT_AUTHORISED_PATTERN: '(' }, server)).toThrow(
      /EHERKENNING_NOT_AUTHORISED_PATTERN: not a regular expression/,
    );
  });

  it('accepts a well-formed answer and reads the identity from the claims', async () => {
    broker.behaviour.claims = goodClaims;
    const result = await roundTrip();
    expect(result).toEqual({
      kind: 'identity',
      idToken: expect.stringMatching(/^ey/),
      identity: {
        kvkNumber: '90000001',
        branchNumber: '000090000011',
        pseudonym: 'pseudo-123',
        intermediaryKvk: null,
        level: 'loa3',
      },
    });
  });

  it('refuses a wrong state', async () => {
    broker.behaviour.claims = goodClaims;
    expect((await roundTrip({ state: 'not-the-state' })).kind).toBe('invalidResponse');
  });

  it('refuses a callback without a login in progress (no cookie, or a replay after it was used)', async () => {
    broker.behaviour.claims = goodClaims;
    expect((await roundTrip({ transaction: null })).kind).toBe('invalidResponse');
  });

  it('refuses a wrong nonce', async () => {
    broker.behaviour.claims = goodClaims;
    broker.behaviour.nonce = 'another-nonce';
    try {
      expect((await roundTrip()).kind).toBe('invalidResponse');
    } finally {
      broker.behaviour.nonce = undefined;
    }
  });

  it('refuses an expired ID token', async () => {
    broker.behaviour.claims = goodClaims;
    broker.behaviour.expiresIn = -600;
    try {
      expect((await roundTrip()).kind).toBe('invalidResponse');
    } finally {
      broker.behaviour.expiresIn = 300;
    }
  });

  it('refuses an answer from a broker session older than a fresh login, though max_age=0 asked for one', async () => {
    broker.behaviour.claims = goodClaims;
    broker.behaviour.loggedInAgo = 2 * 3600;
    try {
      const result = await roundTrip();
      expect(result.kind).toBe('invalidResponse');
      expect((result as { reason: string }).reason).toMatch(/JWT timestamp claim value failed/);
      // Young enough for max_age's five minutes, but from before this login began: a broker that ignored
      // prompt=login on a shared computer, answering for the person before.
      broker.behaviour.loggedInAgo = 240;
      expect(await roundTrip()).toEqual({ kind: 'invalidResponse', reason: 'a broker login from before this one started' });
    } finally {
      broker.behaviour.loggedInAgo = 5;
    }
  });

  it('refuses an ID token meant for another service (wrong audience)', async () => {
    broker.behaviour.claims = goodClaims;
    broker.behaviour.audience = 'another-service';
    try {
      expect((await roundTrip()).kind).toBe('invalidResponse');
    } finally {
      broker.behaviour.audience = 'rp-test';
    }
  });

  it('refuses an ID token from another issuer, though signed with the right key', async () => {
    broker.behaviour.claims = goodClaims;
    broker.behaviour.issuer = 'https://broker.elsewhere.example';
    try {
      expect((await roundTrip()).kind).toBe('invalidResponse');
    } finally {
      broker.behaviour.issuer = undefined;
    }
  });

  it('sends the PKCE verifier of its own login: a code taken into another login is refused by the broker', async () => {
    broker.behaviour.claims = goodClaims;
    const client = eherkenningClient(settings);
    const { url, transaction } = await client.start();
    broker.challenges.set(transaction.nonce, new URL(url).searchParams.get('code_challenge')!);
    // An attacker's own login in progress, with the victim's code pasted into its callback.
    const { transaction: other } = await client.start();
    const callback = new URL(settings.redirectUri);
    callback.searchParams.set('code', transaction.nonce);
    callback.searchParams.set('state', other.state);
    const result = await client.finish(callback, { ...other, nonce: transaction.nonce });
    expect(result.kind).toBe('invalidResponse');
  });

  it('refuses an ID token signed with another key', async () => {
    broker.behaviour.claims = goodClaims;
    const own = broker.behaviour.signWith;
    broker.behaviour.signWith = broker.foreignKey;
    try {
      expect((await roundTrip()).kind).toBe('invalidResponse');
    } finally {
      broker.behaviour.signWith = own;
    }
  });

  it('refuses an answer with a missing claim, and names it', async () => {
    const { 'urn:etoegang:core:ActingSubjectID': _gone, ...rest } = goodClaims;
    broker.behaviour.claims = rest;
    const result = await roundTrip();
    expect(result).toMatchObject({ kind: 'invalidResponse', reason: expect.stringContaining('actingSubject') });
  });

  it('tells a broker that does not answer in time, without hanging', async () => {
    broker.behaviour.claims = goodClaims;
    // Well past the client's 2 s, so that a slow machine's own delays cannot pass for an answer in time.
    broker.behaviour.tokenDelayMs = 6000;
    const started = Date.now();
    try {
      expect((await roundTrip()).kind).toBe('brokerUnavailable');
      expect(Date.now() - started).toBeLessThan(5500);
    } finally {
      broker.behaviour.tokenDelayMs = 0;
    }
  });

  it('asks the broker for the level a portal asked for, and never for less than the minimum', async () => {
    const client = eherkenningClient(settings);
    const asked = async (level?: Level) => new URL((await client.start(level)).url).searchParams.get('acr_values');
    expect(await asked('loa4')).toBe('urn:etoegang:core:assurance-class:loa4');
    expect(await asked('loa2')).toBe('urn:etoegang:core:assurance-class:loa3');
    expect(await asked()).toBe('urn:etoegang:core:assurance-class:loa3');
  });

  it('tells a broker that is down at the start', async () => {
    const client = eherkenningClient({ ...settings, issuer: new URL('http://127.0.0.1:9') });
    await expect(client.start()).rejects.toThrow();
  });

  it('reads a cancel and a missing authorisation from the error the broker sends', async () => {
    const client = eherkenningClient(settings);
    const back = (params: string) => client.finish(new URL(`${settings.redirectUri}?${params}`), null);
    expect(await back('error=access_denied&error_description=The+user+cancelled')).toEqual({ kind: 'cancelled' });
    expect(await back('error=access_denied&error_description=Not+authorised+for+this+service')).toEqual({
      kind: 'notAuthorised',
    });
    expect((await back('error=server_error')).kind).toBe('invalidResponse');
  });
});

describe('eHerkenning levels and claims', () => {
  it('knows the eHerkenning and eIDAS names, and EH3 as the minimum', () => {
    expect(parseLevel('urn:etoegang:core:assurance-class:loa2plus')).toBe('loa2plus');
    expect(parseLevel('http://eidas.europa.eu/LoA/substantial')).toBe('loa3');
    expect(parseLevel('urn:something:else')).toBeNull();
    expect(meetsLevel('loa4', 'loa3')).toBe(true);
    expect(meetsLevel('loa2plus', 'loa3')).toBe(false);
  });

  it('accepts a bare KvK number and refuses malformed ones', () => {
    expect(readClaims({ ...goodClaims, 'urn:etoegang:core:LegalSubjectID': '90000001' }, defaultClaimNames).ok).toBe(true);
    expect(readClaims({ ...goodClaims, 'urn:etoegang:core:LegalSubjectID': '9000' }, defaultClaimNames)).toEqual({
      ok: false,
      missing: 'company',
    });
    // A branch in any other shape is refused, never read as no branch: that would cover the whole company.
    for (const branch of ['12', ['000090000022'], 90000022, '', ' ', {}])
      expect(
        readClaims({ ...goodClaims, 'urn:etoegang:1.9:ServiceRestriction:Vestigingsnr': branch }, defaultClaimNames),
      ).toEqual({
        ok: false,
        missing: 'branch',
      });
  });
});

describe('logging in with an eHerkenning identity', () => {
  it('matches the company and branch, and refuses a low level, an unknown company or branch', async () => {
    const runtime = await testRuntime();
    try {
      const identity: EherkenningIdentity = {
        kvkNumber: '90000002',
        branchNumber: '000090000022',
        pseudonym: 'owner-x',
        intermediaryKvk: null,
        level: 'loa3',
      };
      const login = (over: Partial<typeof identity> = {}) =>
        loginWithEherkenning(runtime.deps, { identity: { ...identity, ...over }, idToken: 'id-token', minimum: 'loa3' });
      expect((await login()).kind).toBe('ok');
      const accounts = await runtime.opened.db.selectFrom('accounts').select('id').execute();
      expect(await login({ level: 'loa2plus', pseudonym: 'owner-new' })).toEqual({ kind: 'levelTooLow', level: 'EH2+' });
      expect(await login({ kvkNumber: '99999990' })).toEqual({ kind: 'unknownCompany' });
      expect(await login({ branchNumber: '999999999999' })).toEqual({ kind: 'unknownBranch' });
      // A refused login leaves nothing behind: no account for a person who was not let in.
      expect(await runtime.opened.db.selectFrom('accounts').select('id').execute()).toHaveLength(accounts.length);
      // No branch sent: the company is enough.
      expect((await login({ branchNumber: null, pseudonym: 'employee-y' })).kind).toBe('ok');
    } finally {
      await runtime.dispose();
    }
  });
});

describe('one person acting for two branches of a company', () => {
  it('is, at each login, the branch that login was for, never the one before', async () => {
    const runtime = await testRuntime();
    try {
      const kvk = '93100001';
      const branches = { north: '000093100011', south: '000093100022' };
      const report = await importCustomers(
        runtime.deps,
        Object.entries(branches).map(([name, branch], i) => ({
          line: i + 1,
          values: {
            policy_number: `ZB${name.toUpperCase()}1`,
            company_name: `Tweevestigingen ${name}`,
            kvk_number: kvk,
            vestigingsnummer: branch,
            product_lines: 'business-package',
          },
        })),
      );
      expect(report.created).toBe(2);
      const customerOf = async (branchNumber: string) => {
        const login = await loginWithEherkenning(runtime.deps, {
          identity: { kvkNumber: kvk, branchNumber, pseudonym: 'person-z', intermediaryKvk: null, level: 'loa3' },
          idToken: 'id-token',
          minimum: 'loa3',
        });
        if (login.kind !== 'ok') throw new Error(login.kind);
        const current = await resolveSession(runtime.deps, login.token);
        return (await runtime.deps.store.findCustomerById(current!.account.customer_id!))!.policy_number;
      };
      expect(await customerOf(branches.south)).toBe('ZBSOUTH1');
      // Later the same person logs in for the other branch: that branch, and its policy.
      expect(await customerOf(branches.north)).toBe('ZBNORTH1');
      expect(await customerOf(branches.south)).toBe('ZBSOUTH1');
    } finally {
      await runtime.dispose();
    }
  });

  it('an account named for the whole company before it was per branch stays with the branch it was made for', async () => {
    const runtime = await testRuntime();
    try {
      const kvk = '93100002';
      await importCustomers(runtime.deps, [
        {
          line: 1,
          values: { policy_number: 'ZAMAIN1', company_name: 'Hoofd', kvk_number: kvk, product_lines: 'business-package' },
        },
        {
          line: 2,
          values: {
            policy_number: 'ZBBRANCH1',
            company_name: 'Filiaal',
            kvk_number: kvk,
            vestigingsnummer: '000093100033',
            product_lines: 'business-package',
          },
        },
      ]);
      const branch = (await runtime.deps.store.findCustomerByPolicy('ZBBRANCH1'))!;
      // As it was written before: the company and the pseudonym, tied to the branch of that first login.
      const old = newAccountRow(runtime.deps, {
        email: `eherkenning:${kvk}:person-y`,
        customer_id: branch.id,
        role: 'customer',
        status: 'eherkenning',
        lang: 'nl',
      });
      await runtime.deps.store.insertAccount(old);
      // A login at too low a level is not written into the history of the branch's account.
      const low = await loginWithEherkenning(runtime.deps, {
        identity: { kvkNumber: kvk, branchNumber: null, pseudonym: 'person-y', intermediaryKvk: null, level: 'loa2plus' },
        idToken: 'id-token',
        minimum: 'loa3',
      });
      expect(low.kind).toBe('levelTooLow');
      expect(await runtime.deps.store.listLoginAttempts(old.id, 10)).toEqual([]);
      const login = await loginWithEherkenning(runtime.deps, {
        identity: { kvkNumber: kvk, branchNumber: null, pseudonym: 'person-y', intermediaryKvk: null, level: 'loa3' },
        idToken: 'id-token',
        minimum: 'loa3',
      });
      if (login.kind !== 'ok') throw new Error(login.kind);
      const current = (await resolveSession(runtime.deps, login.token))!;
      expect((await runtime.deps.store.findCustomerById(current.account.customer_id!))!.policy_number).toBe('ZAMAIN1');
      expect(current.account.id).not.toBe(old.id);
      expect((await runtime.deps.store.findAccountById(old.id))!.customer_id).toBe(branch.id);
    } finally {
      await runtime.dispose();
    }
  });
});
