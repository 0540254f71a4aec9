import { describe, expect, it } from 'vitest';
import { formatName } from './names';

describe('formatName', () => {
  it('puts the family name in capitals, then given names, then the title in brackets', () => {
    expect(formatName({ family: 'Thompson', given: ['Margaret'], prefix: ['Mrs'] })).toBe('THOMPSON, Margaret (Mrs)');
  });

  it('keeps every given name', () => {
    expect(formatName({ family: 'Okafor', given: ['Daniel', 'Chidi'], prefix: ['Master'] })).toBe('OKAFOR, Daniel Chidi (Master)');
  });

  it('capitalises hyphenated and accented family names', () => {
    expect(formatName({ family: "O'Neill-Żak", given: ['Ana'] })).toBe("O'NEILL-ŻAK, Ana");
  });

  it('leaves out missing parts without inventing any', () => {
    expect(formatName({ family: 'Nowak', given: [], prefix: [] })).toBe('NOWAK');
    expect(formatName({ given: ['Piotr'], prefix: ['Mr'] })).toBe('Piotr (Mr)');
    expect(formatName({ family: '  ', given: ['Piotr'] })).toBe('Piotr');
  });

  it('uses the text form only when there are no parts', () => {
    expect(formatName({ text: 'Helen Thompson' })).toBe('Helen Thompson');
    expect(formatName({ text: 'ignored', family: 'Thompson' })).toBe('THOMPSON');
  });

  it('reads Not Known when the whole name is unknown', () => {
    expect(formatName(undefined)).toBe('Not Known');
    expect(formatName({})).toBe('Not Known');
    expect(formatName({ prefix: ['Mrs'] })).toBe('Not Known');
  });
});
