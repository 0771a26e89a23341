import type { AuthDeps } from './deps.ts';
import { typedCode } from './normalize.ts';

/** Read out over the phone or typed from paper (help codes, recovery codes, letter codes): no 0/O, 1/I/L, 2/Z, 5/S or 8/B to mix up. */
export const READABLE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';

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

/** A readable code as typed (any case, grouped or not) to its stored form; null when it cannot be one of this length. */
export function normalizeReadableCode(input: string, length: number): string | null {
  const code = typedCode(input).toUpperCase();
  return code.length === length && [...code].every((c) => READABLE_ALPHABET.includes(c)) ? code : null;
}
