import { describe, expect, it } from 'vitest';
import {
  describeNhsNumber,
  formatNhsNumber,
  groupNhsNumber,
  isNhsNumberDigits,
  isValidNhsNumber,
  nhsCheckDigit,
  normaliseNhsNumber,
} from './nhs-number';

describe('NHS number', () => {
  it('formats a valid number in 3-3-4 groups', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
  });

  it('strips spaces and hyphens on input', () => {
    expect(normaliseNhsNumber(' 943-476 5919 ')).toBe('9434765919');
    expect(formatNhsNumber('943-476-5919')).toBe('943 476 5919');
    expect(formatNhsNumber('943 476 5919')).toBe('943 476 5919');
  });

  it.each(['9990000018', '9990000026', '9990000034', '9990000042', '9990000050', '9990000069', '9990000077', '9990000085'])(
    'accepts the sandbox number %s',
    (value) => {
      expect(isValidNhsNumber(value)).toBe(true);
    },
  );

  it('rejects a wrong check digit', () => {
    expect(isValidNhsNumber('9434765918')).toBe(false);
  });

  it('rejects a number whose check digit would be 10', () => {
    const nine = '123456789';
    const sum = [...nine].reduce((t, d, i) => t + Number(d) * (10 - i), 0);
    expect(11 - (sum % 11)).toBe(10);
    for (let d = 0; d <= 9; d++) expect(isValidNhsNumber(`${nine}${d}`)).toBe(false);
    expect(nhsCheckDigit(nine)).toBeUndefined();
  });

  it('gives the check digit that makes nine digits a valid number, for generated test patients', () => {
    expect(nhsCheckDigit('943476591')).toBe(9);
    expect(nhsCheckDigit('000000000')).toBe(0);
    expect(nhsCheckDigit('999000001')).toBe(8);
  });

  it('accepts check digit 0 when 11 - remainder is 11', () => {
    // All zeros: sum 0, 11 - 0 = 11, which maps to check digit 0.
    expect(isValidNhsNumber('0000000000')).toBe(true);
    expect(isValidNhsNumber('0000000001')).toBe(false);
  });

  it.each(['', '943476591', '94347659190', '94347659a9', 'abcdefghij'])('rejects malformed %j', (value) => {
    expect(isValidNhsNumber(value)).toBe(false);
  });

  it('shows an invalid number as invalid, not grouped like a valid one', () => {
    expect(describeNhsNumber('9434765918')).toEqual({ text: '9434765918 (invalid NHS number)', valid: false });
    expect(formatNhsNumber('12345')).toBe('12345 (invalid NHS number)');
    expect(formatNhsNumber('9434765918')).not.toBe('943 476 5918');
  });

  it('as digits only, takes exactly ten digits: no spaces or hyphens', () => {
    expect(isNhsNumberDigits('9990000018')).toBe(true);
    expect(isNhsNumberDigits('999 000 0018')).toBe(false);
    expect(isNhsNumberDigits('999-000-0018')).toBe(false);
    expect(isNhsNumberDigits('9990000019')).toBe(false);
  });

  it('groups ten digits 3-3-4 without checking them, anything else as given', () => {
    expect(groupNhsNumber('9990000019')).toBe('999 000 0019');
    expect(groupNhsNumber('12345')).toBe('12345');
  });
});
