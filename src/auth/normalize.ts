/** Addresses compare case-insensitively; we keep them in lower case. */
export function normalizeEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

/** A code as typed ("123 456") to its six digits, or null. */
export function normalizeCode(code: string): string | null {
  const digits = code.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}
