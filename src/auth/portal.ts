import type { AuthDeps } from './deps.ts';
import { maskEmail } from './mask.ts';
import { sessionsSeen, type SessionSeen } from './own-sessions.ts';
import { detailsOf, resolveSession } from './sessions.ts';
import { vouchedTakeover } from './recovery/requests.ts';
import { levelName } from '../shared/eherkenning/levels.ts';
import { NEW_COMPANY_LOGIN_MS } from './policy.ts';

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
   * Email logins: newer accounts' requests to take this one over, still running, the newest first
   * (up to TAKEOVERS_SHOWN, and how many more), so that a request made to be stopped cannot hide
   * another. The holder can stop each here until it is proven (`proven`) or staff vouched for it
   * (`vouched`); a proven takeover is final, a vouched one only staff stop (src/auth/recovery/cancel.ts).
   */
  takeovers: { id: string; asker: string; since: number; proven: boolean; vouched: boolean }[];
  /** Running takeovers beyond those listed (TAKEOVERS_SHOWN). */
  moreTakeovers: number;
  /** Email logins: where the account is logged in now, this browser first; empty for eHerkenning. */
  sessions: SessionSeen[];
  /**
   * eHerkenning logins: the company's email login, if it has one (its address masked), since when,
   * and whether that is recent (NEW_COMPANY_LOGIN_MS). Policy number and mailbox set one up with no
   * other proof, so the colleagues who log in with eHerkenning see it here, and can take it over.
   */
  companyLogin: { email: string; since: number; recent: boolean } | null;
}

/** What the portal home shows about who is logged in, for which company. */
export async function portalView(deps: AuthDeps, token: string | undefined): Promise<PortalView | null> {
  const current = await resolveSession(deps, token);
  if (!current || current.session.stage !== 'full') return null;
  const customer = current.account.customer_id ? await deps.store.findCustomerById(current.account.customer_id) : undefined;
  if (!customer) return null;
  const details = detailsOf(current.session);
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
    ...(eherkenning ? { takeovers: [], moreTakeovers: 0 } : await takeoversOf(deps, current.account.id)),
    // Not for eHerkenning: ending the others asks for the password again, which such a login has none of.
    sessions: eherkenning ? [] : await sessionsSeen(deps, current),
    companyLogin: eherkenning ? await companyLoginOf(deps, customer.id) : null,
  };
}

async function companyLoginOf(deps: AuthDeps, customerId: string): Promise<PortalView['companyLogin']> {
  const holder = await deps.store.findActiveAccountOfCustomer(customerId);
  if (!holder) return null;
  const since = holder.first_bound_at ?? holder.activated_at ?? holder.created_at;
  return { email: maskEmail(holder.email), since, recent: deps.clock.now() - since < NEW_COMPANY_LOGIN_MS };
}

/**
 * How many running takeovers the portal lists, newest first: each was mailed to the holder, a
 * few per hour at most, so more than this means someone makes them to bury one among them.
 */
export const TAKEOVERS_SHOWN = 10;

async function takeoversOf(deps: AuthDeps, accountId: string): Promise<Pick<PortalView, 'takeovers' | 'moreTakeovers'>> {
  const requests = await deps.store.findOpenTakeoversOf(accountId, deps.clock.now());
  return {
    takeovers: requests.slice(0, TAKEOVERS_SHOWN).map((request) => ({
      id: request.id,
      asker: maskEmail(request.asker_email),
      since: request.created_at,
      proven: request.status === 'proven',
      vouched: vouchedTakeover(request),
    })),
    moreTakeovers: Math.max(0, requests.length - TAKEOVERS_SHOWN),
  };
}
