// Results: Observations grouped by test across every source, newest first, and
// DiagnosticReports. Lab reports lend their name and conclusion to the values
// they list; imaging (and any report whose results were not loaded) is shown
// as a report. One patient may have tens of thousands of Observations and the
// record is rebuilt as each answer arrives, so everything here is one pass per
// resource plus one sort per test.

import type {
  Attachment,
  CodeableConcept,
  DiagnosticReport,
  Observation,
  ObservationComponent,
  ObservationReferenceRange,
  Quantity,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import { base64ToText } from '../format/base64';
import { formatDateTime, toInstant } from '../format/dates';
import { lookup } from '../format/lookup';
import { NOT_KNOWN } from '../format/not-known';
import { formatNumber, formatQuantity, formatRange, formatRatio, formatUnit } from '../format/quantity';
import { ofType, type BuildContext, type SourceInput } from './build';
import { codedIdentity, codeKeys, type CodedIdentity } from './coded-identity';
import {
  codeIn,
  codingsOf,
  conceptText,
  indexResources,
  keyOf,
  normaliseText,
  provenanceOf,
  referenceKey,
  referenceName,
  type ResourceIndex,
} from './fhir';
import type { Provenance, SourceRef } from './model';

export const LOINC = 'http://loinc.org';
const SERVICE_SECTION = 'http://terminology.hl7.org/CodeSystem/v2-0074';
const SYSTOLIC = '8480-6';
const DIASTOLIC = '8462-4';

// ---------------------------------------------------------------- types

export type ResultCategory = 'laboratory' | 'vital-signs' | 'imaging' | 'other';

/** Abnormal markers, from v3 ObservationInterpretation (HU/LU read as H/L). */
export type ResultFlagCode = 'HH' | 'H' | 'LL' | 'L' | 'AA' | 'A';

/** An abnormal marker that reads in words, so it never relies on colour. */
export interface ResultFlag {
  code: ResultFlagCode;
  /** "High", "Low", "Critically high", "Critically low", "Abnormal", "Critically abnormal". */
  text: string;
  /** The sender's interpretation, or worked out here from the reference range. */
  basis: 'interpretation' | 'range';
  /** The part of a panel it applies to, e.g. "Systolic blood pressure". */
  of?: string;
}

export interface ReferenceRange {
  low?: number;
  high?: number;
  /** "20 to 41 mmol/mol", "at least 90 mL/min/1.73m2". */
  display?: string;
  /** The laboratory's own words. */
  text?: string;
}

/** One part of a panel (`Observation.component`), e.g. systolic blood pressure. */
export interface ResultComponent {
  /** Stable across values of the test: the series a chart draws it in. */
  key: string;
  name: string;
  /** "134 mmHg", "<5 mmol/L", "Positive", "Not Known". */
  display: string;
  /** Set only for a plain number (no `<` or `>`): what a chart can plot. */
  numeric?: number;
  unit?: string;
  range?: ReferenceRange;
  flag?: ResultFlag;
}

export type ResultStatus = 'final' | 'preliminary' | 'amended' | 'corrected' | 'registered' | 'unknown';

/** One value of one test, as one source recorded it. */
export interface ResultValue {
  /** "86 mmol/mol", "134/78 mmHg", "Positive", or "Not Known". */
  display: string;
  /** Set only for a plain number (no `<` or `>`): what a chart can plot. */
  numeric?: number;
  unit?: string;
  range?: ReferenceRange;
  /** The treatment target the sender gives (`referenceRange.type` treatment), e.g. HbA1c 48 or below. */
  target?: ReferenceRange;
  /** The sender's interpretation, else one computed from the range; for a panel, its first abnormal part. */
  flag?: ResultFlag;
  /** An interpretation that is not an abnormal marker, e.g. "Normal", "Detected". */
  interpretation?: string;
  components: ResultComponent[];
  /** When the sample was taken or the measurement made (effective[x]), possibly partial. */
  date?: string;
  /** `date` as milliseconds since 1970 (the start of a partial date), for sorting and charts. */
  time?: number;
  /** Dated after the record was built: shown, and said to be in the future. */
  futureDated: boolean;
  status: ResultStatus;
  category: ResultCategory;
  note?: string;
  /** The report or panel this value was part of. */
  partOf?: { name: string; conclusion?: string; resource: string };
  /** Other sources holding the same value at the same time: grouped, never hidden. */
  alsoFrom: Provenance[];
  provenance: Provenance;
}

/** Every value of one test (grouped by LOINC, SNOMED or local code, else by name), newest first. */
export interface TestResults {
  kind: 'test';
  key: string;
  /** The test's name as the newest value gives it. */
  name: string;
  code?: { system?: string; code: string };
  category: ResultCategory;
  values: ResultValue[];
}

/** A report shown as a report: imaging, or one whose results are not in the record. */
export interface ReportEntry {
  name: string;
  date?: string;
  time?: number;
  futureDated: boolean;
  status: ResultStatus | 'partial' | 'appended';
  conclusion?: string;
  /** Coded conclusions, as text. */
  findings: string[];
  /** Untrusted HTML (an HTML presented form, else the narrative): render through `<safe-narrative>` only. */
  narrative?: string;
  /** A plain-text presented form. */
  text?: string;
  /** Attachments that cannot be shown here (PDF, images, links), by title or type. */
  attachments: string[];
  /** Results the report lists that did not arrive with the record. */
  missingResults: number;
  /** Names of the results it lists that did arrive (they appear under their tests). */
  results: string[];
  provenance: Provenance;
}

/** Reports of one kind (by code, else name), newest first. */
export interface ReportResults {
  kind: 'report';
  key: string;
  name: string;
  code?: { system?: string; code: string };
  category: ResultCategory;
  reports: ReportEntry[];
}

export type ResultGroup = TestResults | ReportResults;

// ---------------------------------------------------------------- values

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

interface Interpretation {
  /** The sender interpreted the value (even as normal): no marker is worked out from the range. */
  given: boolean;
  flag?: ResultFlag;
  text?: string;
}

/** The sender's interpretation: an abnormal marker, or words to show as they are ("Detected"). */
function readInterpretation(concepts: CodeableConcept[] | undefined): Interpretation {
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

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Same unit, judged by UCUM code when both have one, else by how it reads. */
function sameUnit(a: Quantity, b: Quantity | undefined): boolean {
  if (!b) return false;
  if (a.code && b.code) return a.code === b.code;
  return formatUnit(a) === formatUnit(b);
}

function readRange(range: ObservationReferenceRange, value: Quantity | undefined): ReferenceRange | undefined {
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
function flagFromRange(q: Quantity | undefined, range: ReferenceRange | undefined): ResultFlag | undefined {
  if (!q || !isNumber(q.value) || !range) return undefined;
  const v = q.value;
  const c = q.comparator;
  const below = range.low !== undefined && (c === '<' ? v <= range.low : c === '<=' ? v < range.low : c === '>' || c === '>=' ? false : v < range.low);
  const above = range.high !== undefined && (c === '>' ? v >= range.high : c === '>=' ? v > range.high : c === '<' || c === '<=' ? false : v > range.high);
  if (below) return LOW_FROM_RANGE;
  if (above) return HIGH_FROM_RANGE;
  return undefined;
}

const SEP = '\u0000';
const quantityKey = (q: Quantity | undefined): string =>
  q ? `${q.comparator ?? ''}${SEP}${q.value}${SEP}${q.unit ?? ''}${SEP}${q.code ?? ''}${SEP}${q.system ?? ''}` : '';

/**
 * Caches for one build. A long record repeats the same few units, ranges and
 * names thousands of times; formatting each once keeps the build near-linear
 * and the shared (frozen) results keep it light on memory.
 */
class Memo {
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

  range(ranges: ObservationReferenceRange[] | undefined, value: Quantity | undefined, kind: 'normal' | 'treatment' = 'normal'): ReferenceRange | undefined {
    if (!ranges?.length) return undefined;
    // The normal range when the sender says which (a treatment target is not it); age- or condition-specific ones are in `text`.
    const range =
      kind === 'treatment'
        ? ranges.find((r) => r && codeIn(r.type) === 'treatment')
        : (ranges.find((r) => r && (r.type === undefined || codeIn(r.type) === 'normal')) ?? ranges.find((r) => r && codeIn(r.type) !== 'treatment'));
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
function readValue(v: Valued, memo: Memo): ReadValue {
  const q = isNumber(v.valueQuantity?.value) ? v.valueQuantity : isNumber(v.valueInteger) ? { value: v.valueInteger } : undefined;
  const range = memo.range(v.referenceRange, q);
  const interpretation = readInterpretation(v.interpretation);
  // The lab's interpretation wins: its range may depend on age, sex or sample we cannot see.
  const flag = interpretation.given ? interpretation.flag : flagFromRange(q, range);
  // Plain object literals, no spreads: this runs once per Observation.
  if (q) {
    const read = memo.quantity(q);
    const target = memo.range(v.referenceRange, q, 'treatment');
    return { display: read.display, numeric: q.comparator ? undefined : q.value, unit: read.unit, range, target, flag, interpretation: interpretation.text };
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
function testKeys(identity: CodedIdentity, source: SourceRef): string[] {
  return codeKeys(identity, source.name);
}

/** A component's series: its LOINC code, else its first code, else its name. */
function componentKey(c: ObservationComponent, name: string, source: SourceRef, memo: Memo): string {
  const identity = codedIdentity(c.code);
  const loinc = identity.codes.find((x) => x.system === LOINC);
  if (loinc) return `${LOINC}|${loinc.code}`;
  return testKeys(identity, source)[0] ?? `text:${memo.normalised(name)}`;
}

function readComponents(components: ObservationComponent[] | undefined, source: SourceRef, memo: Memo): ResultComponent[] {
  if (!components?.length) return [];
  return components.map((c) => {
    const name = codedIdentity(c.code).name ?? NOT_KNOWN;
    const value = readValue(c, memo);
    const flag = value.flag && { ...value.flag, of: name };
    return { key: componentKey(c, name, source, memo), name, display: value.display ?? NOT_KNOWN, numeric: value.numeric, unit: value.unit, range: value.range, flag };
  });
}

/** "134/78 mmHg" when a panel is a blood pressure, else each part named. */
function componentsDisplay(components: ResultComponent[]): string {
  const find = (code: string) => components.find((c) => c.key === `${LOINC}|${code}`);
  const sys = find(SYSTOLIC);
  const dia = find(DIASTOLIC);
  if (sys?.numeric !== undefined && dia?.numeric !== undefined && sys.unit === dia.unit) {
    return `${formatNumber(sys.numeric)}/${formatNumber(dia.numeric)}${sys.unit ? ` ${sys.unit}` : ''}`;
  }
  return components.map((c) => `${c.name} ${c.display}`).join('; ');
}

const STATUSES: Record<string, ResultStatus> = {
  final: 'final',
  preliminary: 'preliminary',
  amended: 'amended',
  corrected: 'corrected',
  registered: 'registered',
};
const LEFT_OUT = new Set(['entered-in-error', 'cancelled']);

function statusOf(status: string | undefined): ResultStatus {
  return lookup(STATUSES, status) ?? 'unknown';
}

function asCategory(code: string | undefined): ResultCategory | undefined {
  return code === 'laboratory' || code === 'vital-signs' || code === 'imaging' ? code : undefined;
}

function observationCategory(categories: CodeableConcept[] | undefined): ResultCategory {
  for (const concept of categories ?? []) {
    for (const coding of concept?.coding ?? []) {
      const found = asCategory(coding?.code);
      if (found) return found;
    }
    const found = asCategory(conceptText(concept)?.toLowerCase().replace(/\s+/g, '-'));
    if (found) return found;
  }
  return 'other';
}

const IMAGING_SECTIONS = new Set(['RAD', 'RX', 'CT', 'NMR', 'NMS', 'US', 'VUS', 'OUS', 'RUS', 'CUS', 'XRC', 'BG']);
const LAB_SECTIONS = new Set(['LAB', 'HM', 'CH', 'MB', 'BLB', 'CP', 'HLA', 'IMM', 'MCB', 'MYC', 'PAR', 'SP', 'SR', 'TX', 'VR', 'CG']);

function reportCategory(categories: CodeableConcept[] | undefined): ResultCategory {
  for (const concept of categories ?? []) {
    for (const coding of codingsOf(concept)) {
      const code = coding.system === SERVICE_SECTION || !coding.system ? coding.code : undefined;
      if (code && IMAGING_SECTIONS.has(code)) return 'imaging';
      if (code && LAB_SECTIONS.has(code)) return 'laboratory';
    }
    const text = conceptText(concept)?.toLowerCase() ?? '';
    if (/radiology|imaging/.test(text)) return 'imaging';
    if (/laboratory|pathology/.test(text)) return 'laboratory';
  }
  return 'other';
}

function performerName(references: Reference[] | undefined, index: ResourceIndex): string | undefined {
  for (const r of references ?? []) {
    const name = referenceName(r, index);
    if (name) return name;
  }
  return undefined;
}

function noteText(notes: { text?: string }[] | undefined): string | undefined {
  const texts = (notes ?? []).map((n) => (typeof n?.text === 'string' ? n.text.trim() : '')).filter(Boolean);
  return texts.length ? texts.join(' ') : undefined;
}

// ---------------------------------------------------------------- observations

/** One Observation read, before grouping. */
interface Draft {
  keys: string[];
  /** Normalised name, for an uncoded test to find its coded namesake. */
  nameKey: string;
  name: string;
  code?: { system?: string; code: string };
  /** False for a panel that is only a list of its members (`hasMember`). */
  hasOwnValue: boolean;
  value: ResultValue;
}

function dateOf(o: Observation): string | undefined {
  return o.effectiveDateTime ?? o.effectiveInstant ?? o.effectivePeriod?.start ?? o.effectivePeriod?.end ?? o.issued;
}

/** An instant with Z or an offset parses natively (the common case, and fast); anything else as FHIR says. */
function instantOf(date: string | undefined): number | undefined {
  if (date === undefined) return undefined;
  const n = date.length;
  const zoned = n > 16 && (date[n - 1] === 'Z' || date[n - 6] === '+' || date[n - 6] === '-');
  const fast = zoned ? Date.parse(date) : NaN;
  return Number.isNaN(fast) ? toInstant(date)?.getTime() : fast;
}

function timed(date: string | undefined, now: Date): { date?: string; time?: number; futureDated: boolean } {
  const time = instantOf(date);
  return { date, time, futureDated: time !== undefined && time > now.getTime() };
}

function panelNotLoaded(count: number): string {
  return count === 1 ? 'The result in this panel was not loaded' : `${formatNumber(count)} results in this panel were not loaded`;
}

function toDraft(o: Observation, source: SourceRef, index: ResourceIndex, context: BuildContext, memo: Memo): Draft | undefined {
  if (LEFT_OUT.has(o.status)) return undefined;
  const identity = codedIdentity(o.code);
  const name = identity.name ?? NOT_KNOWN;
  const own = readValue(o, memo);
  const components = readComponents(o.component, source, memo);
  const status = statusOf(o.status);
  const missingMembers = (o.hasMember ?? []).length;
  const display =
    own.display ??
    (components.length ? componentsDisplay(components) : undefined) ??
    (status === 'registered' ? 'Awaiting result' : missingMembers ? panelNotLoaded(missingMembers) : NOT_KNOWN);
  const date = dateOf(o);
  const time = instantOf(date);
  const value: ResultValue = {
    display,
    numeric: own.numeric,
    unit: own.unit,
    range: own.range,
    ...(own.target ? { target: own.target } : {}),
    flag: own.flag ?? components.find((c) => c.flag)?.flag,
    interpretation: own.interpretation,
    components,
    date,
    time,
    futureDated: time !== undefined && time > context.now.getTime(),
    status,
    category: observationCategory(o.category),
    note: noteText(o.note),
    alsoFrom: [],
    // Recorded is when the result was issued; the sample date is shown as its date, never as "recorded".
    provenance: provenanceOf(source, o, { recorded: o.issued, author: performerName(o.performer, index) }),
  };
  const hasOwnValue = own.display !== undefined || components.length > 0;
  return { keys: testKeys(identity, source), nameKey: memo.normalised(name), name, code: identity.code, hasOwnValue, value };
}

/** Union-find over code keys: two codes on one Observation name one test (LOINC + SNOMED). */
class KeySets {
  private readonly parent = new Map<string, string>();

  find(key: string): string {
    if (!this.parent.has(key)) {
      this.parent.set(key, key);
      return key;
    }
    let root = key;
    while (this.parent.get(root) !== root) root = this.parent.get(root) as string;
    // Path compression keeps later finds constant-time.
    for (let k = key; k !== root; ) {
      const next = this.parent.get(k) as string;
      this.parent.set(k, root);
      k = next;
    }
    return root;
  }

  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }

  /**
   * A name for each set that does not depend on the order answers arrived in
   * (its smallest key), so a test keeps its key, and its open history, as
   * sources stream in.
   */
  stableNames(): Map<string, string> {
    const names = new Map<string, string>();
    for (const key of this.parent.keys()) {
      const root = this.find(key);
      const name = names.get(root);
      if (name === undefined || key < name) names.set(root, key);
    }
    return names;
  }
}

/** Newest first; undated last; then by source and resource so the order is stable. */
function byTimeDescending(a: { time?: number; provenance: Provenance }, b: { time?: number; provenance: Provenance }): number {
  if (a.time !== b.time) {
    if (a.time === undefined) return 1;
    if (b.time === undefined) return -1;
    return b.time - a.time;
  }
  return compareText(a.provenance.source.name, b.provenance.source.name) || compareText(a.provenance.resource, b.provenance.resource);
}

/** Code-unit order: only for a stable tie-break, and much cheaper than localeCompare over thousands. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The same value at the same instant from another source is one row naming
 * both. Values are sorted by time, so such twins are neighbours.
 */
function mergeAcrossSources(values: ResultValue[]): ResultValue[] {
  const out: ResultValue[] = [];
  let runStart = 0;
  for (const v of values) {
    const prev = out[out.length - 1];
    if (prev?.time !== v.time) runStart = out.length;
    const twin = v.time === undefined ? undefined : out.slice(runStart).find((o) => o.display === v.display);
    if (twin && twin.provenance.source.name !== v.provenance.source.name && !twin.alsoFrom.some((p) => p.source.name === v.provenance.source.name)) {
      twin.alsoFrom.push(v.provenance);
      continue;
    }
    out.push(v);
  }
  return out;
}

function groupTests(drafts: Draft[]): TestResults[] {
  const sets = new KeySets();
  const coded = drafts.filter((d) => d.keys.length > 0);
  const named = new Map<string, string>();
  for (const d of coded) {
    const [first, ...rest] = d.keys as [string, ...string[]];
    sets.find(first);
    for (const k of rest) sets.union(first, k);
    if (!named.has(d.nameKey)) named.set(d.nameKey, first);
  }
  const buckets = new Map<string, Draft[]>();
  for (const d of drafts) {
    // An uncoded value joins the coded test of the same name; otherwise it is a test of its own.
    const key = d.keys[0] ?? named.get(d.nameKey) ?? `text:${d.nameKey}`;
    const root = d.keys.length || named.has(d.nameKey) ? sets.find(key) : key;
    const bucket = buckets.get(root);
    if (bucket) bucket.push(d);
    else buckets.set(root, [d]);
  }
  const stable = sets.stableNames();
  const tests: TestResults[] = [];
  for (const [root, bucket] of buckets) {
    const key = stable.get(root) ?? root;
    const values = bucket.map((d) => d.value).sort(byTimeDescending);
    const newest = bucket.find((d) => d.value === values[0]) ?? bucket[0];
    const newestCoded = bucket.find((d) => d.code && d.value === values[0]) ?? bucket.find((d) => d.code);
    tests.push({
      kind: 'test',
      key,
      name: newest?.name ?? NOT_KNOWN,
      code: newestCoded?.code,
      category: values[0]?.category ?? 'other',
      values: mergeAcrossSources(values),
    });
  }
  return tests;
}

// ---------------------------------------------------------------- reports

const MAX_INLINE_ATTACHMENT = 1_000_000;

function decodeBase64(data: string): string | undefined {
  try {
    return base64ToText(data);
  } catch {
    return undefined;
  }
}

interface ReadForms {
  html?: string;
  text?: string;
  attachments: string[];
}

function readPresentedForms(forms: Attachment[] | undefined): ReadForms {
  const out: ReadForms = { attachments: [] };
  for (const form of forms ?? []) {
    const type = (form.contentType ?? '').split(';')[0]?.trim().toLowerCase();
    const inline = typeof form.data === 'string' && form.data.length <= MAX_INLINE_ATTACHMENT ? decodeBase64(form.data) : undefined;
    if (inline !== undefined && type === 'text/html' && out.html === undefined) out.html = inline;
    else if (inline !== undefined && type === 'text/plain' && out.text === undefined) out.text = inline;
    else out.attachments.push(form.title?.trim() || (type ? `Attachment (${type})` : 'Attachment'));
  }
  return out;
}

interface ReportDraft {
  keys: string[];
  nameKey: string;
  name: string;
  code?: { system?: string; code: string };
  category: ResultCategory;
  entry: ReportEntry;
}

/**
 * Lends a lab report's name and conclusion to its results; returns the report
 * when it must be shown as one (imaging, a presented form, or results not loaded).
 */
function readReport(
  report: DiagnosticReport,
  source: SourceRef,
  index: ResourceIndex,
  values: ReadonlyMap<string, ResultValue>,
  context: BuildContext,
): ReportDraft | undefined {
  if (LEFT_OUT.has(report.status)) return undefined;
  const identity = codedIdentity(report.code);
  const name = identity.name ?? NOT_KNOWN;
  const conclusion = typeof report.conclusion === 'string' && report.conclusion.trim() ? report.conclusion.trim() : undefined;
  const category = reportCategory(report.category);
  const members: ResultValue[] = [];
  let missing = 0;
  for (const ref of report.result ?? []) {
    const member = values.get(referenceKey(ref) ?? '');
    if (member) members.push(member);
    else missing += 1;
  }
  for (const member of members) member.partOf = { name, conclusion, resource: keyOf(report) };
  const forms = readPresentedForms(report.presentedForm);
  const hasForm = forms.html !== undefined || forms.text !== undefined || forms.attachments.length > 0;
  if (category !== 'imaging' && !hasForm && members.length > 0) return undefined;
  const date = report.effectiveDateTime ?? report.effectivePeriod?.start ?? report.issued;
  const narrative = forms.html ?? (typeof report.text?.div === 'string' && report.text.status !== 'generated' ? report.text.div : undefined);
  const entry: ReportEntry = {
    name,
    ...timed(date, context.now),
    status: report.status === 'partial' ? 'partial' : report.status === 'appended' ? 'appended' : statusOf(report.status),
    conclusion,
    findings: (report.conclusionCode ?? []).map(conceptText).filter((t): t is string => t !== undefined),
    narrative,
    text: forms.text,
    attachments: forms.attachments,
    missingResults: missing,
    results: members.map((m) => m.provenance.resource),
    provenance: provenanceOf(source, report, {
      recorded: report.issued,
      author: performerName(report.resultsInterpreter, index) ?? performerName(report.performer, index),
    }),
  };
  return { keys: testKeys(identity, source), nameKey: normaliseText(name), name, code: identity.code, category, entry };
}

function groupReports(drafts: ReportDraft[]): ReportResults[] {
  const buckets = new Map<string, ReportDraft[]>();
  for (const d of drafts) {
    const key = `report:${d.keys[0] ?? `text:${d.nameKey}`}`;
    const bucket = buckets.get(key);
    if (bucket) bucket.push(d);
    else buckets.set(key, [d]);
  }
  return [...buckets].map(([key, bucket]) => {
    const sorted = [...bucket].sort((a, b) => byTimeDescending(a.entry, b.entry));
    const newest = sorted[0] as ReportDraft;
    return { kind: 'report', key, name: newest.name, code: newest.code, category: newest.category, reports: sorted.map((d) => d.entry) };
  });
}

// ---------------------------------------------------------------- the section

function newestTime(group: ResultGroup): number | undefined {
  return group.kind === 'test' ? group.values[0]?.time : group.reports[0]?.time;
}

function safely<T>(input: SourceInput, resource: Resource, context: BuildContext, read: () => T): T | undefined {
  try {
    return read();
  } catch {
    context.onSkip?.(input.source, resource);
    return undefined;
  }
}

/** Results of one source: its Observations read, then its reports laid over them. */
function readSource(input: SourceInput, context: BuildContext, memo: Memo): { tests: Draft[]; reports: ReportDraft[] } {
  // Names of performers and interpreters come from the directory resources; results are found through `byResource`.
  const index = indexResources(input.resources.filter((r) => r.resourceType !== 'Observation' && r.resourceType !== 'DiagnosticReport'));
  const observations = ofType(input.resources, 'Observation');
  const tests: Draft[] = [];
  const byResource = new Map<string, ResultValue>();
  const panels: { draft: Draft; members: Reference[] }[] = [];
  for (const o of observations) {
    const draft = safely(input, o, context, () => toDraft(o, input.source, index, context, memo));
    if (!draft) continue;
    byResource.set(keyOf(o), draft.value);
    const members = o.hasMember ?? [];
    if (members.length > 0) panels.push({ draft, members });
    tests.push(draft);
  }
  // A panel with no value of its own is shown through its members; it stays only if none of them arrived.
  const leftOut = new Set<Draft>();
  for (const { draft, members } of panels) {
    const found = members.map((m) => byResource.get(referenceKey(m) ?? '')).filter((v): v is ResultValue => v !== undefined);
    for (const v of found) v.partOf ??= { name: draft.name, resource: draft.value.provenance.resource };
    if (found.length > 0 && !draft.hasOwnValue) leftOut.add(draft);
  }
  const reports: ReportDraft[] = [];
  for (const r of ofType(input.resources, 'DiagnosticReport')) {
    const draft = safely(input, r, context, () => readReport(r, input.source, index, byResource, context));
    if (draft) reports.push(draft);
  }
  return { tests: leftOut.size ? tests.filter((t) => !leftOut.has(t)) : tests, reports };
}

function build(inputs: SourceInput[], context: BuildContext): ResultGroup[] {
  const memo = new Memo();
  const tests: Draft[] = [];
  const reports: ReportDraft[] = [];
  for (const input of inputs) {
    const read = readSource(input, context, memo);
    for (const t of read.tests) tests.push(t);
    for (const r of read.reports) reports.push(r);
  }
  const groups: ResultGroup[] = [...groupTests(tests), ...groupReports(reports)];
  return groups.sort((a, b) => {
    const ta = newestTime(a);
    const tb = newestTime(b);
    if (ta !== tb) return ta === undefined ? 1 : tb === undefined ? -1 : tb - ta;
    return a.name.localeCompare(b.name);
  });
}

// The record is rebuilt on every answer from every source; results are the
// biggest section and rarely change between two answers. The last build is
// reused while every source hands over the very same resource objects (and the
// clock has moved less than a minute, which is as fine as "future-dated" needs).
const REUSE_WITHIN_MS = 60_000;
let last: { inputs: { source: string; resources: Resource[] }[]; now: number; skipped: [SourceRef, Resource][]; groups: ResultGroup[] } | undefined;

function sameInputs(inputs: SourceInput[], now: number): boolean {
  if (!last || Math.abs(now - last.now) >= REUSE_WITHIN_MS || last.inputs.length !== inputs.length) return false;
  return inputs.every((input, i) => {
    const before = last?.inputs[i];
    if (!before || before.source !== input.source.name || before.resources.length !== input.resources.length) return false;
    return input.resources.every((r, j) => r === before.resources[j]);
  });
}

/**
 * Every source's results: tests grouped by code across sources (values newest
 * first, the same value from two sources shown once naming both), then reports
 * shown as reports; groups ordered by their newest entry. Entered-in-error and
 * cancelled are left out; unreadable resources are skipped and reported. The
 * groups are shared with later builds from the same resources: never mutate them.
 */
export function buildResults(inputs: SourceInput[], context: BuildContext): ResultGroup[] {
  const now = context.now.getTime();
  if (last && sameInputs(inputs, now)) {
    for (const [source, resource] of last.skipped) context.onSkip?.(source, resource);
    return last.groups;
  }
  const skipped: [SourceRef, Resource][] = [];
  const groups = build(inputs, {
    now: context.now,
    onSkip: (source, resource) => {
      skipped.push([source, resource]);
      context.onSkip?.(source, resource);
    },
  });
  last = { inputs: inputs.map((i) => ({ source: i.source.name, resources: [...i.resources] })), now, skipped, groups };
  return groups;
}
