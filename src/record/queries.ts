// What each section needs from every source, as data for the fetching layer:
// the resource type it arrives as, and the search to run. The alerts'
// queries come first because they are fetched and built first.

export type SectionName = 'patient' | 'advanceDecisions' | 'flags' | 'allergies' | 'medications' | 'problems' | 'procedures' | 'results' | 'immunisations' | 'timeline' | 'documents'
  | 'carePlans' | 'careTeam' | 'relatedPersons' | 'location' | 'socialCare' | 'mentalHealth';

export interface ResourceQuery {
  /** The `QueryResult.resourceType` its answer is reported under. */
  resourceType: string;
  /** Search relative to the source's FHIR base; `{patient}` is the patient's id at that source. */
  query: string;
}

const PATIENT: ResourceQuery = { resourceType: 'Patient', query: 'Patient?_id={patient}&_include=Patient:general-practitioner' };
// Pages of up to 1,000 (the sandbox's maximum): a server's default page of 50
// would turn a long record into many serial round trips.
const CONSENT: ResourceQuery = { resourceType: 'Consent', query: 'Consent?patient={patient}&_count=1000' };
const FLAG: ResourceQuery = { resourceType: 'Flag', query: 'Flag?patient={patient}&_count=1000' };
const CONDITION: ResourceQuery = { resourceType: 'Condition', query: 'Condition?patient={patient}&_count=1000' };
const ALLERGY: ResourceQuery = { resourceType: 'AllergyIntolerance', query: 'AllergyIntolerance?patient={patient}&_count=1000' };
// Medicines from every R4 medication resource, each with the Medication it names when that is not contained.
const MEDICATION: ResourceQuery = {
  resourceType: 'MedicationRequest',
  query: 'MedicationRequest?patient={patient}&_include=MedicationRequest:medication&_count=1000',
};
const MEDICATION_STATEMENT: ResourceQuery = {
  resourceType: 'MedicationStatement',
  query: 'MedicationStatement?patient={patient}&_include=MedicationStatement:medication&_count=1000',
};
// Supplies and doses given pile up on a long stay: newest first, so a capped answer keeps the latest.
const MEDICATION_DISPENSE: ResourceQuery = {
  resourceType: 'MedicationDispense',
  query: 'MedicationDispense?patient={patient}&_include=MedicationDispense:medication&_sort=-whenhandedover&_count=500',
};
const MEDICATION_ADMINISTRATION: ResourceQuery = {
  resourceType: 'MedicationAdministration',
  query: 'MedicationAdministration?patient={patient}&_include=MedicationAdministration:medication&_sort=-effective-time&_count=500',
};
// Results: newest first in big pages, so a capped long record keeps its recent results.
const OBSERVATION: ResourceQuery = { resourceType: 'Observation', query: 'Observation?patient={patient}&_sort=-date&_count=1000' };
const DIAGNOSTIC_REPORT: ResourceQuery = { resourceType: 'DiagnosticReport', query: 'DiagnosticReport?patient={patient}&_count=200' };
const IMMUNIZATION: ResourceQuery = { resourceType: 'Immunization', query: 'Immunization?patient={patient}&_count=1000' };
// A record holds far fewer procedures than results: a small first page keeps the batches few (pages are followed).
const PROCEDURE: ResourceQuery = { resourceType: 'Procedure', query: 'Procedure?patient={patient}&_count=200' };

