import { canPost } from '../../mail/letters.ts';
import { timingSafeEqual } from 'node:crypto';
import type { Lang } from '../../i18n/lang.ts';
import type { Account, RecoveryProof, RecoveryRequest, Store } from '../../store/types.ts';
import type { AuthDeps } from '../deps.ts';
import { covers, type EherkenningIdentity } from '../eherkenning/claims.ts';
import { levelName, meetsLevel, type Level } from '../../shared/eherkenning/levels.ts';
import { maskEmail } from '../mask.ts';
import { normalizeReadableCode, readableCode } from '../readable-code.ts';
import { useRecoveryCode } from '../recovery-codes.ts';
import { mailingTransaction } from '../mailing.ts';
import { resolveSession, rotateSession, type ActiveSession } from '../sessions.ts';
import { takeAttempt, throttleKey, type KnownDevice } from '../throttle.ts';
import { recordEvent } from '../events.ts';
import {
  LETTER_AFTER_FAILURES_MS,
  LETTER_MAX_FAILURES,
  LETTER_RESEND_AFTER_MS,
  LETTERS_PER_COMPANY_WEEK,
  LETTERS_PER_REQUEST,
  WEEK_MS,
} from '../policy.ts';
import { openTakeover, replacementFor } from './replace.ts';
import {
  letterValidUntil,
  markProven,
  proofSession,
  proofSessionOf,
  requestView,
  tellHolder,
  vouchedTakeover,
  type ProofSession,
  type RequestView,
} from './requests.ts';

/**
 * A typed proof. A browser that logged in to this account before guesses from its own
 * allowance, as at login, so a stranger's lock on the address cannot stop the owner's proof.
 */
export interface ProofInput {
  token: string | undefined;
  code: string;
  device?: KnownDevice | null;
}

export type ProofResult =
  /** Proven: the session (under a new id) may now link the new app. */
  | { kind: 'proven'; token: string }
  | { kind: 'refused'; lockedUntil?: number | null }
  | { kind: 'locked'; until: number }
  /** This proof is not one this request can take (no codes left, no address on record, proven already). */
  | { kind: 'not-offered' }
  | { kind: 'no-session' };

/** The letter's code: eight characters to type from paper. */
const LETTER_CODE_LENGTH = 8;

/** Whether to send a letter now, say when the one on its way comes, or refuse for now. */
function nextLetter(request: RecoveryRequest, now: number): 'send' | 'on-its-way' | 'not-now' {
  if (request.letter_sent_at === null) return 'send';
  const used = request.letter_failures >= LETTER_MAX_FAILURES;
  const since = now - request.letter_sent_at;
  if (since < (used ? LETTER_AFTER_FAILURES_MS : LETTER_RESEND_AFTER_MS)) return used ? 'not-now' : 'on-its-way';
  return request.letters_sent < LETTERS_PER_REQUEST ? 'send' : 'not-now';
}

/** After the proof, a new session id: a new phone may be linked (rebind), or the company's login taken over (enrol). */
function proven(
  deps: AuthDeps,
  ps: ProofSession,
  token: string,
  proof: RecoveryProof,
  by: EherkenningIdentity | null = null,
): Promise<ProofResult> {
  // A proof may mail the holder (provenIn): sent at the commit, not at the delivery loop's next round.
  return unlessSessionEnded(mailingTransaction(deps, (store, tx) => provenIn(tx, store, ps, token, proof, by)));
}

/**
 * The session ended between its check and the proof's transaction (a logout, a new password):
 * thrown, so that the transaction leaves nothing of the proof behind, no proven request and no
 * mail, which a plain password login would otherwise pick up.
 */
class SessionEnded extends Error {}

async function unlessSessionEnded<T>(work: Promise<T>): Promise<T | { kind: 'no-session' }> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof SessionEnded) return { kind: 'no-session' };
    throw error;
  }
}

/** The proof, inside the caller's transaction (see SessionEnded). */
async function provenIn(
  deps: AuthDeps,
  store: Store,
  ps: ProofSession,
  token: string,
  proof: RecoveryProof,
  by: EherkenningIdentity | null = null,
): Promise<ProofResult> {
  if (proof === 'letter') {
    // Under the asker's row, as staff vouch under it: a letter is no proof of a takeover vouched for meanwhile.
    await store.lockAccount(ps.account.id);
    const latest = await store.findRecoveryRequest(ps.request.id);
    if (!latest || vouchedTakeover(latest)) return { kind: 'not-offered' };
  }
  if (!(await markProven(deps, store, ps.request, proof, by))) return { kind: 'not-offered' };
  await recordEvent(deps, store, ps.account.id, 'requestProven');
  // From now on the holder cannot stop it: told so, whether it was asked before or in this step.
  if (ps.request.kind === 'replace' && (proof === 'eherkenning' || proof === 'letter'))
    await tellHolder(deps, store, ps.request, ps.account, proof === 'letter' ? 'replaceLetterProven' : 'replaceProven');
  const next = await rotateSession(deps, store, ps, token, ps.request.kind === 'rebind' ? 'rebind' : 'enrol', {
    request: ps.request.id,
  });
  if (!next) throw new SessionEnded();
  return { kind: 'proven', token: next };
}

