// The timeline: every contact with every source in one chronological list.
// Encounters (A&E, admissions, outpatients, home visits), appointments,
// referrals, documents and letters, social care events and procedures. Entered-in-error
// is left out; cancelled and did-not-attend stay visible as such. Dated after
// "now" is upcoming and kept apart; partial dates sort at the start of their
// period, after the precise dates that share that start.

import type { Appointment, CarePlan, CodeableConcept, Encounter, EpisodeOfCare, Reference, Resource, ServiceRequest } from '@medplum/fhirtypes';
import { parseFhirDate, toInstant } from '../format/dates';
import { lookup } from '../format/lookup';
import { buildEach, type BuildContext, type SourceInput } from './build';
import { codingsOf, conceptText, hasCode, indexResources, keyOf, provenanceOf, referenceKey, referenceName, SNOMED, type ResourceIndex } from './fhir';
import { documentsOf } from './documents';
import type { DocumentItem, SourceRef, TimelineEntry, TimelineKind } from './model';
import { proceduresOf, type ProcedureItem } from './procedures';

/** Every kind, in the order filters list them. */
export const TIMELINE_KINDS: readonly TimelineKind[] = Object.freeze([
  'ae',
  'admission',
  'outpatient',
  'home-visit',
  'remote',
  'contact',
  'appointment',
  'referral',
  'document',
  'social-care',
  'episode',
  'procedure',
]);

/** What each kind is called on screen (never colour alone). */
export const TIMELINE_KIND_LABELS: Readonly<Record<TimelineKind, string>> = Object.freeze({
  ae: 'A&E attendance',
  admission: 'Hospital admission',
  outpatient: 'Outpatient or clinic',
  'home-visit': 'Home visit',
  remote: 'Remote consultation',
  contact: 'Other contact',
  appointment: 'Appointment',
  referral: 'Referral',
  document: 'Document or letter',
  'social-care': 'Social care',
  episode: 'Episode of care',
  procedure: 'Procedure',
});

// ---------------------------------------------------------------- helpers

type Status = Pick<TimelineEntry, 'status' | 'state'>;

