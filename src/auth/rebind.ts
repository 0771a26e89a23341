import { flowLink } from '../config/flow-paths.ts';
import type { AuthDeps } from './deps.ts';
import { offerSecret, type EnrolmentOffer } from './enrol.ts';
import { withinMailLimit } from './mail-limit.ts';
import { verifyPassword } from './password-check.ts';
import { resolveSession, startSession } from './sessions.ts';
import { issueToken, useToken } from './tokens.ts';

export type RebindRequest =
  /** Password right: a link is on its way to the account's mailbox. */
  | { kind: 'mail-sent' }
  /** Password right, but no app was ever linked: logging in links one. */
  | { kind: 'not-enrolled' }
  | { kind: 'refused' }
  | { kind: 'locked'; until: number };

/**
 * A new phone, step 1: the password, then a link to the mailbox. Both are
 * needed: the password alone (it may have leaked) or the mailbox alone must not
 * be enough to move the second factor to another phone.
 */
export async function requestRebind(deps: AuthDeps, input: { email: string; password: string }): Promise<RebindRequest> {
  const check = await verifyPassword(deps, input);
  if (check.kind !== 'ok') return check;
  const { account } = check;
  if (account.status !== 'active') return { kind: 'not-enrolled' };
  await deps.store.transaction(async (store) => {
    if (!(await withinMailLimit(store, account.email, deps.clock.now()))) return;
    const token = await issueToken(deps, store, account.id, 'rebind', deps.config.recoveryTtlMs);
    await deps.mail.queue(store, {
      to: account.email,
      lang: account.lang,
      kind: 'rebindLink',
      vars: { link: flowLink(deps.config.publicOrigin, 'newPhone', account.lang, token) },
    });
  });
  deps.mail.notify();
  return { kind: 'mail-sent' };
}

export type RebindStart = { kind: 'offer'; session: string; offer: EnrolmentOffer } | { kind: 'invalid' };

/**
 * A new phone, step 2: the link from the mail opens a short session that may
 * only link a new app; the old one keeps working until the new one is confirmed.
 */
export async function startRebind(deps: AuthDeps, token: string, qrTitle: string): Promise<RebindStart> {
  const used = await useToken(deps, deps.store, token, 'rebind');
  const account = used && (await deps.store.findAccountById(used.account_id));
  if (!account || account.status !== 'active') return { kind: 'invalid' };
  const session = await startSession(deps, deps.store, account, 'rebind', 'password');
  const current = await resolveSession(deps, session);
  if (!current) return { kind: 'invalid' };
  return { kind: 'offer', session, offer: await offerSecret(deps, current, qrTitle) };
}
