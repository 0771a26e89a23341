import { canPost } from '../mail/letters.ts';
import type { Account, Session, Store } from '../store/types.ts';
import { mailingTransaction } from './mailing.ts';
import type { AuthDeps } from './deps.ts';
import { explainRefusal, type Diagnosis } from './diagnosis.ts';
import { recordAttempt } from './login-record.ts';
import { recordEvent } from './events.ts';
import { normalizeCode } from './normalize.ts';
import { requestOf, resolveSession, rotateSession, type ActiveSession } from './sessions.ts';
import { clearAppCodeAttempts } from './throttle.ts';
import { groupKey, matchCode, newTotpSecret, otpauthUri, qrCodeSvg } from './totp.ts';
import { maskEmail } from './mask.ts';
import { issueRecoveryCodes } from './recovery-codes.ts';
import { replacementFor, supersede, type Replacement } from './recovery/replace.ts';
import { requestView, type RequestView } from './recovery/requests.ts';
import { PENDING_SECRET_TTL_MS } from './policy.ts';
import { endMailedLinks } from './tokens.ts';
import { stillAsChecked } from './as-checked.ts';

export interface EnrolmentOffer {
  /** The account name the app will show. */
  email: string;
  /** The key in groups of four, for typing. */
  key: string;
  uri: string;
  qrSvg: string;
}

export type EnrolmentStart =
  | { kind: 'offer'; offer: EnrolmentOffer }
  /** The company has an email login already: taking it over needs proof first. */
  | { kind: 'replacement-needed'; holder: string; request: RequestView | null }
  /** Proven, by another session: only that one, or the link mailed after staff approved, links the app. */
  | { kind: 'proven-elsewhere' }
  /** Logged in, with an app linked already. */
  | { kind: 'linked'; staff: boolean }
  | { kind: 'no-session' };

/**
 * Sessions that may link an app: a new phone whose request was proven, or the password's session
 * after activation while no app is linked yet. Once one is, a session left open from before
 * (someone else who knew the password) links nothing.
 */
function enrolling(current: ActiveSession | null): current is ActiveSession {
  if (current?.session.stage === 'rebind') return true;
  return current?.session.stage === 'enrol' && current.account.status === 'verified' && current.account.totp_secret === null;
}

/**
 * Shows a new secret to link an app to. It is bound only after a code from it
 * is confirmed; until then the account's current authenticator (if any) stays.
 * Reloading the page within the quarter hour shows the same secret again.
 */
export async function startEnrolment(
  deps: AuthDeps,
  input: { token: string | undefined; qrTitle: string; eherkenning: boolean },
): Promise<EnrolmentStart> {
  const current = await resolveSession(deps, input.token);
  // The page opened again once the app is linked (a reload over the recovery codes): logged in, and it says so.
  if (current?.session.stage === 'full' && current.account.totp_secret)
    return { kind: 'linked', staff: current.account.role !== 'customer' };
  if (!enrolling(current)) return { kind: 'no-session' };
  if (current.session.stage === 'rebind') {
    // Only for the new phone it proved: not one that lapsed since, nor one proven somewhere else.
    const request = await deps.store.findOpenRecoveryRequest(current.account.id, deps.clock.now());
    if (request?.status !== 'proven' || requestOf(current.session) !== request.id) return { kind: 'no-session' };
  }
  if (current.session.stage === 'enrol') {
    const replacement = await replacementFor(deps, deps.store, current.account);
    const blocked = takeoverBlock(replacement, current.session);
    if (blocked === 'proven-elsewhere') return { kind: blocked };
    if (replacement && blocked) {
      return {
        kind: 'replacement-needed',
        holder: maskEmail(replacement.holder.email),
        request: replacement.request
          ? await requestView(deps.store, replacement.request, { eherkenning: input.eherkenning })
          : null,
      };
    }
  }
  return { kind: 'offer', offer: await offerSecret(deps, current, input.qrTitle) };
}

