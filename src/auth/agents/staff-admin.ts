import { INVITE_TTL_MS } from '../policy.ts';
import { LOCKED_UNTIL_RESET, liftable, lockForStaff } from '../throttle.ts';
import { staffPaths } from '../../config/flow-paths.ts';
import type { Account, Role, Store } from '../../store/types.ts';
import { NO_PASSWORD } from '../account-row.ts';
import type { AuthDeps } from '../deps.ts';
import { recordEvent } from '../events.ts';
import { normalizeEmail } from '../normalize.ts';
import { issueToken } from '../tokens.ts';
import { withdrawApprovalsOf } from '../recovery/cancel.ts';
import { audited, COMMAND_LINE, outcomeOf, type Actor } from './audit.ts';
import type { ActiveSession } from '../sessions.ts';
import { staffNow } from './staff.ts';

export type StaffRole = Exclude<Role, 'customer'>;

/** A member of staff as a supervisor sees them: never a secret. */
export interface StaffMember {
  id: string;
  email: string;
  role: StaffRole;
  /** invited: has not chosen a password or linked an app yet · active · disabled */
  state: 'invited' | 'active' | 'disabled';
  lockedUntil: number | null;
  lockedUntilReset: boolean;
  since: number;
}

export async function listStaff(deps: AuthDeps): Promise<StaffMember[]> {
  const now = deps.clock.now();
  const staff = await deps.store.listStaffAccounts();
  return Promise.all(
    staff.map(async (account) => {
      const throttle = await deps.store.findThrottle(account.email);
      return {
        id: account.id,
        email: account.email,
        role: account.role as StaffRole,
        state: account.status === 'disabled' ? 'disabled' : account.status === 'active' ? 'active' : 'invited',
        ...lockForStaff(throttle?.locked_until, now),
        since: account.created_at,
      };
    }),
  );
}

export type StaffAction =
  | { kind: 'disable' }
  | { kind: 'enable' }
  | { kind: 'lift-lock' }
  /** A new invitation: password and app are chosen anew, as on the first day. */
  | { kind: 'reset' }
  | { kind: 'role'; role: StaffRole };

export type StaffActionResult =
  /** `stopped`: the running requests that a member of staff disabled, reset or made agent had approved (withdrawApprovalsOf). */
  | { kind: 'done'; stopped: number }
  | { kind: 'not-found' }
  /** A supervisor does not act on themselves: someone else does. */
  | { kind: 'self' }
  /** Someone must always be able to manage the staff. */
  | { kind: 'last-supervisor' }
  | { kind: 'not-applicable' }
  /** The supervisor acting was disabled, reset or made agent since their session was checked. */
  | { kind: 'not-supervisor' };

/** What an account that is enabled again returns to, from what it has. */
function enabledStatus(account: Account): Account['status'] {
  if (account.totp_secret) return 'active';
  return account.password_hash === NO_PASSWORD ? 'unverified' : 'verified';
}

async function activeSupervisors(store: Store): Promise<number> {
  return (await store.listStaffAccounts()).filter((a) => a.role === 'supervisor' && a.status !== 'disabled').length;
}

/**
 * Managing the staff, by a supervisor in the console or an operator on the
 * command line; each attempt is in the audit log with how it ended. Disabling
 * or resetting someone ends their sessions at once. Disabling, resetting and
 * a lower role also take back their approvals of running requests: each says
 * the person, or what they could do with the role, is no longer trusted (a new
 * invitation is sent when a phone or password got lost, maybe to someone else).
 */
