// Doses, strengths and quantities the NHS way: no trailing zeros (`0.5`, not
// `0.50`), never a bare leading point (`0.5`, not `.5`), units written as
// clinicians read them; `micrograms` and `nanograms` spelt out because `µg`
// and `ng` are misread as `mg`.

import type { Quantity, Range, Ratio } from '@medplum/fhirtypes';
import { lookup } from './lookup';

// Made when first needed (as the UK clock in dates.ts: ICU's locale data loads with the first one).
let numberFormat: Intl.NumberFormat | undefined;

/** `0.5`, `2`, `1,000`. Intl never pads zeros and always writes the leading `0`. */
export function formatNumber(value: number): string {
  numberFormat ??= new Intl.NumberFormat('en-GB', { maximumFractionDigits: 6, useGrouping: true });
  return numberFormat.format(value);
}

interface UnitWord {
  one: string;
  many: string;
  /** A unit of presentation (tablet, capsule): "per tablet" strengths read as the numerator alone. */
  presentation?: boolean;
  /** Written against the number (`5%`). */
  attached?: boolean;
}

const same = (word: string): UnitWord => ({ one: word, many: word });
const counted = (one: string, many = `${one}s`): UnitWord => ({ one, many, presentation: true });

const MICROGRAM: UnitWord = { one: 'microgram', many: 'micrograms' };
const NANOGRAM: UnitWord = { one: 'nanogram', many: 'nanograms' };
const UNIT: UnitWord = { one: 'unit', many: 'units' };
const TABLET = counted('tablet');
const CAPSULE = counted('capsule');

/** UCUM codes (and the annotation units medication systems send). */
const UCUM_UNITS: Record<string, UnitWord> = {
  mg: same('mg'),
  g: same('g'),
  kg: same('kg'),
  ug: MICROGRAM,
  mcg: MICROGRAM,
  ng: NANOGRAM,
  mL: same('mL'),
  ml: same('mL'),
  L: same('L'),
  l: same('L'),
  mmol: same('mmol'),
  'mmol/L': same('mmol/L'),
  'mmol/mol': same('mmol/mol'),
  '%': { ...same('%'), attached: true },
  // Vital signs as US Core senders write them, the UCUM code in `unit` too (Synthea: "mm[Hg]").
  'mm[Hg]': same('mmHg'),
  Cel: same('°C'),
  '[degF]': same('°F'),
  'kg/m2': same('kg/m²'),
  '[iU]': UNIT,
  '[IU]': UNIT,
  U: UNIT,
  '{unit}': UNIT,
  '{units}': UNIT,
  '[drp]': counted('drop'),
  '{tablet}': TABLET,
  '{tablets}': TABLET,
  '{tbl}': TABLET,
  '{capsule}': CAPSULE,
  '{capsules}': CAPSULE,
  '{cap}': CAPSULE,
  '{puff}': counted('puff'),
  '{patch}': counted('patch', 'patches'),
  '{sachet}': counted('sachet'),
  '{drop}': counted('drop'),
  '{spray}': counted('spray'),
  '{application}': counted('application'),
  '{dose}': counted('dose'),
  '{each}': same('each'),
};

/** SNOMED CT / dm+d unit-of-measure concepts. */
const SNOMED_UNITS: Record<string, UnitWord> = {
  '258684004': same('mg'),
  '258682000': same('g'),
  '258683005': same('kg'),
  '258685003': MICROGRAM,
  '258686002': NANOGRAM,
  '258773002': same('mL'),
  '258770004': same('L'),
  '767525000': UNIT,
  '428673006': TABLET,
  '732936001': TABLET,
  '428641000': CAPSULE,
  '732937005': CAPSULE,
};