/**
 * What stands between an enrol session and its company's login: a takeover not proven yet, or
 * proven by another session (requestOf). The password alone opens a session that links no app.
 */
function takeoverBlock(replacement: Replacement | null, session: Session): 'replacement-needed' | 'proven-elsewhere' | null {
  if (!replacement) return null;
  if (replacement.request?.status !== 'proven') return 'replacement-needed';
  return requestOf(session) === replacement.request.id ? null : 'proven-elsewhere';
}

/** The secret shown to this session within the quarter hour, sealed, if there is one. */
function pendingFor({ account, session }: ActiveSession, now: number): string | null {
  const fresh = account.pending_totp_created_at !== null && now - account.pending_totp_created_at < PENDING_SECRET_TTL_MS;
  return fresh && account.pending_totp_session === session.id_hash ? account.pending_totp_secret : null;
}

/**
 * Another session asking makes a new secret, and the one shown before stops working: only the
 * session a secret was shown to can confirm it, so nobody learns the key another is linking.
 */
async function offerSecret(deps: AuthDeps, current: ActiveSession, qrTitle: string): Promise<EnrolmentOffer> {
  const { account, session } = current;
  const now = deps.clock.now();
  const pending = pendingFor(current, now);
  let secret: string;
  if (pending) {
    secret = deps.sealer.open(pending);
  } else {
    secret = newTotpSecret();
    await deps.store.updateAccount(account.id, {
      pending_totp_secret: deps.sealer.seal(secret),
      pending_totp_created_at: now,
      pending_totp_session: session.id_hash,
      updated_at: now,
    });
  }
  const uri = otpauthUri(deps.config.issuer, account.email, secret);
  return { email: account.email, key: groupKey(secret), uri, qrSvg: await qrCodeSvg(uri, qrTitle) };
}

export type EnrolmentResult =
  /** First app linked: the session is now logged in; the recovery codes are shown once. */
  | { kind: 'bound'; token: string; recoveryCodes: string[] }
  /** New app linked in place of the old one: every session ended, log in again with it. */
  | { kind: 'rebound'; recoveryCodes: string[] }
  | { kind: 'refused'; diagnosis: Diagnosis }
  | { kind: 'invalid-code' }
  | { kind: 'expired' }
  /** The company's current login is not to be replaced (yet): no proof, or the holder cancelled. */
  | { kind: 'replacement-needed' }
  | { kind: 'proven-elsewhere' }
  | { kind: 'no-session' };

/**
 * Binds the shown secret once a code from the app proves it was scanned, and
 * gives ten new recovery codes. A first authenticator also activates the
 * account; if the company had another email login, its proven takeover
 * happens in the same transaction, and otherwise the company gets a letter
 * saying a login was set up; either way the account's mailbox hears of it. A
 * new phone's app replaces the old in one update: there is never a moment with
 * two working authenticators, or none; then every session of the account ends
 * and the mailbox hears of it.
 */
