// Problems as UK Core R4, GP Connect (its problem significance and GP2GP
// degrades), IPS and US Core (as Synthea writes them) shape them, and what the
// problem builder must give. Written by this project from the published profiles.

import type { Condition } from '@medplum/fhirtypes';
import type { ProblemItem } from '../model';
import { clinical, DEGRADED_RECORD_ENTRY, IPS_ABSENT, SNOMED, SUBJECT, verification, type CodedCase } from './coded-case';

const CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';
const problemListItem = [{ coding: [{ system: CATEGORY, code: 'problem-list-item', display: 'Problem List Item' }] }];
const encounterDiagnosis = [{ coding: [{ system: CATEGORY, code: 'encounter-diagnosis', display: 'Encounter Diagnosis' }] }];

function condition(id: string, fields: Partial<Condition>): Condition {
  return {
    resourceType: 'Condition',
    id,
    meta: { profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-Condition'] },
    subject: SUBJECT,
    clinicalStatus: clinical('condition-clinical', 'active'),
    verificationStatus: verification('condition-ver-status', 'confirmed'),
    category: problemListItem,
    ...fields,
  };
}

export const PROBLEM_CASES: CodedCase<ProblemItem>[] = [
  {
    name: 'an active coded problem with a year of onset',
    profile: 'UK Core R4',
    resources: [
      condition('t1dm', {
        code: { coding: [{ system: SNOMED, code: '46635009', display: 'Type 1 diabetes mellitus' }] },
        onsetDateTime: '1975',
        recordedDate: '1990-01-01',
      }),
    ],
    expected: [
      {
        name: 'Type 1 diabetes mellitus',
        code: { system: SNOMED, code: '46635009' },
        status: 'active',
        onset: '1975',
        provenance: { recorded: '1990-01-01' },
      },
    ],
  },
  {
    name: 'a resolved major problem stays as significant past, with the date it ended',
    profile: 'GP Connect',
    resources: [
      condition('mi', {
        clinicalStatus: clinical('condition-clinical', 'resolved'),
        extension: [
          { url: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-ProblemSignificance-1', valueCode: 'major' },
        ],
        category: encounterDiagnosis,
        code: { coding: [{ system: SNOMED, code: '22298006', display: 'Myocardial infarction' }] },
        onsetDateTime: '2011-03-04',
        abatementDateTime: '2011-04-01',
      }),
    ],
    expected: [{ name: 'Myocardial infarction', status: 'past', onset: '2011-03-04', resolved: '2011-04-01' }],
  },
  {
    name: 'problems moved by GP2GP as degraded record entries: named by their words (a leading Read code kept out), no code to group them by',
    profile: 'GP Connect',
    resources: [
      condition('d1', { code: { coding: [DEGRADED_RECORD_ENTRY], text: 'H33.. Asthma' }, onsetDateTime: '1985' }),
      condition('d2', { code: { coding: [DEGRADED_RECORD_ENTRY], text: 'Osteoarthritis of knee' }, onsetDateTime: '2012' }),
    ],
    expected: [
      { name: 'Osteoarthritis of knee', code: undefined, status: 'active' },
      { name: 'Asthma', code: undefined, status: 'active' },
    ],
  },
  {
    name: 'entered in error and refuted problems are not shown',
    profile: 'UK Core R4',
    resources: [
      condition('err', {
        clinicalStatus: undefined,
        verificationStatus: verification('condition-ver-status', 'entered-in-error'),
        code: { text: 'Epilepsy' },
      }),
      condition('ref', { verificationStatus: verification('condition-ver-status', 'refuted'), code: { text: 'Angina' } }),
    ],
    expected: [],
  },
  {
    name: 'IPS "no known problems" is not a problem',
    profile: 'IPS',
    resources: [
      condition('ips-none', { code: { coding: [{ system: IPS_ABSENT, code: 'no-known-problems', display: 'No known problems' }] } }),
    ],
    expected: [],
  },
  {
    name: 'Synthea encounter diagnoses: an ongoing condition shows, a resolved minor one is history (not a problem)',
    profile: 'US Core (Synthea)',
    resources: [
      {
        resourceType: 'Condition',
        id: 'syn-htn',
        meta: { profile: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-condition-encounter-diagnosis'] },
        clinicalStatus: clinical('condition-clinical', 'active'),
        verificationStatus: verification('condition-ver-status', 'confirmed'),
        category: encounterDiagnosis,
        code: {
          coding: [{ system: SNOMED, code: '59621000', display: 'Essential hypertension (disorder)' }],
          text: 'Essential hypertension (disorder)',
        },
        subject: SUBJECT,
        encounter: { reference: 'urn:uuid:3f1e0a52-1c1d-4e5e-9f7a-0c9b9d1f0a11' },
        onsetDateTime: '2001-06-11T10:20:00-04:00',
        recordedDate: '2001-06-11T10:20:00-04:00',
      },
      {
        resourceType: 'Condition',
        id: 'syn-pharyngitis',
        clinicalStatus: clinical('condition-clinical', 'resolved'),
        verificationStatus: verification('condition-ver-status', 'confirmed'),
        category: encounterDiagnosis,
        code: {
          coding: [{ system: SNOMED, code: '195662009', display: 'Acute viral pharyngitis (disorder)' }],
          text: 'Acute viral pharyngitis (disorder)',
        },
        subject: SUBJECT,
        onsetDateTime: '2019-02-03T10:20:00-05:00',
        abatementDateTime: '2019-02-13T10:20:00-05:00',
        recordedDate: '2019-02-03T10:20:00-05:00',
      },
    ],
    expected: [{ name: 'Essential hypertension (disorder)', status: 'active', onset: '2001-06-11T10:20:00-04:00' }],
  },
];
