// Age after the date of birth, by the NHS banner rules: adults and children
// from 2 years in whole years (`81y`, `6y`); under 2 years in months (`5m`),
// under 3 months in weeks (`3w`), under 2 weeks in days (`4d`). The unit is
// written without a space, as in the NHS CUI patient banner.

import { formatDate, parseFhirDate, ukClock, type DateParts } from './dates';
import { NOT_KNOWN } from './not-known';

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function fullDate(parts: DateParts | undefined): CalendarDate | undefined {
  if (parts?.month === undefined || parts.day === undefined) return undefined;
  return { year: parts.year, month: parts.month, day: parts.day };
}

function calendarDateAt(at: Date | string): CalendarDate | undefined {
  return at instanceof Date ? ukClock(at) : fullDate(parseFhirDate(at));
}

/** Whole calendar months from `from` to `to` (a birthday on the 31st counts at month end). */
function wholeMonths(from: CalendarDate, to: CalendarDate): number {
  const months = (to.year - from.year) * 12 + (to.month - from.month);
  return to.day < from.day ? months - 1 : months;
}

function daysBetween(from: CalendarDate, to: CalendarDate): number {
  const ms = Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day);
  return Math.round(ms / 86_400_000);
}

/**
 * Age on a date (`now` for the living, the date of death for the deceased), or
 * undefined when the birth date is partial or after `at`: a year alone cannot
 * give an age without guessing.
 */
export function formatAge(birthDate: string | undefined, at: Date | string = new Date()): string | undefined {
  const birth = fullDate(parseFhirDate(birthDate));
  const end = calendarDateAt(at);
  if (!birth || !end) return undefined;
  const days = daysBetween(birth, end);
  if (days < 0) return undefined;
  const months = wholeMonths(birth, end);
  if (days < 14) return `${days}d`;
  if (months < 3) return `${Math.floor(days / 7)}w`;
  if (months < 24) return `${months}m`;
  return `${Math.floor(months / 12)}y`;
}

export interface DeceasedInfo {
  /** Date of death when known, FHIR date or date-time. */
  date?: string;
}

export interface BirthOptions {
  now?: Date;
  deceased?: DeceasedInfo;
}

/**
 * `14-Jul-1945 (81y)`. For someone who has died the age is the age at death
 * and says so; with no date of death no age is shown rather than a wrong one.
 */
export function formatDateOfBirth(birthDate: string | undefined, options: BirthOptions = {}): string {
  if (birthDate === undefined || birthDate.trim() === '') return NOT_KNOWN;
  const date = formatDate(birthDate);
  const { now = new Date(), deceased } = options;
  if (deceased) {
    const ageAtDeath = deceased.date ? formatAge(birthDate, deceased.date) : undefined;
    return ageAtDeath ? `${date} (died aged ${ageAtDeath})` : date;
  }
  const age = formatAge(birthDate, now);
  return age ? `${date} (${age})` : date;
}

/** `Born 14-Jul-1945 (81y)`. */
export function formatBorn(birthDate: string | undefined, options: BirthOptions = {}): string {
  return `Born ${formatDateOfBirth(birthDate, options)}`;
}

/** `Died 03-Feb-2025`, or `Died, date Not Known`. */
export function formatDied(deceased: DeceasedInfo): string {
  return deceased.date ? `Died ${formatDate(deceased.date)}` : `Died, date ${NOT_KNOWN}`;
}
