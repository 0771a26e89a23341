import type { Account, LoginAttempt, Store } from '../store/types.ts';
import type { AuthDeps } from './deps.ts';

/** One line in the account's login history, for the agent view. Never holds a code or password. */
export async function recordAttempt(
  deps: AuthDeps,
  store: Store,
  account: Account,
  step: LoginAttempt['step'],
  outcome: 'success' | 'refused',
  diagnosis: string | null,
  detail: Record<string, unknown> | null = null,
): Promise<void> {
  deps.events.emit(outcome === 'success' ? 'loginSucceeded' : 'loginFailed', {
    accountId: account.id,
    step,
    diagnosis,
  });
  await store.recordLoginAttempt({
    id: deps.random.logId(),
    account_id: account.id,
    at: deps.clock.now(),
    method: 'password',
    step,
    outcome,
    diagnosis,
    detail: detail ? JSON.stringify(detail) : null,
  });
}
