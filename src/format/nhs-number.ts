// NHS number display (NHS CUI: 3-3-4 groups) and the Modulus 11 check.

/** Digits only: spaces and hyphens typed or sent by other systems are dropped. */
export function normaliseNhsNumber(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/** Modulus 11: weights 10..2 on the first nine digits; the check digit is 11 - (sum mod 11), 11 → 0, 10 is never valid. */
export function isValidNhsNumber(input: string): boolean {
  const digits = normaliseNhsNumber(input);
  if (!/^\d{10}$/.test(digits)) return false;
  const sum = [...digits.slice(0, 9)].reduce((total, digit, i) => total + Number(digit) * (10 - i), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

export interface NhsNumberDisplay {
  /** `943 476 5919` when valid; otherwise the value as received, marked invalid. */
  text: string;
  valid: boolean;
}

/**
 * For the UI: the grouped number when valid. An invalid number is never grouped
 * like a valid one; it keeps the received characters and says it is invalid.
 */
export function describeNhsNumber(input: string): NhsNumberDisplay {
  const digits = normaliseNhsNumber(input);
  if (isValidNhsNumber(digits)) {
    return { text: `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`, valid: true };
  }
  return { text: `${input.trim()} (invalid NHS number)`, valid: false };
}

/** `943 476 5919`, or `1234567890 (invalid NHS number)`. */
export function formatNhsNumber(input: string): string {
  return describeNhsNumber(input).text;
}
