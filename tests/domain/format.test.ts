import { describe, expect, it } from 'vitest';
import { format } from '../../src/i18n/format.ts';

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
