import { describe, expect, it } from 'vitest';
import { lookup } from './lookup';

describe('lookup', () => {
  const table = { mg: 'mg', BID: 'twice daily' };

  it('finds own entries', () => {
    expect(lookup(table, 'BID')).toBe('twice daily');
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'missing', undefined])('finds nothing for %j', (key) => {
    expect(lookup(table, key)).toBeUndefined();
  });
});
