import type { Role } from '../../store/types.ts';
import { newAccountRow } from '../account-row.ts';
import type { AuthDeps } from '../deps.ts';
import { recordEvent } from '../events.ts';
import { normalizeEmail } from '../normalize.ts';
import { checkPassword, type PasswordProblem } from '../passwords.ts';
import { peekToken, spendToken } from '../tokens.ts';
import { sendInvitation } from './staff-admin.ts';
import { audited, type Actor } from './audit.ts';
import { auditText } from '../../shared/audit-words.ts';

export type InviteResult = { kind: 'invited'; email: string } | { kind: 'exists' };

/**
 * A new call-center account (`npm run staff -- invite`): no password yet; an
 * invitation mail lets the agent choose one, then they link an authenticator
 * at their first login, like a customer.
 */
export async function inviteStaff(
  deps: AuthDeps,
  actor: Actor,
  input: { email: string; role: Exclude<Role, 'customer'>; lang: 'nl' | 'en' },
): Promise<InviteResult> {
  const email = normalizeEmail(input.email);
  const result = await audited<InviteResult>(deps, actor, {
    action: `staffInvite:${input.role}`,
    subject: email,
    reason: auditText('newMemberOfStaff'),
    outcome: (r) => (r.kind === 'invited' ? 'done' : 'refused: exists'),
    work: async (store) => {
      if (await store.findLiveAccountByEmail(email)) return { kind: 'exists' };
      const account = newAccountRow(deps, { email, customer_id: null, role: input.role, status: 'unverified', lang: input.lang });
      await store.insertAccount(account);
      await sendInvitation(deps, store, account);
      return { kind: 'invited', email };
    },
  });
  return result;
}

export type AcceptResult = { kind: 'accepted' } | { kind: 'invalid' } | { kind: 'weak-password'; problem: PasswordProblem };

/** The invitation link: the agent chooses a password; the authenticator comes at the first login. */
export async function acceptInvite(deps: AuthDeps, input: { token: string; password: string }): Promise<AcceptResult> {
  const found = await peekToken(deps, deps.store, input.token, 'invite');
  if (!found) return { kind: 'invalid' };
  const now = deps.clock.now();
  const account = await deps.store.findAccountById(found.account_id);
  if (!account || account.role === 'customer') return { kind: 'invalid' };
  const problem = await checkPassword(input.password, [account.email, deps.config.issuer]);
  if (problem) return { kind: 'weak-password', problem };
  const passwordHash = await deps.passwords.hash(input.password);
  return deps.store.transaction(async (store): Promise<AcceptResult> => {
    if (!(await spendToken(deps, store, found))) return { kind: 'invalid' };
    const accepted = await store.updateAccount(
      account.id,
      { password_hash: passwordHash, password_changed_at: now, status: 'verified', activated_at: now, updated_at: now },
      { status: 'unverified' },
    );
    if (!accepted) return { kind: 'invalid' };
    await recordEvent(deps, store, account.id, 'activated');
    return { kind: 'accepted' };
  });
}
