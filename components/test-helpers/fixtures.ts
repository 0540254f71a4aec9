// Hand-built records for component tests, modelled on docs/sandbox-patients.md:
// THOMPSON (ReSPECT "Not for CPR", amlodipine dose conflict, penicillin
// allergy) and PATEL ("No known drug allergies" at the GP, allergies not
// recorded at the hospital). Fixed dates so expectations are exact.

import type {
  AllergyGroup,
  AllergyStatus,
  CareRecord,
  DocumentItem,
  MedicationGroup,
  PatientSummary,
  Provenance,
  RespectPlan,
  Section,
  SectionNotice,
  SourceProblem,
  SourceProgress,
  SourceRef,
  TimelineEntry,
} from '../../src/record/model';
import { emptyCare, loadingCare, thompsonCare } from './care-fixtures';

export const GP: SourceRef = { name: 'gp', organisation: 'Riverside Medical Practice', odsCode: 'ZZ001' };
export const ACUTE: SourceRef = { name: 'acute', organisation: 'Weald General Hospital NHS Trust', odsCode: 'ZZ002' };
export const COMMUNITY: SourceRef = { name: 'community', organisation: 'Downs Community Health NHS Trust', odsCode: 'ZZ003' };
export const MENTAL_HEALTH: SourceRef = { name: 'mental-health', organisation: 'North Downs Mental Health NHS Trust', odsCode: 'ZZ004' };
export const SOCIAL_CARE: SourceRef = { name: 'social-care', organisation: 'County Council Social Care', odsCode: 'ZZ005' };
export const SOURCES: SourceRef[] = [GP, ACUTE, COMMUNITY, MENTAL_HEALTH, SOCIAL_CARE];

/** 14:02 on 22-Nov-2026, GMT: shown as "22-Nov-2026 14:02". */
export const ATTEMPT = '2026-11-22T14:02:00Z';

export function prov(source: SourceRef, resource: string, recorded?: string, author?: string): Provenance {
  return { source, resource, recorded, author, lastUpdated: '2026-11-20T09:00:00Z' };
}

export function timedOut(source: SourceRef): SourceProblem {
  return { source, kind: 'timed-out', reason: 'No answer within 10 seconds', at: ATTEMPT };
}

/** A section with the given items; every source loaded unless `progress` says otherwise. */
export function section<T>(
  items: T[],
  progress: Partial<Record<string, SourceProgress>> = {},
  notices: SectionNotice[] = [],
  sources: SourceRef[] = SOURCES,
): Section<T> {
  const all: Record<string, SourceProgress> = {};
  for (const s of sources) all[s.name] = progress[s.name] ?? 'loaded';
  return { items, progress: all, notices };
}

export const loadingEverywhere = (sources: SourceRef[] = SOURCES): Record<string, SourceProgress> =>
  Object.fromEntries(sources.map((s) => [s.name, 'loading' as const]));

export const failedEverywhere = (sources: SourceRef[] = SOURCES): Record<string, SourceProgress> =>
  Object.fromEntries(sources.map((s) => [s.name, timedOut(s)]));

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

/** The inpatient chart's line first (she is on the ward), the GP's difference in words. */
export const amlodipine: MedicationGroup = {
  key: 'amlodipine',
  genericName: 'Amlodipine',
  lines: [
    {
      genericName: 'Amlodipine',
      strength: '10 mg',
      form: 'tablet',
      dose: '10 mg',
      route: 'oral route',
      frequency: 'in the morning',
      directions: '10 mg, oral, in the morning',
      status: 'active',
      current: true,
      kind: 'inpatient',
      started: '2026-11-20',
      lastGiven: { at: '2026-11-22T08:00:00Z', dose: '10 mg, oral' },
      prescriber: 'Weald General Hospital NHS Trust',
      provenance: prov(ACUTE, 'MedicationRequest/aml-acute', '2026-11-20', 'Dr K OSEI'),
    },
    {
      genericName: 'Amlodipine',
      strength: '5 mg',
      form: 'tablet',
      dose: '1 tablet',
      route: 'oral route',
      frequency: 'once daily',
      directions: '1 tablet, oral, once daily',
      status: 'active',
      current: true,
      kind: 'repeat',
      started: '2024-03-01',
      lastIssued: '2026-10-30',
      prescriber: 'Riverside Medical Practice',
      provenance: prov(GP, 'MedicationRequest/aml-gp', '2024-03-01', 'Dr S AHMED'),
    },
  ],
  conflicts: ['Dose differs: 10 mg in the morning (Weald General Hospital, inpatient); 5 mg once daily (Riverside Medical Practice)'],
};

