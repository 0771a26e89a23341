import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../support/api.ts';
import { testRuntime } from '../support/runtime.ts';

let runtime: Awaited<ReturnType<typeof testRuntime>>;
let client: ApiClient;
beforeAll(async () => {
  runtime = await testRuntime();
  client = apiClient(runtime);
});
afterAll(() => runtime.dispose());

describe('the /api seam', () => {
  it('answers health with status and version', async () => {
    const res = await client.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-request-id')).toBeTruthy();
    // Never inside a frame, the pages' rule too.
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('makes its own request id: one the client sends would let anyone choose the ids in the security log', async () => {
    const chosen = '00000000-aaaa-bbbb-cccc-000000000001';
    const first = await client.call('GET', '/api/health', undefined, { 'X-Request-Id': chosen });
    const second = await client.call('GET', '/api/health', undefined, { 'X-Request-Id': chosen });
    const ids = [first, second].map((res) => res.headers.get('x-request-id'));
    expect(ids).not.toContain(chosen);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('answers an unknown path with a translated JSON 404', async () => {
    const nl = await client.get('/api/bestaat-niet');
    expect(nl.status).toBe(404);
    expect(nl.json).toMatchObject({ error: { code: 'notFound', message: 'Dit adres bestaat niet.' } });
    const en = await client.call('GET', '/api/does-not-exist', undefined, { 'Accept-Language': 'en-GB,en;q=0.9' });
    expect(en.json).toMatchObject({ error: { message: 'This address does not exist.' } });
  });

  it('answers a known path with another method with a translated 405 and Allow', async () => {
    const res = await client.call('DELETE', '/api/health?lang=en');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    expect(res.json).toMatchObject({ error: { code: 'methodNotAllowed', message: 'This action is not possible here.' } });
    const put = await client.call('PUT', '/api/session', {});
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('POST, GET, DELETE');
  });

  it('publishes an OpenAPI document generated from the same schemas', async () => {
    const res = await client.get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe('3.1.0');
    expect(Object.keys(res.json.paths)).toEqual(
      expect.arrayContaining([
        '/api/accounts',
        '/api/accounts/activate',
        '/api/session',
        '/api/session/code',
        '/api/authenticator/enrolment',
      ]),
    );
    expect(res.json.components.schemas.RegisterBody.required).toEqual(['email', 'policyNumber']);
  });
});
