import { describe, expect, it } from 'vitest';
import { format } from '../../src/i18n/format.ts';
import { clock, day, moment, stamp } from '../../src/i18n/moments.ts';

describe('filling in texts', () => {
  it('never doubles a full stop when a value ends a sentence itself', () => {
    expect(format('U bent ingelogd voor {company}.', { company: 'Transport Noord B.V.' })).toBe(
      'U bent ingelogd voor Transport Noord B.V.',
    );
    expect(format('U bent ingelogd voor {company}.', { company: 'Bakkerij De Korenbloem' })).toBe(
      'U bent ingelogd voor Bakkerij De Korenbloem.',
    );
    expect(() => format('{missing}')).toThrow(/Missing value/);
  });
});

describe('moments, in the customer’s language and the time in the Netherlands', () => {
  // 14:14 UTC in winter is 15:14 in Amsterdam; in summer, 16:14.
  const winter = Date.UTC(2026, 11, 4, 14, 14);
  const summer = Date.UTC(2026, 6, 7, 14, 14);

  it('writes the end of a lock, a day, a moment and a line in a list, the same each time it is asked', () => {
    for (let i = 0; i < 2; i++) {
      expect(clock(winter, 'nl')).toBe('15:14');
      expect(clock(summer, 'en')).toBe('16:14');
      expect(day(winter, 'nl')).toBe('vrijdag 4 december');
      expect(day(summer, 'en')).toBe('Tuesday 7 July');
      expect(moment(winter, 'nl')).toBe('4 december 2026 om 15:14');
      expect(moment(new Date(summer), 'en')).toBe('7 July 2026 at 16:14');
      expect(stamp(winter, 'nl')).toBe('4 dec 2026, 15:14');
    }
  });
});
