import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/edge/app.ts';

const app = createApp();
const call = (path: string, init?: RequestInit) => app.fetch(new Request(`http://localhost${path}`, init));

describe('the /api seam', () => {
  it('answers health with status and version', async () => {
    const res = await call('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers an unknown path with a translated JSON 404', async () => {
    const nl = await call('/api/bestaat-niet');
    expect(nl.status).toBe(404);
    expect(await nl.json()).toMatchObject({ error: { code: 'notFound', message: 'Dit adres bestaat niet.' } });
    const en = await call('/api/does-not-exist', { headers: { 'Accept-Language': 'en-GB,en;q=0.9' } });
    expect(await en.json()).toMatchObject({ error: { message: 'This address does not exist.' } });
  });

  it('answers a known path with another method with a translated 405 and Allow', async () => {
    const res = await call('/api/health?lang=en', { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    expect(await res.json()).toMatchObject({ error: { code: 'methodNotAllowed', message: 'This action is not possible here.' } });
  });
});
