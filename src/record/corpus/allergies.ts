// Allergies as UK Core R4, GP Connect (its allergy model and GP2GP degrades),
// IPS and US Core (as Synthea writes them) shape them, and what the allergy
// builder must give. Written by this project from the published profiles.

import type { AllergyIntolerance } from '@medplum/fhirtypes';
import type { AllergyGroup } from '../model';
import {
  clinical,
  DEGRADED_DRUG_ALLERGY,
  DEGRADED_NON_DRUG_ALLERGY,
  IPS_ABSENT,
  SNOMED,
  SUBJECT,
  verification,
  type CodedCase,
} from './coded-case';

function allergy(id: string, fields: Partial<AllergyIntolerance>): AllergyIntolerance {
  return {
    resourceType: 'AllergyIntolerance',
    id,
    meta: { profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-AllergyIntolerance'] },
    patient: SUBJECT,
    clinicalStatus: clinical('allergyintolerance-clinical', 'active'),
    verificationStatus: verification('allergyintolerance-verification', 'confirmed'),
    recordedDate: '2015-04-01',
    ...fields,
  };
}

export const ALLERGY_CASES: CodedCase<AllergyGroup>[] = [
  {
    name: 'a coded drug allergy with a severe reaction: its name, reaction, severity and criticality',
    profile: 'UK Core R4',
    resources: [
      allergy('pen', {
        category: ['medication'],
        criticality: 'high',
        code: { coding: [{ system: SNOMED, code: '764146007', display: 'Penicillin' }] },
        reaction: [{ manifestation: [{ coding: [{ system: SNOMED, code: '39579001', display: 'Anaphylaxis' }] }], severity: 'severe' }],
        recorder: { display: 'Dr Sarah AHMED' },
      }),
    ],
    expected: [
      {
        substance: 'Penicillin',
        entries: [
          {
            criticality: 'high',
            category: 'medication',
            reactions: [{ manifestations: ['Anaphylaxis'], severity: 'severe' }],
            clinicalStatus: 'active',
          },
        ],
      },
    ],
    statuses: ['has-entries'],
  },
  {
    name: 'three allergies moved by GP2GP under the transfer-degraded drug allergy code: three allergies, each by its own words',
    profile: 'GP Connect',
    resources: [
      allergy('d1', { code: { coding: [DEGRADED_DRUG_ALLERGY], text: 'Septrin' }, category: ['medication'] }),
      allergy('d2', {
        code: { coding: [DEGRADED_DRUG_ALLERGY], text: '9339101000001105 | Co-codamol 30mg/500mg tablets' },
        category: ['medication'],
      }),
      allergy('d3', { code: { coding: [DEGRADED_DRUG_ALLERGY], text: 'Amoxicillin 250mg capsules' }, category: ['medication'] }),
    ],
    // No criticality: by name.
    expected: [
      {
        substance: 'Amoxicillin 250mg capsules',
        drugClass: { name: 'Penicillins', member: 'a penicillin' },
        entries: [{ code: undefined }],
      },
      { substance: 'Co-codamol 30mg/500mg tablets', entries: [{ code: undefined }] },
      { substance: 'Septrin', entries: [{ code: undefined }] },
    ],
  },
  {
    name: 'a degraded non-drug allergy keeps its written name',
    profile: 'GP Connect',
    resources: [allergy('nd', { code: { coding: [DEGRADED_NON_DRUG_ALLERGY], text: 'Elastoplast' }, category: ['environment'] })],
    expected: [{ substance: 'Elastoplast', entries: [{ category: 'environment', code: undefined }] }],
  },
  {
    name: 'an ended allergy from the "Ended allergies" list: named by its original term, after the current one, drug class from its original code',
    profile: 'GP Connect',
    resources: [
      allergy('ended', {
        clinicalStatus: clinical('allergyintolerance-clinical', 'resolved'),
        code: { coding: [DEGRADED_DRUG_ALLERGY], text: "Resolved 'Allergy to amoxicillin' original code 294505008." },
        criticality: 'high',
      }),
      allergy('latex', { code: { coding: [{ system: SNOMED, code: '111088007', display: 'Latex' }] }, criticality: 'low' }),
    ],
    expected: [
      { substance: 'Latex' },
      {
        substance: 'Allergy to amoxicillin',
        drugClass: { name: 'Penicillins', member: 'a penicillin' },
        entries: [{ clinicalStatus: 'resolved', code: { system: SNOMED, code: '294505008' } }],
      },
    ],
  },
  {
    name: '"No known drug allergy" recorded by the GP is a status, not an allergy',
    profile: 'UK Core R4',
    resources: [allergy('nkda', { code: { coding: [{ system: SNOMED, code: '409137002', display: 'No known drug allergy' }] } })],
    expected: [],
    statuses: ['no-known-drug-allergies'],
  },
  {
    name: 'an entry entered in error is not shown, and says nothing about allergy status',
    profile: 'UK Core R4',
    resources: [
      allergy('err', {
        clinicalStatus: undefined,
        verificationStatus: verification('allergyintolerance-verification', 'entered-in-error'),
        code: { text: 'Aspirin' },
      }),
    ],
    expected: [],
    statuses: ['not-recorded'],
  },
  {
    name: 'IPS "no known medication allergies" is the NKDA status; "no information about allergies" is not recorded',
    profile: 'IPS',
    resources: [
      allergy('ips-nkda', {
        code: { coding: [{ system: IPS_ABSENT, code: 'no-known-medication-allergies', display: 'No known medication allergies' }] },
      }),
    ],
    expected: [],
    statuses: ['no-known-drug-allergies'],
  },
  {
    name: 'IPS "no information about allergies" is not an allergy: allergies not recorded',
    profile: 'IPS',
    resources: [
      allergy('ips-none', {
        code: { coding: [{ system: IPS_ABSENT, code: 'no-allergy-info', display: 'No information about allergies' }] },
      }),
    ],
    expected: [],
    statuses: ['not-recorded'],
  },
  {
    name: 'a Synthea drug allergy coded in RxNorm, with a mild reaction and low criticality',
    profile: 'US Core (Synthea)',
    resources: [
      {
        resourceType: 'AllergyIntolerance',
        id: 'syn-1',
        meta: { profile: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-allergyintolerance'] },
        clinicalStatus: clinical('allergyintolerance-clinical', 'active'),
        verificationStatus: verification('allergyintolerance-verification', 'confirmed'),
        type: 'allergy',
        category: ['medication'],
        criticality: 'low',
        code: {
          coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '7980', display: 'Penicillin G' }],
          text: 'Penicillin G',
        },
        patient: SUBJECT,
        recordedDate: '1998-01-12T09:14:00-05:00',
        reaction: [
          {
            manifestation: [
              {
                coding: [{ system: SNOMED, code: '271807003', display: 'Eruption of skin (disorder)' }],
                text: 'Eruption of skin (disorder)',
              },
            ],
            severity: 'mild',
          },
        ],
      },
      {
        resourceType: 'AllergyIntolerance',
        id: 'syn-2',
        clinicalStatus: clinical('allergyintolerance-clinical', 'active'),
        verificationStatus: verification('allergyintolerance-verification', 'confirmed'),
        type: 'allergy',
        category: ['food'],
        criticality: 'high',
        code: { coding: [{ system: SNOMED, code: '91935009', display: 'Allergy to peanuts' }], text: 'Allergy to peanuts' },
        patient: SUBJECT,
        recordedDate: '1998-01-12T09:14:00-05:00',
      },
    ],
    expected: [
      { substance: 'Allergy to peanuts', entries: [{ criticality: 'high', category: 'food' }] },
      {
        substance: 'Penicillin G',
        entries: [{ criticality: 'low', reactions: [{ manifestations: ['Eruption of skin (disorder)'], severity: 'mild' }] }],
      },
    ],
  },
];
