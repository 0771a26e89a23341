import { canPost } from '../../mail/letters.ts';
import type { Account, RecoveryKind, RecoveryProof, RecoveryRequest, Store } from '../../store/types.ts';
import type { AuthDeps } from '../deps.ts';
import { maskEmail } from '../mask.ts';
import { peekToken } from '../tokens.ts';
import { requestOf, resolveSession, type ActiveSession } from '../sessions.ts';
import { LETTER_MAX_FAILURES, LETTER_TTL_MS, PROVEN_TTL_MS, REQUEST_TTL_MS, STAFF_PROVEN_TTL_MS } from '../policy.ts';
import { auditText } from '../../shared/audit-words.ts';
import { levelName } from '../../shared/eherkenning/levels.ts';
import type { EherkenningIdentity } from '../eherkenning/claims.ts';

/** What the customer sees of their request, and which proofs they can still give. */
export interface RequestView {
  kind: RecoveryKind;
  status: 'open' | 'proven';
  /** The proofs this customer can give, in the order offered. */
  proofs: RecoveryProof[];
  letter: { sentAt: number; expectedBy: number; validUntil: number } | null;
  /** Staff approvals so far: an agent, then a supervisor. */
  approvals: number;
  expiresAt: number;
  /** replace: the address of the company's current login, masked. */
  holder: string | null;
}

/** A proof session: the account giving proof and its open request. */
export interface ProofSession extends ActiveSession {
  request: RecoveryRequest;
}

/**
 * The session of someone giving proof: the new-phone link was opened
 * (stage recovery), or a new account is taking over its company's login
 * (stage enrol). Null when there is no such session or no open request.
 */
export async function proofSession(deps: AuthDeps, token: string | undefined): Promise<ProofSession | null> {
  return proofSessionOf(deps, await resolveSession(deps, token));
}

/** The same, for a session already looked up. */
export async function proofSessionOf(deps: AuthDeps, current: ActiveSession | null): Promise<ProofSession | null> {
  if (!current || !['recovery', 'enrol', 'rebind'].includes(current.session.stage)) return null;
  const request = await deps.store.findOpenRecoveryRequest(current.account.id, deps.clock.now());
  if (!request) return null;
  // A new phone's session is its link's, for that request alone; a takeover is asked from the login's.
  const fits =
    request.kind === 'rebind'
      ? current.session.stage !== 'enrol' && requestOf(current.session) === request.id
      : current.session.stage === 'enrol';
  return fits ? { ...current, request } : null;
}

/**
 * The account a mailed link is for and the request it is bound to, while that request still runs
 * (open or proven, within its time); the link itself is not spent. Each link's page asks more of
 * both (the account's status, the request's kind or stage).
 */
export async function linkedRequest(deps: AuthDeps, store: Store, token: string, purpose: 'rebind' | 'takeover') {
  const found = await peekToken(deps, store, token, purpose);
  const account = found && (await store.findAccountById(found.account_id));
  const request = found?.request_id ? await store.findRecoveryRequest(found.request_id) : undefined;
  if (!account || request?.account_id !== account.id) return null;
  if (!['open', 'proven'].includes(request.status) || request.expires_at <= deps.clock.now()) return null;
  return { account, request };
}

/**
 * The account's open request of this kind, or a new one. There is at most one
 * open request per account: a new kind ends the other.
 */
export async function openRequest(
  deps: AuthDeps,
  store: Store,
  account: Account,
  kind: RecoveryKind,
  replaces: Account | null = null,
): Promise<{ request: RecoveryRequest; created: boolean }> {
  const now = deps.clock.now();
  const open = await store.findOpenRecoveryRequest(account.id, now);
  if (open && open.kind === kind && open.replaces_account_id === (replaces?.id ?? null)) return { request: open, created: false };
  // A takeover is replaced here only when the company's holder changed: the old one, replaced, is told nothing (tellHolder).
  if (open) await cancelRunning(deps, store, open, 'askerAskedAnew');
  const request = newRequestRow({ id: deps.random.uuid(), accountId: account.id, kind, replaces: replaces?.id ?? null, now });
  await store.insertRecoveryRequest(request);
  return { request, created: true };
}