/** Free-text units as they arrive from simpler systems, lower-cased. */
const TEXT_UNITS: Record<string, UnitWord> = {
  mg: same('mg'),
  milligram: same('mg'),
  milligrams: same('mg'),
  g: same('g'),
  gram: same('g'),
  grams: same('g'),
  ug: MICROGRAM,
  mcg: MICROGRAM,
  µg: MICROGRAM,
  μg: MICROGRAM,
  microgram: MICROGRAM,
  micrograms: MICROGRAM,
  ng: NANOGRAM,
  nanogram: NANOGRAM,
  nanograms: NANOGRAM,
  ml: same('mL'),
  millilitre: same('mL'),
  millilitres: same('mL'),
  l: same('L'),
  litre: same('L'),
  litres: same('L'),
  unit: UNIT,
  units: UNIT,
  iu: UNIT,
  tablet: TABLET,
  tablets: TABLET,
  tab: TABLET,
  tabs: TABLET,
  capsule: CAPSULE,
  capsules: CAPSULE,
  puff: counted('puff'),
  puffs: counted('puff'),
};

const SNOMED_SYSTEMS = new Set(['http://snomed.info/sct', 'https://dmd.nhs.uk']);

function knownUnit(q: Pick<Quantity, 'code' | 'system' | 'unit'>): UnitWord | undefined {
  if (q.code) {
    const table = q.system && SNOMED_SYSTEMS.has(q.system) ? SNOMED_UNITS : UCUM_UNITS;
    const word = lookup(table, q.code);
    if (word) return word;
  }
  return q.unit ? lookup(TEXT_UNITS, q.unit.trim().toLowerCase()) : undefined;
}

/** The unit as words for a count of `value` (`1 tablet`, `2 tablets`); the sender's text when we do not know it. */
export function formatUnit(q: Pick<Quantity, 'code' | 'system' | 'unit'>, value = 2): string | undefined {
  const word = knownUnit(q);
  if (word) return value === 1 ? word.one : word.many;
  const text = q.unit?.trim() || q.code?.trim();
  return text || undefined;
}

function joinValueAndUnit(number: string, q: Quantity, value: number): string {
  const unit = formatUnit(q, value);
  if (!unit) return number;
  return knownUnit(q)?.attached ? `${number}${unit}` : `${number} ${unit}`;
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** `5 mg`, `0.5 mL`, `2 tablets`, `62.5 micrograms`, `<5 mmol/L`. Undefined without a numeric value. */
export function formatQuantity(q: Quantity | undefined): string | undefined {
  if (!q || !isNumber(q.value)) return undefined;
  return joinValueAndUnit(`${q.comparator ?? ''}${formatNumber(q.value)}`, q, q.value);
}

function isPresentation(q: Quantity): boolean {
  return knownUnit(q)?.presentation === true || (!q.unit && !q.code);
}

/**
 * A strength or concentration: `5 mg` (per tablet: the denominator is implied),
 * `100 units/mL` (per one of a measured unit), `10 mg/5 mL`.
 */
export function formatRatio(r: Ratio | undefined): string | undefined {
  const numerator = formatQuantity(r?.numerator);
  const denominator = r?.denominator;
  if (!numerator || !denominator) return numerator;
  const perOne = denominator.value === undefined || denominator.value === 1;
  if (perOne && isPresentation(denominator)) return numerator;
  if (perOne) return `${numerator}/${formatUnit(denominator, 1)}`;
  return `${numerator}/${formatQuantity(denominator) ?? formatUnit(denominator)}`;
}

function sameUnit(a: Quantity, b: Quantity): boolean {
  return formatUnit(a) === formatUnit(b);
}

/** `1 to 2 tablets`, `up to 4 puffs`, `at least 5 mg`. */
export function formatRange(range: Range | undefined): string | undefined {
  const { low, high } = range ?? {};
  const lowText = formatQuantity(low);
  const highText = formatQuantity(high);
  if (low && high && lowText && highText && isNumber(low.value) && isNumber(high.value)) {
    return sameUnit(low, high)
      ? joinValueAndUnit(`${formatNumber(low.value)} to ${formatNumber(high.value)}`, high, high.value)
      : `${lowText} to ${highText}`;
  }
  if (highText) return `up to ${highText}`;
  return lowText ? `at least ${lowText}` : undefined;
}
