// What a result means against its range: the sender's interpretation (codes
// or words) when given, else High or Low worked out from the reference range.

import type { CodeableConcept, ObservationReferenceRange, Quantity } from '@medplum/fhirtypes';
import { lookup } from '../../format/lookup';
import { formatRange, formatUnit } from '../../format/quantity';
import { codingsOf, conceptText } from '../fhir';
import type { ReferenceRange, ResultFlag, ResultFlagCode } from './types';

/** Interpretation codes and the words shown for them. */
export const FLAGS: Record<string, { code: ResultFlagCode; text: string }> = {
  HH: { code: 'HH', text: 'Critically high' },
  H: { code: 'H', text: 'High' },
  HU: { code: 'H', text: 'High' },
  LL: { code: 'LL', text: 'Critically low' },
  L: { code: 'L', text: 'Low' },
  LU: { code: 'L', text: 'Low' },
  AA: { code: 'AA', text: 'Critically abnormal' },
  A: { code: 'A', text: 'Abnormal' },
};

/** Senders that give only words: the same words, read case-insensitively. */
const FLAG_WORDS: Record<string, string> = {
  high: 'H',
  'above high normal': 'H',
  low: 'L',
  'below low normal': 'L',
  'critically high': 'HH',
  'critical high': 'HH',
  'critically low': 'LL',
  'critical low': 'LL',
  abnormal: 'A',
  'critically abnormal': 'AA',
  'critical abnormal': 'AA',
};

const NORMAL_CODES = new Set(['N', 'NEG', 'ND', 'NR']);

// Shared, frozen markers: thousands of values carry the same few.
const INTERPRETED: Record<string, ResultFlag> = Object.fromEntries(
  Object.entries(FLAGS).map(([code, f]) => [code, Object.freeze({ ...f, basis: 'interpretation' as const })]),
);
const LOW_FROM_RANGE: ResultFlag = Object.freeze({ code: 'L', text: 'Low', basis: 'range' });
const HIGH_FROM_RANGE: ResultFlag = Object.freeze({ code: 'H', text: 'High', basis: 'range' });
const NOT_INTERPRETED: Interpretation = Object.freeze({ given: false });
const INTERPRETED_NORMAL: Interpretation = Object.freeze({ given: true });

export interface Interpretation {
  /** The sender interpreted the value (even as normal): no marker is worked out from the range. */
  given: boolean;
  flag?: ResultFlag;
  text?: string;
}

/** The sender's interpretation: an abnormal marker, or words to show as they are ("Detected"). */
export function readInterpretation(concepts: CodeableConcept[] | undefined): Interpretation {
  if (!concepts?.length) return NOT_INTERPRETED;
  for (const concept of concepts) {
    for (const coding of codingsOf(concept)) {
      const known = lookup(INTERPRETED, coding.code?.trim());
      if (known) return { given: true, flag: known };
      if (NORMAL_CODES.has(coding.code ?? '')) return INTERPRETED_NORMAL;
    }
    const text = conceptText(concept);
    const word = lookup(INTERPRETED, lookup(FLAG_WORDS, text?.toLowerCase()));
    if (word) return { given: true, flag: word };
    if (text) return text.toLowerCase() === 'normal' ? INTERPRETED_NORMAL : { given: true, text };
  }
  return NOT_INTERPRETED;
}

export function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Same unit, judged by UCUM code when both have one, else by how it reads. */
function sameUnit(a: Quantity, b: Quantity | undefined): boolean {
  if (!b) return false;
  if (a.code && b.code) return a.code === b.code;
  return formatUnit(a) === formatUnit(b);
}

export function readRange(range: ObservationReferenceRange, value: Quantity | undefined): ReferenceRange | undefined {
  // A bound in another unit than the value cannot be compared with it, or drawn beside it.
  const unitless = (q: Quantity) => !q.code && !q.unit;
  const usable = (q: Quantity | undefined) =>
    q && isNumber(q.value) && (!value || unitless(q) || unitless(value) || sameUnit(value, q)) ? q : undefined;
  const low = usable(range.low);
  const high = usable(range.high);
  const text = typeof range.text === 'string' && range.text.trim() ? range.text.trim() : undefined;
  const display = formatRange({ low, high });
  if (!display && !text) return undefined;
  return { low: low?.value, high: high?.value, display, text };
}

/** High or Low from the range, allowing for `<` and `>` (a `<5` is low against 10, never high). */
export function flagFromRange(q: Quantity | undefined, range: ReferenceRange | undefined): ResultFlag | undefined {
  if (!q || !isNumber(q.value) || !range) return undefined;
  const v = q.value;
  const c = q.comparator;
  const below =
    range.low !== undefined && (c === '<' ? v <= range.low : c === '<=' ? v < range.low : c === '>' || c === '>=' ? false : v < range.low);
  const above =
    range.high !== undefined &&
    (c === '>' ? v >= range.high : c === '>=' ? v > range.high : c === '<' || c === '<=' ? false : v > range.high);
  if (below) return LOW_FROM_RANGE;
  if (above) return HIGH_FROM_RANGE;
  return undefined;
}
