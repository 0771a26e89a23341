import type { Store } from '../store/types.ts';
import type { AuthDeps } from './deps.ts';

/** What can happen to an account, as the agent view lists it. */
export type AccountEventKind =
  | 'activated'
  | 'bound'
  /** A company's first email login, which no letter could tell the company of: no address on record. */
  | 'companyNotTold'
  | 'rebound'
  | 'passwordReset'
  | 'emailChanged'
  | 'activationResent'
  | 'lockLifted'
  | 'sessionsEnded'
  | 'otherSessionsEnded'
  | 'oneOtherSessionEnded'
  | 'requestProven'
  | 'requestCancelled'
  /** A new phone's stop link used after its request ended: it still ends the logins with a recovery code. */
  | 'loggedOutByStopLink'
  | 'replaceRequested'
  | 'replaced'
  | 'recoveryCodesRenewed'
  | 'staffDisabled'
  | 'staffEnabled'
  | 'staffRoleChanged'
  | 'staffReset';

export async function recordEvent(deps: AuthDeps, store: Store, accountId: string, kind: AccountEventKind): Promise<void> {
  deps.events.emit('accountChanged', { accountId, change: kind });
  await store.addAccountEvent({ id: deps.random.logId(), account_id: accountId, at: deps.clock.now(), kind });
}
