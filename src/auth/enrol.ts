import type { Store } from '../store/types.ts';
import type { AuthDeps } from './deps.ts';
import { checkAccountCode, type Diagnosis } from './diagnosis.ts';
import { recordAttempt } from './login.ts';
import { normalizeCode } from './normalize.ts';
import { resolveSession, rotateSession, type ActiveSession } from './sessions.ts';
import { groupKey, newTotpSecret, otpauthUri, qrCodeSvg } from './totp.ts';

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

/**
 * Shows a new secret to link an app to. It is bound only after a code from it
 * is confirmed; until then the account's current authenticator (if any) stays.
 * Reloading the page within the quarter hour shows the same secret again.
 */
export async function startEnrolment(deps: AuthDeps, token: string | undefined, qrTitle: string): Promise<EnrolmentStart> {
  const current = await resolveSession(deps, token);
  if (!current || current.session.stage !== 'enrol') return { kind: 'no-session' };
  const { account } = current;
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
  return { kind: 'offer', offer: { email: account.email, key: groupKey(secret), uri, qrSvg: await qrCodeSvg(uri, qrTitle) } };
}

export type EnrolmentResult =
  | { kind: 'bound'; token: string }
  | { kind: 'refused'; diagnosis: Diagnosis }
  | { kind: 'invalid-code' }
  | { kind: 'expired' }
  | { kind: 'no-session' };

/**
 * Binds the shown secret once a code from the app proves it was scanned. For a
 * first authenticator this also activates the account, and the account takes
 * over the company's email login from any older account (whose address is told).
 */
export async function confirmEnrolment(
  deps: AuthDeps,
  input: { token: string | undefined; code: string },
): Promise<EnrolmentResult> {
  const current = await resolveSession(deps, input.token);
  if (!current || current.session.stage !== 'enrol') return { kind: 'no-session' };
  const code = normalizeCode(input.code);
  if (!code) return { kind: 'invalid-code' };
  const { account } = current;
  const now = deps.clock.now();
  if (
    !account.pending_totp_secret ||
    !account.pending_totp_created_at ||
    now - account.pending_totp_created_at >= PENDING_SECRET_TTL_MS
  ) {
    return { kind: 'expired' };
  }
  const verdict = await checkAccountCode(deps, deps.store, account, deps.sealer.open(account.pending_totp_secret), code);
  if (!verdict.ok) {
    await recordAttempt(deps, deps.store, account, 'enrol', 'refused', verdict.diagnosis.kind);
    return { kind: 'refused', diagnosis: verdict.diagnosis };
  }
  const token = await deps.store.transaction(async (store) => {
    if (account.status === 'verified') await takeOverCompany(deps, store, current);
    const bound = await store.updateAccount(
      account.id,
      {
        status: 'active',
        totp_secret: account.pending_totp_secret,
        totp_bound_at: now,
        pending_totp_secret: null,
        pending_totp_created_at: null,
        updated_at: now,
      },
      { status: account.status },
    );
    if (!bound) return null;
    await recordAttempt(deps, store, account, 'enrol', 'success', null);
    return rotateSession(deps, store, current, input.token!, 'full');
  });
  deps.mail.notify();
  return token ? { kind: 'bound', token } : { kind: 'no-session' };
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
