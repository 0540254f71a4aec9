import { expect, it } from 'vitest';
import { isRecord } from './is-record';

it('takes plain objects only: not null, arrays or primitives', () => {
  expect(isRecord({})).toBe(true);
  expect(isRecord({ resourceType: 'Patient' })).toBe(true);
  for (const value of [null, undefined, [], [{}], 'text', 1, true]) expect(isRecord(value)).toBe(false);
});
