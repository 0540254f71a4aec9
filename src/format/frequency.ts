// Dose frequency in the words a prescription uses: `once daily`, `twice daily`,
// `three times a day`, `every 4 hours`, `at night`, `as required`.

import type { CodeableConcept, Dosage, Timing, TimingRepeat } from '@medplum/fhirtypes';
import { lookup } from './lookup';
import { formatNumber } from './quantity';

type PeriodUnit = NonNullable<TimingRepeat['periodUnit']>;

const UNIT_WORDS: Record<PeriodUnit, { one: string; many: string; adverb?: string }> = {
  s: { one: 'second', many: 'seconds' },
  min: { one: 'minute', many: 'minutes' },
  h: { one: 'hour', many: 'hours' },
  d: { one: 'day', many: 'days', adverb: 'daily' },
  wk: { one: 'week', many: 'weeks', adverb: 'weekly' },
  mo: { one: 'month', many: 'months', adverb: 'monthly' },
  a: { one: 'year', many: 'years', adverb: 'yearly' },
};

const WHEN_WORDS: Record<string, string> = {
  MORN: 'in the morning',
  'MORN.early': 'early in the morning',
  'MORN.late': 'late in the morning',
  NOON: 'at noon',
  AFT: 'in the afternoon',
  'AFT.early': 'early in the afternoon',
  'AFT.late': 'late in the afternoon',
  EVE: 'in the evening',
  'EVE.early': 'early in the evening',
  'EVE.late': 'late in the evening',
  NIGHT: 'at night',
  HS: 'at night',
  PHS: 'after sleep',
  WAKE: 'on waking',
  C: 'with meals',
  CM: 'with breakfast',
  CD: 'with lunch',
  CV: 'with the evening meal',
  AC: 'before meals',
  ACM: 'before breakfast',
  ACD: 'before lunch',
  ACV: 'before the evening meal',
  PC: 'after meals',
  PCM: 'after breakfast',
  PCD: 'after lunch',
  PCV: 'after the evening meal',
};

/** HL7 timing abbreviations (Timing.code). */
const TIMING_CODES: Record<string, string> = {
  QD: 'once daily',
  BID: 'twice daily',
  TID: 'three times a day',
  QID: 'four times a day',
  QOD: 'every other day',
  AM: 'in the morning',
  PM: 'in the evening',
  BED: 'at night',
  WK: 'once weekly',
  MO: 'once monthly',
  Q1H: 'every hour',
  Q2H: 'every 2 hours',
  Q3H: 'every 3 hours',
  Q4H: 'every 4 hours',
  Q6H: 'every 6 hours',
  Q8H: 'every 8 hours',
};

const DAY_NAMES: Record<string, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

const TIMES_A_DAY = ['', 'once daily', 'twice daily', 'three times a day', 'four times a day'];

const isPositive = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;

function span(value: number, max: number | undefined): string {
  return isPositive(max) && max !== value ? `${formatNumber(value)} to ${formatNumber(max)}` : formatNumber(value);
}

function timesPerPeriod(frequency: number, frequencyMax: number | undefined, unit: PeriodUnit): string {
  const words = UNIT_WORDS[unit];
  if (!isPositive(frequencyMax) || frequencyMax === frequency) {
    if (unit === 'd' && TIMES_A_DAY[frequency]) return TIMES_A_DAY[frequency];
    if (frequency === 1 && words.adverb) return `once ${words.adverb}`;
    if (frequency === 2 && words.adverb) return `twice ${words.adverb}`;
    if (frequency === 1) return `every ${words.one}`;
  }
  const article = unit === 'h' ? 'an' : 'a';
  return `${span(frequency, frequencyMax)} times ${article} ${words.one}`;
}

/** `every 4 hours`, `every 4 to 6 hours`, `every other day`, `every 2 weeks`. */
function everyPeriod(period: number, periodMax: number | undefined, unit: PeriodUnit): string {
  const words = UNIT_WORDS[unit];
  if (isPositive(periodMax) && periodMax !== period) return `every ${span(period, periodMax)} ${words.many}`;
  if (period === 1) return `every ${words.one}`;
  if (period === 2 && unit === 'd') return 'every other day';
  return `every ${formatNumber(period)} ${words.many}`;
}

