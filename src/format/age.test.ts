import { describe, expect, it } from 'vitest';
import { formatAge, formatBorn, formatDateOfBirth, formatDied } from './age';

const now = new Date('2026-07-15T12:00:00Z');

describe('formatAge', () => {
  it('gives adults whole years', () => {
    expect(formatAge('1945-07-14', now)).toBe('81y');
    expect(formatAge('1945-07-16', now)).toBe('80y');
  });

  it('gives children from 2 to 17 whole years', () => {
    expect(formatAge('2020-03-01', now)).toBe('6y');
    expect(formatAge('2024-07-15', now)).toBe('2y');
    expect(formatAge('2008-07-16', now)).toBe('17y');
  });

  it('gives months from 3 months to under 2 years', () => {
    expect(formatAge('2026-02-10', now)).toBe('5m');
    expect(formatAge('2024-07-16', now)).toBe('23m');
    expect(formatAge('2026-04-15', now)).toBe('3m');
  });

  it('gives weeks from 2 weeks to under 3 months', () => {
    expect(formatAge('2026-06-24', now)).toBe('3w');
    expect(formatAge('2026-07-01', now)).toBe('2w');
    expect(formatAge('2026-04-16', now)).toBe('12w');
  });

  it('gives days under 2 weeks', () => {
    expect(formatAge('2026-07-11', now)).toBe('4d');
    expect(formatAge('2026-07-15', now)).toBe('0d');
    expect(formatAge('2026-07-02', now)).toBe('13d');
  });

  it('uses the UK calendar date of now (BST evening is already tomorrow)', () => {
    const lateEvening = new Date('2026-07-13T23:30:00Z'); // 00:30 on 14 July in the UK
    expect(formatAge('1945-07-14', lateEvening)).toBe('81y');
  });

  it('treats a 29 February birthday as not yet reached on 28 February', () => {
    expect(formatAge('2000-02-29', new Date('2025-02-28T12:00:00Z'))).toBe('24y');
    expect(formatAge('2000-02-29', new Date('2025-03-01T12:00:00Z'))).toBe('25y');
  });

  it('gives no age for a partial or future birth date, or nonsense', () => {
    expect(formatAge('1945', now)).toBeUndefined();
    expect(formatAge('1945-07', now)).toBeUndefined();
    expect(formatAge('2027-01-01', now)).toBeUndefined();
    expect(formatAge('not a date', now)).toBeUndefined();
    expect(formatAge(undefined, now)).toBeUndefined();
  });

  it('computes age at a recorded date (e.g. date of death)', () => {
    expect(formatAge('1940-03-10', '2025-03-09')).toBe('84y');
    expect(formatAge('1940-03-10', '2025-03-10T09:00:00Z')).toBe('85y');
  });
});

describe('formatBorn', () => {
  it('reads Born dd-MMM-yyyy (age)', () => {
    expect(formatBorn('1945-07-14', { now })).toBe('Born 14-Jul-1945 (81y)');
    expect(formatBorn('2026-02-10', { now })).toBe('Born 10-Feb-2026 (5m)');
  });

  it('shows a partial birth date without an age', () => {
    expect(formatBorn('1986', { now })).toBe('Born 1986');
  });

  it('reads Not Known for a missing birth date', () => {
    expect(formatBorn(undefined, { now })).toBe('Born Not Known');
  });

  it('gives the age at death for the deceased, not the age they would be now', () => {
    expect(formatDateOfBirth('1940-03-10', { now, deceased: { date: '2026-06-24' } })).toBe('10-Mar-1940 (died aged 86y)');
    expect(formatBorn('1940-09-10', { now, deceased: { date: '2026-06-24' } })).toBe('Born 10-Sep-1940 (died aged 85y)');
  });

  it('shows no age for the deceased when the date of death is not known', () => {
    expect(formatBorn('1940-03-10', { now, deceased: {} })).toBe('Born 10-Mar-1940');
  });
});

describe('formatDied', () => {
  it('shows the date of death, or says it is not known', () => {
    expect(formatDied({ date: '2026-06-24T10:00:00+01:00' })).toBe('Died 24-Jun-2026');
    expect(formatDied({})).toBe('Died, date Not Known');
  });
});