// Contacts and documents: large for a long record, so big pages, newest first where truncation would bite.
const ENCOUNTER: ResourceQuery = { resourceType: 'Encounter', query: 'Encounter?patient={patient}&_sort=-date&_count=500' };
const APPOINTMENT: ResourceQuery = { resourceType: 'Appointment', query: 'Appointment?patient={patient}&_count=500' };
const SERVICE_REQUEST: ResourceQuery = { resourceType: 'ServiceRequest', query: 'ServiceRequest?patient={patient}&_count=500' };
const DOCUMENT_REFERENCE: ResourceQuery = { resourceType: 'DocumentReference', query: 'DocumentReference?patient={patient}&_sort=-date&_count=500' };
const COMPOSITION: ResourceQuery = { resourceType: 'Composition', query: 'Composition?patient={patient}&_count=500' };
const EPISODE_OF_CARE: ResourceQuery = { resourceType: 'EpisodeOfCare', query: 'EpisodeOfCare?patient={patient}&_count=1000' };
const CARE_PLAN: ResourceQuery = { resourceType: 'CarePlan', query: 'CarePlan?patient={patient}&_count=1000' };
// Who is involved: each member's PractitionerRole (job, organisation, phone) comes with the team.
const CARE_TEAM: ResourceQuery = { resourceType: 'CareTeam', query: 'CareTeam?patient={patient}&_include=CareTeam:participant&_count=1000' };
const RELATED_PERSON: ResourceQuery = { resourceType: 'RelatedPerson', query: 'RelatedPerson?patient={patient}&_count=1000' };

/**
 * Per section, in build order. Advance decisions wait for Conditions too (a
 * DNACPR may be coded there) and CarePlans (a ReSPECT form's recommendations).
 */
export const SECTION_QUERIES: readonly { readonly section: SectionName; readonly queries: readonly ResourceQuery[] }[] = Object.freeze([
  { section: 'patient', queries: [PATIENT] },
  { section: 'advanceDecisions', queries: [CONSENT, FLAG, CONDITION, CARE_PLAN] },
  { section: 'flags', queries: [FLAG, CARE_PLAN] },
  { section: 'allergies', queries: [ALLERGY] },
  { section: 'medications', queries: [MEDICATION, MEDICATION_STATEMENT, MEDICATION_DISPENSE, MEDICATION_ADMINISTRATION] },
  { section: 'problems', queries: [CONDITION] },
  { section: 'results', queries: [OBSERVATION, DIAGNOSTIC_REPORT] },
  { section: 'immunisations', queries: [IMMUNIZATION] },
  { section: 'procedures', queries: [PROCEDURE] },
  { section: 'documents', queries: [DOCUMENT_REFERENCE, COMPOSITION] },
  { section: 'timeline', queries: [ENCOUNTER, APPOINTMENT, SERVICE_REQUEST, DOCUMENT_REFERENCE, COMPOSITION, EPISODE_OF_CARE, CARE_PLAN, PROCEDURE] },
  // Where the person is now reads the Patient (address), in-progress Encounters and care packages.
  { section: 'location', queries: [PATIENT, ENCOUNTER, CARE_PLAN] },
  { section: 'carePlans', queries: [CARE_PLAN] },
  { section: 'careTeam', queries: [CARE_TEAM] },
  { section: 'relatedPersons', queries: [RELATED_PERSON] },
  { section: 'socialCare', queries: [EPISODE_OF_CARE, CARE_PLAN, CARE_TEAM, FLAG] },
  { section: 'mentalHealth', queries: [CARE_TEAM, CONDITION, CARE_PLAN, EPISODE_OF_CARE, FLAG] },
]);

/** Every query once, in the order to start them. One answer per query feeds every section that needs it. */
export const RESOURCE_QUERIES: readonly ResourceQuery[] = Object.freeze(
  SECTION_QUERIES.flatMap((s) => s.queries).filter((q, i, all) => all.findIndex((o) => o.resourceType === q.resourceType) === i),
);

export function sectionResourceTypes(section: SectionName): string[] {
  return (SECTION_QUERIES.find((s) => s.section === section)?.queries ?? []).map((q) => q.resourceType);
}

/** What the alerts strip shows (ReSPECT/DNACPR, flags, allergies): asked for first, shown first. */
export const ALERT_SECTIONS: readonly SectionName[] = Object.freeze(['advanceDecisions', 'flags', 'allergies'] as const);

/** The resource types the alerts are built from. */
export const ALERT_RESOURCE_TYPES: ReadonlySet<string> = new Set(ALERT_SECTIONS.flatMap(sectionResourceTypes));

/** The query with the patient's id filled in (URL-encoded). */
export function queryFor(query: ResourceQuery, patientId: string): string {
  return query.query.replaceAll('{patient}', encodeURIComponent(patientId));
}
