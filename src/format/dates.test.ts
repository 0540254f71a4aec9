import { describe, expect, it } from 'vitest';
import {
  compareDatesDescending,
  formatDate,
  formatDateTime,
  formatTime,
  parseDisplayDate,
  parseFhirDate,
  toInstant,
  ukClock,
  UK_CLOCK_OPTIONS,
  UK_RULE_FROM,
  UK_RULE_UNTIL,
} from './dates';

describe('formatDate', () => {
  it('shows a full date as dd-MMM-yyyy with English month abbreviations', () => {
    expect(formatDate('1945-07-14')).toBe('14-Jul-1945');
    expect(formatDate('2024-01-05')).toBe('05-Jan-2024');
    expect(formatDate('2024-09-30')).toBe('30-Sep-2024');
  });

  it('keeps partial dates partial', () => {
    expect(formatDate('1945')).toBe('1945');
    expect(formatDate('1945-07')).toBe('Jul-1945');
  });

  it('reads a missing date as Not Known and shows unparseable text as received', () => {
    expect(formatDate(undefined)).toBe('Not Known');
    expect(formatDate('  ')).toBe('Not Known');
    expect(formatDate('sometime in 1990')).toBe('sometime in 1990');
    expect(formatDate('2023-02-29')).toBe('2023-02-29');
    expect(formatDate('2024-13-01')).toBe('2024-13-01');
  });

  it('accepts a leap day in a leap year', () => {
    expect(formatDate('2024-02-29')).toBe('29-Feb-2024');
  });

  it('uses the UK calendar date of a date-time with an offset', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in BST.
    expect(formatDate('2024-06-30T23:30:00Z')).toBe('01-Jul-2024');
    // 23:30 UTC on 30 January is still 30 January in GMT.
    expect(formatDate('2024-01-30T23:30:00Z')).toBe('30-Jan-2024');
  });

  it('formats a JS Date in UK time', () => {
    expect(formatDate(new Date('2024-06-30T23:30:00Z'))).toBe('01-Jul-2024');
  });
});

describe('formatTime', () => {
  it('shows 24-hour UK local time for a BST instant (UTC+1)', () => {
    expect(formatTime('2024-07-14T22:59:00Z')).toBe('23:59');
    expect(formatTime('2024-07-14T23:59:00+01:00')).toBe('23:59');
  });

  it('shows 24-hour UK local time for a GMT instant (UTC+0)', () => {
    expect(formatTime('2024-01-14T23:59:00Z')).toBe('23:59');
    expect(formatTime('2024-01-15T00:59:00+01:00')).toBe('23:59');
  });

  it('shows midnight as 00:00, not 24:00', () => {
    expect(formatTime('2024-01-15T00:00:00Z')).toBe('00:00');
  });

  it('converts other offsets', () => {
    expect(formatTime('2024-03-01T09:15:00-05:00')).toBe('14:15');
  });

  it('takes a date-time without an offset as already local', () => {
    expect(formatTime('2024-07-14T08:05:00')).toBe('08:05');
  });

  it('reads Not Known when only a date was recorded', () => {
    expect(formatTime('1945-07-14')).toBe('Not Known');
    expect(formatTime(undefined)).toBe('Not Known');
  });
});

describe('formatDateTime', () => {
  it('joins date and time', () => {
    expect(formatDateTime('2025-07-14T22:59:00Z')).toBe('14-Jul-2025 23:59');
  });

  it('follows historical UK offsets (British Double Summer Time, UTC+2, in July 1945)', () => {
    expect(formatDateTime('1945-07-14T21:59:00Z')).toBe('14-Jul-1945 23:59');
  });

  it('handles the clock change (last Sunday of March 2024, 01:00 UTC)', () => {
    expect(formatDateTime('2024-03-31T00:59:00Z')).toBe('31-Mar-2024 00:59');
    expect(formatDateTime('2024-03-31T01:00:00Z')).toBe('31-Mar-2024 02:00');
  });

  it('falls back to the date alone and keeps partial dates', () => {
    expect(formatDateTime('1945-07-14')).toBe('14-Jul-1945');
    expect(formatDateTime('1945-07')).toBe('Jul-1945');
    expect(formatDateTime(undefined)).toBe('Not Known');
  });
});

describe('parseFhirDate', () => {
  it('rejects things that are not FHIR dates', () => {
    expect(parseFhirDate('14/07/1945')).toBeUndefined();
    expect(parseFhirDate(new Date(Number.NaN))).toBeUndefined();
    expect(parseFhirDate('2024-01-01T25:00:00')).toBeUndefined();
  });
});

describe('date ordering', () => {
  it('takes a partial date as the start of its period', () => {
    expect(toInstant('1945')?.toISOString()).toBe('1945-01-01T00:00:00.000Z');
    expect(toInstant('1945-07')?.toISOString()).toBe('1945-07-01T00:00:00.000Z');
    expect(toInstant('nonsense')).toBeUndefined();
  });

  it('sorts newest first with undated last', () => {
    const dates = ['2020-01-01', undefined, '2024-05', '2022-03-01T10:00:00Z'];
    expect([...dates].sort(compareDatesDescending)).toEqual(['2024-05', '2022-03-01T10:00:00Z', '2020-01-01', undefined]);
  });
});

