/**
 * A cell a spreadsheet will not run as a formula (CWE-1236): text starting with = + - @ or a tab
 * or carriage return gets a leading apostrophe. So does such text after a line break in the cell,
 * or after a semicolon (the separator of a Dutch spreadsheet's CSV): a spreadsheet that splits
 * there would otherwise start a cell with it.
 */
export function spreadsheetSafe(value: string): string {
  return value.replace(/(^|[\r\n;])(?=[=+\-@\t\r])/g, "$1'");
}
