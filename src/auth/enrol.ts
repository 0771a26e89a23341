import type { Store } from '../store/types.ts';
import type { AuthDeps } from './deps.ts';
import { explainRefusal, type Diagnosis } from './diagnosis.ts';
import { recordAttempt } from './login-record.ts';
import { recordEvent } from './events.ts';
import { normalizeCode } from './normalize.ts';
import { resolveSession, rotateSession, type ActiveSession } from './sessions.ts';
import { groupKey, matchCode, newTotpSecret, otpauthUri, qrCodeSvg } from './totp.ts';

/** How long a shown secret stays valid to confirm: time to install an app and scan. */
const PENDING_SECRET_TTL_MS = 15 * 60_000;

export interface EnrolmentOffer {
  /** The account name the app will show. */
  email: string;
  /** The key in groups of four, for typing. */
  key: string;
  uri: string;
  qrSvg: string;
}

export type EnrolmentStart = { kind: 'offer'; offer: EnrolmentOffer } | { kind: 'no-session' };

/** Sessions that may link an app: the first one after activation, or a new one from the re-bind link. */
function enrolling(current: ActiveSession | null): current is ActiveSession {
  return current !== null && (current.session.stage === 'enrol' || current.session.stage === 'rebind');
}

/**
 * Shows a new secret to link an app to. It is bound only after a code from it
 * is confirmed; until then the account's current authenticator (if any) stays.
 * Reloading the page within the quarter hour shows the same secret again.
 */
export async function startEnrolment(deps: AuthDeps, token: string | undefined, qrTitle: string): Promise<EnrolmentStart> {
  const current = await resolveSession(deps, token);
  if (!enrolling(current)) return { kind: 'no-session' };
  return { kind: 'offer', offer: await offerSecret(deps, current, qrTitle) };
}

export async function offerSecret(deps: AuthDeps, { account }: ActiveSession, qrTitle: string): Promise<EnrolmentOffer> {
  const now = deps.clock.now();
  let secret: string;
  if (
    account.pending_totp_secret &&
    account.pending_totp_created_at &&
    now - account.pending_totp_created_at < PENDING_SECRET_TTL_MS
  ) {
    secret = deps.sealer.open(account.pending_totp_secret);
  } else {
    secret = newTotpSecret();
    await deps.store.updateAccount(account.id, {
      pending_totp_secret: deps.sealer.seal(secret),
      pending_totp_created_at: now,
      updated_at: now,
    });
  }
  const uri = otpauthUri(deps.config.issuer, account.email, secret);
  return { email: account.email, key: groupKey(secret), uri, qrSvg: await qrCodeSvg(uri, qrTitle) };
}

export type EnrolmentResult =
  /** First app linked: the session is now logged in. */
  | { kind: 'bound'; token: string }
  /** New app linked in place of the old one: every session ended, log in again with it. */
  | { kind: 'rebound' }
  | { kind: 'refused'; diagnosis: Diagnosis }
  | { kind: 'invalid-code' }
  | { kind: 'expired' }
  | { kind: 'no-session' };

/**
 * Binds the shown secret once a code from the app proves it was scanned.
 * A first authenticator also activates the account, which takes over the
 * company's email login from any older account (whose address is told).
 * A new one replaces the old in one update: there is never a moment with
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
  const pending = account.pending_totp_secret;
  if (!pending || !account.pending_totp_created_at || now - account.pending_totp_created_at >= PENDING_SECRET_TTL_MS) {
    return { kind: 'expired' };
  }
  const secret = deps.sealer.open(pending);
  const match = matchCode(secret, code, now);
  if (!match) {
    const others = account.totp_secret ? [account.totp_secret] : [];
    const diagnosis = await explainRefusal(deps, deps.store, account, secret, code, now, others);
    await recordAttempt(deps, deps.store, account, 'enrol', 'refused', diagnosis.kind);
    return { kind: 'refused', diagnosis };
  }

  const result = await deps.store.transaction(async (store): Promise<EnrolmentResult> => {
    if (session.stage === 'enrol' && account.status === 'verified') await takeOverCompany(deps, store, current);
    const bound = await store.swapAuthenticator(account.id, pending, now);
    // Someone else confirmed first (another tab, another re-bind): this secret is no longer the pending one.
    if (!bound) return { kind: 'expired' };
    // Replays are refused per authenticator: the new one starts with a clean
    // slate, except for the step of the code that just confirmed it.
    await store.clearTotpSteps(account.id);
    await store.useTotpStep(account.id, match.step, now);
    await recordAttempt(deps, store, account, 'enrol', 'success', null);
    await recordEvent(deps, store, account.id, session.stage === 'rebind' ? 'rebound' : 'bound');
    if (session.stage === 'rebind') {
      if (account.totp_secret && account.totp_bound_at) {
        await store.addTotpHistory({
          id: deps.random.uuid(),
          accountId: account.id,
          secret: account.totp_secret,
          boundAt: account.totp_bound_at,
          replacedAt: now,
        });
      }
      await store.endAllSessions(account.id, now);
      await store.invalidateTokens(account.id, now);
      await deps.mail.queue(store, {
        to: account.email,
        lang: account.lang,
        kind: 'rebindDone',
        vars: { when: new Date(now).toISOString() },
      });
      return { kind: 'rebound' };
    }
    const token = await rotateSession(deps, store, current, input.token!, 'full');
    return token ? { kind: 'bound', token } : { kind: 'no-session' };
  });
  deps.mail.notify();
  return result;
}

/** One company, one email login: the older account of the company steps aside, and its address hears why. */
async function takeOverCompany(deps: AuthDeps, store: Store, { account }: ActiveSession): Promise<void> {
  if (!account.customer_id) return;
  const previous = await store.findActiveAccountOfCustomer(account.customer_id);
  if (!previous || previous.id === account.id) return;
  const now = deps.clock.now();
  await store.updateAccount(previous.id, { status: 'superseded', updated_at: now }, { status: 'active' });
  await store.endAllSessions(previous.id, now);
  await store.invalidateTokens(previous.id, now);
  const when = new Date(now).toISOString();
  await deps.mail.queue(store, {
    to: previous.email,
    lang: previous.lang,
    kind: 'takeover',
    vars: { newEmail: maskEmail(account.email), when },
  });
}

/** j***@example.nl: enough for the old address to recognise a colleague, not a full address to harvest. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}
