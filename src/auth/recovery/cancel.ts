import type { MailKind } from '../../mail/kinds.ts';
import type { RecoveryKind, RecoveryRequest, Store, Token } from '../../store/types.ts';
import { mailingTransaction } from '../mailing.ts';
import type { AuthDeps } from '../deps.ts';
import { recordEvent } from '../events.ts';
import { audited, outcomeOf } from '../agents/audit.ts';
import { loggedInWithRecoveryCode, logOutEverywhere, logOutThere, resolveSession, type ActiveSession } from '../sessions.ts';
import { peekToken, spendToken } from '../tokens.ts';
import { auditSubjectOf, tellHolderStopped, vouchedTakeover } from './requests.ts';
import { staffNow } from '../agents/staff.ts';

/**
 * A proven takeover is final: nobody stops it, neither the holder (mail link, portal) nor staff.
 * Every proof a takeover takes speaks for the company (eHerkenning for its KvK, the letter to its
 * address, two members of staff), and the holder was told at the start and could stop it until
 * then. Otherwise a thief holding the whole account (a stolen phone with the mail app and the
 * authenticator) would get every takeover's stop link and the portal's button, or would phone us
 * and have one member of staff undo what two approved. A new phone is the account's own: its own
 * mailbox may stop it until the app is linked.
 */
function finalTakeover(request: RecoveryRequest): boolean {
  return request.kind === 'replace' && request.status === 'proven';
}

/** Still running: open or proven, and not past its time, whatever its status still says. */
const running = (request: RecoveryRequest, now: number) =>
  (request.status === 'open' || request.status === 'proven') && request.expires_at > now;

type Stopped = 'stopped' | 'final' | 'vouched' | 'ended';

/** Why a request cannot be stopped by this person now, if it cannot. */
function refusal(request: RecoveryRequest | undefined, now: number, mayStopVouched: boolean): Stopped | null {
  if (!request || !running(request, now)) return 'ended';
  if (finalTakeover(request)) return 'final';
  return vouchedTakeover(request) && !mayStopVouched ? 'vouched' : null;
}

/** Who stops a request: its holder or owner (a stop link, the portal), or staff. */
type Stopper = 'holder' | 'agent' | 'supervisor';

/**
 * Ends a running request unless it is a final takeover, or one vouched for by staff and this is not
 * a supervisor; says which. The asker's row is taken first, as an approval takes it, and the request
 * read again after: a proof or an approval that came in between counts. Whoever asked is logged out
 * everywhere, since they knew the password; a new account that wanted to take over hears so, and
 * whether the holder or our staff stopped it.
 */
async function stop(deps: AuthDeps, store: Store, request: RecoveryRequest, by: Stopper): Promise<Stopped> {
  const now = deps.clock.now();
  const mayStopVouched = by === 'supervisor';
  await store.lockAccount(request.account_id);
  const latest = await store.findRecoveryRequest(request.id);
  const refused = refusal(latest, now, mayStopVouched);
  if (refused) return refused;
  const from = request.kind === 'replace' ? (['open'] as const) : (['open', 'proven'] as const);
  if (!(await store.updateRecoveryRequest(request.id, { status: 'cancelled', ended_at: now }, { status: [...from] }))) {
    return refusal(await store.findRecoveryRequest(request.id), now, mayStopVouched) ?? 'ended';
  }
  const tell = request.kind !== 'replace' ? null : by === 'holder' ? 'replaceCancelled' : 'replaceStaffCancelled';
  await endRequest(deps, store, request, tell);
  await tellHolderStopped(deps, store, latest!, 'staffStopped');
  return 'stopped';
}

/** After a request was cancelled: whoever asked is logged out everywhere and, with a mail kind, told. */
async function endRequest(deps: AuthDeps, store: Store, request: RecoveryRequest, tell: MailKind | null) {
  const now = deps.clock.now();
  await logOutEverywhere(store, request.account_id, now);
  await store.invalidateTokens(request.account_id, now, 'rebind');
  await recordEvent(deps, store, request.account_id, 'requestCancelled');
  if (!tell) return;
  const asker = await store.findAccountById(request.account_id);
  if (asker) await deps.mail.queue(store, { to: asker.email, lang: asker.lang, kind: tell, vars: {} });
}

