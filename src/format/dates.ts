// NHS CUI date and time display: `14-Jul-1945`, `23:59`, `14-Jul-1945 23:59`.
// FHIR dates may be partial (`1945`, `1945-07`); date-times with an offset are
// instants and are shown in UK local time (Europe/London), so GMT and BST both
// read as the clock on the ward wall.

import { NOT_KNOWN } from './not-known';

export const UK_TIME_ZONE = 'Europe/London';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** The calendar parts of a FHIR date or date-time, as they should be read in the UK. */
export interface DateParts {
  year: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
}

const FHIR_DATE_TIME = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

// Made when first needed, not when the module loads: the first formatter for a
// time zone in a renderer loads ICU's zone and calendar data (50-140 ms
// measured in Chromium on two shared cores, more on a slower PC). Instants
// under Europe/London's present rule are read without it (below), so the
// first screen of a record seldom needs it.
let ukFormatter: Intl.DateTimeFormat | undefined;

/** The parts of a UK clock reading, as Intl is asked for them (en-GB). */
export const UK_CLOCK_OPTIONS: Readonly<Intl.DateTimeFormatOptions> = {
  timeZone: UK_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};

function ukFormat(): Intl.DateTimeFormat {
  ukFormatter ??= new Intl.DateTimeFormat('en-GB', UK_CLOCK_OPTIONS);
  return ukFormatter;
}

/**
 * The years Europe/London has kept one rule (Summer Time Order 2002, the EU's
 * since 1996): BST, an hour ahead of UTC, from 01:00 UTC on the last Sunday of
 * March to 01:00 UTC on the last Sunday of October. Instants in them are read
 * by that rule; outside them (the older British rules, or a future change the
 * browser's time-zone data may know of) by Intl. The tests check the rule
 * against the time-zone data at every change between these bounds.
 */
export const UK_RULE_FROM = Date.UTC(1996, 0, 1);
export const UK_RULE_UNTIL = Date.UTC(2040, 0, 1);

/** 01:00 UTC on the last Sunday of `month` (0-based) of `year`, when UK clocks change. */
function lastSundayOneAm(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

function ukClockByRule(ms: number): Required<DateParts> {
  const year = new Date(ms).getUTCFullYear();
  const summer = ms >= lastSundayOneAm(year, 2) && ms < lastSundayOneAm(year, 9);
  const wall = new Date(ms + (summer ? 3_600_000 : 0));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
  };
}

