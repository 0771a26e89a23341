import { describe, expect, it } from 'vitest';
import { composeMail } from '../../src/mail/compose.ts';
import { mailKinds } from '../../src/mail/kinds.ts';
import { texts } from '../../src/i18n/index.ts';
import { stopReasons } from '../../src/auth/recovery/requests.ts';

describe('a mail', () => {
  // In Dutch, where "link" is only ever the noun (the English verb "to link" an app would match too).
  it('without a link in it (no button, no stop link) speaks of none', () => {
    const mail = texts('nl').mail;
    const linkless = mailKinds.filter((kind) => !('action' in mail[kind]) && !('cancel' in mail[kind]));
    const pointing = linkless.filter((kind) => {
      // Every value its texts name, none of them a link.
      const names = JSON.stringify(mail[kind]).match(/\{\w+\}/g) ?? [];
      const vars = Object.fromEntries(names.map((name) => [name.slice(1, -1), 'waarde']));
      return /\blink\b/i.test(composeMail(kind, 'nl', vars).text);
    });
    expect(linkless.length).toBeGreaterThan(5);
    expect(pointing).toEqual([]);
  });

  it('to a holder whose takeover stopped says why, in each language, and leaves the line out of one queued without a reason', () => {
    for (const lang of ['nl', 'en'] as const) {
      const vars = { newEmail: 'c***@voorbeeld.test', when: new Date('2026-12-07T10:00:00Z') };
      const said = stopReasons.map((reason) => composeMail('replaceStopped', lang, { ...vars, reason }).text);
      stopReasons.forEach((reason, i) => expect(said[i]).toContain(texts(lang).mail.replaceStopped.reasons[reason]));
      expect(new Set(said).size).toBe(stopReasons.length);
      const older = composeMail('replaceStopped', lang, vars);
      expect(older.text).not.toMatch(/\{reason\}|\n\n\n/);
      expect(older.html).not.toContain('<p></p>');
    }
  });
});
