import type { AuthDeps } from '../deps.ts';
import { recordEvent } from '../events.ts';
import { logOutEverywhere, type ActiveSession } from '../sessions.ts';
import { maskEmail } from '../mask.ts';
import { sendActivationLink } from '../activate.ts';
import { LOCKED_UNTIL_RESET, liftable } from '../throttle.ts';
import { audited, outcomeOf } from './audit.ts';
import { staffNow } from './staff.ts';
import { auditText } from '../../shared/audit-words.ts';

export type AgentAction = 'resendActivation' | 'liftLock' | 'endSessions';
export type ActionResult =
  | { kind: 'done' }
  | { kind: 'not-found' }
  | { kind: 'not-applicable' }
  /** Disabled, reset, no longer staff or logged out since the session was checked (staffNow). */
  | { kind: 'not-staff' };

/**
 * What an agent may do for a customer, each confirmed in the console with a
 * reason of its own, and written to the audit log with how it ended. None of
 * them gets anyone past the second factor.
 */
export async function agentAction(
  deps: AuthDeps,
  staff: ActiveSession,
  input: { action: AgentAction; accountId: string; reason: string },
): Promise<ActionResult> {
  const { action, accountId } = input;
  const found = await deps.store.findAccountById(accountId);
  const customer = found?.customer_id ? await deps.store.findCustomerById(found.customer_id) : undefined;
  const subject = found
    ? [maskEmail(found.email), customer?.policy_number].filter(Boolean).join(', ')
    : auditText('unknownAccount');
  const result = await audited<ActionResult>(deps, staff.account, {
    action,
    subject,
    reason: input.reason,
    outcome: (r) => outcomeOf(r),
    work: async (store): Promise<ActionResult> => {
      // An action already past the session check when its agent is disabled waits for the disable and
      // is refused, as an approval is: the staff row first, in the order staffAction takes them.
      if (!(await staffNow(store, staff))) return { kind: 'not-staff' };
      const account = await store.findAccountById(accountId);
      if (!account || account.role !== 'customer') return { kind: 'not-found' };
      const now = deps.clock.now();
      switch (action) {
        case 'resendActivation': {
          if (account.status !== 'unverified' || !customer) return { kind: 'not-applicable' };
          await store.invalidateTokens(account.id, now, 'activate');
          await sendActivationLink(deps, store, { accountId: account.id, email: account.email, lang: account.lang, customer });
          await recordEvent(deps, store, account.id, 'activationResent');
          return { kind: 'done' };
        }
        case 'liftLock':
          if (!liftable(await store.findThrottle(account.email))) return { kind: 'not-applicable' };
          // The count stays: the next failures lock again, and a hundred in a row still lock for good.
          await store.liftThrottles(account.email, LOCKED_UNTIL_RESET);
          await recordEvent(deps, store, account.id, 'lockLifted');
          return { kind: 'done' };
        case 'endSessions':
          await logOutEverywhere(store, account.id, now);
          await recordEvent(deps, store, account.id, 'sessionsEnded');
          return { kind: 'done' };
      }
    },
  });
  return result;
}
