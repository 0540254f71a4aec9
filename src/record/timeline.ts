// The timeline: every contact with every source in one chronological list.
// Encounters (A&E, admissions, outpatients, home visits), appointments,
// referrals, documents and letters, social care events and procedures. Entered-in-error
// is left out; cancelled and did-not-attend stay visible as such. Dated after
// "now" is upcoming and kept apart; partial dates sort at the start of their
// period, after the precise dates that share that start.
//
// Each kind of record is read in timeline-entries.ts; the kinds and their
// names are in timeline-kinds.ts, the filters in timeline-filters.ts.

import { toInstant } from '../format/dates';
import { buildEach, type BuildContext, type SourceInput } from './build';
import { indexResources } from './fhir';
import { documentsOf } from './documents';
import type { TimelineEntry } from './model';
import { proceduresOf } from './procedures';
import {
  fromAppointment,
  fromCarePlan,
  fromDocument,
  fromEncounter,
  fromEpisode,
  fromProcedure,
  fromServiceRequest,
} from './timeline-entries';

// ---------------------------------------------------------------- ordering

interface Placed {
  entry: TimelineEntry;
  /** Start of the (possibly partial) date, ms; undefined when there is no usable date. */
  time: number | undefined;
  /** 0 year, 1 month, 2 day, 3 time: the more precise of two equal starts is the later. */
  precision: number;
}

function precisionOf(date: string): number {
  const length = date.trim().length;
  return length <= 4 ? 0 : length <= 7 ? 1 : length <= 10 ? 2 : 3;
}

function place(entry: TimelineEntry): Placed {
  const time = entry.date === undefined ? undefined : toInstant(entry.date)?.getTime();
  return { entry, time, precision: time === undefined || entry.date === undefined ? 0 : precisionOf(entry.date) };
}

const byKey = (a: Placed, b: Placed): number => (a.entry.key < b.entry.key ? -1 : a.entry.key > b.entry.key ? 1 : 0);
const newestFirst = (a: Placed, b: Placed): number => (b.time as number) - (a.time as number) || b.precision - a.precision || byKey(a, b);
const soonestFirst = (a: Placed, b: Placed): number => (a.time as number) - (b.time as number) || a.precision - b.precision || byKey(a, b);

/** Every source's contacts, in one list: upcoming (soonest first), then past (newest first), then undated. */
export function buildTimeline(inputs: SourceInput[], context: BuildContext): TimelineEntry[] {
  const entries = inputs.flatMap((input) => {
    const index = indexResources(input.resources);
    const { source } = input;
    return [
      ...buildEach(input, 'Encounter', context, (r) => fromEncounter(r, source, index)),
      ...buildEach(input, 'Appointment', context, (r) => fromAppointment(r, source, index)),
      ...buildEach(input, 'ServiceRequest', context, (r) => fromServiceRequest(r, source, index)),
      ...documentsOf(input, context).map(fromDocument),
      ...buildEach(input, 'EpisodeOfCare', context, (r) => fromEpisode(r, source, index)),
      ...buildEach(input, 'CarePlan', context, (r) => fromCarePlan(r, source, index)),
      ...proceduresOf(input, context).map(fromProcedure),
    ];
  });
  const now = context.now.getTime();
  const upcoming: Placed[] = [];
  const past: Placed[] = [];
  const undated: Placed[] = [];
  for (const placed of entries.map(place)) {
    if (placed.time === undefined) undated.push(placed);
    else if (placed.time > now) upcoming.push({ ...placed, entry: { ...placed.entry, upcoming: true } });
    else past.push(placed);
  }
  return [...upcoming.sort(soonestFirst), ...past.sort(newestFirst), ...undated.sort(byKey)].map((p) => p.entry);
}
