// Whole records for component tests, modelled on docs/sandbox-patients.md:
// THOMPSON (ReSPECT "Not for CPR", amlodipine dose conflict, penicillin
// allergy) and PATEL ("No known drug allergies" at the GP, allergies not
// recorded at the hospital), put together from the other fixtures with the
// patients, allergies and ReSPECT plan here. Fixed dates so expectations are exact.

import type {
  AllergyGroup,
  AllergyStatus,
  CareRecord,
  MedicationGroup,
  PatientSummary,
  RespectPlan,
  Section,
  SourceProgress,
  SourceRef,
} from '../../src/record/model';
import { emptyCare, loadingCare, thompsonCare } from './care-fixtures';
import { amlodipine, insulinGlargine, morphine, simvastatinStopped } from './medication-fixtures';
import {
  ACUTE,
  COMMUNITY,
  GP,
  MENTAL_HEALTH,
  PATEL_SOURCES,
  SOCIAL_CARE,
  SOURCES,
  loadingEverywhere,
  prov,
  section,
} from './source-fixtures';
import { patelLetter, patelTimeline, thompsonDischargeSummary, thompsonTimeline } from './timeline-fixtures';

// ------------------------------------------------------------------ THOMPSON

export const thompsonPatient: PatientSummary = {
  name: { family: 'Thompson', given: ['Margaret'], prefix: ['Mrs'] },
  birthDate: '1945-07-14',
  gender: 'female',
  nhsNumber: { value: '9990000018', valid: true },
  identifiers: [{ label: 'Patient number (Riverside Medical Practice)', value: 'RMP-1001' }],
  address: ['Oakview Care Home', '12 Orchard Lane', 'Maidstone', 'ME14 1AA'],
  registeredPractice: { name: 'Riverside Medical Practice', odsCode: 'ZZ001' },
  provenance: prov(GP, 'Patient/thompson', undefined),
};

export const penicillin: AllergyGroup = {
  key: 'penicillin',
  substance: 'Penicillin',
  entries: [
    {
      substance: 'Penicillin',
      category: 'medication',
      criticality: 'high',
      reactions: [{ manifestations: ['Anaphylaxis'], severity: 'severe' }],
      clinicalStatus: 'active',
      verificationStatus: 'confirmed',
      onset: '1978',
      provenance: prov(GP, 'AllergyIntolerance/pen', '2010-05-04', 'Dr S AHMED'),
    },
    {
      substance: 'Amoxicillin',
      category: 'medication',
      criticality: 'high',
      reactions: [{ manifestations: ['Urticaria'], severity: 'moderate' }],
      clinicalStatus: 'active',
      provenance: prov(ACUTE, 'AllergyIntolerance/amox', '2026-11-20', 'Dr K OSEI'),
    },
  ],
  conflicts: ['Reaction differs: anaphylaxis (Riverside Medical Practice), urticaria (Weald General Hospital NHS Trust)'],
};

const thompsonStatuses: AllergyStatus[] = [
  { kind: 'has-entries', source: GP },
  { kind: 'has-entries', source: ACUTE },
  { kind: 'not-recorded', source: COMMUNITY },
  { kind: 'not-recorded', source: MENTAL_HEALTH },
  { kind: 'not-recorded', source: SOCIAL_CARE },
];

/** The recommendations of THOMPSON's ReSPECT form, as the sandbox sends them. */
export function thompsonRespectPlan(): RespectPlan {
  return {
    focus: {
      text: 'Prioritise comfort',
      detail: 'Focus on symptom control and comfort rather than treatments to extend life.',
      towards: 'comfort',
    },
    recommendations: [
      { text: 'Not for intensive care', detail: 'Not for admission to intensive care, intubation or ventilation.' },
      {
        text: 'Hospital admission only if comfort cannot be achieved',
        detail: 'Treat at Oakview Care Home; admit to hospital only if her comfort cannot be achieved there.',
      },
      { text: 'Not for CPR', detail: 'CPR attempts are NOT recommended.' },
    ],
    personPriority: { scale: 90, statement: 'To be comfortable at Oakview Care Home with Helen.' },
    provenance: prov(GP, 'CarePlan/respect-recommendations', '2026-07-22', 'Dr S AHMED'),
  };
}

