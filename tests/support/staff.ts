import { expect } from 'vitest';
import { COMMAND_LINE } from '../../src/auth/agents/audit.ts';
import { inviteStaff } from '../../src/auth/agents/invite.ts';
import type { Role } from '../../src/store/types.ts';
import { apiClient, GOOD_PASSWORD, lastMail, tokenFrom, uniqueEmail } from './api.ts';
import type { testRuntime } from './runtime.ts';
import { freshCode } from './totp.ts';

type Runtime = Awaited<ReturnType<typeof testRuntime>>;

/** An invited agent who accepted, logged in and linked an app: a client with a full staff session. */
export async function staffClient(runtime: Runtime, role: Exclude<Role, 'customer'> = 'agent') {
  const email = uniqueEmail(role);
  expect(await inviteStaff(runtime.deps, COMMAND_LINE, { email, role, lang: 'nl' })).toEqual({ kind: 'invited', email });
  const mail = await lastMail(runtime, email);
  expect(mail.kind).toBe('staffInvite');
  const client = apiClient(runtime);
  const accepted = await client.post('/api/agent/invitation', { token: tokenFrom(mail.text_body), password: GOOD_PASSWORD });
  expect(accepted.status).toBe(200);
  expect((await client.post('/api/agent/session', { email, password: GOOD_PASSWORD })).json).toEqual({ next: 'enrol' });
  const key = (await client.post('/api/authenticator/enrolment')).json.key.replace(/\s/g, '');
  expect((await client.post('/api/authenticator/enrolment/confirm', { code: freshCode(key) })).status).toBe(200);
  expect((await client.post('/api/agent/session', { email, password: GOOD_PASSWORD })).json).toEqual({ next: 'code' });
  expect((await client.post('/api/session/code', { code: freshCode(key) })).status).toBe(200);
  return { client, email, key };
}
