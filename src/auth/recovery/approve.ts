import type { Account, RecoveryRequest, Store } from '../../store/types.ts';
import type { AuthDeps } from '../deps.ts';
import { STAFF_PROVEN_TTL_MS, VOUCH_AGAIN_AFTER_MS, VOUCHED_TTL_MS } from '../policy.ts';
import { recordEvent } from '../events.ts';
import { mailedLink } from '../mailing.ts';
import { audited, outcomeOf } from '../agents/audit.ts';
import type { ActiveSession } from '../sessions.ts';
import { staffNow } from '../agents/staff.ts';
import { sendRebindLink } from './rebind.ts';
import { maskEmail } from '../mask.ts';
import { openTakeover, replacementFor } from './replace.ts';
import { auditSubjectOf, markProven, tellHolder } from './requests.ts';
import { auditText } from '../../shared/audit-words.ts';

export type ApprovalResult =
  /** The first approval: a supervisor, another person, must approve too. */
  | { kind: 'first' }
  /** The second approval: the request is proven. */
  | { kind: 'proven' }
  | { kind: 'not-found' }
  /** Proven, done, cancelled or expired already. */
  | { kind: 'not-open' }
  /** The same person cannot give both approvals. */
  | { kind: 'same-person' }
  /** The second approval is a supervisor's. */
  | { kind: 'needs-supervisor' }
  /** A takeover of this holder vouched for lately came to nothing: only a supervisor vouches again. */
  | { kind: 'again-needs-supervisor' }
  /** Disabled, reset, no longer staff or logged out since the session was checked (staffNow). */
  | { kind: 'not-staff' };

/**
 * Staff vouch for a customer who has no recovery code, eHerkenning or post:
 * an agent writes down the check they did, then a supervisor, another person,
 * approves it. Both are in the audit log. The customer then finishes with
 * the password and the mailbox: each gets a fresh link by mail, which asks for
 * the password. A takeover's holder is
 * mailed at each approval.
 */
export async function approveRequest(
  deps: AuthDeps,
  staff: ActiveSession,
  input: { requestId: string; check: string },
): Promise<ApprovalResult> {
  const result = await audited<ApprovalResult>(deps, staff.account, {
    action: 'approveRequest',
    subject: await auditSubjectOf(deps.store, input.requestId),
    reason: input.check,
    outcome: (r) => outcomeOf(r, ['first', 'proven']),
    work: async (store): Promise<ApprovalResult> => {
      // Before any asker's row, in the order staffAction takes them. After a change to agent, an
      // approval on its way would otherwise count as an agent's.
      const approver = await staffNow(store, staff);
      if (!approver) return { kind: 'not-staff' };
      const found = await store.findRecoveryRequest(input.requestId);
      if (!found) return { kind: 'not-found' };
      // The asker's row first, then the request as it is now: two approvals sent at once take
      // turns, and the second sees the first (on PostgreSQL it would otherwise overwrite it).
      await store.lockAccount(found.account_id);
      const request = (await store.findRecoveryRequest(input.requestId))!;
      const now = deps.clock.now();
      if (request.status !== 'open' || request.expires_at <= now) return { kind: 'not-open' };
      if (!request.first_approver_id) {
        if (request.kind === 'replace' && !(await mayVouch(store, request.replaces_account_id, request.id, approver, now)))
          return { kind: 'again-needs-supervisor' };
        return (await vouch(deps, store, request, staff, input.check)) ? { kind: 'first' } : { kind: 'not-open' };
      }
      if (request.first_approver_id === staff.account.id) return { kind: 'same-person' };
      if (approver.role !== 'supervisor') return { kind: 'needs-supervisor' };
      if (!(await markProven(deps, store, request, 'staff'))) return { kind: 'not-open' };
      await store.updateRecoveryRequest(
        request.id,
        { second_approver_id: staff.account.id, second_approved_at: now },
        { status: ['proven'] },
      );
      const asker = await store.findAccountById(request.account_id);
      if (asker) {
        await recordEvent(deps, store, asker.id, 'requestProven');
        if (request.kind === 'rebind') await sendRebindLink(deps, store, asker, request, 'rebindApproved');
        else {
          // A link with the password, not a login: the password alone links no app (takeover-link.ts).
          const link = await mailedLink(deps, store, {
            accountId: asker.id,
            purpose: 'takeover',
            ttlMs: STAFF_PROVEN_TTL_MS,
            page: 'enrol',
            lang: asker.lang,
            binding: { requestId: request.id },
          });
          await deps.mail.queue(store, { to: asker.email, lang: asker.lang, kind: 'replaceApproved', vars: { link } });
          await tellHolder(deps, store, request, asker, 'replaceStaffProven');
        }
      }
      return { kind: 'proven' };
    },
  });
  return result;
}

