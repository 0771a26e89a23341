import { describe, expect, it } from 'vitest';
import { auditText, readAuditText, type AuditWord } from '../../src/shared/audit-words.ts';
import { texts } from '../../src/i18n/index.ts';
import { format } from '../../src/i18n/format.ts';

describe('the words the server writes into the audit log', () => {
  type Column = Parameters<typeof readAuditText>[1];
  const samples: [AuditWord, string, Column][] = [
    ['address', 'j***@voorbeeld.test', 'subject'],
    ['kvk', '12345678', 'subject'],
    ['policy', 'ZP100001', 'subject'],
    ['helpCode', 'K7M-4QX', 'subject'],
    ['newPhoneFor', 'j***@voorbeeld.test', 'subject'],
    ['takeoverFor', 'j***@voorbeeld.test', 'subject'],
    ['takeoverForUnknown', '', 'subject'],
    ['unknownAccount', '', 'subject'],
    ['unknownRequest', '', 'subject'],
    ['entriesUpTo', '1234', 'subject'],
    ['commandLine', '', 'actor'],
    ['retention', '', 'actor'],
    ['keptYears', '7', { reasonOf: 'auditRetention' }],
    ['newMemberOfStaff', '', { reasonOf: 'staffInvite:agent' }],
    ['helpCodeReadOut', '', { reasonOf: 'helpCode' }],
    ['auditViewed', '', { reasonOf: 'auditView' }],
    ['auditExported', '', { reasonOf: 'auditView' }],
  ];

  it('reads back each, in its column, as the kind and value it was written with', () => {
    for (const [kind, value, column] of samples)
      expect(readAuditText(auditText(kind, value), column), kind).toEqual({ kind, value });
  });

  it('leaves a reason staff typed as typed, even where it reads like one the server writes', () => {
    const typed = [
      'kept calling, locked out for 3 years',
      'policy holder called, verified date of birth',
      'new phone for the director, checked passport',
      'retention',
      'view',
      'Klant belt: code werkt niet',
    ];
    for (const action of ['liftLock', 'lookup', 'endSessions', 'approveRequest'])
      for (const reason of typed) expect(readAuditText(reason, { reasonOf: action }), `${action}: ${reason}`).toBeNull();
    // The server's reason of one action is not read as that of another.
    expect(readAuditText('kept 7 years', { reasonOf: 'liftLock' })).toBeNull();
  });

  it('leaves an address of staff, and what no form has, as they are', () => {
    for (const text of ['jan@voorbeeld.test', 'takeover for', 'address ', ''])
      for (const column of ['subject', 'actor'] as const) expect(readAuditText(text, column), text).toBeNull();
  });

  it('shows each in Dutch and English, with its value', () => {
    expect(format(texts('nl').agent.auditWords.policy, { value: 'ZP100001' })).toBe('polis ZP100001');
    for (const lang of ['nl', 'en'] as const)
      for (const [kind, value] of samples) {
        const shown = format(texts(lang).agent.auditWords[kind], { value });
        expect(shown, `${lang} ${kind}`).toContain(value);
        expect(shown, `${lang} ${kind}`).not.toMatch(/[{}]/);
      }
  });
});
