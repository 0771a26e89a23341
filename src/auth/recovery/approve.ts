import type { AuthDeps } from '../deps.ts';
import { recordEvent } from '../events.ts';
import { flowLink } from '../../config/flow-paths.ts';
import { audited, outcomeOf } from '../agents/audit.ts';
import type { ActiveSession } from '../sessions.ts';
import { sendRebindLink } from './rebind.ts';
import { maskEmail } from '../mask.ts';
import { openTakeover } from './replace.ts';
import { auditSubjectOf, markProven } from './requests.ts';

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
  | { kind: 'needs-supervisor' };

/**
 * Staff vouch for a customer who has no recovery code, eHerkenning or post:
 * an agent writes down the check they did, then a supervisor, another person,
 * approves it. Both are in the audit log. The customer then finishes with
 * the password and the mailbox: a new phone gets a fresh link by mail, a new
 * login for a company is linked at the next login.
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
      const request = await store.findRecoveryRequest(input.requestId);
      if (!request) return { kind: 'not-found' };
      const now = deps.clock.now();
      if (request.status !== 'open' || request.expires_at <= now) return { kind: 'not-open' };
      await store.lockAccount(request.account_id);
      if (!request.first_approver_id) {
        const first = { first_approver_id: staff.account.id, first_approver_check: input.check, first_approved_at: now };
        return (await store.updateRecoveryRequest(request.id, first, { status: ['open'] }))
          ? { kind: 'first' }
          : { kind: 'not-open' };
      }
      if (request.first_approver_id === staff.account.id) return { kind: 'same-person' };
      if (staff.account.role !== 'supervisor') return { kind: 'needs-supervisor' };
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
        else
          await deps.mail.queue(store, {
            to: asker.email,
            lang: asker.lang,
            kind: 'replaceApproved',
            vars: { link: flowLink(deps.config.publicOrigin, 'login', asker.lang) },
          });
      }
      return { kind: 'proven' };
    },
  });
  return result;
}

export type TakeoverStart =
  /** Opened with this approval in it: a supervisor, another person, approves it next. */
  | { kind: 'approved'; requestId: string }
  | { kind: 'not-found' }
  /** Not an account waiting to take over its company's login, or one already vouched for. */
  | { kind: 'not-applicable' };

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
    subject: asker ? `takeover by ${maskEmail(asker.email)}` : `takeover by account ${input.accountId}`,
    reason: input.check,
    outcome: (r) => outcomeOf(r, ['approved']),
    work: async (store): Promise<TakeoverStart> => {
      const account = await store.findAccountById(input.accountId);
      if (account?.role !== 'customer') return { kind: 'not-found' };
      if (account.status !== 'verified') return { kind: 'not-applicable' };
      const opened = await openTakeover(deps, store, account, 'vouched');
      if (opened.kind !== 'started' || opened.request.status !== 'open' || opened.request.first_approver_id)
        return { kind: 'not-applicable' };
      const first = {
        first_approver_id: staff.account.id,
        first_approver_check: input.check,
        first_approved_at: deps.clock.now(),
      };
      if (!(await store.updateRecoveryRequest(opened.request.id, first, { status: ['open'] }))) return { kind: 'not-applicable' };
      return { kind: 'approved', requestId: opened.request.id };
    },
  });
}