export async function confirmEnrolment(
  deps: AuthDeps,
  input: { token: string | undefined; code: string },
): Promise<EnrolmentResult> {
  const current = await resolveSession(deps, input.token);
  if (!enrolling(current)) return { kind: 'no-session' };
  const code = normalizeCode(input.code);
  if (!code) return { kind: 'invalid-code' };
  const { account, session } = current;
  const now = deps.clock.now();
  const pending = pendingFor(current, now);
  if (!pending) return { kind: 'expired' };
  const secret = deps.sealer.open(pending);
  const match = matchCode(secret, code, now);
  if (!match) {
    const diagnosis = await explainRefusal(deps, deps.store, account, secret, code, now);
    await recordAttempt(deps, deps.store, account, 'enrol', 'refused', diagnosis.kind);
    return { kind: 'refused', diagnosis };
  }

  const rebind = session.stage === 'rebind';
  const result = await mailingTransaction(deps, async (store, tx): Promise<EnrolmentResult> => {
    if (!(await stillAsChecked(store, account, session.id_hash))) return { kind: 'no-session' };
    // Two new accounts of one company linking at once: the second waits, then sees the first as the holder.
    if (account.customer_id) await store.lockCustomer(account.customer_id);
    const request = await store.findOpenRecoveryRequest(account.id, now);
    const replacement = rebind ? null : await replacementFor(tx, store, account);
    const blocked = takeoverBlock(replacement, session);
    if (blocked) return { kind: blocked };
    const needed = rebind ? request : replacement?.request;
    if (rebind && (request?.kind !== 'rebind' || requestOf(session) !== request.id)) return { kind: 'no-session' };
    if (needed && !(await store.updateRecoveryRequest(needed.id, { status: 'done', ended_at: now }, { status: ['proven'] })))
      return { kind: 'no-session' };
    if (replacement) await supersede(tx, store, replacement.holder, account);
    const bound = await store.swapAuthenticator(account.id, pending, rebind ? account.totp_secret : null, now);
    // Someone else confirmed first (another tab, another re-bind): this secret is no longer the pending one,
    // or the app it was to replace (or the absence of one) is no longer the account's.
    if (!bound) return { kind: 'expired' };
    // Replays are refused per authenticator: the new one starts with a clean
    // slate, except for the step of the code that just confirmed it. So do wrong codes.
    await store.clearTotpSteps(account.id);
    await clearAppCodeAttempts(store, account.id);
    await store.useTotpStep(account.id, match.step, now);
    await recordAttempt(tx, store, account, 'enrol', 'success', null);
    await recordEvent(tx, store, account.id, rebind ? 'rebound' : 'bound');
    // Staff have no way in without their app: their lost phone is an operator's matter.
    const recoveryCodes = account.role === 'customer' ? await issueRecoveryCodes(tx, store, account.id) : [];
    if (rebind) {
      if (account.totp_secret && account.totp_bound_at) {
        await store.addTotpHistory({
          id: tx.random.uuid(),
          accountId: account.id,
          secret: account.totp_secret,
          boundAt: account.totp_bound_at,
          replacedAt: now,
        });
      }
      await store.endAllSessions(account.id, now);
      await endMailedLinks(store, account.id, now);
      await tx.mail.queue(store, { to: account.email, lang: account.lang, kind: 'rebindDone', vars: { when: new Date(now) } });
      tx.faults.reach('rebind:inside');
      return { kind: 'rebound', recoveryCodes };
    }
    if (!replacement) await tellCompanyOfNewLogin(tx, store, account);
    // The password alone reaches this step for a day (first-app.ts): whoever linked the app holds the account now.
    const kind = account.role === 'customer' ? 'appLinked' : 'staffAppLinked';
    await tx.mail.queue(store, { to: account.email, lang: account.lang, kind, vars: { when: new Date(now) } });
    // Any other session the password opened before the app was linked ends here.
    await store.endAllSessions(account.id, now, session.id_hash);
    const token = await rotateSession(tx, store, current, input.token!, 'full');
    return token ? { kind: 'bound', token, recoveryCodes } : { kind: 'no-session' };
  });
  if (result.kind === 'rebound') deps.faults.reach('rebind:committed');
  return result;
}

/**
 * A company's first email login is set up with only the policy number and a
 * mailbox, so the company hears of it by post, at the address on record. With
 * none on record, the agent who looks the account up sees that nobody was told.
 */
async function tellCompanyOfNewLogin(deps: AuthDeps, store: Store, account: Account): Promise<void> {
  const customer = account.customer_id ? await store.findCustomerById(account.customer_id) : undefined;
  if (!customer) return;
  if (!canPost(customer)) return recordEvent(deps, store, account.id, 'companyNotTold');
  await deps.letters.queue(store, {
    customer,
    lang: account.lang,
    kind: 'newLogin',
    vars: { account: maskEmail(account.email), when: new Date(deps.clock.now()) },
  });
}
