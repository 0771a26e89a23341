import type { Account, Store } from '../store/types.ts';
import type { AuthDeps } from './deps.ts';
import { driftMinutes, isNow, matchCodeWidely, type CodeMatch, type SealedSecret } from './totp.ts';

/** Why a code was refused, in terms a customer can act on. Never contains the code. */
export type Diagnosis =
  | { kind: 'clockDrift'; minutes: number; direction: 'ahead' | 'behind' }
  | { kind: 'usedCode' }
  | { kind: 'oldAuthenticator' }
  | { kind: 'wrongCode' };

export type CodeVerdict = { ok: true; step: number } | { ok: false; diagnosis: Diagnosis };

/** A stored secret, opened only if its codes must be worked out. */
const stored = (deps: AuthDeps, sealed: string): SealedSecret => ({ sealed, open: () => deps.sealer.open(sealed) });

/**
 * Checks a code against the account's authenticator (an account with one). A code for this moment
 * (±30 s) that was not used before is accepted. Anything else is refused, and
 * we look further only to explain why: the same authenticator with a clock
 * minutes off, a code already used, or the authenticator this account had before.
 */
export async function checkAccountCode(deps: AuthDeps, store: Store, account: Account, code: string): Promise<CodeVerdict> {
  const now = deps.clock.now();
  // One look, nearest steps first: the code for now, or why not.
  const match = matchCodeWidely(stored(deps, account.totp_secret!), code, now);
  if (match && isNow(match)) {
    return (await store.useTotpStep(account.id, match.step, now))
      ? { ok: true, step: match.step }
      : { ok: false, diagnosis: { kind: 'usedCode' } };
  }
  if (match) {
    // Told apart from a wrong code, but it must never work later: its step is spent now,
    // so the explanation hands nobody a code to keep for a few minutes.
    await store.useTotpStep(account.id, match.step, now);
    return { ok: false, diagnosis: driftDiagnosis(match) };
  }
  return { ok: false, diagnosis: await explainOther(deps, store, account, code, now) };
}

/**
 * Why a code is not the given secret's code for now: a clock off, or an earlier authenticator of
 * the account. Never the one still linked while a new one is: checked without limit, that would
 * tell whoever holds a new-phone session the owner's current codes.
 */
export async function explainRefusal(
  deps: AuthDeps,
  store: Store,
  account: Account,
  secret: string,
  code: string,
  now: number,
): Promise<Diagnosis> {
  const drift = matchCodeWidely(secret, code, now);
  return drift ? driftDiagnosis(drift) : explainOther(deps, store, account, code, now);
}

function driftDiagnosis(drift: CodeMatch): Diagnosis {
  return { kind: 'clockDrift', minutes: driftMinutes(drift.delta), direction: drift.delta > 0 ? 'ahead' : 'behind' };
}

async function explainOther(deps: AuthDeps, store: Store, account: Account, code: string, now: number): Promise<Diagnosis> {
  for (const { secret: sealed } of await store.listTotpHistory(account.id)) {
    if (matchCodeWidely(stored(deps, sealed), code, now)) return { kind: 'oldAuthenticator' };
  }
  return { kind: 'wrongCode' };
}
