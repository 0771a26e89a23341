import type { Store } from '../store/types.ts';
import type { AuthDeps } from './deps.ts';
import { normalizeReadableCode, readableCode } from './readable-code.ts';

const CODES = 10;
/** 16 characters of 25: about 74 bits, far past guessing within the login limits. */
const LENGTH = 16;

/** ABCD-EFGH-JKMN-PQRT: as printed and shown. */
export function formatRecoveryCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

/** What someone typed, back to the stored form; null when it cannot be a recovery code. */
export const normalizeRecoveryCode = (input: string) => normalizeReadableCode(input, LENGTH);

/**
 * Ten new single-use codes for the account; every earlier unused code stops
 * working. Only their keyed hashes are kept: the codes are shown once.
 */
export async function issueRecoveryCodes(deps: AuthDeps, store: Store, accountId: string): Promise<string[]> {
  const codes = Array.from({ length: CODES }, () => readableCode(deps, LENGTH));
  await store.replaceRecoveryCodes(
    accountId,
    codes.map((code) => ({ id: deps.random.uuid(), codeHash: deps.macs.mac('recovery-code', code) })),
    deps.clock.now(),
  );
  return codes.map(formatRecoveryCode);
}

/** Uses one of the account's codes; false when it is not one, or used already. */
export async function useRecoveryCode(deps: AuthDeps, store: Store, accountId: string, input: string): Promise<boolean> {
  const code = normalizeRecoveryCode(input);
  if (!code) return false;
  for (const hash of deps.macs.candidates('recovery-code', code)) {
    if (await store.useRecoveryCode(accountId, hash, deps.clock.now())) return true;
  }
  return false;
}