describe('parseDisplayDate', () => {
  it('reads a day as the NHS writes it, and the usual other ways, day first', () => {
    expect(parseDisplayDate('14-Jul-2021')).toBe('2021-07-14');
    expect(parseDisplayDate(' 4 july 2021 ')).toBe('2021-07-04');
    expect(parseDisplayDate('14/07/2021')).toBe('2021-07-14');
    expect(parseDisplayDate('2021-07-14')).toBe('2021-07-14');
    expect(parseDisplayDate('29-Feb-2024')).toBe('2024-02-29');
  });

  it('is not fooled: no such day, no such month, month first or partial', () => {
    expect(parseDisplayDate('29-Feb-2023')).toBeUndefined();
    expect(parseDisplayDate('14-Jux-2021')).toBeUndefined();
    expect(parseDisplayDate('07/14/2021')).toBeUndefined();
    expect(parseDisplayDate('Jul-2021')).toBeUndefined();
    expect(parseDisplayDate('')).toBeUndefined();
  });
});

describe('ukClock', () => {
  // The reference: the runtime's own time-zone data, as the module reads instants outside its rule's years.
  const zone = new Intl.DateTimeFormat('en-GB', UK_CLOCK_OPTIONS);
  const byZoneData = (ms: number) => {
    const parts = new Map(zone.formatToParts(new Date(ms)).map((p) => [p.type, Number(p.value)]));
    const part = (name: Intl.DateTimeFormatPartTypes) => parts.get(name) ?? Number.NaN;
    return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute') };
  };
  const MINUTE = 60_000;
  const HOUR = 60 * MINUTE;

  it('agrees with the time-zone data either side of every change of the clocks in the years it reads by rule', () => {
    const offset = (ms: number) => {
      const c = byZoneData(ms);
      return (Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute) - Math.floor(ms / MINUTE) * MINUTE) / MINUTE;
    };
    const changes: string[] = [];
    // Day by day (noon UTC) to find the days the clocks change on, then hour by hour within them.
    for (let noon = UK_RULE_FROM + 12 * HOUR; noon < UK_RULE_UNTIL; noon += 24 * HOUR) {
      if (offset(noon) === offset(noon + 24 * HOUR)) continue;
      let at = noon + HOUR;
      while (offset(at) === offset(noon)) at += HOUR;
      changes.push(new Date(at).toISOString());
      for (const ms of [at - HOUR, at - MINUTE, at, at + MINUTE, at + HOUR])
        expect(ukClock(new Date(ms)), new Date(ms).toISOString()).toEqual(byZoneData(ms));
    }
    // Twice a year, always at 01:00 UTC.
    expect(changes).toHaveLength(2 * 44);
    expect(changes.every((at) => at.endsWith('T01:00:00.000Z'))).toBe(true);
  });

  it('agrees with the time-zone data every few hours, and on the hours the clocks go back', () => {
    for (let ms = UK_RULE_FROM; ms < UK_RULE_UNTIL; ms += 7 * HOUR + 13 * MINUTE)
      expect(ukClock(new Date(ms)), new Date(ms).toISOString()).toEqual(byZoneData(ms));
    // 00:59 UTC and 01:00 UTC on 27-Oct-2024: 01:59 BST, then 01:00 GMT.
    expect(ukClock(new Date('2024-10-27T00:59:00Z'))).toEqual({ year: 2024, month: 10, day: 27, hour: 1, minute: 59 });
    expect(ukClock(new Date('2024-10-27T01:00:00Z'))).toEqual({ year: 2024, month: 10, day: 27, hour: 1, minute: 0 });
    // 00:59 UTC and 01:00 UTC on 31-Mar-2024: 00:59 GMT, then 02:00 BST.
    expect(ukClock(new Date('2024-03-31T00:59:00Z'))).toEqual({ year: 2024, month: 3, day: 31, hour: 0, minute: 59 });
    expect(ukClock(new Date('2024-03-31T01:00:00Z'))).toEqual({ year: 2024, month: 3, day: 31, hour: 2, minute: 0 });
  });

  it('reads older instants by the time-zone data, not by the present rule', () => {
    // In 1995 BST ended on 22 October (the day after the fourth Saturday), a week before the EU's last Sunday.
    expect(ukClock(new Date('1995-10-25T12:00:00Z'))).toEqual({ year: 1995, month: 10, day: 25, hour: 12, minute: 0 });
    // 1968-1971: British Standard Time, an hour ahead all winter.
    expect(ukClock(new Date('1970-01-01T00:00:00Z'))).toEqual({ year: 1970, month: 1, day: 1, hour: 1, minute: 0 });
    const last = UK_RULE_UNTIL + 100 * 24 * HOUR;
    expect(ukClock(new Date(last))).toEqual(byZoneData(last));
  });
});