export function thompson(): CareRecord {
  return {
    sources: SOURCES,
    patient: section([thompsonPatient]),
    advanceDecisions: section([
      {
        document: 'ReSPECT form',
        recommendation: 'Not for CPR',
        status: 'current',
        date: '2026-07-22',
        author: 'Dr S AHMED',
        plan: thompsonRespectPlan(),
        provenance: prov(GP, 'Consent/respect', '2026-07-22', 'Dr S AHMED'),
      },
    ]),
    flags: section([]),
    allergies: { ...section([penicillin]), statuses: thompsonStatuses },
    medications: { ...section([amlodipine, morphine]), recentlyStopped: [simvastatinStopped] },
    results: section([]),
    immunisations: section([]),
    procedures: section([]),
    problems: section([
      {
        name: 'Heart failure',
        status: 'active',
        onset: '2023-02-10',
        provenance: prov(GP, 'Condition/hf', '2023-02-10', 'Dr S AHMED'),
      },
      {
        name: 'Fracture of neck of femur',
        status: 'past',
        onset: '2019-02-11',
        resolved: '2019-06',
        provenance: prov(ACUTE, 'Condition/nof', '2019-02-11'),
      },
    ]),
    timeline: section(thompsonTimeline),
    documents: section([thompsonDischargeSummary]),
    ...thompsonCare(),
  };
}

// ------------------------------------------------------------------ PATEL

export const patelPatient: PatientSummary = {
  name: { family: 'Patel', given: ['Asha'], prefix: ['Ms'] },
  birthDate: '1961-03-02',
  gender: 'female',
  nhsNumber: { value: '9990000042', valid: true },
  identifiers: [],
  address: ['4 Station Road', 'Ashford', 'TN23 1PP'],
  registeredPractice: { name: 'Riverside Medical Practice', odsCode: 'ZZ001' },
  provenance: prov(GP, 'Patient/patel'),
};

export function patel(): CareRecord {
  const s = <T>(items: T[], progress: Partial<Record<string, SourceProgress>> = {}) => section(items, progress, [], PATEL_SOURCES);
  return {
    sources: PATEL_SOURCES,
    patient: s([patelPatient]),
    advanceDecisions: s([]),
    flags: s([]),
    allergies: {
      ...s([]),
      statuses: [
        { kind: 'no-known-drug-allergies', source: GP, provenance: prov(GP, 'AllergyIntolerance/nkda', '2019-04-01') },
        { kind: 'not-recorded', source: ACUTE },
        { kind: 'not-recorded', source: COMMUNITY },
      ],
    },
    medications: { ...s([insulinGlargine]), recentlyStopped: [] },
    results: s([]),
    immunisations: s([]),
    procedures: s([]),
    problems: s([
      {
        name: 'Type 1 diabetes mellitus',
        status: 'active',
        onset: '1975',
        provenance: prov(GP, 'Condition/t1dm', '1990-01-01'),
      },
    ]),
    timeline: s(patelTimeline),
    documents: s([patelLetter]),
    ...emptyCare(PATEL_SOURCES),
  };
}

/** A record whose every section is still loading, as at the first paint. */
export function loadingRecord(sources: SourceRef[] = SOURCES): CareRecord {
  const s = <T>(): Section<T> => ({ items: [], progress: loadingEverywhere(sources), notices: [] });
  return {
    sources,
    patient: s(),
    advanceDecisions: s(),
    flags: s(),
    allergies: { ...s<AllergyGroup>(), statuses: [] },
    medications: { ...s<MedicationGroup>(), recentlyStopped: [] },
    problems: s(),
    results: s(),
    immunisations: s(),
    procedures: s(),
    timeline: s(),
    documents: s(),
    ...loadingCare(sources),
  };
}
