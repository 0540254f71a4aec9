import { describe, expect, it } from 'vitest';
import { ukClock } from './dates';
import { prepareFormatting } from './prepare';
import { formatNumber } from './quantity';

describe('prepareFormatting', () => {
  it('makes the formatters early and leaves what they say unchanged', () => {
    prepareFormatting();
    // 23:30 UTC on midsummer's eve is half past midnight on a UK clock (BST).
    expect(ukClock(new Date('2024-06-20T23:30:00Z'))).toEqual({ year: 2024, month: 6, day: 21, hour: 0, minute: 30 });
    expect(ukClock(new Date('2024-01-15T09:05:00Z'))).toEqual({ year: 2024, month: 1, day: 15, hour: 9, minute: 5 });
    expect(formatNumber(1000.5)).toBe('1,000.5');
  });
});
