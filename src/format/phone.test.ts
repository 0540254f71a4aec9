import { describe, expect, it } from 'vitest';
import { formatPhoneNumber, phoneHref } from './phone';

describe('formatPhoneNumber', () => {
  it.each([
    ['01632960123', '01632 960123'],
    ['01632 960 123', '01632 960123'],
    ['07700900123', '07700 900123'],
    ['+44 7700 900123', '07700 900123'],
    ['+44 (0)1632 960123', '01632 960123'],
    ['0044-1632-960123', '01632 960123'],
    ['02079460123', '020 7946 0123'],
    ['01134960123', '0113 496 0123'],
    ['01614960123', '0161 496 0123'],
    ['03001234567', '0300 123 4567'],
    ['08001234567', '0800 123 4567'],
  ])('formats %s as %s', (raw, text) => {
    expect(formatPhoneNumber(raw)).toBe(text);
  });

  it('keeps non-UK and unrecognised numbers as received', () => {
    expect(formatPhoneNumber(' +33 1 23 45 67 89 ')).toBe('+33 1 23 45 67 89');
    expect(formatPhoneNumber('01632 960123 ext 45')).toBe('01632 960123 ext 45');
    expect(formatPhoneNumber('999')).toBe('999');
  });

  it('keeps a valid 10-digit UK number ungrouped rather than guess', () => {
    expect(formatPhoneNumber('0169772345')).toBe('0169772345');
  });
});

describe('phoneHref', () => {
  it('gives international tel: links for UK numbers', () => {
    expect(phoneHref('01632 960123')).toBe('tel:+441632960123');
    expect(phoneHref('07700 900123')).toBe('tel:+447700900123');
  });

  it('keeps + for international numbers', () => {
    expect(phoneHref('+33 1 23 45 67 89')).toBe('tel:+33123456789');
  });

  it('gives nothing for text that is not a number', () => {
    expect(phoneHref('ask reception')).toBeUndefined();
    expect(phoneHref('01632 960123 ext 45')).toBeUndefined();
    expect(phoneHref('')).toBeUndefined();
  });

  it('builds every href from the parsed digits alone: nothing a source adds reaches the link', () => {
    for (const hostile of [
      '01632 960123?body=x',
      '+44 1632 960123;ext=1',
      '0163296%0a0123',
      '01632 960123#',
      'tel:+441632960123',
      '1632"onclick="x',
    ]) {
      const href = phoneHref(hostile);
      if (href !== undefined) expect(href).toMatch(/^tel:\+?\d+$/);
    }
    expect(phoneHref('01632 960123?#')).toBe('tel:01632960123');
    expect(phoneHref('01632 960123?body=x')).toBeUndefined();
  });
});
