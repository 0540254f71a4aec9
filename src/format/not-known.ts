// NHS CUI: an unknown value reads "Not Known", never "?" or blank.

export const NOT_KNOWN = 'Not Known';

/** The value when it has visible text, else "Not Known". */
export function orNotKnown(value: string | null | undefined): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  return trimmed === '' || trimmed === '?' ? NOT_KNOWN : trimmed;
}
