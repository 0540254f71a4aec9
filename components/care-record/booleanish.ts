// How <care-record> reads a yes/no attribute that a host may write in several ways.

/** `need-patient-banner="false"` (or 0/no/off) is false; present with any other value is true. */
export const booleanish = {
  fromAttribute: (value: string | null): boolean | undefined =>
    value === null ? undefined : !['false', '0', 'no', 'off'].includes(value.trim().toLowerCase()),
  toAttribute: (value: boolean | undefined): string | null => (value === undefined ? null : String(value)),
};