export async function staffAction(
  deps: AuthDeps,
  by: ActiveSession | 'command-line',
  input: { email: string; action: StaffAction; reason: string },
): Promise<StaffActionResult> {
  const actor: Actor = by === 'command-line' ? COMMAND_LINE : by.account;
  const email = normalizeEmail(input.email);
  const { action } = input;
  const result = await audited<StaffActionResult>(deps, actor, {
    action: action.kind === 'role' ? `staffRole:${action.role}` : `staff:${action.kind}`,
    subject: email,
    reason: input.reason,
    outcome: (r) =>
      r.kind === 'done' && r.stopped ? `done: stopped ${r.stopped} running request(s) they approved` : outcomeOf(r),
    work: async (store): Promise<StaffActionResult> => {
      const found = await store.findLiveAccountByEmail(email);
      if (!found || found.role === 'customer') return { kind: 'not-found' };
      if (found.id === actor.id) return { kind: 'self' };
      if (!(await lockBoth(store, by, found.id))) return { kind: 'not-supervisor' };
      // As it is now, under its row: an action that went first (a disable) is seen, not overwritten.
      const target = (await store.findAccountById(found.id))!;
      const now = deps.clock.now();
      const leavesNoSupervisor = async () =>
        target.role === 'supervisor' && target.status !== 'disabled' && (await activeSupervisors(store)) <= 1;
      switch (action.kind) {
        case 'disable':
          if (target.status === 'disabled') return { kind: 'not-applicable' };
          if (await leavesNoSupervisor()) return { kind: 'last-supervisor' };
          await store.updateAccount(target.id, { status: 'disabled', updated_at: now });
          await store.endAllSessions(target.id, now);
          await store.invalidateTokens(target.id, now);
          await recordEvent(deps, store, target.id, 'staffDisabled');
          return { kind: 'done', stopped: await withdrawApprovalsOf(deps, store, target.id) };
        case 'enable':
          if (target.status !== 'disabled') return { kind: 'not-applicable' };
          await store.updateAccount(target.id, { status: enabledStatus(target), updated_at: now }, { status: 'disabled' });
          await recordEvent(deps, store, target.id, 'staffEnabled');
          return { kind: 'done', stopped: 0 };
        case 'lift-lock':
          if (!liftable(await store.findThrottle(target.email))) return { kind: 'not-applicable' };
          // The count stays: the next failures lock again, and a hundred in a row still lock for good.
          await store.liftThrottles(target.email, LOCKED_UNTIL_RESET);
          await recordEvent(deps, store, target.id, 'lockLifted');
          return { kind: 'done', stopped: 0 };
        case 'role':
          if (target.role === action.role) return { kind: 'not-applicable' };
          if (action.role === 'agent' && (await leavesNoSupervisor())) return { kind: 'last-supervisor' };
          await store.updateAccount(target.id, { role: action.role, updated_at: now });
          // A change of privilege starts new sessions.
          await store.endAllSessions(target.id, now);
          await recordEvent(deps, store, target.id, 'staffRoleChanged');
          return { kind: 'done', stopped: action.role === 'agent' ? await withdrawApprovalsOf(deps, store, target.id) : 0 };
        case 'reset': {
          // Also from disabled, so that an account in other hands never has to be enabled, with the
          // password and app it had, on the way to its new ones.
          await store.updateAccount(target.id, {
            password_hash: NO_PASSWORD,
            // The password is taken away, which a login checking it at this moment must see.
            password_changed_at: now,
            totp_secret: null,
            totp_bound_at: null,
            pending_totp_secret: null,
            pending_totp_created_at: null,
            pending_totp_session: null,
            status: 'unverified',
            updated_at: now,
          });
          await store.endAllSessions(target.id, now);
          await store.invalidateTokens(target.id, now);
          await store.clearThrottles(target.email);
          await sendInvitation(deps, store, target);
          await recordEvent(deps, store, target.id, 'staffReset');
          return { kind: 'done', stopped: await withdrawApprovalsOf(deps, store, target.id) };
        }
      }
    },
  });
  return result;
}

/**
 * Takes the rows of the supervisor acting and of the member of staff acted on, in one order
 * (two supervisors acting on each other at once would otherwise wait on each other), and says
 * whether the supervisor still is one, from a live session (staffNow): an action of theirs on its
 * way as they are disabled, reset or made agent is refused, and two supervisors disabling each
 * other at once cannot leave none. The command line has no row.
 */
async function lockBoth(store: Store, by: ActiveSession | 'command-line', targetId: string): Promise<boolean> {
  if (by === 'command-line') {
    await store.lockAccount(targetId);
    return true;
  }
  for (const id of [by.account.id, targetId].sort()) await store.lockAccount(id);
  return (await staffNow(store, by))?.role === 'supervisor';
}

/** The single-use link to choose a password, valid 72 hours; the app is linked at the first login. */
export async function sendInvitation(deps: AuthDeps, store: Store, account: Account): Promise<void> {
  const token = await issueToken(deps, store, account.id, 'invite', INVITE_TTL_MS);
  const link = `${deps.config.publicOrigin}${staffPaths.invite.nl}#token=${token}`;
  await deps.mail.queue(store, { to: account.email, lang: account.lang, kind: 'staffInvite', vars: { link } });
}