function trimmed(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function firstText(concepts: CodeableConcept[] | undefined): string | undefined {
  return (concepts ?? []).map((c) => conceptText(c)).find(Boolean);
}

function distinctNames(references: (Reference | undefined)[], index: ResourceIndex): string | undefined {
  const names = references.map((r) => referenceName(r, index)).filter((n): n is string => n !== undefined);
  return names.length ? [...new Set(names)].join(', ') : undefined;
}

/** The resource type a reference points at: its `type`, else read from the literal reference. */
function referenceType(reference: Reference | undefined): string | undefined {
  return trimmed(reference?.type) ?? referenceKey(reference)?.split('/')[0];
}

function entryKey(source: SourceRef, resource: Resource): string {
  return `${source.name}:${keyOf(resource)}`;
}

// ---------------------------------------------------------------- encounters

const CLASS_KIND: Record<string, TimelineKind> = {
  EMER: 'ae',
  IMP: 'admission',
  ACUTE: 'admission',
  NONAC: 'admission',
  SS: 'admission',
  OBSENC: 'admission',
  AMB: 'outpatient',
  HH: 'home-visit',
  VR: 'remote',
};

/** Encounter types (SNOMED) that say the kind when the class does not. */
const TYPE_KIND: [string, TimelineKind][] = [
  ['4525004', 'ae'],
  ['32485007', 'admission'],
  ['439708006', 'home-visit'],
];

function encounterKind(encounter: Encounter): TimelineKind {
  const byClass = lookup(CLASS_KIND, trimmed(encounter.class?.code)?.toUpperCase());
  if (byClass) return byClass;
  const byType = TYPE_KIND.find(([code]) => (encounter.type ?? []).some((t) => hasCode(t, SNOMED, code)));
  return byType?.[1] ?? 'contact';
}

const ENCOUNTER_STATUS: Record<string, Status> = {
  planned: { status: 'Planned', state: 'planned' },
  arrived: { status: 'Arrived', state: 'in-progress' },
  triaged: { status: 'Triaged', state: 'in-progress' },
  'in-progress': { status: 'In progress', state: 'in-progress' },
  onleave: { status: 'On leave', state: 'in-progress' },
  finished: { status: 'Finished', state: 'completed' },
  cancelled: { status: 'Cancelled', state: 'cancelled' },
};

function encounterStatus(encounter: Encounter, kind: TimelineKind): Status {
  const status = lookup(ENCOUNTER_STATUS, encounter.status) ?? { status: 'Not Known', state: 'unknown' };
  if (kind === 'admission' && status.state === 'completed') return { status: 'Discharged', state: 'completed' };
  if (kind === 'admission' && encounter.status === 'in-progress') return { status: 'Currently admitted', state: 'in-progress' };
  return status;
}

/** Ward, bed or department: the active locations while in progress, else every one; else the providing organisation. */
function encounterWhere(encounter: Encounter, index: ResourceIndex): string | undefined {
  const locations = encounter.location ?? [];
  const active = locations.filter((l) => l.status === 'active');
  const shown = encounter.status === 'in-progress' && active.length ? active : locations;
  return distinctNames(shown.map((l) => l.location), index) ?? referenceName(encounter.serviceProvider, index);
}

function fromEncounter(encounter: Encounter, source: SourceRef, index: ResourceIndex): TimelineEntry | undefined {
  if (encounter.status === 'entered-in-error') return undefined;
  const kind = encounterKind(encounter);
  const reason = firstText(encounter.reasonCode);
  const type = firstText(encounter.type);
  const who = distinctNames((encounter.participant ?? []).map((p) => p.individual), index);
  const date = trimmed(encounter.period?.start);
  return {
    key: entryKey(source, encounter),
    kind,
    title: reason ?? type ?? TIMELINE_KIND_LABELS[kind],
    description: reason && type !== reason ? type : undefined,
    date,
    end: trimmed(encounter.period?.end),
    where: encounterWhere(encounter, index),
    who,
    ...encounterStatus(encounter, kind),
    upcoming: false,
    provenance: provenanceOf(source, encounter, { recorded: date, author: who }),
  };
}

// ---------------------------------------------------------------- appointments

const APPOINTMENT_STATUS: Record<string, Status> = {
  proposed: { status: 'Proposed', state: 'planned' },
  pending: { status: 'Pending', state: 'planned' },
  booked: { status: 'Booked', state: 'planned' },
  waitlist: { status: 'On the waiting list', state: 'planned' },
  arrived: { status: 'Arrived', state: 'in-progress' },
  'checked-in': { status: 'Checked in', state: 'in-progress' },
  fulfilled: { status: 'Attended', state: 'completed' },
  cancelled: { status: 'Cancelled', state: 'cancelled' },
  noshow: { status: 'Did not attend', state: 'did-not-attend' },
};

function appointmentStatus(appointment: Appointment): Status {
  const status = lookup(APPOINTMENT_STATUS, appointment.status) ?? { status: 'Not Known', state: 'unknown' };
  const why = conceptText(appointment.cancelationReason);
  return status.state === 'cancelled' && why ? { ...status, status: `Cancelled: ${why}` } : status;
}

const PERSON_TYPES = new Set(['Practitioner', 'PractitionerRole', 'HealthcareService', 'CareTeam', 'RelatedPerson']);

function fromAppointment(appointment: Appointment, source: SourceRef, index: ResourceIndex): TimelineEntry | undefined {
  if (appointment.status === 'entered-in-error') return undefined;
  const actors = (appointment.participant ?? []).map((p) => p.actor);
  const service = firstText(appointment.serviceType) ?? conceptText(appointment.appointmentType);
  const description = trimmed(appointment.description);
  const date = trimmed(appointment.start);
  const who = distinctNames(actors.filter((a) => PERSON_TYPES.has(referenceType(a) ?? '')), index);
  return {
    key: entryKey(source, appointment),
    kind: 'appointment',
    title: description ?? service ?? firstText(appointment.reasonCode) ?? TIMELINE_KIND_LABELS.appointment,
    description: description ? service : undefined,
    date,
    end: trimmed(appointment.end),
    where: distinctNames(actors.filter((a) => referenceType(a) === 'Location'), index),
    who,
    ...appointmentStatus(appointment),
    upcoming: false,
    provenance: provenanceOf(source, appointment, { recorded: trimmed(appointment.created) ?? date, author: who }),
  };
}

// ---------------------------------------------------------------- referrals

const REFERRAL_STATUS: Record<string, Status> = {
  draft: { status: 'Draft', state: 'planned' },
  active: { status: 'Active', state: 'active' },
  'on-hold': { status: 'On hold', state: 'active' },
  revoked: { status: 'Cancelled', state: 'cancelled' },
  completed: { status: 'Completed', state: 'completed' },
};

/** Orders for tests and imaging are requests, not contacts. */
const NOT_REFERRALS = ['108252007', '363679005'];

function fromServiceRequest(request: ServiceRequest, source: SourceRef, index: ResourceIndex): TimelineEntry | undefined {
  if (request.status === 'entered-in-error') return undefined;
  if (NOT_REFERRALS.some((code) => (request.category ?? []).some((c) => hasCode(c, SNOMED, code)))) return undefined;
  const date = trimmed(request.authoredOn) ?? trimmed(request.occurrenceDateTime) ?? trimmed(request.occurrencePeriod?.start);
  const who = referenceName(request.requester, index);
  const title = conceptText(request.code);
  return {
    key: entryKey(source, request),
    kind: 'referral',
    title: title ? `Referral: ${title}` : TIMELINE_KIND_LABELS.referral,
    description: firstText(request.reasonCode),
    date,
    where: distinctNames(request.performer ?? [], index),
    who,
    ...(lookup(REFERRAL_STATUS, request.status) ?? { status: 'Not Known', state: 'unknown' }),
    upcoming: false,
    provenance: provenanceOf(source, request, { recorded: trimmed(request.authoredOn), author: who }),
  };
}

// ---------------------------------------------------------------- documents

function fromDocument(doc: DocumentItem): TimelineEntry {
  return {
    key: doc.key,
    kind: 'document',
    title: doc.title,
    description: doc.type !== doc.title ? doc.type : undefined,
    date: doc.date,
    where: doc.custodian,
    who: doc.author,
    status: doc.status,
    state: doc.superseded ? 'unknown' : 'completed',
    upcoming: false,
    provenance: doc.provenance,
  };
}

// ---------------------------------------------------------------- social care

const SOCIAL_CARE = /social care|social work|child protection|child in need|looked after|safeguarding|care package/i;

const EPISODE_STATUS: Record<string, Status> = {
  planned: { status: 'Planned', state: 'planned' },
  waitlist: { status: 'On the waiting list', state: 'planned' },
  active: { status: 'Open', state: 'active' },
  onhold: { status: 'On hold', state: 'active' },
  finished: { status: 'Closed', state: 'completed' },
  cancelled: { status: 'Cancelled', state: 'cancelled' },
};

function isSocialCare(texts: (string | undefined)[]): boolean {
  return texts.some((t) => t !== undefined && SOCIAL_CARE.test(t));
}

function conceptTexts(concepts: CodeableConcept[] | undefined): string[] {
  return (concepts ?? []).flatMap((c) => [c.text, ...codingsOf(c).map((x) => x.display)]).filter((t): t is string => typeof t === 'string');
}

function fromEpisode(episode: EpisodeOfCare, source: SourceRef, index: ResourceIndex): TimelineEntry | undefined {
  if (episode.status === 'entered-in-error') return undefined;
  const type = firstText(episode.type);
  const organisation = referenceName(episode.managingOrganization, index);
  const kind: TimelineKind = isSocialCare([...conceptTexts(episode.type), organisation]) ? 'social-care' : 'episode';
  const date = trimmed(episode.period?.start);
  const who = referenceName(episode.careManager, index);
  return {
    key: entryKey(source, episode),
    kind,
    title: type ? `Case opened: ${type}` : 'Case opened',
    date,
    end: trimmed(episode.period?.end),
    where: organisation,
    who,
    ...(lookup(EPISODE_STATUS, episode.status) ?? { status: 'Not Known', state: 'unknown' }),
    upcoming: false,
    provenance: provenanceOf(source, episode, { recorded: date, author: who }),
  };
}

const PLAN_STATUS: Record<string, Status> = {
  draft: { status: 'Draft', state: 'planned' },
  active: { status: 'Active', state: 'active' },
  'on-hold': { status: 'On hold', state: 'active' },
  revoked: { status: 'Stopped', state: 'cancelled' },
  completed: { status: 'Ended', state: 'completed' },
};

/** A social care plan (package, child protection plan) starting; other care plans have their own section. */
function fromCarePlan(plan: CarePlan, source: SourceRef, index: ResourceIndex): TimelineEntry | undefined {
  if (plan.status === 'entered-in-error' || !isSocialCare(conceptTexts(plan.category))) return undefined;
  const date = trimmed(plan.period?.start) ?? trimmed(plan.created);
  const who = referenceName(plan.author, index);
  const what = trimmed(plan.title) ?? firstText(plan.category) ?? 'Care plan';
  const where = distinctNames((plan.activity ?? []).flatMap((a) => [a.detail?.location, ...(a.detail?.performer ?? [])]), index);
  return {
    key: entryKey(source, plan),
    kind: 'social-care',
    title: `Started: ${what}`,
    date,
    end: trimmed(plan.period?.end),
    where,
    who,
    ...(lookup(PLAN_STATUS, plan.status) ?? { status: 'Not Known', state: 'unknown' }),
    upcoming: false,
    provenance: provenanceOf(source, plan, { recorded: trimmed(plan.created), author: who }),
  };
}

// ---------------------------------------------------------------- procedures

const PROCEDURE_STATE: Record<ProcedureItem['status'], TimelineEntry['state']> = {
  completed: 'completed',
  'in-progress': 'in-progress',
  'not-done': 'cancelled',
  stopped: 'cancelled',
  'on-hold': 'active',
  preparation: 'planned',
  unknown: 'unknown',
};

function fromProcedure(item: ProcedureItem): TimelineEntry {
  return {
    key: `${item.provenance.source.name}:${item.provenance.resource}`,
    kind: 'procedure',
    title: item.name,
    description: item.reason,
    date: item.date,
    end: item.end,
    where: item.location,
    who: item.performer,
    status: item.statusText,
    state: PROCEDURE_STATE[item.status],
    upcoming: false,
    provenance: item.provenance,
  };
}

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

// ---------------------------------------------------------------- filters

/** What the timeline is narrowed to. Empty lists mean every source or kind. */
export interface TimelineFilters {
  sources: string[];
  kinds: TimelineKind[];
  /** First day shown, `YYYY-MM-DD` (UK calendar). */
  from?: string;
  /** Last day shown, `YYYY-MM-DD`. */
  to?: string;
}

/** The query-string parameters that carry the filters, so a view can be shared. */
export const TIMELINE_PARAMS = Object.freeze({ source: 'tl-source', kind: 'tl-kind', from: 'tl-from', to: 'tl-to' });

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isDay(value: string | null | undefined): value is string {
  return typeof value === 'string' && DAY.test(value) && parseFhirDate(value) !== undefined;
}

/** Repeated (`tl-kind=ae&tl-kind=admission`) or comma-separated values. */
function listParam(params: URLSearchParams, name: string): string[] {
  return [...new Set(params.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean))];
}

