import type { RecoveryKind, RecoveryRequest, Store } from '../../store/types.ts';
import { mailingTransaction } from '../mailing.ts';
import type { AuthDeps } from '../deps.ts';
import { recordEvent } from '../events.ts';
import { audited, outcomeOf } from '../agents/audit.ts';
import { resolveSession, type ActiveSession } from '../sessions.ts';
import { useToken } from '../tokens.ts';
import { auditSubjectOf } from './requests.ts';

export type CancelResult = { kind: 'cancelled'; request: RecoveryKind } | { kind: 'invalid' };

/**
 * "This was not me": the link in the notice ends the request. Whoever started
 * it is logged out everywhere, since they knew the password; a new account
 * that wanted to take over hears that the current holder said no.
 */
export async function cancelRequest(deps: AuthDeps, token: string): Promise<CancelResult> {
  const result = await mailingTransaction(deps, async (store): Promise<CancelResult> => {
    const used = await useToken(deps, store, token, 'cancel-request');
    const request = used?.request_id ? await store.findRecoveryRequest(used.request_id) : undefined;
    if (!request || !(await stop(deps, store, request))) return { kind: 'invalid' };
    return { kind: 'cancelled', request: request.kind };
  });
  return result;
}

export type StaffStopResult = { kind: 'stopped' } | { kind: 'not-found' } | { kind: 'not-open' };

/**
 * The same, for a holder on the phone who no longer has the mail: one member of staff may stop a
 * takeover aimed at the holder's account, since stopping hands nobody anything; the reason goes
 * into the audit log. Not a new phone: it is the account's own, its stop link goes to the account's
 * own mailbox, and it links nothing without a third proof.
 */
export async function staffStopRequest(
  deps: AuthDeps,
  staff: ActiveSession,
  input: { requestId: string; reason: string },
): Promise<StaffStopResult> {
  return audited<StaffStopResult>(deps, staff.account, {
    action: 'stopRequest',
    subject: await auditSubjectOf(deps.store, input.requestId),
    reason: input.reason,
    outcome: (r) => outcomeOf(r, ['stopped']),
    work: async (store): Promise<StaffStopResult> => {
      const request = await store.findRecoveryRequest(input.requestId);
      if (request?.kind !== 'replace') return { kind: 'not-found' };
      return (await stop(deps, store, request)) ? { kind: 'stopped' } : { kind: 'not-open' };
    },
  });
}

export type HolderStopResult = StaffStopResult | { kind: 'no-session' };

/**
 * The holder, logged in with password and app, stops a takeover aimed at their account from the
 * portal: the mail's stop link may be gone, and someone who is in the account has already shown
 * more than that link does. Only a takeover of this very account; anything else is not found.
 */
export async function holderStopTakeover(
  deps: AuthDeps,
  input: { token: string | undefined; requestId: string },
): Promise<HolderStopResult> {
  const current = await resolveSession(deps, input.token);
  if (!current || current.session.stage !== 'full' || current.session.method !== 'password') return { kind: 'no-session' };
  return mailingTransaction(deps, async (store): Promise<HolderStopResult> => {
    const request = await store.findRecoveryRequest(input.requestId);
    if (request?.kind !== 'replace' || request.replaces_account_id !== current.account.id) return { kind: 'not-found' };
    return (await stop(deps, store, request)) ? { kind: 'stopped' } : { kind: 'not-open' };
  });
}

/**
 * Ends an open or proven request; false when it had ended already. One past its time has ended
 * too, whatever its status still says: a stop link lives as long as the request first did, and
 * must not log anyone out over a request that lapsed.
 */
async function stop(deps: AuthDeps, store: Store, request: RecoveryRequest): Promise<boolean> {
  const now = deps.clock.now();
  if (request.expires_at <= now) return false;
  if (!(await store.updateRecoveryRequest(request.id, { status: 'cancelled', ended_at: now }, { status: ['open', 'proven'] })))
    return false;
  await store.lockAccount(request.account_id);
  await store.endAllSessions(request.account_id, now);
  await store.invalidateTokens(request.account_id, now, 'rebind');
  await recordEvent(deps, store, request.account_id, 'requestCancelled');
  if (request.kind === 'replace') {
    const asker = await store.findAccountById(request.account_id);
    if (asker) await deps.mail.queue(store, { to: asker.email, lang: asker.lang, kind: 'replaceCancelled', vars: {} });
  }
  return true;
}
