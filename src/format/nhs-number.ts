// The NHS number: its identifier system, the Modulus 11 check and its display
// (NHS CUI: 3-3-4 groups). The one home of these rules for the viewer and the
// sandbox alike.

/** The FHIR identifier system of the NHS number. */
export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';

/** Digits only: spaces and hyphens typed or sent by other systems are dropped. */
export function normaliseNhsNumber(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/**
 * Modulus 11's check digit for the first nine digits: weights 10..2, the
 * check digit is 11 - (sum mod 11), 11 → 0; undefined for 10 (no valid
 * number has these nine digits).
 */
export function nhsCheckDigit(nineDigits: string): number | undefined {
  const sum = [...nineDigits].reduce((total, digit, i) => total + Number(digit) * (10 - i), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return undefined;
  return check === 11 ? 0 : check;
}

/**
 * Exactly ten digits passing Modulus 11 (nhsCheckDigit).
 * For numbers that must arrive as digits (a link's claim, a FHIR identifier).
 */
export function isNhsNumberDigits(value: string): boolean {
  return /^\d{10}$/.test(value) && nhsCheckDigit(value.slice(0, 9)) === Number(value[9]);
}

/** Modulus 11 on the number as typed or sent: spaces and hyphens are ignored. */
export function isValidNhsNumber(input: string): boolean {
  return isNhsNumberDigits(normaliseNhsNumber(input));
}

/** Ten digits in 3-3-4 groups (`999 000 0018`); anything else as given. Checks nothing. */
export function groupNhsNumber(digits: string): string {
  return /^\d{10}$/.test(digits) ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : digits;
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
    return { text: groupNhsNumber(digits), valid: true };
  }
  return { text: `${input.trim()} (invalid NHS number)`, valid: false };
}

/** `943 476 5919`, or `1234567890 (invalid NHS number)`. */
export function formatNhsNumber(input: string): string {
  return describeNhsNumber(input).text;
}
