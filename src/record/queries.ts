// What each section needs from every source, as data for the fetching layer:
// the resource type it arrives as, and the search to run. The alerts'
// queries come first because they are fetched and built first.

export type SectionName = 'patient' | 'advanceDecisions' | 'flags' | 'allergies' | 'medications' | 'problems';

export interface ResourceQuery {
  /** The `QueryResult.resourceType` its answer is reported under. */
  resourceType: string;
  /** Search relative to the source's FHIR base; `{patient}` is the patient's id at that source. */
  query: string;
}

const PATIENT: ResourceQuery = { resourceType: 'Patient', query: 'Patient?_id={patient}&_include=Patient:general-practitioner' };
const CONSENT: ResourceQuery = { resourceType: 'Consent', query: 'Consent?patient={patient}' };
const FLAG: ResourceQuery = { resourceType: 'Flag', query: 'Flag?patient={patient}' };
const CONDITION: ResourceQuery = { resourceType: 'Condition', query: 'Condition?patient={patient}' };
const ALLERGY: ResourceQuery = { resourceType: 'AllergyIntolerance', query: 'AllergyIntolerance?patient={patient}' };
const MEDICATION: ResourceQuery = {
  resourceType: 'MedicationRequest',
  query: 'MedicationRequest?patient={patient}&_include=MedicationRequest:medication',
};

/** Per section, in build order. Advance decisions wait for Conditions too: a DNACPR may be coded there. */
export const SECTION_QUERIES: readonly { readonly section: SectionName; readonly queries: readonly ResourceQuery[] }[] = Object.freeze([
  { section: 'patient', queries: [PATIENT] },
  { section: 'advanceDecisions', queries: [CONSENT, FLAG, CONDITION] },
  { section: 'flags', queries: [FLAG] },
  { section: 'allergies', queries: [ALLERGY] },
  { section: 'medications', queries: [MEDICATION] },
  { section: 'problems', queries: [CONDITION] },
]);

/** Every query once, in the order to start them. One answer per query feeds every section that needs it. */
export const RESOURCE_QUERIES: readonly ResourceQuery[] = Object.freeze(
  SECTION_QUERIES.flatMap((s) => s.queries).filter((q, i, all) => all.findIndex((o) => o.resourceType === q.resourceType) === i),
);

export function sectionResourceTypes(section: SectionName): string[] {
  return (SECTION_QUERIES.find((s) => s.section === section)?.queries ?? []).map((q) => q.resourceType);
}

/** The query with the patient's id filled in (URL-encoded). */
export function queryFor(query: ResourceQuery, patientId: string): string {
  return query.query.replaceAll('{patient}', encodeURIComponent(patientId));
}
