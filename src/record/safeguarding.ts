// A pattern a list hides: a child with a safeguarding flag who has come to
// A&E again and again. Summed up in the flag's alert, with the dates and
// reasons, so it is seen where the flag is.

import { formatDate, toInstant } from '../format/dates';
import { formatAge } from '../format/age';
import type { FlagAlert, TimelineEntry } from './model';
import { recentActivity } from './recent';

export interface AttendancePattern {
  count: number;
  /** "3 A&E attendances in the last 8 weeks (20-Nov-2026 Head injury; …)". */
  text: string;
}

const isChild = (birthDate: string | undefined, now: Date): boolean => {
  const age = formatAge(birthDate, now);
  // formatAge gives days, weeks and months only under two: anything but "Ny" with N ≥ 18 is a child.
  return age !== undefined && (!age.endsWith('y') || Number(age.slice(0, -1)) < 18);
};

/** Two or more A&E attendances in the last 90 days of a child under a safeguarding flag; undefined otherwise. */
export function repeatedAttendances(
  flag: FlagAlert,
  timeline: readonly TimelineEntry[],
  birthDate: string | undefined,
  now: Date,
): AttendancePattern | undefined {
  if (flag.category !== 'safeguarding' || !isChild(birthDate, now)) return undefined;
  const attendances = recentActivity(timeline, now).attendances;
  if (attendances.length < 2) return undefined;
  const oldest = toInstant(attendances[attendances.length - 1]!.date)!.getTime();
  const weeks = Math.max(1, Math.ceil((now.getTime() - oldest) / (7 * 86_400_000)));
  const each = attendances.map((e) => `${formatDate(e.date)} ${e.title}`).join('; ');
  return {
    count: attendances.length,
    text: `${attendances.length} A&E attendances in the last ${weeks} week${weeks === 1 ? '' : 's'} (${each})`,
  };
}