/**
 * A member of staff disabled, reset or made agent takes their approvals with them: every request they approved, first
 * or second, that still waits for its proof, or that staff proved and is not yet used to link an
 * app, stops, a proven takeover too. Someone who talked one of them round, or a staff laptop used
 * against us, would otherwise keep what it got until the request ran out. Inside the caller's
 * transaction; returns how many stopped. The asker hears that the approval no longer counts, and
 * that another member of staff will look again; a takeover's holder, that it stopped (tellHolderStopped).
 */
export async function withdrawApprovalsOf(deps: AuthDeps, store: Store, staffId: string): Promise<number> {
  let stopped = 0;
  for (const found of await store.listRunningApprovedBy(staffId, deps.clock.now())) {
    // The asker's row, then the request as it is now, as an approval and a stop take them.
    await store.lockAccount(found.account_id);
    const request = await store.findRecoveryRequest(found.id);
    if (!request || !running(request, deps.clock.now())) continue;
    // Proven by eHerkenning, a letter or a recovery code, it stands on that proof, not on theirs.
    const stands = request.status === 'proven' && request.proof !== 'staff';
    const cancelled = { status: 'cancelled' as const, ended_at: deps.clock.now() };
    if (stands || !(await store.updateRecoveryRequest(request.id, cancelled, { status: [request.status] }))) continue;
    await endRequest(deps, store, request, 'requestApprovalWithdrawn');
    await tellHolderStopped(deps, store, request, 'approvalWithdrawn');
    stopped++;
  }
  return stopped;
}

/**
 * A new phone's stop link after its request ended: the sessions logged in with a recovery code
 * end. The link is for that login, and lives three weeks: the owner's own login with the app stays.
 */
async function logOutRecoveryCodeSessions(deps: AuthDeps, store: Store, accountId: string) {
  const now = deps.clock.now();
  await store.lockAccount(accountId);
  for (const session of await store.listLoggedInSessions(accountId, now, now - deps.config.sessionIdleMs)) {
    if (loggedInWithRecoveryCode(session)) await logOutThere(store, accountId, session.id_hash, now);
  }
  await recordEvent(deps, store, accountId, 'loggedOutByStopLink');
}

type StopLink =
  | { kind: 'open'; found: Token; request: RecoveryRequest }
  | { kind: 'ended'; found: Token; request: RecoveryRequest }
  | { kind: 'proven' }
  | { kind: 'vouched' }
  | { kind: 'invalid' };

/**
 * What a stop link would stop now, without using it: a final takeover is `proven`, one vouched
 * for by staff `vouched`. A takeover past its time, or ended, is invalid (the link lives as long
 * as the request first did). A new phone's link outlives its request as `ended`: a recovery code
 * proves one for half an hour, and the session it logged in lasts longer, so the owner who reads
 * the notice later can still end that session (logOutRecoveryCodeSessions; a new phone linked
 * ends the link).
 */
async function stopLink(deps: AuthDeps, store: Store, token: string): Promise<StopLink> {
  const found = await peekToken(deps, store, token, 'cancel-request');
  const request = found?.request_id ? await store.findRecoveryRequest(found.request_id) : undefined;
  if (!found || !request) return { kind: 'invalid' };
  if (!running(request, deps.clock.now()))
    return request.kind === 'rebind' ? { kind: 'ended', found, request } : { kind: 'invalid' };
  if (finalTakeover(request)) return { kind: 'proven' };
  return vouchedTakeover(request) ? { kind: 'vouched' } : { kind: 'open', found, request };
}

/** Whether a stop link still does something, for its page to say so when it opens. */
export async function checkStopLink(deps: AuthDeps, token: string): Promise<'open' | 'proven' | 'vouched' | 'invalid'> {
  const { kind } = await stopLink(deps, deps.store, token);
  return kind === 'ended' ? 'open' : kind;
}

export type CancelResult =
  | { kind: 'cancelled'; request: RecoveryKind }
  /** A new phone's request had ended already: the sessions logged in with a recovery code end all the same. */
  | { kind: 'logged-out' }
  | { kind: 'proven' }
  | { kind: 'vouched' }
  | { kind: 'invalid' };

/**
 * "This was not me": the link in the notice ends the request. The link of a final takeover, or
 * of one vouched for by staff, is left unspent, so that it goes on saying why (unless the proof or
 * the approval came in the very moment of the click).
 */
