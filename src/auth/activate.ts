import type { Lang } from '../i18n/lang.ts';
import type { Customer, Store } from '../store/types.ts';
import type { AuthDeps } from './deps.ts';
import { recordEvent } from './events.ts';
import { checkPassword, type PasswordProblem } from './passwords.ts';
import { mailedLink } from './mailing.ts';
import { peekToken, spendToken } from './tokens.ts';

/** The activation link for an account and the company it was asked for; the mail names the policy. */
export async function sendActivationLink(
  deps: AuthDeps,
  store: Store,
  input: { accountId: string; email: string; lang: Lang; customer: Customer },
): Promise<void> {
  const link = await mailedLink(deps, store, {
    accountId: input.accountId,
    purpose: 'activate',
    ttlMs: deps.config.activationTtlMs,
    page: 'activate',
    lang: input.lang,
    binding: { customerId: input.customer.id },
  });
  await deps.mail.queue(store, {
    to: input.email,
    lang: input.lang,
    kind: 'activate',
    vars: { link, policyNumber: input.customer.policy_number },
  });
}

export type ActivateResult =
  { kind: 'activated'; email: string } | { kind: 'invalid' } | { kind: 'weak-password'; problem: PasswordProblem };

/**
 * The mailed link, opened and confirmed with a click: the owner of the mailbox
 * chooses the password here, for the company the link was sent for. The
 * account may then log in, and must link an authenticator first.
 */
export async function activate(deps: AuthDeps, input: { token: string; password: string }): Promise<ActivateResult> {
  const found = await peekToken(deps, deps.store, input.token, 'activate');
  const account = found && (await deps.store.findAccountById(found.account_id));
  if (!found || !account || account.status !== 'unverified' || account.role !== 'customer') return { kind: 'invalid' };
  // A weak password is refused before the link is used, so the customer can try another.
  const problem = await checkPassword(input.password, [account.email, deps.config.issuer]);
  if (problem) return { kind: 'weak-password', problem };
  const passwordHash = await deps.passwords.hash(input.password);
  return deps.store.transaction(async (store) => {
    if (!(await spendToken(deps, store, found))) return { kind: 'invalid' };
    const now = deps.clock.now();
    const activated = await store.updateAccount(
      account.id,
      {
        password_hash: passwordHash,
        password_changed_at: now,
        customer_id: found.customer_id ?? account.customer_id,
        status: 'verified',
        activated_at: now,
        updated_at: now,
      },
      { status: 'unverified' },
    );
    if (!activated) return { kind: 'invalid' };
    await store.invalidateTokens(account.id, now, 'activate');
    await recordEvent(deps, store, account.id, 'activated');
    return { kind: 'activated', email: account.email };
  });
}
