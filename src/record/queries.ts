// The searches the record is built from, as data for the fetching layer: the
// resource type each answer is reported under, and the search to run. Which
// section needs which is said by the section registry (sections.ts); the
// order they are asked in is said here.

export interface ResourceQuery {
  /** The `QueryResult.resourceType` its answer is reported under. */
  resourceType: string;
  /** Search relative to the source's FHIR base; `{patient}` is the patient's id at that source. */
  query: string;
}

export const PATIENT: ResourceQuery = { resourceType: 'Patient', query: 'Patient?_id={patient}&_include=Patient:general-practitioner' };
// Pages of up to 1,000 (the sandbox's maximum): a server's default page of 50
// would turn a long record into many serial round trips.
export const CONSENT: ResourceQuery = { resourceType: 'Consent', query: 'Consent?patient={patient}&_count=1000' };
export const FLAG: ResourceQuery = { resourceType: 'Flag', query: 'Flag?patient={patient}&_count=1000' };
export const CONDITION: ResourceQuery = { resourceType: 'Condition', query: 'Condition?patient={patient}&_count=1000' };
export const ALLERGY: ResourceQuery = { resourceType: 'AllergyIntolerance', query: 'AllergyIntolerance?patient={patient}&_count=1000' };
// Medicines from every R4 medication resource, each with the Medication it names when that is not contained.
export const MEDICATION: ResourceQuery = {
  resourceType: 'MedicationRequest',
  query: 'MedicationRequest?patient={patient}&_include=MedicationRequest:medication&_count=1000',
};
export const MEDICATION_STATEMENT: ResourceQuery = {
  resourceType: 'MedicationStatement',
  query: 'MedicationStatement?patient={patient}&_include=MedicationStatement:medication&_count=1000',
};
// Supplies and doses given pile up on a long stay: newest first, so a capped answer keeps the latest.
export const MEDICATION_DISPENSE: ResourceQuery = {
  resourceType: 'MedicationDispense',
  query: 'MedicationDispense?patient={patient}&_include=MedicationDispense:medication&_sort=-whenhandedover&_count=500',
};
export const MEDICATION_ADMINISTRATION: ResourceQuery = {
  resourceType: 'MedicationAdministration',
  query: 'MedicationAdministration?patient={patient}&_include=MedicationAdministration:medication&_sort=-effective-time&_count=500',
};
// Results: newest first in big pages, so a capped long record keeps its recent results.
export const OBSERVATION: ResourceQuery = { resourceType: 'Observation', query: 'Observation?patient={patient}&_sort=-date&_count=1000' };
export const DIAGNOSTIC_REPORT: ResourceQuery = {
  resourceType: 'DiagnosticReport',
  query: 'DiagnosticReport?patient={patient}&_count=200',
};
export const IMMUNIZATION: ResourceQuery = { resourceType: 'Immunization', query: 'Immunization?patient={patient}&_count=1000' };
// A record holds far fewer procedures than results: a small first page keeps the batches few (pages are followed).
export const PROCEDURE: ResourceQuery = { resourceType: 'Procedure', query: 'Procedure?patient={patient}&_count=200' };

// Contacts and documents: large for a long record, so big pages, newest first where truncation would bite.
export const ENCOUNTER: ResourceQuery = { resourceType: 'Encounter', query: 'Encounter?patient={patient}&_sort=-date&_count=500' };
export const APPOINTMENT: ResourceQuery = { resourceType: 'Appointment', query: 'Appointment?patient={patient}&_count=500' };
export const SERVICE_REQUEST: ResourceQuery = { resourceType: 'ServiceRequest', query: 'ServiceRequest?patient={patient}&_count=500' };
export const DOCUMENT_REFERENCE: ResourceQuery = {
  resourceType: 'DocumentReference',
  query: 'DocumentReference?patient={patient}&_sort=-date&_count=500',
};
export const COMPOSITION: ResourceQuery = { resourceType: 'Composition', query: 'Composition?patient={patient}&_count=500' };
export const EPISODE_OF_CARE: ResourceQuery = { resourceType: 'EpisodeOfCare', query: 'EpisodeOfCare?patient={patient}&_count=1000' };
export const CARE_PLAN: ResourceQuery = { resourceType: 'CarePlan', query: 'CarePlan?patient={patient}&_count=1000' };
// Who is involved: each member's PractitionerRole (job, organisation, phone) comes with the team.
export const CARE_TEAM: ResourceQuery = {
  resourceType: 'CareTeam',
  query: 'CareTeam?patient={patient}&_include=CareTeam:participant&_count=1000',
};
export const RELATED_PERSON: ResourceQuery = { resourceType: 'RelatedPerson', query: 'RelatedPerson?patient={patient}&_count=1000' };

/**
 * Every search, in the order to start them: the patient, then the alerts'
 * (ReSPECT/DNACPR, flags, allergies: shown first), then the rest of the
 * record. One answer per search feeds every section that needs it.
 */
export const FETCH_ORDER: readonly ResourceQuery[] = Object.freeze([
  PATIENT,
  CONSENT,
  FLAG,
  CONDITION,
  CARE_PLAN,
  ALLERGY,
  MEDICATION,
  MEDICATION_STATEMENT,
  MEDICATION_DISPENSE,
  MEDICATION_ADMINISTRATION,
  OBSERVATION,
  DIAGNOSTIC_REPORT,
  IMMUNIZATION,
  PROCEDURE,
  DOCUMENT_REFERENCE,
  COMPOSITION,
  ENCOUNTER,
  APPOINTMENT,
  SERVICE_REQUEST,
  EPISODE_OF_CARE,
  CARE_TEAM,
  RELATED_PERSON,
]);

/** The query with the patient's id filled in (URL-encoded). */
export function queryFor(query: ResourceQuery, patientId: string): string {
  return query.query.replaceAll('{patient}', encodeURIComponent(patientId));
}
