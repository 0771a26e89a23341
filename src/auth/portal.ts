import type { AuthDeps } from './deps.ts';
import { resolveSession } from './sessions.ts';

export interface PortalView {
  email: string;
  company: string;
  policyNumber: string;
  productLines: string[];
  method: 'password' | 'eherkenning';
  since: number;
}

/** What the portal home shows about who is logged in, for which company. */
export async function portalView(deps: AuthDeps, token: string | undefined): Promise<PortalView | null> {
  const current = await resolveSession(deps, token);
  if (!current || current.session.stage !== 'full') return null;
  const customer = current.account.customer_id ? await deps.store.findCustomerById(current.account.customer_id) : undefined;
  if (!customer) return null;
  return {
    email: current.account.email,
    company: customer.company_name,
    policyNumber: customer.policy_number,
    productLines: customer.product_lines.split(',').filter(Boolean),
    method: current.session.method,
    since: current.session.created_at,
  };
}
