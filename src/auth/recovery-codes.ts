import type { Store } from '../store/types.ts';
import type { AuthDeps } from './deps.ts';

/** Read aloud and typed from paper: no 0/O, 1/I/L, 2/Z, 5/S or 8/B to mix up. */
export const READABLE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
const CODES = 10;
/** 16 characters of 25: about 74 bits, far past guessing within the login limits. */
const LENGTH = 16;

/** Random characters of the readable alphabet, without the bias of a plain modulo. */
export function readableCode(deps: Pick<AuthDeps, 'random'>, length: number): string {
  const out: string[] = [];
  while (out.length < length) {
    for (const byte of deps.random.bytes(length * 2)) {
      // 250 is the largest multiple of 25 below 256: bytes above it would favour the first letters.
      if (byte < 250 && out.length < length) out.push(READABLE_ALPHABET[byte % READABLE_ALPHABET.length]!);
    }
  }
  return out.join('');
}

/** ABCD-EFGH-JKMN-PQRT: as printed and shown. */
export function formatRecoveryCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

/** What someone typed, back to the stored form; null when it cannot be a recovery code. */
export function normalizeRecoveryCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  return code.length === LENGTH && [...code].every((c) => READABLE_ALPHABET.includes(c)) ? code : null;
}

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
