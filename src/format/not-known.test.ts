import { describe, expect, it } from 'vitest';
import { NOT_KNOWN, orNotKnown } from './not-known';

describe('orNotKnown', () => {
  it('keeps a real value, trimmed', () => {
    expect(orNotKnown('  Penicillin ')).toBe('Penicillin');
  });

  it.each([undefined, null, '', '   ', '?'])('reads %j as Not Known', (value) => {
    expect(orNotKnown(value)).toBe(NOT_KNOWN);
    expect(NOT_KNOWN).toBe('Not Known');
  });
});
