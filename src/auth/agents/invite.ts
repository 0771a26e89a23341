import { staffPaths } from '../../config/flow-paths.ts';
import type { Role } from '../../store/types.ts';
import type { AuthDeps } from '../deps.ts';
import { recordEvent } from '../events.ts';
import { normalizeEmail } from '../normalize.ts';
import { checkPassword, type PasswordProblem } from '../passwords.ts';
import { hashToken } from '../crypto.ts';
import { issueToken } from '../tokens.ts';

const INVITE_TTL_MS = 72 * 3_600_000;

export type InviteResult = { kind: 'invited'; email: string } | { kind: 'exists' };

/**
 * A new call-center account (`npm run agent:create`): no password yet; an
 * invitation mail lets the agent choose one, then they link an authenticator
 * at their first login, like a customer.
 */
export async function inviteStaff(
  deps: AuthDeps,
  input: { email: string; role: Exclude<Role, 'customer'>; lang: 'nl' | 'en' },
): Promise<InviteResult> {
  const email = normalizeEmail(input.email);
  const result = await deps.store.transaction(async (store): Promise<InviteResult> => {
    if (await store.findLiveAccountByEmail(email)) return { kind: 'exists' };
    const now = deps.clock.now();
    const id = deps.random.uuid();
    await store.insertAccount({
      id,
      email,
      customer_id: null,
      role: input.role,
      status: 'unverified',
      lang: input.lang,
      // No password can match this until the invitation sets one.
      password_hash: '!',
      totp_secret: null,
      totp_bound_at: null,
      pending_totp_secret: null,
      pending_totp_created_at: null,
      activated_at: null,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    });
    const token = await issueToken(deps, store, id, 'invite', INVITE_TTL_MS);
    const link = `${deps.config.publicOrigin}${staffPaths.invite}#token=${token}`;
    await deps.mail.queue(store, { to: email, lang: input.lang, kind: 'staffInvite', vars: { link } });
    return { kind: 'invited', email };
  });
  deps.mail.notify();
  return result;
}

export type AcceptResult = { kind: 'accepted' } | { kind: 'invalid' } | { kind: 'weak-password'; problem: PasswordProblem };

/** The invitation link: the agent chooses a password; the authenticator comes at the first login. */
export async function acceptInvite(deps: AuthDeps, input: { token: string; password: string }): Promise<AcceptResult> {
  const found = /^[A-Za-z0-9_-]{20,100}$/.test(input.token)
    ? await deps.store.findTokenByHash(hashToken(input.token))
    : undefined;
  const now = deps.clock.now();
  if (!found || found.purpose !== 'invite' || found.used_at !== null || found.expires_at <= now) return { kind: 'invalid' };
  const account = await deps.store.findAccountById(found.account_id);
  if (!account || account.role === 'customer') return { kind: 'invalid' };
  const problem = checkPassword(input.password, [account.email, deps.config.issuer]);
  if (problem) return { kind: 'weak-password', problem };
  const passwordHash = await deps.passwords.hash(input.password);
  return deps.store.transaction(async (store): Promise<AcceptResult> => {
    await store.lockAccount(account.id);
    if (!(await store.consumeToken(found.id, now))) return { kind: 'invalid' };
    await store.updateAccount(
      account.id,
      { password_hash: passwordHash, password_changed_at: now, status: 'verified', activated_at: now, updated_at: now },
      { status: 'unverified' },
    );
    await recordEvent(deps, store, account.id, 'activated');
    return { kind: 'accepted' };
  });
}
