// One Observation's value[x] as shown (with its range and marker), and its
// components. Formatting is memoised for one build: a long record repeats the
// same few units, ranges and names thousands of times.

import type { Observation, ObservationComponent, ObservationReferenceRange, Quantity } from '@medplum/fhirtypes';
import { formatDateTime } from '../../format/dates';
import { NOT_KNOWN } from '../../format/not-known';
import { formatNumber, formatQuantity, formatRange, formatRatio, formatUnit } from '../../format/quantity';
import { codedIdentity, codeKeys, type CodedIdentity } from '../coded-identity';
import { codeIn, conceptText, normaliseText } from '../fhir';
import type { SourceRef } from '../model';
import { flagFromRange, isNumber, readInterpretation, readRange } from './interpretation';
import type { ReferenceRange, ResultComponent, ResultFlag } from './types';

export const LOINC = 'http://loinc.org';
const SYSTOLIC = '8480-6';
const DIASTOLIC = '8462-4';

const SEP = '\u0000';
const quantityKey = (q: Quantity | undefined): string =>
  q ? `${q.comparator ?? ''}${SEP}${q.value}${SEP}${q.unit ?? ''}${SEP}${q.code ?? ''}${SEP}${q.system ?? ''}` : '';

/**
 * Caches for one build. A long record repeats the same few units, ranges and
 * names thousands of times; formatting each once keeps the build near-linear
 * and the shared (frozen) results keep it light on memory.
 */
export class Memo {
  private readonly quantities = new Map<string, { display?: string; unit?: string }>();
  private readonly ranges = new Map<string, ReferenceRange | undefined>();
  private readonly names = new Map<string, string>();

  quantity(q: Quantity): { display?: string; unit?: string } {
    const key = quantityKey(q);
    let read = this.quantities.get(key);
    if (!read) {
      read = Object.freeze({ display: formatQuantity(q), unit: formatUnit(q, q.value) });
      this.quantities.set(key, read);
    }
    return read;
  }

  range(
    ranges: ObservationReferenceRange[] | undefined,
    value: Quantity | undefined,
    kind: 'normal' | 'treatment' = 'normal',
  ): ReferenceRange | undefined {
    if (!ranges?.length) return undefined;
    // The normal range when the sender says which (a treatment target is not it); age- or condition-specific ones are in `text`.
    const range =
      kind === 'treatment'
        ? ranges.find((r) => r && codeIn(r.type) === 'treatment')
        : (ranges.find((r) => r && (r.type === undefined || codeIn(r.type) === 'normal')) ??
          ranges.find((r) => r && codeIn(r.type) !== 'treatment'));
    if (!range) return undefined;
    const key = `${quantityKey(range.low)}${SEP}${quantityKey(range.high)}${SEP}${range.text ?? ''}${SEP}${value?.code ?? ''}${SEP}${value?.unit ?? ''}`;
    if (this.ranges.has(key)) return this.ranges.get(key);
    const read = readRange(range, value);
    this.ranges.set(key, read && Object.freeze(read));
    return read;
  }

  normalised(name: string): string {
    let key = this.names.get(name);
    if (key === undefined) {
      key = normaliseText(name);
      this.names.set(name, key);
    }
    return key;
  }
}

type Valued = Pick<
  Observation,
  | 'valueQuantity'
  | 'valueString'
  | 'valueCodeableConcept'
  | 'valueBoolean'
  | 'valueInteger'
  | 'valueRange'
  | 'valueRatio'
  | 'valueTime'
  | 'valueDateTime'
  | 'valuePeriod'
  | 'valueSampledData'
  | 'dataAbsentReason'
  | 'interpretation'
  | 'referenceRange'
>;

interface ReadValue {
  display?: string;
  numeric?: number;
  unit?: string;
  range?: ReferenceRange;
  target?: ReferenceRange;
  flag?: ResultFlag;
  interpretation?: string;
}

