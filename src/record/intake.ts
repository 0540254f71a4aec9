// What a source's query results may contribute, before any builder sees them:
// only well-formed resources, and only those about the patient this source
// matched. Everything left out is counted so the section can say so.

import type { Resource } from '@medplum/fhirtypes';
import { referenceKey } from './fhir';
import type { QueryResult, SourceProblem, SourceRef } from './model';
import { isWellFormed } from './validate';
import { lookup } from '../format/lookup';

/** Where each patient-bound resource type names its patient (required for these types). */
const PATIENT_FIELD: Record<string, 'patient' | 'subject'> = {
  AllergyIntolerance: 'patient',
  Consent: 'patient',
  Condition: 'subject',
  Flag: 'subject',
  MedicationRequest: 'subject',
  MedicationStatement: 'subject',
  MedicationDispense: 'subject',
  MedicationAdministration: 'subject',
  Observation: 'subject',
  Encounter: 'subject',
  CarePlan: 'subject',
  CareTeam: 'subject',
  DocumentReference: 'subject',
  DiagnosticReport: 'subject',
  Immunization: 'patient',
  RelatedPerson: 'patient',
  ServiceRequest: 'subject',
  EpisodeOfCare: 'patient',
  Composition: 'subject',
};

/** One query's answer after checking. */
export interface CheckedResult {
  result: QueryResult;
  resources: Resource[];
  /** Malformed: missing required parts or wrong types. */
  malformed: number;
  /** About someone other than the accepted patient(s), or about no one. */
  otherPatient: number;
  /** How many of the asked-for type arrived (for "showing N of M"). */
  matches: number;
}

/** The ids of the Patients among an Appointment's participants (none when its shape is wrong). */
function appointmentPatients(resource: Resource): string[] {
  const participants = (resource as unknown as { participant?: unknown }).participant;
  if (!Array.isArray(participants)) return [];
  return participants.flatMap((p: { actor?: { reference?: string } } | null) => {
    const key = referenceKey(p?.actor);
    return key?.startsWith('Patient/') ? [key.slice('Patient/'.length)] : [];
  });
}

function patientReferenceOf(resource: Resource): unknown {
  const record = resource as unknown as Record<string, unknown>;
  const field = lookup(PATIENT_FIELD, resource.resourceType);
  if (field) return record[field] ?? null;
  return record.subject ?? record.patient;
}

/**
 * True when the resource is about one of the accepted patients, or is not
 * patient-bound (Medication, Organization). A patient-bound resource with no
 * patient reference, or a reference to anyone else, is not for this record.
 */
export function isForAcceptedPatient(resource: Resource, acceptedIds: ReadonlySet<string>): boolean {
  if (resource.resourceType === 'Patient') return acceptedIds.has(resource.id ?? '');
  // An Appointment names its patient among its participants; it must name an accepted one.
  if (resource.resourceType === 'Appointment') return appointmentPatients(resource).some((id) => acceptedIds.has(id));
  const reference = patientReferenceOf(resource);
  if (reference === undefined) return true;
  const key = referenceKey(reference as { reference?: string });
  return key !== undefined && key.startsWith('Patient/') && acceptedIds.has(key.slice('Patient/'.length));
}

export function checkResult(result: QueryResult, acceptedIds: ReadonlySet<string>): CheckedResult {
  const checked: CheckedResult = { result, resources: [], malformed: 0, otherPatient: 0, matches: 0 };
  if (result.outcome.kind !== 'loaded') return checked;
  const received: unknown[] = Array.isArray(result.outcome.resources) ? result.outcome.resources : [];
  for (const resource of received) {
    if (!isWellFormed(resource)) checked.malformed += 1;
    else if (!isForAcceptedPatient(resource, acceptedIds)) checked.otherPatient += 1;
    else checked.resources.push(resource);
    if ((resource as Resource | null)?.resourceType === result.resourceType) checked.matches += 1;
  }
  return checked;
}

/** The ids of the Patients this source matched (the fetching layer passes only accepted ones). */
export function acceptedPatientIds(patientResult: QueryResult | undefined): Set<string> {
  if (patientResult?.outcome.kind !== 'loaded' || !Array.isArray(patientResult.outcome.resources)) return new Set();
  return new Set(patientResult.outcome.resources.filter((r) => isWellFormed(r) && r.resourceType === 'Patient').map((r) => r.id as string));
}

/**
 * Why nothing from this source can be used yet or at all, judged from its
 * Patient answer: still loading, the fetching layer's problem (e.g. identity
 * mismatch), or no usable Patient. Undefined when the source may be used.
 */
export function patientGate(source: SourceRef, patientResult: QueryResult | undefined, now: Date): 'loading' | SourceProblem | undefined {
  if (!patientResult) return 'loading';
  if (patientResult.outcome.kind === 'problem') return patientResult.outcome.problem;
  if (acceptedPatientIds(patientResult).size > 0) return undefined;
  const received = Array.isArray(patientResult.outcome.resources) ? patientResult.outcome.resources : [];
  // Patients arrived but none could be used (or something unidentifiable did): unreadable, not absent.
  const unreadable = received.some((r) => {
    const type = (r as Resource | null)?.resourceType;
    return type === 'Patient' || typeof type !== 'string';
  });
  return unreadable
    ? { source, kind: 'failed', reason: `The patient record from ${source.organisation} could not be read`, at: now.toISOString() }
    : { source, kind: 'not-held', reason: `${source.organisation} holds no record for this patient`, at: now.toISOString() };
}