/** A new request as stored: open for REQUEST_TTL_MS, with no proof, letter or approval yet. */
export function newRequestRow(input: {
  id: string;
  accountId: string;
  kind: RecoveryKind;
  replaces: string | null;
  now: number;
}): RecoveryRequest {
  return {
    id: input.id,
    account_id: input.accountId,
    kind: input.kind,
    replaces_account_id: input.replaces,
    status: 'open',
    created_at: input.now,
    expires_at: input.now + REQUEST_TTL_MS,
    proof: null,
    proven_at: null,
    proven_by: null,
    letter_code_hash: null,
    letter_sent_at: null,
    letter_failures: 0,
    letters_sent: 0,
    first_approver_id: null,
    first_approver_check: null,
    first_approved_at: null,
    second_approver_id: null,
    second_approved_at: null,
    ended_at: null,
  };
}

/**
 * Vouched for once by staff and waiting for the second approval: from then on only a supervisor
 * stops it, never the holder (src/auth/recovery/cancel.ts). A thief holding the account, who stops
 * every takeover as it starts, would otherwise stop this one too, between the first approval and
 * the second; so staff can open a takeover with their approval in it for a caller whose requests
 * the holder kept stopping (startTakeoverForCaller). Only a supervisor's approval or eHerkenning
 * proves it then, not the letter: with the holder's stop gone, one agent talked round and someone
 * who opens the company's post would otherwise be enough.
 */
export function vouchedTakeover(request: RecoveryRequest): boolean {
  return request.kind === 'replace' && request.status === 'open' && request.first_approver_id !== null;
}

/** Who gave an eHerkenning proof, kept with the request: the company can have that person's authorisation withdrawn. */
export interface ProvenBy {
  kvkNumber: string;
  branchNumber: string | null;
  pseudonym: string;
  level: string;
}

/**
 * Records the proof, and how long it holds; false when the request was no longer open (cancelled, or
 * proven another way first). An eHerkenning proof names who gave it (`by`).
 */
export async function markProven(
  deps: AuthDeps,
  store: Store,
  request: RecoveryRequest,
  proof: RecoveryProof,
  by: EherkenningIdentity | null = null,
): Promise<boolean> {
  const now = deps.clock.now();
  const holds = now + (proof === 'staff' ? STAFF_PROVEN_TTL_MS : PROVEN_TTL_MS);
  // A takeover gets the whole time, even when proven in its last minutes: its holder is told that it
  // passes if the app is linked within it. A new phone ends with its request, since the stop links
  // mailed to the account live as long as the request: its owner can stop it until it is linked.
  const expires = request.kind === 'replace' ? holds : Math.min(request.expires_at, holds);
  return store.updateRecoveryRequest(
    request.id,
    {
      status: 'proven',
      proof,
      proven_at: now,
      expires_at: expires,
      proven_by:
        by &&
        JSON.stringify({
          kvkNumber: by.kvkNumber,
          branchNumber: by.branchNumber,
          pseudonym: by.pseudonym,
          level: levelName(by.level),
        } satisfies ProvenBy),
    },
    { status: ['open'] },
  );
}

/**
 * Mails a takeover's holder how it stands now, naming the asker's address masked: vouched for by
 * staff, or proven by staff, eHerkenning or the letter, after which the holder can no longer stop it;
 * or stopped after all (tellHolderStopped).
 */
export async function tellHolder(
  deps: AuthDeps,
  store: Store,
  request: RecoveryRequest,
  asker: Account,
  kind: 'replaceVouched' | 'replaceStaffProven' | 'replaceProven' | 'replaceLetterProven' | 'replaceStopped',
  reason?: StopReason,
) {
  const holder = request.replaces_account_id ? await store.findAccountById(request.replaces_account_id) : undefined;
  // A holder replaced since (by another takeover) no longer holds the login: its address is not told.
  if (holder?.status !== 'active') return;
  const vars = { newEmail: maskEmail(asker.email), when: new Date(deps.clock.now()), ...(reason ? { reason } : {}) };
  await deps.mail.queue(store, { to: holder.email, lang: holder.lang, kind, vars });
}

/**
 * Why a takeover stopped, as its holder reads it: the asker chose a new password or address (so
 * whoever asked may not be who we think), the asker's account was replaced, the asker asked for
 * something else, a supervisor stopped it, or the member of staff who approved it may no longer.
 */