/** Filters from a query string; unknown kinds and malformed dates are ignored. */
export function readTimelineFilters(search: string | URLSearchParams): TimelineFilters {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const kinds = listParam(params, TIMELINE_PARAMS.kind).filter((k): k is TimelineKind => (TIMELINE_KINDS as string[]).includes(k));
  const from = params.get(TIMELINE_PARAMS.from);
  const to = params.get(TIMELINE_PARAMS.to);
  return {
    sources: listParam(params, TIMELINE_PARAMS.source),
    kinds,
    ...(isDay(from) ? { from } : {}),
    ...(isDay(to) ? { to } : {}),
  };
}

/** A copy of `params` with the timeline's parameters set to `filters` (others kept as they were). */
export function writeTimelineFilters(params: URLSearchParams, filters: TimelineFilters): URLSearchParams {
  const out = new URLSearchParams(params);
  for (const name of Object.values(TIMELINE_PARAMS)) out.delete(name);
  for (const source of filters.sources) out.append(TIMELINE_PARAMS.source, source);
  for (const kind of filters.kinds) out.append(TIMELINE_PARAMS.kind, kind);
  if (filters.from) out.set(TIMELINE_PARAMS.from, filters.from);
  if (filters.to) out.set(TIMELINE_PARAMS.to, filters.to);
  return out;
}

