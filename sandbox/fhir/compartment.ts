// Patient compartment enforcement: which patients a set of resources is about,
// found by walking every reference in them, so that nothing about another
// patient is released whatever search produced it; and the checks that refuse
// a read or search reaching beyond the token's patient.
import type { SearchRequest } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { NHS_NUMBER_SYSTEM, type SourceName } from '../config';
import type { AccessGrant } from '../auth/grant';
import { DIRECTORY_TYPES } from './access';
import { FhirError } from './http';

/** Types that hold no one's record (the directory, and medicines as products): read and searched without a patient. */
export const UNPINNED_TYPES: ReadonlySet<string> = new Set([...DIRECTORY_TYPES, 'Medication']);
/** Search parameters whose value names the patient a search is about. */
const PATIENT_SEARCH_PARAMS = new Set(['patient', 'subject', 'beneficiary']);

/** The patients some resources are about. */
export interface PatientLinks {
  /** Ids of Patients in this source: the Patient resources themselves and every `Patient/{id}` reference. */
  patientIds: Set<string>;
  /** NHS numbers named by identifier-only (logical) references. */
  nhsNumbers: Set<string>;
  /** A reference to a patient this server cannot place (another server, a conditional or unresolved reference). */
  unplaceable: boolean;
}

/** The patients a token may see in this source. */
export interface AllowedPatients {
  ids: ReadonlySet<string>;
  nhsNumber?: string;
}

export function emptyLinks(): PatientLinks {
  return { patientIds: new Set(), nhsNumbers: new Set(), unplaceable: false };
}

/** Adds the patients `resource` is about to `links`; `baseUrl` is this source's base, so its absolute references count as local. */
export function collectPatientLinks(resource: Resource, baseUrl: string, links: PatientLinks): PatientLinks {
  if (resource.resourceType === 'Patient' && resource.id) links.patientIds.add(resource.id);
  walk(resource, `${baseUrl}/`, links);
  return links;
}

/**
 * This source's patients a grant covers: by NHS number, or (without one) only the
 * chosen patient in the source it was chosen in. `idsByNhsNumber` looks in this source.
 */
export async function allowedPatients(
  grant: AccessGrant,
  source: SourceName,
  idsByNhsNumber: (nhsNumber: string) => Promise<string[]>,
): Promise<AllowedPatients> {
  const patient = grant.patient;
  const ids = new Set<string>();
  if (!patient) return { ids };
  const nhsNumber = patient.nhsNumber?.replace(/\s/g, '');
  if (nhsNumber) for (const id of await idsByNhsNumber(nhsNumber)) ids.add(id);
  if (patient.source === source) ids.add(patient.id);
  return { ids, ...(nhsNumber ? { nhsNumber } : {}) };
}

export function isAllowed(links: PatientLinks, allowed: AllowedPatients): boolean {
  if (links.unplaceable) return false;
  for (const id of links.patientIds) if (!allowed.ids.has(id)) return false;
  for (const nhs of links.nhsNumbers) if (nhs !== allowed.nhsNumber) return false;
  return true;
}

const LOCAL_PATIENT = /^Patient\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/;

function walk(node: unknown, basePrefix: string, links: PatientLinks): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, basePrefix, links);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  if (typeof record.reference === 'string') placeReference(record.reference, record.type, basePrefix, links);
  // A Reference.identifier is a single object (a resource's own identifiers are arrays).
  const identifier = record.identifier as { system?: unknown; value?: unknown } | undefined;
  if (identifier && !Array.isArray(identifier) && identifier.system === NHS_NUMBER_SYSTEM && typeof identifier.value === 'string') {
    links.nhsNumbers.add(identifier.value.replace(/\s/g, ''));
  }
  for (const [key, value] of Object.entries(record)) {
    if (key !== 'text' && typeof value === 'object') walk(value, basePrefix, links);
  }
}

function placeReference(reference: string, type: unknown, basePrefix: string, links: PatientLinks): void {
  if (reference.startsWith('#')) return; // a contained resource, walked anyway
  const local = reference.startsWith(basePrefix) ? reference.slice(basePrefix.length) : reference;
  const match = LOCAL_PATIENT.exec(local);
  if (match) {
    links.patientIds.add(match[1] as string);
    return;
  }
  // Patient?identifier=..., http://elsewhere/Patient/1, an unresolved urn:uuid typed Patient
  if (/(^|\/)Patient[/?]/.test(local) || (type === 'Patient' && !local.includes('/'))) links.unplaceable = true;
}

/**
 * The one answer for another patient's data, a patient that does not exist and
 * a search not pinned to the token's patient: the same status and words, so
 * that no answer says whether someone else's record exists.
 */
export function notYours(
  diagnostics = "Not available with this token: it is for another patient, or no such record exists for the token's patient",
): FhirError {
  return FhirError.of(403, 'forbidden', diagnostics);
}

/** Refuses the whole answer if any resource is about a patient the token is not for: nothing is filtered silently. */
export function requireCompartment(links: PatientLinks, allowed: AllowedPatients): void {
  if (!isAllowed(links, allowed)) throw notYours();
}

/**
 * Refuses a search that names another patient (`patient=`, `subject=`, a Patient `_id`) even when
 * it would find nothing: an empty answer would still say something about that patient.
 */
export function requireSearchedPatients(resourceType: string, filters: SearchRequest['filters'], allowed: AllowedPatients): void {
  const named = (filters ?? [])
    .filter((f) => PATIENT_SEARCH_PARAMS.has(f.code) || (resourceType === 'Patient' && f.code === '_id'))
    .flatMap((f) => f.value.split(','))
    .map((value) => value.replace(/^.*\bPatient\//, ''))
    .filter((id) => id && !id.includes('/'));
  if (named.some((id) => !allowed.ids.has(id))) throw notYours();
  if (named.length > 0 || UNPINNED_TYPES.has(resourceType)) return;
  // A Patient found by the token's own NHS number is pinned too (the viewer's search at the other sources).
  const identifiers = (filters ?? []).filter((f) => f.code === 'identifier');
  const byNhsNumber =
    resourceType === 'Patient' &&
    allowed.nhsNumber !== undefined &&
    identifiers.length > 0 &&
    identifiers.every((f) => f.value === `${NHS_NUMBER_SYSTEM}|${allowed.nhsNumber}`);
  // Anything else would be run over every patient's data and answer "found" or "not found" about them.
  if (!byNhsNumber)
    throw notYours("Searches of record data must name the token's patient (patient=, subject=, or a Patient by _id or NHS number)");
}
