/** Addresses compare case-insensitively; we keep them in lower case. */
export function normalizeEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

/**
 * A code as typed or pasted, without what may sit between its groups: spaces, and any dash a
 * keyboard or a document makes (‐ – —, the minus sign). NFKC first, as for passwords: a Japanese
 * or Chinese keyboard types full-width digits and letters (１２３, ＡＢＣ), which are these.
 */
export const typedCode = (input: string) => input.normalize('NFKC').replace(/[\s\p{Pd}\u2212]/gu, '');

/** A code from the app as typed ("123 456") to its six digits, or null. */
export function normalizeCode(code: string): string | null {
  const digits = typedCode(code);
  return /^[0-9]{6}$/.test(digits) ? digits : null;
}
