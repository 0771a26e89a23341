import { describe, expect, it } from 'vitest';
import { auditText, readAuditText, type AuditWord } from '../../src/shared/audit-words.ts';
import { texts } from '../../src/i18n/index.ts';
import { format } from '../../src/i18n/format.ts';

describe('the words the server writes into the audit log', () => {
  const samples: [AuditWord, string][] = [
    ['address', 'j***@voorbeeld.test'],
    ['kvk', '12345678'],
    ['policy', 'ZP100001'],
    ['helpCode', 'K7M-4QX'],
    ['newPhoneFor', 'j***@voorbeeld.test'],
    ['takeoverFor', 'j***@voorbeeld.test'],
    ['takeoverForUnknown', ''],
    ['unknownAccount', ''],
    ['unknownRequest', ''],
    ['entriesUpTo', '1234'],
    ['keptYears', '7'],
    ['newMemberOfStaff', ''],
    ['helpCodeReadOut', ''],
    ['commandLine', ''],
    ['retention', ''],
  ];

  it('reads back each as the kind and value it was written with', () => {
    for (const [kind, value] of samples) expect(readAuditText(auditText(kind, value)), kind).toEqual({ kind, value });
  });

  it('leaves what staff typed, and an address of staff, as they are', () => {
    for (const typed of ['Klant belt: code werkt niet', 'jan@voorbeeld.test', 'takeover for', 'address ', ''])
      expect(readAuditText(typed), typed).toBeNull();
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
