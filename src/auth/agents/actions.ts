import { flowLink } from '../../config/flow-paths.ts';
import type { AuthDeps } from '../deps.ts';
import { recordEvent } from '../events.ts';
import type { ActiveSession } from '../sessions.ts';
import { issueToken } from '../tokens.ts';
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
          if (account.status !== 'unverified') return { kind: 'not-applicable' };
          await store.invalidateTokens(account.id, now, 'activate');
          const token = await issueToken(deps, store, account.id, 'activate', deps.config.activationTtlMs);
          await deps.mail.queue(store, {
            to: account.email,
            lang: account.lang,
            kind: 'activate',
            vars: { link: flowLink(deps.config.publicOrigin, 'activate', account.lang, token) },
          });
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
