import { describe, expect, it } from 'vitest';
import { conflictText, groupByKeys, valuesDiffer } from './grouping';

describe('groupByKeys', () => {
  it('groups items sharing a key, transitively, in first-seen order', () => {
    const items = [
      { id: 'a', keys: ['code:1'] },
      { id: 'b', keys: ['text:penicillin'] },
      { id: 'c', keys: ['code:1', 'text:penicillin'] },
      { id: 'd', keys: ['code:2'] },
      { id: 'e', keys: [] },
    ];
    expect(groupByKeys(items, (i) => i.keys).map((g) => g.map((i) => i.id))).toEqual([['a', 'b', 'c'], ['d'], ['e']]);
  });

  it('returns nothing for nothing', () => {
    expect(groupByKeys([], () => ['x'])).toEqual([]);
  });
});

describe('valuesDiffer', () => {
  it('compares only the values that are present', () => {
    expect(valuesDiffer(['high', undefined, 'high'], (v) => v)).toBe(false);
    expect(valuesDiffer(['high', 'low'], (v) => v)).toBe(true);
    expect(valuesDiffer([undefined, undefined], (v) => v)).toBe(false);
  });
});

describe('conflictText', () => {
  it('names each value with its source, once', () => {
    const items = [
      { v: 'anaphylaxis', org: 'GP' },
      { v: 'rash', org: 'Hospital' },
      { v: 'rash', org: 'Hospital' },
      { v: undefined, org: 'Community' },
    ];
    expect(
      conflictText(
        'Reaction differs',
        items,
        (i) => i.v,
        (i) => i.org,
      ),
    ).toBe('Reaction differs: anaphylaxis (GP); rash (Hospital)');
  });
});