/** Year, month, day, hour and minute of an instant on a UK clock. */
export function ukClock(instant: Date): Required<DateParts> {
  const ms = instant.getTime();
  if (ms >= UK_RULE_FROM && ms < UK_RULE_UNTIL) return ukClockByRule(ms);
  const parts = Object.fromEntries(
    ukFormat()
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validCalendar(parts: DateParts): boolean {
  const { year, month, day, hour, minute } = parts;
  if (month !== undefined && (month < 1 || month > 12)) return false;
  if (day !== undefined && (month === undefined || day < 1 || day > daysInMonth(year, month))) return false;
  if (hour !== undefined && (hour > 23 || (minute ?? 0) > 59)) return false;
  return true;
}

function optionalNumber(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

/**
 * Parses a FHIR date, dateTime or instant (or a JS Date). Returns undefined when
 * it is not one. A date-time with an offset is converted to UK local time; one
 * without an offset (not valid FHIR, but sent) is taken as already local.
 */
export function parseFhirDate(value: string | Date | undefined): DateParts | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : ukClock(value);
  const match = typeof value === 'string' ? FHIR_DATE_TIME.exec(value.trim()) : null;
  if (!match) return undefined;
  const [, year, month, day, hour, minute, offset] = match;
  if (offset !== undefined) {
    const instant = new Date(value as string);
    return Number.isNaN(instant.getTime()) ? undefined : ukClock(instant);
  }
  const parts: DateParts = {
    year: Number(year),
    month: optionalNumber(month),
    day: optionalNumber(day),
    hour: optionalNumber(hour),
    minute: optionalNumber(minute),
  };
  return validCalendar(parts) ? parts : undefined;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function datePart(parts: DateParts): string {
  const year = String(parts.year).padStart(4, '0');
  if (parts.month === undefined) return year;
  const month = MONTHS[parts.month - 1];
  return parts.day === undefined ? `${month}-${year}` : `${pad2(parts.day)}-${month}-${year}`;
}

function timePart(parts: DateParts): string | undefined {
  return parts.hour === undefined ? undefined : `${pad2(parts.hour)}:${pad2(parts.minute ?? 0)}`;
}

function unparsed(value: string | Date | undefined): string | undefined {
  if (value === undefined || value instanceof Date) return value === undefined ? NOT_KNOWN : undefined;
  return value.trim() === '' ? NOT_KNOWN : value.trim();
}

/** `14-Jul-1945`, `Jul-1945` or `1945` (as precise as recorded). Text that is not a date is shown as received. */
export function formatDate(value: string | Date | undefined): string {
  const parts = parseFhirDate(value);
  return parts ? datePart(parts) : (unparsed(value) ?? NOT_KNOWN);
}

/** `23:59` (24-hour, UK local). "Not Known" when no time was recorded. */
export function formatTime(value: string | Date | undefined): string {
  const parts = parseFhirDate(value);
  return (parts && timePart(parts)) ?? NOT_KNOWN;
}

/** `14-Jul-1945 23:59`; just the date when no time was recorded. */
export function formatDateTime(value: string | Date | undefined): string {
  const parts = parseFhirDate(value);
  if (!parts) return unparsed(value) ?? NOT_KNOWN;
  const time = timePart(parts);
  return time ? `${datePart(parts)} ${time}` : datePart(parts);
}

/**
 * The earliest instant a FHIR date or date-time can mean (a partial date is the
 * start of its period), for sorting and comparing. Undefined when unparseable.
 */
export function toInstant(value: string | undefined): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const match = FHIR_DATE_TIME.exec(value.trim());
  if (!match) return undefined;
  if (match[6] !== undefined) {
    const instant = new Date(value);
    return Number.isNaN(instant.getTime()) ? undefined : instant;
  }
  const [, year, month, day, hour, minute] = match;
  return new Date(Date.UTC(Number(year), Number(month ?? 1) - 1, Number(day ?? 1), Number(hour ?? 0), Number(minute ?? 0)));
}

/** Newest first; values that are not dates sort last. */
export function compareDatesDescending(a: string | undefined, b: string | undefined): number {
  const ta = toInstant(a)?.getTime();
  const tb = toInstant(b)?.getTime();
  if (ta === undefined || tb === undefined) return ta === undefined ? (tb === undefined ? 0 : 1) : -1;
  return tb - ta;
}

const TYPED_DATE = /^(\d{1,2})[\s./-]+([A-Za-z]{3,9}|\d{1,2})[\s./-]+(\d{4})$/;
const FULL_MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A day typed as the NHS writes it, `14-Jul-2021` (also `14 July 2021`,
 * `14/07/2021`, day first, or `2021-07-14`), as `YYYY-MM-DD`; undefined when
 * it is not a real day. Whatever the browser's language: no native date input.
 */
export function parseDisplayDate(text: string): string | undefined {
  const value = text.trim();
  const iso = ISO_DAY.exec(value);
  const typed = iso ? undefined : TYPED_DATE.exec(value);
  let year: number, month: number, day: number;
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (typed) {
    const word = typed[2]!.toLowerCase();
    // A month by number, or by its name or any start of it from three letters ("Jul", "Sept", "July").
    month = /^\d+$/.test(word) ? Number(word) : FULL_MONTHS.findIndex((full) => full.startsWith(word)) + 1;
    [year, day] = [Number(typed[3]), Number(typed[1])];
  } else return undefined;
  if (!month || !validCalendar({ year, month, day })) return undefined;
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}
