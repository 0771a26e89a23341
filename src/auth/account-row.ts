import type { Account } from '../store/types.ts';
import type { AuthDeps } from './deps.ts';

/** A password hash no password can match: the account has none (yet). */
export const NO_PASSWORD = '!';

/** A new account row: what differs per door is given, the rest starts empty. */
export function newAccountRow(
  deps: Pick<AuthDeps, 'clock' | 'random'>,
  fields: Pick<Account, 'email' | 'customer_id' | 'role' | 'status' | 'lang'> & Partial<Account>,
): Account {
  const now = deps.clock.now();
  return {
    id: deps.random.uuid(),
    password_hash: NO_PASSWORD,
    totp_secret: null,
    totp_bound_at: null,
    first_bound_at: null,
    pending_totp_secret: null,
    pending_totp_created_at: null,
    pending_totp_session: null,
    activated_at: null,
    password_changed_at: null,
    superseded_at: null,
    created_at: now,
    updated_at: now,
    ...fields,
  };
}
