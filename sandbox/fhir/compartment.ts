// Patient compartment enforcement: which patients a set of resources is about,
// found by walking every reference in them, so that nothing about another
// patient is released whatever search produced it.
import type { Resource } from '@medplum/fhirtypes';
import { NHS_NUMBER_SYSTEM } from '../config';

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
