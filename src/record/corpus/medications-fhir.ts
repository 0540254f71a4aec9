// The codes and shapes the medication corpus's cases share, whatever their
// profile (medications.ts gathers the cases).

import type { Resource } from '@medplum/fhirtypes';

export const SCT = 'http://snomed.info/sct';
export const DMD = 'https://dmd.nhs.uk';
export const UCUM = 'http://unitsofmeasure.org';
export const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
export const ORAL = { coding: [{ system: SCT, code: '26643006', display: 'Oral route' }] };
export const SUBCUT = { coding: [{ system: SCT, code: '34206005', display: 'Subcutaneous route' }] };
export const DAILY = { repeat: { frequency: 1, period: 1, periodUnit: 'd' as const } };
const COURSE = 'http://terminology.hl7.org/CodeSystem/medicationrequest-course-of-therapy';
export const CONTINUOUS = { coding: [{ system: COURSE, code: 'continuous', display: 'Continuous long term therapy' }] };
export const ACUTE_COURSE = { coding: [{ system: COURSE, code: 'acute', display: 'Short course (acute) therapy' }] };
export const INPATIENT = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/medicationrequest-category', code: 'inpatient', display: 'Inpatient' }],
};
/** A server stamps meta.lastUpdated when it stores a record: here, the day before the corpus's "now". */
export const STORED = { lastUpdated: '2026-07-14T23:10:00Z' };

export const r = (resource: object) => resource as Resource;
