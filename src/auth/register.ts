import type { Lang } from '../i18n/lang.ts';
import { flowLink } from '../config/flow-paths.ts';
import type { AuthDeps } from './deps.ts';
import { normalizeEmail, normalizePolicyNumber } from './normalize.ts';
import { checkPassword, type PasswordProblem } from './passwords.ts';
import { issueToken } from './tokens.ts';
import { withinMailLimit } from './mail-limit.ts';

export interface Registration {
  email: string;
  password: string;
  policyNumber: string;
  lang: Lang;
}

export type RegisterResult = { kind: 'check-mail' } | { kind: 'weak-password'; problem: PasswordProblem };

/**
 * Creates an account, or explains by mail why not. The answer is "check your
 * mailbox" whatever the case, and every case costs one password hash, so
 * neither the answer nor its timing tells whether the address has an account.
 */
export async function register(deps: AuthDeps, input: Registration): Promise<RegisterResult> {
  const email = normalizeEmail(input.email);
  const problem = checkPassword(input.password, [email, deps.config.issuer]);
  if (problem) return { kind: 'weak-password', problem };
  const passwordHash = await deps.passwords.hash(input.password);
  const now = deps.clock.now();
  const policyNumber = normalizePolicyNumber(input.policyNumber);

  await deps.store.transaction(async (store) => {
    if (!(await withinMailLimit(store, email, now))) return;

    const customer = await store.findCustomerByPolicy(policyNumber);
    const existing = await store.findLiveAccountByEmail(email);
    const lang = input.lang;

    if (existing && existing.status !== 'unverified') {
      const link = flowLink(deps.config.publicOrigin, 'login', existing.lang);
      await deps.mail.queue(store, { to: email, lang: existing.lang, kind: 'registerExisting', vars: { link } });
      return;
    }
    if (!customer) {
      await deps.mail.queue(store, {
        to: email,
        lang,
        kind: 'registerUnknownPolicy',
        vars: { policyNumber: input.policyNumber.slice(0, 40) },
      });
      return;
    }
    let accountId: string;
    if (existing) {
      // Registering again before activating: the latest password and policy count,
      // and only the newest link works.
      accountId = existing.id;
      await store.updateAccount(
        accountId,
        { password_hash: passwordHash, customer_id: customer.id, lang, updated_at: now },
        { status: 'unverified' },
      );
      await store.invalidateTokens(accountId, now, 'activate');
    } else {
      accountId = deps.random.uuid();
      await store.insertAccount({
        id: accountId,
        email,
        customer_id: customer.id,
        role: 'customer',
        status: 'unverified',
        lang,
        password_hash: passwordHash,
        totp_secret: null,
        totp_bound_at: null,
        pending_totp_secret: null,
        pending_totp_created_at: null,
        activated_at: null,
        password_changed_at: now,
        created_at: now,
        updated_at: now,
      });
    }
    const token = await issueToken(deps, store, accountId, 'activate', deps.config.activationTtlMs);
    await deps.mail.queue(store, {
      to: email,
      lang,
      kind: 'activate',
      vars: { link: flowLink(deps.config.publicOrigin, 'activate', lang, token) },
    });
  });
  deps.mail.notify();
  return { kind: 'check-mail' };
}
