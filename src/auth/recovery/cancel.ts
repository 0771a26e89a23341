import type { RecoveryKind, RecoveryRequest, RecoveryStatus, Store, Token } from '../../store/types.ts';
import { mailingTransaction } from '../mailing.ts';
import type { AuthDeps } from '../deps.ts';
import { recordEvent } from '../events.ts';
import { audited, outcomeOf } from '../agents/audit.ts';
import { resolveSession, type ActiveSession } from '../sessions.ts';
import { peekToken, spendToken } from '../tokens.ts';
import { auditSubjectOf } from './requests.ts';

export type CancelResult =
  | { kind: 'cancelled'; request: RecoveryKind }
  /** A takeover the company has proven: the link stays, and stops nothing. */
  | { kind: 'proven' }
  | { kind: 'invalid' };

/**
 * A takeover the company has proven (eHerkenning for its KvK, the letter to its address, or two
 * members of staff) is past the holder's say: the holder was told at the start and could stop it
 * until then. Otherwise a thief holding the whole account (a stolen phone with the mail app and the
 * authenticator) would get every takeover's stop link and the portal's stop button, and could keep
 * the company out for ever. Staff may still stop it (audited); a new phone, the account's own, its
 * own mailbox may stop until the app is linked.
 */
function provenTakeover(request: RecoveryRequest, now: number): boolean {
  return request.kind === 'replace' && request.status === 'proven' && request.expires_at > now;
}

type StopLink = { kind: 'open'; found: Token; request: RecoveryRequest } | { kind: 'proven' } | { kind: 'invalid' };

/** What a stop link would stop now, without using it. */
async function stopLink(deps: AuthDeps, store: Store, token: string): Promise<StopLink> {
  const found = await peekToken(deps, store, token, 'cancel-request');
  const request = found?.request_id ? await store.findRecoveryRequest(found.request_id) : undefined;
  if (!found || !request) return { kind: 'invalid' };
  return provenTakeover(request, deps.clock.now()) ? { kind: 'proven' } : { kind: 'open', found, request };
}

/** Whether a stop link still works, for its page to say so when it opens: a proven takeover's does not. */
export async function checkStopLink(deps: AuthDeps, token: string): Promise<'open' | 'proven' | 'invalid'> {
  return (await stopLink(deps, deps.store, token)).kind;
}

/**
 * "This was not me": the link in the notice ends the request. Whoever started
 * it is logged out everywhere, since they knew the password; a new account
 * that wanted to take over hears that the current holder said no.
 */
export async function cancelRequest(deps: AuthDeps, token: string): Promise<CancelResult> {
  const result = await mailingTransaction(deps, async (store): Promise<CancelResult> => {
    const link = await stopLink(deps, store, token);
    if (link.kind !== 'open') return link;
    if (!(await spendToken(deps, store, link.found))) return { kind: 'invalid' };
    const stopped = await holderStop(deps, store, link.request);
    return stopped === 'stopped'
      ? { kind: 'cancelled', request: link.request.kind }
      : stopped === 'proven'
        ? { kind: 'proven' }
        : { kind: 'invalid' };
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
      return (await stop(deps, store, request, ['open', 'proven'])) ? { kind: 'stopped' } : { kind: 'not-open' };
    },
  });
}

export type HolderStopResult = StaffStopResult | { kind: 'proven' } | { kind: 'no-session' };

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
    const stopped = await holderStop(deps, store, request);
    return { kind: stopped === 'ended' ? 'not-open' : stopped };
  });
}

/**
 * The holder's side stops a takeover only while it waits for its proof, and the account's own
 * mailbox its new phone until the app is linked (see provenTakeover). A proof that came in between
 * the read and this stop is told as such.
 */
async function holderStop(deps: AuthDeps, store: Store, request: RecoveryRequest): Promise<'stopped' | 'proven' | 'ended'> {
  if (await stop(deps, store, request, request.kind === 'replace' ? ['open'] : ['open', 'proven'])) return 'stopped';
  const latest = await store.findRecoveryRequest(request.id);
  return latest && provenTakeover(latest, deps.clock.now()) ? 'proven' : 'ended';
}

/**
 * Ends a request still in one of these states; false when it was not. One past its time has ended
 * too, whatever its status still says: a stop link lives as long as the request first did, and
 * must not log anyone out over a request that lapsed.
 */
async function stop(deps: AuthDeps, store: Store, request: RecoveryRequest, from: RecoveryStatus[]): Promise<boolean> {
  const now = deps.clock.now();
  if (request.expires_at <= now) return false;
  if (!(await store.updateRecoveryRequest(request.id, { status: 'cancelled', ended_at: now }, { status: from }))) return false;
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
