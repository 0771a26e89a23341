// The few words the server itself writes into the audit log, in fixed English forms: the log and
// its CSV export read the same in whichever language a member of staff works, and the hash chain
// covers these exact texts. The console reads them back here, to show each in the staff member's
// language, and only where the server wrote them: a reason staff typed is evidence, shown as typed.

/** Every entry's subject is the server's: an account, a request, a help code, a period. */
const subjects = {
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
} as const;

/** Who acted, when no member of staff did. */
const actors = {
  commandLine: 'operator (command line)',
  retention: 'retention',
} as const;

/** The reasons the server writes; every other reason is typed by staff. */
const reasons = {
  keptYears: 'kept {value} years',
  newMemberOfStaff: 'new member of staff',
  helpCodeReadOut: 'customer read out the help code',
  auditViewed: 'view',
  auditExported: 'export',
} as const;

/** The actions whose reason the server writes, and in which forms. */
const serverReasons: Record<string, readonly (keyof typeof reasons)[]> = {
  auditRetention: ['keptYears'],
  helpCode: ['helpCodeReadOut'],
  'staffInvite:agent': ['newMemberOfStaff'],
  'staffInvite:supervisor': ['newMemberOfStaff'],
  auditView: ['auditViewed', 'auditExported'],
};

const forms = { ...subjects, ...actors, ...reasons };
export type AuditWord = keyof typeof forms;

/** The text the log stores for this kind, with its value (an address already masked, a code, a number). */
export function auditText(kind: AuditWord, value: string | number = ''): string {
  return forms[kind].replace('{value}', String(value));
}

/** Which of these forms a text has, and its value; null for none. */
function match<K extends AuditWord>(text: string, kinds: readonly K[]): { kind: K; value: string } | null {
  for (const kind of kinds) {
    const [before, after] = forms[kind].split('{value}') as [string, string?];
    if (after === undefined) {
      if (text === before) return { kind, value: '' };
    } else if (text.length > before.length + after.length && text.startsWith(before) && text.endsWith(after)) {
      return { kind, value: text.slice(before.length, text.length - after.length) };
    }
  }
  return null;
}

/**
 * Which form a stored text has, and its value, in its column: a subject, who acted, or the reason
 * of that action. Null for a text staff typed, an address of staff, or an older form.
 */
export function readAuditText(
  text: string,
  column: 'subject' | 'actor' | { reasonOf: string },
): { kind: AuditWord; value: string } | null {
  if (column === 'subject') return match(text, Object.keys(subjects) as (keyof typeof subjects)[]);
  if (column === 'actor') return match(text, Object.keys(actors) as (keyof typeof actors)[]);
  return match(text, serverReasons[column.reasonOf] ?? []);
}
