import { expect, test } from 'vitest';
import { thompson } from '../test-helpers/fixtures';
import { deepEqual, shareUnchanged } from './share-unchanged';

test('deepEqual compares plain data', () => {
  expect(deepEqual({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBe(true);
  expect(deepEqual({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(false);
  expect(deepEqual({ a: undefined }, {})).toBe(false);
  expect(deepEqual([1], { 0: 1 })).toBe(false);
  expect(deepEqual(null, {})).toBe(false);
});

test('keeps the previous object for equal parts, the new one for changed parts', () => {
  const before = thompson();
  const next = structuredClone(before);
  next.medications.items[0]!.lines[0]!.dose = '2 tablets';
  const shared = shareUnchanged(before, next)!;
  expect(shared.allergies).toBe(before.allergies);
  expect(shared.sources).toBe(before.sources);
  expect(shared.medications).toBe(next.medications);
  expect(shareUnchanged(undefined, next)).toBe(next);
});
