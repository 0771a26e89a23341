import type { Lang } from '../i18n/lang.ts';
import { flowLink } from '../config/flow-paths.ts';
import { newAccountRow } from './account-row.ts';
import { mailingTransaction } from './mailing.ts';
import type { AuthDeps } from './deps.ts';
import { normalizePolicyNumber } from '../shared/policy-number.ts';
import { normalizeEmail } from './normalize.ts';
import { sendActivationLink } from './activate.ts';
import { takeMailAllowance } from './mail-limit.ts';

export interface Registration {
  email: string;
  policyNumber: string;
  lang: Lang;
  /** Who asks (a client address), for the mail allowance. */
  requester: string;
}

/** Mail on its way, or held back because too many went out this hour: said as it is, for any address alike. */
export type MailOutcome = { kind: 'check-mail' } | { kind: 'mail-held' };

/**
 * Asks for an account; the password is chosen when the mailed link is opened,
 * so a registration never sets or changes a password, and nobody can prepare
 * an account for someone else's address. The answer is always "check your
 * mailbox", and every case does the same lookups and one mail (a new address
 * also writes its account and link, well under a millisecond: the timing test
 * holds it), so neither the answer nor its timing tells whether the address
 * has an account; the mail says what happened.
 */
export async function register(deps: AuthDeps, input: Registration): Promise<MailOutcome> {
  const email = normalizeEmail(input.email);
  const now = deps.clock.now();
  const policyNumber = normalizePolicyNumber(input.policyNumber);
  const lang = input.lang;

  const sent = await mailingTransaction(deps, async (store) => {
    if (!(await takeMailAllowance(deps, store, { to: email, requester: input.requester, now }))) return false;
    const customer = await store.findCustomerByPolicy(policyNumber);
    const existing = await store.findLiveAccountByEmail(email);

    // A staff member's invitation waiting to be accepted is an account too: never signed up as a customer.
    if (existing && (existing.status !== 'unverified' || existing.role !== 'customer')) {
      const link = flowLink(deps.config.publicOrigin, 'login', lang);
      await deps.mail.queue(store, { to: email, lang, kind: 'registerExisting', vars: { link } });
      return true;
    }
    if (!customer) {
      // As the policy has it: the form takes nothing else, so no text of a stranger's reaches a mailbox.
      const vars = { policyNumber };
      await deps.mail.queue(store, { to: email, lang, kind: 'registerUnknownPolicy', vars });
      return true;
    }
    // Asked again before activating: another link, for the company of this request; earlier links keep theirs.
    const accountId = existing?.id ?? deps.random.uuid();
    if (!existing) {
      await store.insertAccount(
        newAccountRow(deps, { id: accountId, email, customer_id: customer.id, role: 'customer', status: 'unverified', lang }),
      );
    }
    await sendActivationLink(deps, store, { accountId, email, lang, customer });
    return true;
  });
  return sent ? { kind: 'check-mail' } : { kind: 'mail-held' };
}
