// The shape of a conformance case for the coded sections (allergies, problems,
// results, immunisations, procedures, patient): resources as a profile shapes
// them, written by this project from the published profile, and what the
// section's builder must give for the view, field by field.

import type { Resource } from '@medplum/fhirtypes';

/** What a case expects of an item: any of its fields, at any depth (arrays matched whole, each element partly). */
export type DeepPartial<T> = T extends (infer E)[] ? DeepPartial<E>[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

export type Profile = 'UK Core R4' | 'GP Connect' | 'IPS' | 'US Core (Synthea)';

export interface CodedCase<T> {
  /** What the case shows, in a clinician's words. */
  name: string;
  /** Whose published shape it follows. */
  profile: Profile;
  /** One source's resources, as that source sends them. */
  resources: Resource[];
  /** What the builder must give, in order (each item matched on the fields given). */
  expected: DeepPartial<T>[];
  /** Statuses the allergy builder must report for the source, where the case is about them. */
  statuses?: string[];
}

export const SNOMED = 'http://snomed.info/sct';
export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';
export const SUBJECT = { reference: 'Patient/p1' };
export const IPS_ABSENT = 'http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips';
export const DEGRADED_DRUG_ALLERGY = { system: SNOMED, code: '196461000000101', display: 'Transfer-degraded drug allergy' };
export const DEGRADED_NON_DRUG_ALLERGY = { system: SNOMED, code: '196471000000108', display: 'Transfer-degraded non-drug allergy' };
export const DEGRADED_RECORD_ENTRY = { system: SNOMED, code: '196411000000103', display: 'Transfer-degraded record entry' };

export const clinical = (system: 'allergyintolerance-clinical' | 'condition-clinical', code: string) => ({
  coding: [{ system: `http://terminology.hl7.org/CodeSystem/${system}`, code }],
});
export const verification = (system: 'allergyintolerance-verification' | 'condition-ver-status', code: string) => ({
  coding: [{ system: `http://terminology.hl7.org/CodeSystem/${system}`, code }],
});