/**
 * The first approval, inside the caller's transaction. A takeover's holder can no longer stop it
 * from here on (vouchedTakeover), so the holder is told, and whom to call; and it waits
 * VOUCHED_TTL_MS from now for the second approval, as the mail and the console say: less than its
 * three weeks, and never less than those two days.
 */
async function vouch(deps: AuthDeps, store: Store, request: RecoveryRequest, staff: ActiveSession, check: string) {
  const now = deps.clock.now();
  const takeover = request.kind === 'replace';
  const first = {
    first_approver_id: staff.account.id,
    first_approver_check: check,
    first_approved_at: now,
    ...(takeover ? { expires_at: now + VOUCHED_TTL_MS } : {}),
  };
  if (!(await store.updateRecoveryRequest(request.id, first, { status: ['open'] }))) return false;
  const asker = takeover ? await store.findAccountById(request.account_id) : undefined;
  if (asker) await tellHolder(deps, store, request, asker, 'replaceVouched');
  return true;
}

/**
 * Whether this member of staff may vouch for a takeover of this holder: a supervisor always; others
 * not while another one vouched for came to nothing (stopped, or lapsed) within VOUCH_AGAIN_AFTER_MS,
 * counted from when it did.
 */
async function mayVouch(store: Store, holderId: string | null, except: string | undefined, staff: Account, now: number) {
  if (staff.role === 'supervisor' || !holderId) return true;
  // A vouched takeover ends at the latest VOUCHED_TTL_MS after its first approval.
  const vouched = await store.listVouchedTakeoversOf(holderId, now - VOUCH_AGAIN_AFTER_MS - VOUCHED_TTL_MS);
  return !vouched.some((r) => {
    const cameToNothing =
      r.status === 'cancelled' ? r.ended_at : r.status === 'open' && r.expires_at <= now ? r.expires_at : null;
    return r.id !== except && cameToNothing !== null && cameToNothing > now - VOUCH_AGAIN_AFTER_MS;
  });
}

export type TakeoverStart =
  /** With this approval in it (`opened`: a new request; else the open one the caller asked for): a supervisor approves it next. */
  | { kind: 'approved'; requestId: string; opened: boolean }
  | { kind: 'not-found' }
  /** Not an account waiting to take over its company's login, or one already vouched for. */
  | { kind: 'not-applicable' }
  | { kind: 'again-needs-supervisor' }
  | { kind: 'not-staff' };

/**
 * For a caller whose company's login is held by someone who stops every takeover as it starts:
 * staff open the takeover with their check as its first approval, in one transaction, so the
 * holder never holds a request it may stop (see vouchedTakeover). The caller must have an account
 * of the company that waits for its first app (address and password proven); a takeover it asked
 * for itself and that is still open gets this approval. The holder is mailed that a second
 * approval follows, and whom to call; that mail takes none of the holder's hourly notices.
 */
export async function startTakeoverForCaller(
  deps: AuthDeps,
  staff: ActiveSession,
  input: { accountId: string; check: string },
): Promise<TakeoverStart> {
  const asker = await deps.store.findAccountById(input.accountId);
  return audited<TakeoverStart>(deps, staff.account, {
    action: 'startTakeover',
    subject: asker ? auditText('takeoverFor', maskEmail(asker.email)) : auditText('takeoverForUnknown'),
    reason: input.check,
    outcome: (r) =>
      r.kind === 'approved' ? `done: ${r.opened ? 'opened' : 'approved the open'} request ${r.requestId}` : `refused: ${r.kind}`,
    work: async (store): Promise<TakeoverStart> => {
      const approver = await staffNow(store, staff);
      if (!approver) return { kind: 'not-staff' };
      const account = await store.findAccountById(input.accountId);
      if (account?.role !== 'customer') return { kind: 'not-found' };
      if (account.status !== 'verified') return { kind: 'not-applicable' };
      // Refused before anything opens: a request opened here tells the holder only through the
      // approval, so one left without it would run for weeks, untold and open to the letter.
      await store.lockAccount(account.id);
      if (account.customer_id) await store.lockCustomer(account.customer_id);
      const replacement = await replacementFor(deps, store, account);
      if (!replacement) return { kind: 'not-applicable' };
      if (!(await mayVouch(store, replacement.holder.id, replacement.request?.id, approver, deps.clock.now())))
        return { kind: 'again-needs-supervisor' };
      const opened = await openTakeover(deps, store, account, 'vouched');
      if (opened.kind !== 'started' || opened.request.status !== 'open' || opened.request.first_approver_id)
        return { kind: 'not-applicable' };
      // Under the rows taken above nothing ends the request in between; if it did, nothing stays.
      if (!(await vouch(deps, store, opened.request, staff, input.check)))
        throw new Error('A takeover opened for staff could not take their approval');
      return { kind: 'approved', requestId: opened.request.id, opened: opened.created };
    },
  });
}
