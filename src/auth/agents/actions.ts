import type { AuthDeps } from '../deps.ts';
import { recordEvent } from '../events.ts';
import type { ActiveSession } from '../sessions.ts';
import { sendActivationLink } from '../activate.ts';
import { audited } from './staff.ts';

export type AgentAction = 'resendActivation' | 'liftLock' | 'endSessions';
export type ActionResult = { kind: 'done' } | { kind: 'not-found' } | { kind: 'not-applicable' };

/**
 * What an agent may do for a customer, each confirmed in the console and
 * written to the audit log. None of them gets anyone past the second factor.
 */
export async function agentAction(
  deps: AuthDeps,
  agent: ActiveSession,
  action: AgentAction,
  accountId: string,
  reason: string,
): Promise<ActionResult> {
  const result = await audited(
    deps,
    agent,
    { action, subject: `account ${accountId}`, reason },
    async (store): Promise<ActionResult> => {
      const account = await store.findAccountById(accountId);
      if (!account || account.role !== 'customer') return { kind: 'not-found' };
      const now = deps.clock.now();
      switch (action) {
        case 'resendActivation': {
          const customer = account.customer_id ? await store.findCustomerById(account.customer_id) : undefined;
          if (account.status !== 'unverified' || !customer) return { kind: 'not-applicable' };
          await store.invalidateTokens(account.id, now, 'activate');
          await sendActivationLink(deps, store, { accountId: account.id, email: account.email, lang: account.lang, customer });
          await recordEvent(deps, store, account.id, 'activationResent');
          return { kind: 'done' };
        }
        case 'liftLock':
          await store.clearThrottle(account.email);
          await recordEvent(deps, store, account.id, 'lockLifted');
          return { kind: 'done' };
        case 'endSessions':
          await store.endAllSessions(account.id, now);
          await recordEvent(deps, store, account.id, 'sessionsEnded');
          return { kind: 'done' };
      }
    },
  );
  deps.mail.notify();
  return result;
}
