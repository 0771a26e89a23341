/**
 * A cell a spreadsheet will not run as a formula (CWE-1236): text starting
 * with = + - @ or a tab or carriage return gets a leading apostrophe.
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
