import type { AuthDeps } from './deps.ts';
import { maskEmail } from './mask.ts';
import { resolveSession } from './sessions.ts';
import { vouchedTakeover } from './recovery/requests.ts';
import { levelName, type Level } from '../shared/eherkenning/levels.ts';

export interface PortalView {
  /** The login address; null for an eHerkenning login, which has none. */
  email: string | null;
  company: string;
  policyNumber: string;
  productLines: string[];
  method: 'password' | 'eherkenning';
  since: number;
  /** With eHerkenning: the level (EH3, EH4) and any intermediary's KvK number. */
  level: string | null;
  intermediary: string | null;
  /** Email logins: how many recovery codes are left; null for eHerkenning. */
  recoveryCodesLeft: number | null;
  /**
   * Email logins: a newer account's request to take this one over, still running. The holder can
   * stop it here until it is proven (`proven`) or staff vouched for it (`vouched`); a proven
   * takeover is final, a vouched one only staff stop (src/auth/recovery/cancel.ts).
   */
  takeover: { id: string; asker: string; since: number; proven: boolean; vouched: boolean } | null;
}

/** What the portal home shows about who is logged in, for which company. */
export async function portalView(deps: AuthDeps, token: string | undefined): Promise<PortalView | null> {
  const current = await resolveSession(deps, token);
  if (!current || current.session.stage !== 'full') return null;
  const customer = current.account.customer_id ? await deps.store.findCustomerById(current.account.customer_id) : undefined;
  if (!customer) return null;
  const details = current.session.details
    ? (JSON.parse(current.session.details) as { level?: Level; intermediary?: string | null })
    : {};
  const eherkenning = current.session.method === 'eherkenning';
  return {
    email: eherkenning ? null : current.account.email,
    company: customer.company_name,
    policyNumber: customer.policy_number,
    productLines: customer.product_lines.split(',').filter(Boolean),
    method: current.session.method,
    since: current.session.created_at,
    level: details.level ? levelName(details.level) : null,
    intermediary: details.intermediary ?? null,
    recoveryCodesLeft: eherkenning ? null : await deps.store.countRecoveryCodes(current.account.id),
    takeover: eherkenning ? null : await takeoverOf(deps, current.account.id),
  };
}

async function takeoverOf(deps: AuthDeps, accountId: string): Promise<PortalView['takeover']> {
  const request = await deps.store.findOpenTakeoverOf(accountId, deps.clock.now());
  const asker = request && (await deps.store.findAccountById(request.account_id));
  return request && asker
    ? {
        id: request.id,
        asker: maskEmail(asker.email),
        since: request.created_at,
        proven: request.status === 'proven',
        vouched: vouchedTakeover(request),
      }
    : null;
}
