import { levelName } from '../shared/eherkenning/levels.ts';
import type { Account, Customer, Session } from '../store/types.ts';
import { detailsOf } from '../auth/sessions.ts';

/** The claims of the `insurance` scope, as the portal reads them (documented in the README). */
export const insuranceClaims = [
  'company_name',
  'kvk_number',
  'vestigingsnummer',
  'policy_number',
  'product_lines',
  'login_method',
  'eherkenning_level',
  'acting_subject',
  'intermediary_kvk',
] as const;

/** Who logged in, for which company, and how: from the account, its customer and the session the grant came from. */
export function claimsOf(account: Account, customer: Customer, session: Session): Record<string, unknown> {
  const details = detailsOf(session);
  const eherkenning = session.method === 'eherkenning';
  return {
    company_name: customer.company_name,
    kvk_number: customer.kvk_number,
    vestigingsnummer: customer.vestigingsnummer,
    policy_number: customer.policy_number,
    product_lines: customer.product_lines.split(',').filter(Boolean),
    login_method: session.method,
    eherkenning_level: eherkenning && details.level ? levelName(details.level) : null,
    acting_subject: eherkenning ? (details.pseudonym ?? null) : null,
    intermediary_kvk: eherkenning ? (details.intermediary ?? null) : null,
    // An eHerkenning login has no address of ours: it is the company acting, not a mailbox.
    ...(eherkenning ? {} : { email: account.email, email_verified: true }),
  };
}