export function hasTimelineFilters(filters: TimelineFilters): boolean {
  return filters.sources.length > 0 || filters.kinds.length > 0 || Boolean(filters.from) || Boolean(filters.to);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

const WITH_OFFSET = /T.*(?:Z|[+-]\d{2}:\d{2})$/;

/** First and last UK calendar day a (possibly partial) date covers, as `YYYY-MM-DD`. */
function daysCovered(value: string | undefined): [string, string] | undefined {
  // UK time is UTC or UTC+1: before 23:00 UTC the UK day is the UTC day, with no time-zone arithmetic.
  if (value !== undefined && WITH_OFFSET.test(value)) {
    const instant = toInstant(value);
    if (instant && instant.getUTCHours() < 23) {
      const day = instant.toISOString().slice(0, 10);
      return [day, day];
    }
  }
  const parts = parseFhirDate(value);
  if (!parts) return undefined;
  const year = String(parts.year).padStart(4, '0');
  if (parts.month === undefined) return [`${year}-01-01`, `${year}-12-31`];
  const month = `${year}-${pad2(parts.month)}`;
  if (parts.day === undefined) return [`${month}-01`, `${month}-${pad2(new Date(Date.UTC(parts.year, parts.month, 0)).getUTCDate())}`];
  const day = `${month}-${pad2(parts.day)}`;
  return [day, day];
}

/** Entries' days, computed once per entry object (formatting instants in UK time is not free). */
const spans = new WeakMap<TimelineEntry, [string, string] | null>();

function spanOf(entry: TimelineEntry): [string, string] | undefined {
  let span = spans.get(entry);
  if (span === undefined) {
    const start = daysCovered(entry.date);
    const end = daysCovered(entry.end);
    span = start ? [start[0], end && end[1] > start[1] ? end[1] : start[1]] : null;
    spans.set(entry, span);
  }
  return span ?? undefined;
}

/**
 * The entries the filters let through, order kept. A date range keeps every
 * entry whose days overlap it (a year-only date overlaps any range in that
 * year; an admission overlaps from admission to discharge); undated entries
 * are shown only when no date range is set.
 */
export function filterTimeline(entries: readonly TimelineEntry[], filters: TimelineFilters): TimelineEntry[] {
  const sources = filters.sources.length ? new Set(filters.sources) : undefined;
  const kinds = filters.kinds.length ? new Set<string>(filters.kinds) : undefined;
  const { from, to } = filters;
  return entries.filter((entry) => {
    if (sources && !sources.has(entry.provenance.source.name)) return false;
    if (kinds && !kinds.has(entry.kind)) return false;
    if (!from && !to) return true;
    const span = spanOf(entry);
    return span !== undefined && (!from || span[1] >= from) && (!to || span[0] <= to);
  });
}
