// The scenario patients of docs/sandbox-patients.md, as plain data: for the seed,
// the host simulators and tests. The FHIR records themselves are built in
// patients/*.ts.
import type { SourceName } from '../config';

export type ScenarioKey = 'thompson' | 'okafor' | 'nowak' | 'patel' | 'evans' | 'unknown' | 'hughes' | 'clarke' | 'bennett' | 'fletcher';

export interface ScenarioPatient {
  key: ScenarioKey;
  /** As the viewer shows it: `THOMPSON, Margaret (Mrs)`. */
  display: string;
  family: string;
  given: string;
  prefix?: string;
  gender: 'male' | 'female';
  /** Digits only; absent for the unidentified A&E patient. */
  nhsNumber?: string;
  /** Fixed date of birth; absent where it is relative to today (see `born`). */
  birthDate?: string;
  /** As docs/sandbox-patients.md puts it. */
  born: string;
  /** Each source's own patient number, for the sources that hold the patient. */
  localIds: Partial<Record<SourceName, string>>;
  shows: string;
  /** A source whose Patient with this NHS number is a different person (must not be merged). */
  identityConflict?: {
    source: SourceName;
    display: string;
    given: string;
    prefix: string;
    gender: 'male' | 'female';
    birthDate: string;
    localId: string;
  };
}

export const SCENARIO_PATIENTS: readonly ScenarioPatient[] = [
  {
    key: 'thompson',
    display: 'THOMPSON, Margaret (Mrs)',
    family: 'THOMPSON',
    given: 'Margaret',
    prefix: 'Mrs',
    gender: 'female',
    nhsNumber: '9990000018',
    birthDate: '1938-05-09',
    born: '1938',
    localIds: { gp: 'RMP-100018', acute: 'ACU-3018', community: 'DCH-50018', 'social-care': 'SC-700018' },
    shows: 'End of life, ReSPECT/DNACPR, care home, conflicting amlodipine doses across sources, inpatient now',
  },
  {
    key: 'okafor',
    display: 'OKAFOR, Daniel (Master)',
    family: 'OKAFOR',
    given: 'Daniel',
    prefix: 'Master',
    gender: 'male',
    nhsNumber: '9990000026',
    born: '6 years ago',
    localIds: { gp: 'RMP-100026', acute: 'ACU-3026', community: 'DCH-50026', 'social-care': 'SC-700026' },
    shows: 'Child protection plan from social care, repeated A&E attendances',
  },
  {
    key: 'nowak',
    display: 'NOWAK, Piotr (Mr)',
    family: 'NOWAK',
    given: 'Piotr',
    prefix: 'Mr',
    gender: 'male',
    nhsNumber: '9990000034',
    birthDate: '1979-11-02',
    born: '1979',
    localIds: { gp: 'RMP-100034', 'mental-health': 'RIO1000034' },
    shows: 'Mental health crisis plan, restricted mental health data, clozapine known only to the mental health trust',
  },
  {
    key: 'patel',
    display: 'PATEL, Asha (Ms)',
    family: 'PATEL',
    given: 'Asha',
    prefix: 'Ms',
    gender: 'female',
    nhsNumber: '9990000042',
    birthDate: '1961-07-23',
    born: '1961',
    localIds: { gp: 'RMP-100042', acute: 'ACU-3042', community: 'DCH-50042' },
    shows: 'Type 1 diabetes: HbA1c and glucose trends, hypoglycaemia A&E visit; no known drug allergies (gp) versus not recorded (acute)',
  },
  {
    key: 'evans',
    display: 'EVANS, Gwen (Mrs)',
    family: 'EVANS',
    given: 'Gwen',
    prefix: 'Mrs',
    gender: 'female',
    nhsNumber: '9990000050',
    birthDate: '1952-02-17',
    born: '1952',
    localIds: { gp: 'RMP-100050', acute: 'ACU-3050', community: 'DCH-50050', 'mental-health': 'RIO1000050', 'social-care': 'SC-700050' },
    shows: 'Has objected to sharing: the shared record must not show her data',
  },
  {
    key: 'unknown',
    display: 'UNKNOWN, Male',
    family: 'UNKNOWN',
    given: 'Male',
    gender: 'male',
    born: 'about 40',
    localIds: { acute: 'ACU-7731' },
    shows: 'A&E patient with no NHS number, known only by the hospital number ACU-7731',
  },
  {
    key: 'hughes',
    display: 'HUGHES, Robert (Mr)',
    family: 'HUGHES',
    given: 'Robert',
    prefix: 'Mr',
    gender: 'male',
    nhsNumber: '9990000069',
    birthDate: '1945-07-14',
    born: '1945',
    localIds: { gp: 'RMP-100069', acute: 'ACU-3069' },
    shows: 'Identity conflict: social care holds this NHS number for a different person (HUGHES, Roberta, born 1954)',
    identityConflict: {
      source: 'social-care',
      display: 'HUGHES, Roberta (Mrs)',
      given: 'Roberta',
      prefix: 'Mrs',
      gender: 'female',
      birthDate: '1954-03-02',
      localId: 'SC-700096',
    },
  },
  {
    key: 'clarke',
    display: 'CLARKE, Edward (Mr)',
    family: 'CLARKE',
    given: 'Edward',
    prefix: 'Mr',
    gender: 'male',
    nhsNumber: '9990000077',
    birthDate: '1940-10-03',
    born: '1940, died 3 weeks ago',
    localIds: { gp: 'RMP-100077' },
    shows: 'Deceased patient',
  },
  {
    key: 'bennett',
    display: 'BENNETT, Susan (Mrs)',
    family: 'BENNETT',
    given: 'Susan',
    prefix: 'Mrs',
    gender: 'female',
    nhsNumber: '9990000085',
    birthDate: '1950-06-21',
    born: '1950',
    localIds: { gp: 'RMP-100085', acute: 'ACU-3085', community: 'DCH-50085', 'mental-health': 'RIO1000085', 'social-care': 'SC-700085' },
    shows: 'A large, long record: 50 years of history across all five sources, for performance',
  },
  {
    key: 'fletcher',
    display: 'FLETCHER, Joan (Mrs)',
    family: 'FLETCHER',
    given: 'Joan',
    prefix: 'Mrs',
    gender: 'female',
    nhsNumber: '9990001138',
    birthDate: '1946-03-14',
    born: '1946',
    localIds: { gp: 'RMP-101138', acute: 'ACU-3138' },
    shows:
      'A GP record shaped the UK Core / GP Connect way: MedicationStatements with plan and order MedicationRequests, three transfer-degraded allergies, a problem with linked items, a completed prescription with no end date',
  },
];

export function scenarioPatient(key: ScenarioKey): ScenarioPatient {
  const patient = SCENARIO_PATIENTS.find((p) => p.key === key);
  if (!patient) throw new Error(`Unknown scenario patient ${key}`);
  return patient;
}
