import { describe, expect, it } from 'vitest';
import { formatGender } from './gender';

describe('formatGender', () => {
  it('names the administrative genders', () => {
    expect(formatGender('male')).toBe('Male');
    expect(formatGender('female')).toBe('Female');
    expect(formatGender('other')).toBe('Indeterminate');
  });

  it.each(['unknown', undefined, '', 'toString'])('reads %j as Not Known', (gender) => {
    expect(formatGender(gender)).toBe('Not Known');
  });
});