function frequencyPhrase(repeat: TimingRepeat): string | undefined {
  const unit = repeat.periodUnit;
  const period = repeat.period;
  if (!unit || !lookup(UNIT_WORDS, unit) || !isPositive(period)) return undefined;
  const frequency = isPositive(repeat.frequency) ? repeat.frequency : 1;
  if (frequency === 1 && (period !== 1 || isPositive(repeat.periodMax))) return everyPeriod(period, repeat.periodMax, unit);
  if (period === 1) return timesPerPeriod(frequency, repeat.frequencyMax, unit);
  return `${span(frequency, repeat.frequencyMax)} times every ${formatNumber(period)} ${UNIT_WORDS[unit].many}`;
}

function joinWords(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function whenPhrase(repeat: TimingRepeat): string | undefined {
  const words = [...new Set((repeat.when ?? []).map((w) => lookup(WHEN_WORDS, w)).filter((w): w is string => !!w))];
  return words.length ? joinWords(words) : undefined;
}

function timeOfDayPhrase(repeat: TimingRepeat): string | undefined {
  const times = (repeat.timeOfDay ?? []).filter((t) => typeof t === 'string').map((t) => t.slice(0, 5));
  return times.length ? `at ${joinWords(times)}` : undefined;
}

function dayOfWeekPhrase(repeat: TimingRepeat): string | undefined {
  const days = (repeat.dayOfWeek ?? []).map((d) => lookup(DAY_NAMES, d)).filter((d): d is string => !!d);
  return days.length ? `on ${joinWords(days)}` : undefined;
}

/** A once-daily dose given "at night" reads simply "at night". */
function combine(frequency: string | undefined, when: string | undefined): string | undefined {
  if (when && (!frequency || frequency === 'once daily')) return when;
  return [frequency, when].filter(Boolean).join(' ') || undefined;
}

function repeatPhrase(repeat: TimingRepeat | undefined): string | undefined {
  if (!repeat || typeof repeat !== 'object') return undefined;
  const timed = combine(frequencyPhrase(repeat), whenPhrase(repeat) ?? timeOfDayPhrase(repeat));
  return [timed, dayOfWeekPhrase(repeat)].filter(Boolean).join(' ') || undefined;
}

function codePhrase(code: CodeableConcept | undefined): string | undefined {
  for (const coding of code?.coding ?? []) {
    const known = lookup(TIMING_CODES, coding.code);
    if (known) return known;
  }
  return code?.text?.trim() || code?.coding?.find((c) => c.display)?.display?.trim() || undefined;
}

function asNeededPhrase(asNeeded: boolean | string | undefined): string | undefined {
  if (asNeeded === true) return 'as required';
  return typeof asNeeded === 'string' && asNeeded.trim() ? `as required for ${asNeeded.trim()}` : undefined;
}

/**
 * How often, from a FHIR Timing: structured repeat first, then the timing code
 * (its text when the code is not one we know). `asNeeded` adds "as required"
 * (a string: "as required for <reason>"). Undefined when nothing is recorded.
 */
export function formatFrequency(timing: Timing | undefined, asNeeded?: boolean | string): string | undefined {
  const regular = repeatPhrase(timing?.repeat) ?? codePhrase(timing?.code);
  return [regular, asNeededPhrase(asNeeded)].filter(Boolean).join(' ') || undefined;
}

/** The frequency of one dosage instruction. */
export function formatDosageFrequency(dosage: Dosage | undefined): string | undefined {
  const reason = dosage?.asNeededCodeableConcept;
  const reasonText = reason?.text ?? reason?.coding?.find((c) => c.display)?.display;
  return formatFrequency(dosage?.timing, dosage?.asNeededBoolean === true ? true : reasonText);
}