export async function cancelRequest(deps: AuthDeps, token: string): Promise<CancelResult> {
  return mailingTransaction(deps, async (store): Promise<CancelResult> => {
    const link = await stopLink(deps, store, token);
    if (link.kind === 'ended') {
      if (!(await spendToken(deps, store, link.found))) return { kind: 'invalid' };
      // A new phone asked since (a second recovery code) is stopped as its own link would.
      const since = await store.findOpenRecoveryRequest(link.request.account_id, deps.clock.now());
      if (since?.kind === 'rebind' && (await stop(deps, store, since, 'holder')) === 'stopped')
        return { kind: 'cancelled', request: 'rebind' };
      await logOutRecoveryCodeSessions(deps, store, link.request.account_id);
      return { kind: 'logged-out' };
    }
    if (link.kind !== 'open') return link;
    if (!(await spendToken(deps, store, link.found))) return { kind: 'invalid' };
    const stopped = await stop(deps, store, link.request, 'holder');
    if (stopped === 'final') return { kind: 'proven' };
    if (stopped === 'vouched') return { kind: 'vouched' };
    return stopped === 'stopped' ? { kind: 'cancelled', request: link.request.kind } : { kind: 'invalid' };
  });
}

export type StopResult =
  | { kind: 'stopped' }
  | { kind: 'proven' }
  /** Vouched for by staff: the holder cannot stop it, and of staff only a supervisor. */
  | { kind: 'vouched' }
  | { kind: 'not-found' }
  | { kind: 'not-open' };

const stopResult = (stopped: Stopped): StopResult => ({
  kind: stopped === 'final' ? 'proven' : stopped === 'ended' ? 'not-open' : stopped,
});

/**
 * The same, for a holder on the phone who no longer has the mail: one member of staff may stop a
 * takeover aimed at the holder's account while it waits for its proof, since stopping it then hands
 * nobody anything; once a member of staff vouched for it, only a supervisor may, as one agent
 * phoned by a thief should not undo another's check. The reason goes into the audit log. Not a new phone: it is the account's own,
 * its stop link goes to the account's own mailbox, and it links nothing without a third proof.
 */
export async function staffStopRequest(
  deps: AuthDeps,
  staff: ActiveSession,
  input: { requestId: string; reason: string },
): Promise<StopResult | { kind: 'not-staff' }> {
  return audited<StopResult | { kind: 'not-staff' }>(deps, staff.account, {
    action: 'stopRequest',
    subject: await auditSubjectOf(deps.store, input.requestId),
    reason: input.reason,
    outcome: (r) => outcomeOf(r, ['stopped']),
    work: async (store) => {
      // The role as it is now: a supervisor made agent since the request came in stops no vouched takeover.
      const stopper = await staffNow(store, staff);
      if (!stopper) return { kind: 'not-staff' };
      const request = await store.findRecoveryRequest(input.requestId);
      if (request?.kind !== 'replace') return { kind: 'not-found' };
      return stopResult(await stop(deps, store, request, stopper.role === 'supervisor' ? 'supervisor' : 'agent'));
    },
  });
}

export type HolderStopResult = StopResult | { kind: 'no-session' } | { kind: 'app-needed' };

/**
 * The holder, logged in with password and app, stops a takeover aimed at their account from the
 * portal: the mail's stop link may be gone, and someone who is in the account has already shown
 * more than that link does. Only a takeover of this very account; anything else is not found.
 * Not with a recovery code in place of the app, as for a new address: a sheet found beside the
 * password would otherwise stop every colleague who asks to take over the company's login.
 */
export async function holderStopTakeover(
  deps: AuthDeps,
  input: { token: string | undefined; requestId: string },
): Promise<HolderStopResult> {
  const current = await resolveSession(deps, input.token);
  if (!current || current.session.stage !== 'full' || current.session.method !== 'password') return { kind: 'no-session' };
  if (loggedInWithRecoveryCode(current.session)) return { kind: 'app-needed' };
  return mailingTransaction(deps, async (store): Promise<HolderStopResult> => {
    const request = await store.findRecoveryRequest(input.requestId);
    if (request?.kind !== 'replace' || request.replaces_account_id !== current.account.id) return { kind: 'not-found' };
    return stopResult(await stop(deps, store, request, 'holder'));
  });
}
