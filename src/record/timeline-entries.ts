// One timeline entry from each kind of record a source sends: encounters,
// appointments, referrals, documents, social care cases and plans, and
// procedures. Each reader gives the entry's kind, title, where, who and status,
// or nothing when the record is not a contact (entered in error, a test order,
// a care plan that is not social care).

import type {
  Appointment,
  CarePlan,
  CodeableConcept,
  Encounter,
  EpisodeOfCare,
  Reference,
  Resource,
  ServiceRequest,
} from '@medplum/fhirtypes';
import { lookup } from '../format/lookup';
import { codingsOf, conceptText, hasCode, keyOf, provenanceOf, referenceKey, referenceName, SNOMED, type ResourceIndex } from './fhir';
import type { DocumentItem, SourceRef, TimelineEntry, TimelineKind } from './model';
import type { ProcedureItem } from './procedures';
import { TIMELINE_KIND_LABELS } from './timeline-kinds';

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
  return (
    distinctNames(
      shown.map((l) => l.location),
      index,
    ) ?? referenceName(encounter.serviceProvider, index)
  );
}

export function fromEncounter(encounter: Encounter, source: SourceRef, index: ResourceIndex): TimelineEntry | undefined {
  if (encounter.status === 'entered-in-error') return undefined;
  const kind = encounterKind(encounter);
  const reason = firstText(encounter.reasonCode);
  const type = firstText(encounter.type);
  const who = distinctNames(
    (encounter.participant ?? []).map((p) => p.individual),
    index,
  );
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

export function fromAppointment(appointment: Appointment, source: SourceRef, index: ResourceIndex): TimelineEntry | undefined {
  if (appointment.status === 'entered-in-error') return undefined;
  const actors = (appointment.participant ?? []).map((p) => p.actor);
  const service = firstText(appointment.serviceType) ?? conceptText(appointment.appointmentType);
  const description = trimmed(appointment.description);
  const date = trimmed(appointment.start);
  const who = distinctNames(
    actors.filter((a) => PERSON_TYPES.has(referenceType(a) ?? '')),
    index,
  );
  return {
    key: entryKey(source, appointment),
    kind: 'appointment',
    title: description ?? service ?? firstText(appointment.reasonCode) ?? TIMELINE_KIND_LABELS.appointment,
    description: description ? service : undefined,
    date,
    end: trimmed(appointment.end),
    where: distinctNames(
      actors.filter((a) => referenceType(a) === 'Location'),
      index,
    ),
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

export function fromServiceRequest(request: ServiceRequest, source: SourceRef, index: ResourceIndex): TimelineEntry | undefined {
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

export function fromDocument(doc: DocumentItem): TimelineEntry {
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

export function fromEpisode(episode: EpisodeOfCare, source: SourceRef, index: ResourceIndex): TimelineEntry | undefined {
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
export function fromCarePlan(plan: CarePlan, source: SourceRef, index: ResourceIndex): TimelineEntry | undefined {
  if (plan.status === 'entered-in-error' || !isSocialCare(conceptTexts(plan.category))) return undefined;
  const date = trimmed(plan.period?.start) ?? trimmed(plan.created);
  const who = referenceName(plan.author, index);
  const what = trimmed(plan.title) ?? firstText(plan.category) ?? 'Care plan';
  const where = distinctNames(
    (plan.activity ?? []).flatMap((a) => [a.detail?.location, ...(a.detail?.performer ?? [])]),
    index,
  );
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

export function fromProcedure(item: ProcedureItem): TimelineEntry {
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
