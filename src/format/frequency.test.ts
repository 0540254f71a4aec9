import { describe, expect, it } from 'vitest';
import type { TimingRepeat } from '@medplum/fhirtypes';
import { formatDosageFrequency, formatFrequency } from './frequency';

const repeat = (r: TimingRepeat) => ({ repeat: r });
const GTS = 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation';

describe('formatFrequency from Timing.repeat', () => {
  it.each([
    [1, 'once daily'],
    [2, 'twice daily'],
    [3, 'three times a day'],
    [4, 'four times a day'],
    [6, '6 times a day'],
  ])('%i per day reads %s', (frequency, text) => {
    expect(formatFrequency(repeat({ frequency, period: 1, periodUnit: 'd' }))).toBe(text);
  });

  it('reads hourly intervals', () => {
    expect(formatFrequency(repeat({ frequency: 1, period: 4, periodUnit: 'h' }))).toBe('every 4 hours');
    expect(formatFrequency(repeat({ period: 1, periodUnit: 'h' }))).toBe('every hour');
    expect(formatFrequency(repeat({ frequency: 2, period: 1, periodUnit: 'h' }))).toBe('2 times an hour');
    expect(formatFrequency(repeat({ frequency: 1, period: 4, periodMax: 6, periodUnit: 'h' }))).toBe('every 4 to 6 hours');
  });

  it('reads weekly, monthly and multi-day intervals', () => {
    expect(formatFrequency(repeat({ frequency: 1, period: 1, periodUnit: 'wk' }))).toBe('once weekly');
    expect(formatFrequency(repeat({ frequency: 2, period: 1, periodUnit: 'wk' }))).toBe('twice weekly');
    expect(formatFrequency(repeat({ frequency: 3, period: 1, periodUnit: 'wk' }))).toBe('3 times a week');
    expect(formatFrequency(repeat({ frequency: 1, period: 2, periodUnit: 'wk' }))).toBe('every 2 weeks');
    expect(formatFrequency(repeat({ frequency: 1, period: 3, periodUnit: 'mo' }))).toBe('every 3 months');
    expect(formatFrequency(repeat({ frequency: 1, period: 2, periodUnit: 'd' }))).toBe('every other day');
    expect(formatFrequency(repeat({ frequency: 2, period: 3, periodUnit: 'd' }))).toBe('2 times every 3 days');
  });

  it('reads a frequency range', () => {
    expect(formatFrequency(repeat({ frequency: 1, frequencyMax: 2, period: 1, periodUnit: 'd' }))).toBe('1 to 2 times a day');
  });

  it('reads a once-daily dose at night as "at night"', () => {
    expect(formatFrequency(repeat({ frequency: 1, period: 1, periodUnit: 'd', when: ['HS'] }))).toBe('at night');
    expect(formatFrequency(repeat({ when: ['NIGHT'] }))).toBe('at night');
  });

  it('adds the times of day to other frequencies', () => {
    expect(formatFrequency(repeat({ frequency: 2, period: 1, periodUnit: 'd', when: ['MORN', 'EVE'] }))).toBe(
      'twice daily in the morning and in the evening',
    );
    expect(formatFrequency(repeat({ frequency: 2, period: 1, periodUnit: 'd', timeOfDay: ['08:00:00', '20:00:00'] }))).toBe(
      'twice daily at 08:00 and 20:00',
    );
    expect(formatFrequency(repeat({ frequency: 1, period: 1, periodUnit: 'wk', dayOfWeek: ['mon'] }))).toBe('once weekly on Monday');
  });

  it('ignores a repeat it cannot read and falls back to the code', () => {
    expect(formatFrequency({ repeat: { frequency: 2 }, code: { text: 'with food' } })).toBe('with food');
    expect(formatFrequency({ repeat: { period: 0, periodUnit: 'd' } })).toBeUndefined();
    expect(formatFrequency({ repeat: { period: 1, periodUnit: 'fortnight' as 'd' } })).toBeUndefined();
  });
});

describe('formatFrequency from Timing.code', () => {
  it('reads known abbreviations', () => {
    expect(formatFrequency({ code: { coding: [{ system: GTS, code: 'BID' }] } })).toBe('twice daily');
    expect(formatFrequency({ code: { coding: [{ system: GTS, code: 'Q4H' }] } })).toBe('every 4 hours');
  });

  it('falls back to the code text, then its display', () => {
    expect(formatFrequency({ code: { coding: [{ code: 'X1' }], text: 'after dialysis' } })).toBe('after dialysis');
    expect(formatFrequency({ code: { coding: [{ code: 'X1', display: 'Mane' }] } })).toBe('Mane');
    expect(formatFrequency({ code: { coding: [{ code: 'constructor' }] } })).toBeUndefined();
    expect(
      formatFrequency({ repeat: { frequency: 1, period: 1, periodUnit: 'toString' as 'd', when: ['valueOf' as 'HS'] } }),
    ).toBeUndefined();
  });

  it('prefers the structured repeat to the code', () => {
    expect(formatFrequency({ repeat: { frequency: 3, period: 1, periodUnit: 'd' }, code: { text: 'tds' } })).toBe('three times a day');
  });
});

describe('when needed', () => {
  it('reads as required alone or after the frequency', () => {
    expect(formatFrequency(undefined, true)).toBe('as required');
    expect(formatFrequency(repeat({ frequency: 4, period: 1, periodUnit: 'd' }), true)).toBe('four times a day as required');
    expect(formatFrequency(undefined, 'pain')).toBe('as required for pain');
  });

  it('is undefined when nothing is recorded', () => {
    expect(formatFrequency(undefined)).toBeUndefined();
    expect(formatFrequency({}, false)).toBeUndefined();
  });

  it('reads a dosage', () => {
    expect(formatDosageFrequency({ asNeededBoolean: true, timing: { repeat: { frequency: 1, period: 4, periodUnit: 'h' } } })).toBe(
      'every 4 hours as required',
    );
    expect(formatDosageFrequency({ asNeededCodeableConcept: { text: 'breathlessness' } })).toBe('as required for breathlessness');
    expect(formatDosageFrequency({ asNeededBoolean: false })).toBeUndefined();
  });
});