async function openProofSession(deps: AuthDeps, token: string | undefined) {
  const ps = await proofSession(deps, token);
  return ps && ps.request.status === 'open' ? ps : null;
}

/**
 * What an eHerkenning proof of this session would prove: its open request, or, for a new account at
 * the step that links its first app, whose company's login someone else holds and which has not
 * asked to take it over yet, a takeover asked and proven at once (see proveWithEherkenning).
 */
async function eherkenningTarget(
  deps: AuthDeps,
  token: string | undefined,
): Promise<{ ps: ProofSession } | { asking: ActiveSession } | null> {
  const current = await resolveSession(deps, token);
  const ps = await proofSessionOf(deps, current);
  if (ps) return ps.request.status === 'open' ? { ps } : null;
  if (current?.session.stage !== 'enrol') return null;
  const replacement = await replacementFor(deps, deps.store, current.account);
  return replacement && !replacement.request ? { asking: current } : null;
}

/** The page an eHerkenning proof for this session returns to, or null when it has nothing to prove. */
export async function eherkenningProofPage(deps: AuthDeps, token: string | undefined): Promise<'newPhone' | 'enrol' | null> {
  const target = await eherkenningTarget(deps, token);
  if (!target) return null;
  return 'ps' in target && target.ps.request.kind === 'rebind' ? 'newPhone' : 'enrol';
}

/** A new phone proven with one of the account's recovery codes. Wrong codes count towards the lock like wrong app codes. */
export async function proveWithRecoveryCode(deps: AuthDeps, input: ProofInput): Promise<ProofResult> {
  const ps = await openProofSession(deps, input.token);
  if (!ps) return { kind: 'no-session' };
  if (ps.request.kind !== 'rebind') return { kind: 'not-offered' };
  const key = throttleKey(ps.account.email, ps.account.id, input.device);
  const attempt = await takeAttempt(deps, key);
  if (attempt.kind === 'locked') return attempt;
  if (!(await useRecoveryCode(deps, deps.store, ps.account.id, input.code)))
    return { kind: 'refused', lockedUntil: attempt.lockedIfWrong };
  await deps.store.clearThrottle(key);
  return proven(deps, ps, input.token!, 'recovery-code');
}

export type LetterRequest = { kind: 'sent'; request: RequestView } | { kind: 'not-offered' } | { kind: 'no-session' };

/**
 * Sends a letter with a one-time code to the company's address on record,
 * or says when the one sent already should arrive.
 */
export async function requestLetter(
  deps: AuthDeps,
  input: { token: string | undefined; lang: Lang; eherkenning: boolean },
): Promise<LetterRequest> {
  const ps = await openProofSession(deps, input.token);
  if (!ps) return { kind: 'no-session' };
  const customer = ps.account.customer_id ? await deps.store.findCustomerById(ps.account.customer_id) : undefined;
  if (!canPost(customer)) return { kind: 'not-offered' };
  const now = deps.clock.now();
  const result = await deps.store.transaction(async (store): Promise<LetterRequest> => {
    // Letters are also counted per company and kind, a week: each new account of a company can ask
    // to take over its login, and a new-phone request stopped with the link in its own mail can be
    // asked again, each with a count of its own. By kind, so that strangers' takeover requests use
    // up no letter of the holder's new phone. Under the company's lock, and decided on the request
    // as it is then: requests sent at once pass one by one, and the later ones find the letter sent.
    await store.lockCustomer(customer.id);
    const request = await store.findRecoveryRequest(ps.request.id);
    if (request?.status !== 'open' || vouchedTakeover(request)) return { kind: 'not-offered' };
    const next = nextLetter(request, now);
    if (next === 'not-now') return { kind: 'not-offered' };
    let current = request;
    if (next === 'send') {
      const kind = request.kind === 'rebind' ? 'rebindCode' : 'replaceCode';
      if ((await store.countLetters(customer.id, [kind], now - WEEK_MS)) >= LETTERS_PER_COMPANY_WEEK)
        return { kind: 'not-offered' };
      const code = readableCode(deps, LETTER_CODE_LENGTH);
      const patch = {
        letter_code_hash: deps.macs.mac('letter-code', code),
        letter_sent_at: now,
        letter_failures: 0,
        letters_sent: request.letters_sent + 1,
      };
      if (!(await store.updateRecoveryRequest(request.id, patch, { status: ['open'] }))) return { kind: 'not-offered' };
      current = { ...request, ...patch };
      await deps.letters.queue(store, {
        customer,
        lang: input.lang,
        kind,
        vars: {
          code: `${code.slice(0, 4)}-${code.slice(4)}`,
          account: maskEmail(ps.account.email),
          when: new Date(now),
          until: new Date(letterValidUntil({ letter_sent_at: now, expires_at: request.expires_at })),
        },
      });
    }
    return { kind: 'sent', request: await requestView(store, current, { eherkenning: input.eherkenning }) };
  });
  return result;
}

