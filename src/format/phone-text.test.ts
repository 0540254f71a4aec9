import { describe, expect, it } from 'vitest';
import { splitPhoneNumbers } from './phone-text';

describe('splitPhoneNumbers', () => {
  it('finds UK numbers in a sentence and groups them for display', () => {
    expect(splitPhoneNumbers('Who to call: care coordinator, 01632 960411; crisis team 01632960499 (24 hours).')).toEqual([
      { kind: 'text', text: 'Who to call: care coordinator, ' },
      { kind: 'phone', text: '01632 960411', display: '01632 960411' },
      { kind: 'text', text: '; crisis team ' },
      { kind: 'phone', text: '01632960499', display: '01632 960499' },
      { kind: 'text', text: ' (24 hours).' },
    ]);
  });

  it('reads international and London forms', () => {
    expect(splitPhoneNumbers('+44 (0)20 7946 0123').map((p) => p.kind === 'phone' && p.display)).toEqual(['020 7946 0123']);
    expect(splitPhoneNumbers('Mobile +447700900335')).toEqual([
      { kind: 'text', text: 'Mobile ' },
      { kind: 'phone', text: '+447700900335', display: '07700 900335' },
    ]);
  });

  it('leaves dates, times, NHS numbers and short or long digit runs as text', () => {
    for (const text of ['Review due 2027-01-10 at 09:40', 'NHS number 999 000 0034', 'Room 0123', 'Ref 016329604111234', '']) {
      expect(splitPhoneNumbers(text).every((p) => p.kind === 'text')).toBe(true);
    }
    expect(splitPhoneNumbers('')).toEqual([]);
  });
});
