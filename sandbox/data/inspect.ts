// Reading the seed back at the bundle level (no server): find a source's
// patient by identifier and the resources that are about that patient. Used
// by the tests; handy for host simulators that need the scenario data offline.
import type { BundleEntry, Patient, Resource } from '@medplum/fhirtypes';
import { NHS_NUMBER_SYSTEM, type SourceName } from '../config';
import type { Seed } from './seed';

export function entriesOf(seed: Seed, source: SourceName): BundleEntry[] {
  return seed[source].flatMap((b) => b.entry ?? []);
}

/** Every resource of a source once (shared entries repeat across bundles; keep the first). */
export function resourcesOf(seed: Seed, source: SourceName): Resource[] {
  const seen = new Set<string>();
  const out: Resource[] = [];
  for (const entry of entriesOf(seed, source)) {
    if (!entry.fullUrl || seen.has(entry.fullUrl) || !entry.resource) continue;
    seen.add(entry.fullUrl);
    out.push(entry.resource);
  }
  return out;
}

export interface PatientAt {
  fullUrl: string;
  patient: Patient;
}

/** Patients of a source with this identifier value (NHS number or local number). */
export function patientsWith(seed: Seed, source: SourceName, value: string): PatientAt[] {
  const found = new Map<string, Patient>();
  for (const entry of entriesOf(seed, source)) {
    const r = entry.resource;
    if (r?.resourceType === 'Patient' && entry.fullUrl && r.identifier?.some((i) => i.value === value)) found.set(entry.fullUrl, r);
  }
  return [...found].map(([fullUrl, patient]) => ({ fullUrl, patient }));
}

export function nhsNumberOf(patient: Patient): string | undefined {
  return patient.identifier?.find((i) => i.system === NHS_NUMBER_SYSTEM)?.value;
}

/** Resources of a source that point at the patient (subject, patient, or any other reference to it), deduplicated. */
export function about<T extends Resource['resourceType']>(
  seed: Seed,
  source: SourceName,
  patientFullUrl: string,
  type?: T,
): Extract<Resource, { resourceType: T }>[] {
  const seen = new Set<string>();
  const out: Resource[] = [];
  const needle = `"${patientFullUrl}"`;
  for (const entry of entriesOf(seed, source)) {
    const r = entry.resource;
    if (!r || !entry.fullUrl || seen.has(entry.fullUrl) || (type && r.resourceType !== type) || r.resourceType === 'Patient') continue;
    if (JSON.stringify(r).includes(needle)) {
      seen.add(entry.fullUrl);
      out.push(r);
    }
  }
  return out as Extract<Resource, { resourceType: T }>[];
}

/** The text of an inline attachment. */
export function attachmentText(data: string | undefined): string {
  return data ? Buffer.from(data, 'base64').toString('utf8') : '';
}