export const morphine: MedicationGroup = {
  key: 'morphine',
  genericName: 'Morphine sulfate',
  lines: [
    {
      genericName: 'Morphine sulfate',
      strength: '10 mg/5 ml',
      form: 'oral solution',
      instructions: '2.5 ml to 5 ml every 4 hours when required for pain',
      directions: '2.5 ml to 5 ml every 4 hours when required for pain, oral',
      route: 'oral route',
      status: 'active',
      current: true,
      kind: 'repeat',
      started: '2026-07-22',
      lastIssued: '2026-07-22',
      prescriber: 'Riverside Medical Practice',
      provenance: prov(GP, 'MedicationRequest/morph', '2026-07-22', 'Dr S AHMED'),
    },
  ],
  conflicts: [],
};

export const simvastatinStopped: MedicationGroup = {
  key: 'simvastatin',
  genericName: 'Simvastatin',
  lines: [
    {
      genericName: 'Simvastatin',
      strength: '40 mg',
      form: 'tablet',
      dose: '1 tablet',
      route: 'oral',
      frequency: 'at night',
      directions: '1 tablet, oral, at night',
      status: 'stopped',
      current: false,
      kind: 'repeat',
      started: '2015-01-12',
      stopped: '2026-09-01',
      provenance: prov(GP, 'MedicationRequest/simva', '2015-01-12', 'Dr S AHMED'),
    },
  ],
  conflicts: [],
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

/** THOMPSON's contacts: admitted through A&E after a fall two days ago, still on Ward 7. */
export const thompsonTimeline: TimelineEntry[] = [
  {
    key: 'acute:Encounter/adm',
    kind: 'admission',
    title: 'Fall',
    description: 'Hospital admission',
    date: '2026-11-20T16:30:00Z',
    where: 'Ward 7 (Elderly Care), Bed 12',
    who: 'GRANT, Fiona (Dr)',
    status: 'Currently admitted',
    state: 'in-progress',
    upcoming: false,
    provenance: prov(ACUTE, 'Encounter/adm', '2026-11-20T16:30:00Z', 'GRANT, Fiona (Dr)'),
  },
  {
    key: 'acute:Encounter/ae',
    kind: 'ae',
    title: 'Fall',
    description: 'Emergency department patient visit',
    date: '2026-11-20T11:05:00Z',
    end: '2026-11-20T16:30:00Z',
    where: 'Emergency Department',
    who: 'OSEI, Kwame (Dr)',
    status: 'Finished',
    state: 'completed',
    upcoming: false,
    provenance: prov(ACUTE, 'Encounter/ae', '2026-11-20T11:05:00Z', 'OSEI, Kwame (Dr)'),
  },
  {
    key: 'community:Encounter/dn',
    kind: 'home-visit',
    title: 'Leg ulcer dressing and pressure area care',
    description: 'District nursing visit',
    date: '2026-11-13T10:15:00Z',
    end: '2026-11-13T10:45:00Z',
    who: 'LEE, Mei',
    status: 'Finished',
    state: 'completed',
    upcoming: false,
    provenance: prov(COMMUNITY, 'Encounter/dn', '2026-11-13T10:15:00Z', 'LEE, Mei'),
  },
  {
    key: 'acute:DocumentReference/ds',
    kind: 'document',
    title: 'Discharge summary: Ward 7',
    description: 'Discharge summary',
    date: '2026-08-25T15:00:00Z',
    where: 'Weald General Hospital NHS Trust',
    who: 'GRANT, Fiona (Dr)',
    status: 'Final',
    state: 'completed',
    upcoming: false,
    provenance: prov(ACUTE, 'DocumentReference/ds', '2026-08-25T15:00:00Z', 'GRANT, Fiona (Dr)'),
  },
];

export const thompsonDischargeSummary: DocumentItem = {
  key: 'acute:DocumentReference/ds',
  title: 'Discharge summary: Ward 7',
  type: 'Discharge summary',
  category: 'Letter',
  date: '2026-08-25T15:00:00Z',
  author: 'GRANT, Fiona (Dr)',
  custodian: 'Weald General Hospital NHS Trust',
  status: 'Final',
  superseded: false,
  attachments: [
    { format: 'text', contentType: 'text/plain', data: btoa('Discharged home to Oakview Care Home.\nAmlodipine 10 mg once daily.') },
  ],
  sections: [],
  provenance: prov(ACUTE, 'DocumentReference/ds', '2026-08-25T15:00:00Z', 'GRANT, Fiona (Dr)'),
};

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

export const PATEL_SOURCES = [GP, ACUTE, COMMUNITY];

export const insulinGlargine: MedicationGroup = {
  key: 'insulin-glargine',
  genericName: 'Insulin glargine',
  lines: [
    {
      genericName: 'Insulin glargine',
      brand: 'Lantus',
      strength: '100 units/ml',
      form: 'solution for injection 3 ml pre-filled pen',
      dose: '18 units',
      route: 'subcutaneous',
      frequency: 'at night',
      directions: '18 units, subcutaneous, at night',
      status: 'active',
      current: true,
      kind: 'repeat',
      started: '2012-06-01',
      lastIssued: '2026-11-02',
      prescriber: 'Riverside Medical Practice',
      provenance: prov(GP, 'MedicationRequest/glar', '2012-06-01', 'Dr S AHMED'),
    },
  ],
  conflicts: [],
};

/** PATEL's A&E letter as the acute trust sends it: hostile markup that must render inert. */
export const PATEL_LETTER_HTML =
  '<h1>Emergency department discharge letter</h1><p>Capillary glucose on arrival was <strong>2.1 mmol/L</strong>.</p>' +
  '<script>alert(1)</script><p>She had missed her evening meal. <img src=x onerror=alert(1)> Review with the diabetes specialist nurse.</p>' +
  '<p><a href="javascript:alert(1)">Click here for the full record</a></p><p>Dr Kwame OSEI, Emergency Department</p>';

export const patelLetter: DocumentItem = {
  key: 'acute:DocumentReference/ae-letter',
  title: 'Emergency department discharge letter: hypoglycaemia',
  type: 'Discharge summary',
  category: 'Letter',
  date: '2026-10-11T02:10:00Z',
  author: 'OSEI, Kwame (Dr)',
  custodian: 'Weald General Hospital NHS Trust',
  status: 'Final',
  superseded: false,
  attachments: [{ format: 'html', contentType: 'text/html', data: btoa(PATEL_LETTER_HTML) }],
  sections: [],
  provenance: prov(ACUTE, 'DocumentReference/ae-letter', '2026-10-11T02:10:00Z', 'OSEI, Kwame (Dr)'),
};

/** Upcoming first, then newest first, as the builder orders them. */
export const patelTimeline: TimelineEntry[] = [
  {
    key: 'community:Appointment/next',
    kind: 'appointment',
    title: 'Diabetes specialist nurse review: continuous glucose monitoring and HbA1c',
    description: 'Diabetes specialist nursing',
    date: '2026-12-13T14:00:00Z',
    end: '2026-12-13T14:30:00Z',
    where: 'Diabetes Centre',
    who: 'RAO, Anita, Diabetes specialist nurse',
    status: 'Booked',
    state: 'planned',
    upcoming: true,
    provenance: prov(COMMUNITY, 'Appointment/next', '2026-11-15T14:00:00Z'),
  },
  {
    key: 'community:Appointment/missed',
    kind: 'appointment',
    title: 'Diabetes specialist nurse review: continuous glucose monitoring',
    description: 'Diabetes specialist nursing',
    date: '2026-11-08T14:00:00Z',
    where: 'Diabetes Centre',
    status: 'Did not attend',
    state: 'did-not-attend',
    upcoming: false,
    provenance: prov(COMMUNITY, 'Appointment/missed'),
  },
  {
    key: 'acute:DocumentReference/ae-letter',
    kind: 'document',
    title: 'Emergency department discharge letter: hypoglycaemia',
    description: 'Discharge summary',
    date: '2026-10-11T02:10:00Z',
    where: 'Weald General Hospital NHS Trust',
    who: 'OSEI, Kwame (Dr)',
    status: 'Final',
    state: 'completed',
    upcoming: false,
    provenance: prov(ACUTE, 'DocumentReference/ae-letter', '2026-10-11T02:10:00Z', 'OSEI, Kwame (Dr)'),
  },
  {
    key: 'acute:Encounter/ae',
    kind: 'ae',
    title: 'Hypoglycaemia',
    description: 'Emergency department patient visit',
    date: '2026-10-10T21:40:00Z',
    end: '2026-10-11T01:50:00Z',
    where: 'Emergency Department',
    who: 'OSEI, Kwame (Dr)',
    status: 'Finished',
    state: 'completed',
    upcoming: false,
    provenance: prov(ACUTE, 'Encounter/ae', '2026-10-10T21:40:00Z', 'OSEI, Kwame (Dr)'),
  },
];

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