/** The code from the letter. Five tries in all; each also counts towards the lock, as a wrong code at login does. */
export async function proveWithLetter(deps: AuthDeps, input: ProofInput): Promise<ProofResult> {
  const ps = await openProofSession(deps, input.token);
  if (!ps) return { kind: 'no-session' };
  const { request } = ps;
  const now = deps.clock.now();
  if (
    !request.letter_code_hash ||
    !request.letter_sent_at ||
    request.letter_failures >= LETTER_MAX_FAILURES ||
    vouchedTakeover(request)
  )
    return { kind: 'not-offered' };
  if (now >= letterValidUntil(request)) return { kind: 'not-offered' };
  const key = throttleKey(ps.account.email, ps.account.id, input.device);
  const attempt = await takeAttempt(deps, key);
  if (attempt.kind === 'locked') return attempt;
  // The try is counted before the code is compared, so tries sent at once cannot pass the limit together.
  if ((await deps.store.countLetterFailure(request.id)) > LETTER_MAX_FAILURES) return { kind: 'not-offered' };
  const typed = normalizeReadableCode(input.code, LETTER_CODE_LENGTH);
  const expected = Buffer.from(request.letter_code_hash, 'hex');
  const right =
    typed !== null &&
    deps.macs.candidates('letter-code', typed).some((hash) => timingSafeEqual(expected, Buffer.from(hash, 'hex')));
  if (!right) return { kind: 'refused', lockedUntil: attempt.lockedIfWrong };
  await deps.store.clearThrottle(key);
  return proven(deps, ps, input.token!, 'letter');
}

export type EherkenningProofResult =
  | ProofResult
  /** eHerkenning worked, but for another company or branch, below the level the portal needs, or through an intermediary. */
  | { kind: 'other-company' }
  | { kind: 'level-too-low'; level: string }
  | { kind: 'intermediary' };

/**
 * Someone who may act for the account's company (its own eHerkenning, at the portal's level) vouches
 * for this request. A takeover of the company's login may also be asked and proven in this one step:
 * a request open before the broker's login (which takes a while) would tell the holder, and a holder
 * who is a thief with the whole account could stop each one before its proof came back. The holder
 * is told in the same transaction that the login passes; a proven takeover is final.
 */
export async function proveWithEherkenning(
  deps: AuthDeps,
  input: { token: string | undefined; identity: EherkenningIdentity; minimum: Level },
): Promise<EherkenningProofResult> {
  const target = await eherkenningTarget(deps, input.token);
  if (!target) return { kind: 'no-session' };
  const current = 'ps' in target ? target.ps : target.asking;
  const refusal = await vouchRefusal(deps, current.account, input.identity, input.minimum);
  if (refusal) return refusal;
  if ('ps' in target) return proven(deps, target.ps, input.token!, 'eherkenning', input.identity);
  return unlessSessionEnded(
    mailingTransaction(deps, async (store, tx): Promise<EherkenningProofResult> => {
      const opened = await openTakeover(tx, store, current.account, 'proven');
      if (opened.kind !== 'started') return { kind: 'no-session' };
      return provenIn(tx, store, { ...current, request: opened.request }, input.token!, 'eherkenning', input.identity);
    }),
  );
}

/** Why this eHerkenning login does not vouch for the account's company, if it does not. */
async function vouchRefusal(
  deps: AuthDeps,
  account: Account,
  identity: EherkenningIdentity,
  minimum: Level,
): Promise<Exclude<EherkenningProofResult, ProofResult> | null> {
  const customer = account.customer_id ? await deps.store.findCustomerById(account.customer_id) : undefined;
  // A branch's authorisation does not vouch for the company's record, as it does not log in to it.
  if (!customer || !covers(identity, customer)) return { kind: 'other-company' };
  // Someone acting for the company through an intermediary may use its portal, but not take over its own login.
  if (identity.intermediaryKvk) return { kind: 'intermediary' };
  if (!meetsLevel(identity.level, minimum)) return { kind: 'level-too-low', level: levelName(identity.level) };
  return null;
}
