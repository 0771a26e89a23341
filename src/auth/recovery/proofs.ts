import { timingSafeEqual } from 'node:crypto';
import type { Lang } from '../../i18n/lang.ts';
import type { RecoveryProof } from '../../store/types.ts';
import type { AuthDeps } from '../deps.ts';
import type { EherkenningIdentity } from '../eherkenning/claims.ts';
import { levelName, meetsLevel, type Level } from '../eherkenning/levels.ts';
import { maskEmail } from '../mask.ts';
import { READABLE_ALPHABET, readableCode, useRecoveryCode } from '../recovery-codes.ts';
import { rotateSession } from '../sessions.ts';
import { countFailure, lockedUntil } from '../throttle.ts';
import { recordEvent } from '../events.ts';
import {
  LETTER_MAX_FAILURES,
  LETTER_TTL_MS,
  markProven,
  proofSession,
  requestView,
  type ProofSession,
  type RequestView,
} from './requests.ts';

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
/** A new letter only when the last one had time to arrive and did not. */
const LETTER_RESEND_AFTER_MS = 7 * 86_400_000;

/** After the proof, a new session id: a new phone may be linked (rebind), or the company's login taken over (enrol). */
async function proven(deps: AuthDeps, ps: ProofSession, token: string, proof: RecoveryProof): Promise<ProofResult> {
  return deps.store.transaction(async (store): Promise<ProofResult> => {
    if (!(await markProven(deps, store, ps.request, proof))) return { kind: 'not-offered' };
    await recordEvent(deps, store, ps.account.id, 'requestProven');
    const next = await rotateSession(deps, store, ps, token, ps.request.kind === 'rebind' ? 'rebind' : 'enrol');
    return next ? { kind: 'proven', token: next } : { kind: 'no-session' };
  });
}

async function openProofSession(deps: AuthDeps, token: string | undefined) {
  const ps = await proofSession(deps, token);
  return ps && ps.request.status === 'open' ? ps : null;
}

/** A new phone proven with one of the account's recovery codes. Wrong codes count towards the lock like wrong app codes. */
export async function proveWithRecoveryCode(
  deps: AuthDeps,
  input: { token: string | undefined; code: string },
): Promise<ProofResult> {
  const ps = await openProofSession(deps, input.token);
  if (!ps) return { kind: 'no-session' };
  if (ps.request.kind !== 'rebind') return { kind: 'not-offered' };
  const now = deps.clock.now();
  const until = await lockedUntil(deps.store, ps.account.email, now);
  if (until) return { kind: 'locked', until };
  if (!(await useRecoveryCode(deps, deps.store, ps.account.id, input.code)))
    return { kind: 'refused', lockedUntil: await countFailure(deps.store, ps.account.email, now) };
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
  if (!customer?.street || !customer.postal_code || !customer.city) return { kind: 'not-offered' };
  const now = deps.clock.now();
  const { request } = ps;
  const pending =
    request.letter_sent_at !== null &&
    request.letter_failures < LETTER_MAX_FAILURES &&
    now - request.letter_sent_at < LETTER_RESEND_AFTER_MS;
  const result = await deps.store.transaction(async (store): Promise<LetterRequest> => {
    let current = request;
    if (!pending) {
      const code = readableCode(deps, LETTER_CODE_LENGTH);
      const patch = { letter_code_hash: deps.macs.mac('letter-code', code), letter_sent_at: now, letter_failures: 0 };
      // The request lives at least as long as the code in the letter.
      const expires = Math.max(request.expires_at, now + LETTER_TTL_MS);
      if (!(await store.updateRecoveryRequest(request.id, { ...patch, expires_at: expires }, { status: ['open'] })))
        return { kind: 'not-offered' };
      current = { ...request, ...patch, expires_at: expires };
      await deps.letters.queue(store, {
        customer,
        lang: input.lang,
        kind: request.kind === 'rebind' ? 'rebindCode' : 'replaceCode',
        vars: {
          code: `${code.slice(0, 4)}-${code.slice(4)}`,
          account: maskEmail(ps.account.email),
          when: new Date(now),
          until: new Date(now + LETTER_TTL_MS),
        },
      });
    }
    return { kind: 'sent', request: await requestView(store, current, { eherkenning: input.eherkenning }) };
  });
  return result;
}

/** The code from the letter. Five wrong tries void the letter; wrong tries also count towards the lock. */
export async function proveWithLetter(deps: AuthDeps, input: { token: string | undefined; code: string }): Promise<ProofResult> {
  const ps = await openProofSession(deps, input.token);
  if (!ps) return { kind: 'no-session' };
  const { request } = ps;
  const now = deps.clock.now();
  if (!request.letter_code_hash || !request.letter_sent_at || request.letter_failures >= LETTER_MAX_FAILURES)
    return { kind: 'not-offered' };
  if (now - request.letter_sent_at > LETTER_TTL_MS) return { kind: 'not-offered' };
  const until = await lockedUntil(deps.store, ps.account.email, now);
  if (until) return { kind: 'locked', until };
  const typed = input.code.toUpperCase().replace(/[\s-]/g, '');
  const fits = typed.length === LETTER_CODE_LENGTH && [...typed].every((c) => READABLE_ALPHABET.includes(c));
  const expected = Buffer.from(request.letter_code_hash, 'hex');
  const given = Buffer.from(deps.macs.mac('letter-code', typed), 'hex');
  if (!fits || !timingSafeEqual(expected, given)) {
    await deps.store.countLetterFailure(request.id);
    return { kind: 'refused', lockedUntil: await countFailure(deps.store, ps.account.email, now) };
  }
  return proven(deps, ps, input.token!, 'letter');
}

export type EherkenningProofResult =
  | ProofResult
  /** eHerkenning worked, but for another company, or below the level the portal needs. */
  | { kind: 'other-company' }
  | { kind: 'level-too-low'; level: string };

/** Someone who may act for the account's company (by eHerkenning, at the portal's level) vouches for this request. */
export async function proveWithEherkenning(
  deps: AuthDeps,
  input: { token: string | undefined; identity: EherkenningIdentity; minimum: Level },
): Promise<EherkenningProofResult> {
  const ps = await openProofSession(deps, input.token);
  if (!ps) return { kind: 'no-session' };
  const customer = ps.account.customer_id ? await deps.store.findCustomerById(ps.account.customer_id) : undefined;
  if (!customer || customer.kvk_number !== input.identity.kvkNumber) return { kind: 'other-company' };
  if (!meetsLevel(input.identity.level, input.minimum)) return { kind: 'level-too-low', level: levelName(input.identity.level) };
  return proven(deps, ps, input.token!, 'eherkenning');
}
