// Placing a medicine line in time: current, recently stopped or older, from
// the record's own dates only (never meta.lastUpdated).

import { subMonths } from 'date-fns';
import { toInstant } from '../format/dates';
import { newest } from './medication-record-parts';
import type { MedicationLine } from './model';

/** Stopped, supplied or given within this many months is "recent"; before it, counted as older. */
export const RECENT_MONTHS = 6;
export const CURRENT_STATUSES: ReadonlySet<MedicationLine['status']> = new Set(['active', 'on-hold', 'intended', 'unknown']);

export type Recency = 'current' | 'recent' | 'older';

function cutoff(now: Date): number {
  return subMonths(now, RECENT_MONTHS).getTime();
}

/**
 * Current, recently stopped or older, from the record's own dates only. A
 * stopped line without a date is recent when anything about it (started,
 * issued, supplied, given) falls in the recent window, else older.
 */
export function recencyOfPrescribed(line: MedicationLine, end: string | undefined, now: Date): { recency: Recency; stopped?: string } {
  const endAt = toInstant(end)?.getTime();
  if (CURRENT_STATUSES.has(line.status)) return { recency: 'current' };
  // A course completed on a day still to come is still being taken; a line stopped before its planned end has no stop date.
  if (endAt !== undefined && endAt > now.getTime()) {
    return line.status === 'completed' ? { recency: 'current', stopped: end } : { recency: recentByActivity(line, now) };
  }
  if (endAt !== undefined) return { recency: endAt >= cutoff(now) ? 'recent' : 'older', stopped: end };
  return { recency: recentByActivity(line, now) };
}

function recentByActivity(line: MedicationLine, now: Date): Recency {
  const last = toInstant(newest([line.started, line.lastIssued, line.lastDispensed, line.lastGiven?.at]))?.getTime();
  return last !== undefined && last >= cutoff(now) ? 'recent' : 'older';
}

/** A supply or a dose standing alone: current while it lasts, then recent for six months. Undated ones are kept (recent). */
export function recencyOfEvent(at: string | undefined, lastsUntil: Date | undefined, status: MedicationLine['status'], now: Date): Recency {
  if (status === 'active' || status === 'on-hold') return 'current';
  const when = toInstant(at);
  if (!when) return 'recent';
  if (lastsUntil && lastsUntil.getTime() >= now.getTime()) return 'current';
  return when.getTime() >= cutoff(now) ? 'recent' : 'older';
}