/** The value[x] as shown, with its range and marker. Undefined display when there is no value. */
export function readValue(v: Valued, memo: Memo): ReadValue {
  const q = isNumber(v.valueQuantity?.value) ? v.valueQuantity : isNumber(v.valueInteger) ? { value: v.valueInteger } : undefined;
  const range = memo.range(v.referenceRange, q);
  const interpretation = readInterpretation(v.interpretation);
  // The lab's interpretation wins: its range may depend on age, sex or sample we cannot see.
  const flag = interpretation.given ? interpretation.flag : flagFromRange(q, range);
  // Plain object literals, no spreads: this runs once per Observation.
  if (q) {
    const read = memo.quantity(q);
    const target = memo.range(v.referenceRange, q, 'treatment');
    return {
      display: read.display,
      numeric: q.comparator ? undefined : q.value,
      unit: read.unit,
      range,
      target,
      flag,
      interpretation: interpretation.text,
    };
  }
  const absent = conceptText(v.dataAbsentReason);
  const display =
    (typeof v.valueString === 'string' && v.valueString.trim() ? v.valueString.trim() : undefined) ??
    conceptText(v.valueCodeableConcept) ??
    (typeof v.valueBoolean === 'boolean' ? (v.valueBoolean ? 'Yes' : 'No') : undefined) ??
    formatRange(v.valueRange) ??
    formatRatio(v.valueRatio) ??
    (v.valueDateTime ? formatDateTime(v.valueDateTime) : undefined) ??
    (typeof v.valueTime === 'string' ? v.valueTime.slice(0, 5) : undefined) ??
    (v.valuePeriod ? `${formatDateTime(v.valuePeriod.start)} to ${formatDateTime(v.valuePeriod.end)}` : undefined) ??
    (v.valueSampledData ? 'Sampled data (not shown here)' : undefined) ??
    (absent ? `No result: ${absent}` : undefined);
  return { display, numeric: undefined, unit: undefined, range, flag, interpretation: interpretation.text };
}

/** Keys naming the test: its identifying codes (coded-identity.ts); a degraded or unknown code gives none. */
export function testKeys(identity: CodedIdentity, source: SourceRef): string[] {
  return codeKeys(identity, source.name);
}

/** A component's series: its LOINC code, else its first code, else its name. */
function componentKey(c: ObservationComponent, name: string, source: SourceRef, memo: Memo): string {
  const identity = codedIdentity(c.code);
  const loinc = identity.codes.find((x) => x.system === LOINC);
  if (loinc) return `${LOINC}|${loinc.code}`;
  return testKeys(identity, source)[0] ?? `text:${memo.normalised(name)}`;
}

export function readComponents(components: ObservationComponent[] | undefined, source: SourceRef, memo: Memo): ResultComponent[] {
  if (!components?.length) return [];
  return components.map((c) => {
    const name = codedIdentity(c.code).name ?? NOT_KNOWN;
    const value = readValue(c, memo);
    const flag = value.flag && { ...value.flag, of: name };
    return {
      key: componentKey(c, name, source, memo),
      name,
      display: value.display ?? NOT_KNOWN,
      numeric: value.numeric,
      unit: value.unit,
      range: value.range,
      flag,
    };
  });
}

/** "134/78 mmHg" when a panel is a blood pressure, else each part named. */
export function componentsDisplay(components: ResultComponent[]): string {
  const find = (code: string) => components.find((c) => c.key === `${LOINC}|${code}`);
  const sys = find(SYSTOLIC);
  const dia = find(DIASTOLIC);
  if (sys?.numeric !== undefined && dia?.numeric !== undefined && sys.unit === dia.unit) {
    return `${formatNumber(sys.numeric)}/${formatNumber(dia.numeric)}${sys.unit ? ` ${sys.unit}` : ''}`;
  }
  return components.map((c) => `${c.name} ${c.display}`).join('; ');
}
