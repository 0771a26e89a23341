// The few words the server itself writes into the audit log (a subject, the retention entry's
// reason, a system actor), in fixed English forms: the log and its CSV export read the same in
// whichever language a member of staff works, and the hash chain covers these exact texts. The
// console reads them back here, to show each in the staff member's language.

const forms = {
  address: 'address {value}',
  kvk: 'KvK {value}',
  policy: 'policy {value}',
  helpCode: 'help code {value}',
  newPhoneFor: 'new phone for {value}',
  // Before `takeoverFor`, which its text would match too.
  takeoverForUnknown: 'takeover for an unknown account',
  takeoverFor: 'takeover for {value}',
  unknownAccount: 'unknown account',
  unknownRequest: 'unknown request',
  entriesUpTo: 'entries up to {value}',
  keptYears: 'kept {value} years',
  newMemberOfStaff: 'new member of staff',
  helpCodeReadOut: 'customer read out the help code',
  commandLine: 'operator (command line)',
  retention: 'retention',
} as const;

export type AuditWord = keyof typeof forms;

/** The text the log stores for this kind, with its value (an address already masked, a code, a number). */
export function auditText(kind: AuditWord, value: string | number = ''): string {
  return forms[kind].replace('{value}', String(value));
}

/** Which form a stored text has, and its value; null for a text staff typed or an older form. */
export function readAuditText(text: string): { kind: AuditWord; value: string } | null {
  for (const [kind, form] of Object.entries(forms) as [AuditWord, string][]) {
    const [before, after] = form.split('{value}') as [string, string?];
    if (after === undefined) {
      if (text === form) return { kind, value: '' };
    } else if (text.length > before.length + after.length && text.startsWith(before) && text.endsWith(after)) {
      return { kind, value: text.slice(before.length, text.length - after.length) };
    }
  }
  return null;
}