export const stopReasons = [
  'askerPassword',
  'askerAddress',
  'askerReplaced',
  'askerAskedAnew',
  'staffStopped',
  'approvalWithdrawn',
] as const;
export type StopReason = (typeof stopReasons)[number];

/** Ends the account's request in progress: its password or address changed, so whoever asked may not be who we think. */
export async function endOpenRequest(
  deps: AuthDeps,
  store: Store,
  accountId: string,
  reason: 'askerPassword' | 'askerAddress' | 'askerReplaced',
): Promise<void> {
  const open = await store.findOpenRecoveryRequest(accountId, deps.clock.now());
  if (open) await cancelRunning(deps, store, open, reason);
}

/** Cancels a request still running (open or proven), and tells its takeover's holder if they must hear of it. */
async function cancelRunning(deps: AuthDeps, store: Store, request: RecoveryRequest, reason: StopReason): Promise<void> {
  const cancelled = { status: 'cancelled' as const, ended_at: deps.clock.now() };
  if (await store.updateRecoveryRequest(request.id, cancelled, { status: ['open', 'proven'] }))
    await tellHolderStopped(deps, store, request, reason);
}

/**
 * A takeover that ended unused, as it was before it ended. Its holder hears of it if told before that
 * they could no longer stop it (staff vouched for it, or it was proven): else they would go on
 * expecting to lose the login. A holder who could still stop it was not told it would pass.
 */
export async function tellHolderStopped(deps: AuthDeps, store: Store, ended: RecoveryRequest, reason: StopReason): Promise<void> {
  if (ended.kind !== 'replace' || (ended.status !== 'proven' && !vouchedTakeover(ended))) return;
  const asker = await store.findAccountById(ended.account_id);
  if (asker) await tellHolder(deps, store, ended, asker, 'replaceStopped', reason);
}

/** The customer's view of a request: what is done, and what they can still do. */
export async function requestView(
  store: Store,
  request: RecoveryRequest,
  options: { eherkenning: boolean },
): Promise<RequestView> {
  const account = await store.findAccountById(request.account_id);
  const customer = account?.customer_id ? await store.findCustomerById(account.customer_id) : undefined;
  const proofs: RecoveryProof[] = [];
  if (request.kind === 'rebind' && (await store.countRecoveryCodes(request.account_id)) > 0) proofs.push('recovery-code');
  if (options.eherkenning && customer?.kvk_number) proofs.push('eherkenning');
  if (canPost(customer) && !vouchedTakeover(request)) proofs.push('letter');
  proofs.push('staff');
  const holder = request.replaces_account_id ? await store.findAccountById(request.replaces_account_id) : undefined;
  const letterLive =
    request.letter_sent_at !== null && request.letter_code_hash !== null && request.letter_failures < LETTER_MAX_FAILURES;
  // After a letter was used up with wrong tries, a new one may be asked for.
  return {
    kind: request.kind,
    status: request.status === 'proven' ? 'proven' : 'open',
    proofs,
    letter: letterLive
      ? {
          sentAt: request.letter_sent_at!,
          expectedBy: afterWorkingDays(request.letter_sent_at!, 2),
          validUntil: letterValidUntil(request),
        }
      : null,
    approvals: (request.first_approved_at ? 1 : 0) + (request.second_approved_at ? 1 : 0),
    expiresAt: request.expires_at,
    holder: holder ? maskEmail(holder.email) : null,
  };
}

/** A letter's code works 14 days, and never longer than its request. */
export function letterValidUntil(request: Pick<RecoveryRequest, 'letter_sent_at' | 'expires_at'>): number {
  return Math.min((request.letter_sent_at ?? 0) + LETTER_TTL_MS, request.expires_at);
}

/** The end of the day, `days` working days (Monday to Friday) after `from`: when a letter should be there. */
export function afterWorkingDays(from: number, days: number): number {
  const date = new Date(from);
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  date.setUTCHours(22, 0, 0, 0);
  return date.getTime();
}

/** A request as the audit log names it, the asker's address masked: "new phone for a***@…". */
export async function auditSubjectOf(store: Store, requestId: string): Promise<string> {
  const request = await store.findRecoveryRequest(requestId);
  const asker = request && (await store.findAccountById(request.account_id));
  return request && asker
    ? auditText(request.kind === 'rebind' ? 'newPhoneFor' : 'takeoverFor', maskEmail(asker.email))
    : auditText('unknownRequest');
}
