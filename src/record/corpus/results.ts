// Results as UK Core R4 (laboratory), GP2GP degrades, IPS and US Core (as
// Synthea writes vital signs and laboratory results) shape them, and what the
// results builder must give. Written by this project from the published profiles.

import type { Observation } from '@medplum/fhirtypes';
import type { ResultGroup, TestResults } from '../results/types';
import { DEGRADED_RECORD_ENTRY, LOINC, SNOMED, SUBJECT, UCUM, type CodedCase } from './coded-case';

const CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const laboratory = [{ coding: [{ system: CATEGORY, code: 'laboratory', display: 'Laboratory' }] }];
const vitalSigns = [{ coding: [{ system: CATEGORY, code: 'vital-signs', display: 'vital-signs' }] }];
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const mmolL = (value: number) => ({ value, unit: 'mmol/L', system: UCUM, code: 'mmol/L' });

function observation(id: string, fields: Partial<Observation>): Observation {
  return { resourceType: 'Observation', id, status: 'final', subject: SUBJECT, code: { text: 'Not Known' }, ...fields };
}

export const RESULT_CASES: CodedCase<ResultGroup | TestResults>[] = [
  {
    name: 'a laboratory result with LOINC and SNOMED codes, a reference range and the laboratory’s High flag',
    profile: 'UK Core R4',
    resources: [
      observation('k', {
        meta: { profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-Observation-Lab'] },
        category: laboratory,
        code: {
          coding: [
            { system: LOINC, code: '2823-3', display: 'Potassium [Moles/volume] in Serum or Plasma' },
            { system: SNOMED, code: '1000651000000109', display: 'Serum potassium level' },
          ],
          text: 'Serum potassium',
        },
        effectiveDateTime: '2026-06-30T08:40:00+01:00',
        issued: '2026-06-30T14:02:00+01:00',
        valueQuantity: mmolL(5.9),
        referenceRange: [{ low: mmolL(3.5), high: mmolL(5.3) }],
        interpretation: [{ coding: [{ system: INTERPRETATION, code: 'H', display: 'High' }] }],
      }),
    ],
    expected: [
      {
        kind: 'test',
        name: 'Serum potassium',
        category: 'laboratory',
        values: [
          {
            display: '5.9 mmol/L',
            flag: { code: 'H', text: 'High' },
            date: '2026-06-30T08:40:00+01:00',
            provenance: { recorded: '2026-06-30T14:02:00+01:00' },
          },
        ],
      },
    ],
  },
  {
    name: 'results moved by GP2GP as degraded record entries: grouped by their written names, never into one test',
    profile: 'GP Connect',
    resources: [
      observation('d1', {
        code: { coding: [DEGRADED_RECORD_ENTRY], text: 'CHOL/HDL RATIO' },
        effectiveDateTime: '2005-03-15',
        valueQuantity: { value: 4.8 },
      }),
      observation('d2', {
        code: { coding: [DEGRADED_RECORD_ENTRY], text: 'Serum cholesterol' },
        effectiveDateTime: '2005-03-15',
        valueQuantity: mmolL(6.1),
      }),
      observation('d3', {
        code: { coding: [DEGRADED_RECORD_ENTRY], text: 'CHOL/HDL RATIO' },
        effectiveDateTime: '2004-03-10',
        valueQuantity: { value: 5.2 },
      }),
    ],
    expected: [
      { name: 'CHOL/HDL RATIO', code: undefined, values: [{ display: '4.8' }, { display: '5.2' }] },
      { name: 'Serum cholesterol', code: undefined, values: [{ display: '6.1 mmol/L' }] },
    ],
  },
  {
    name: 'an absent value says why in words, and an entered-in-error one is not shown',
    profile: 'IPS',
    resources: [
      observation('absent', {
        category: laboratory,
        code: { coding: [{ system: LOINC, code: '4548-4', display: 'Hemoglobin A1c/Hemoglobin.total in Blood' }] },
        effectiveDateTime: '2026-05-01',
        dataAbsentReason: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'error', display: 'Error' }],
        },
      }),
      observation('wrong', {
        status: 'entered-in-error',
        code: { coding: [{ system: LOINC, code: '4548-4' }] },
        effectiveDateTime: '2026-05-02',
        valueQuantity: { value: 99 },
      }),
    ],
    expected: [{ name: 'Hemoglobin A1c/Hemoglobin.total in Blood', values: [{ display: 'No result: Error' }] }],
  },
  {
    name: 'Synthea vital signs: a blood pressure panel read as systolic/diastolic, and body weight',
    profile: 'US Core (Synthea)',
    resources: [
      observation('bp', {
        meta: {
          profile: ['http://hl7.org/fhir/StructureDefinition/bp', 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-blood-pressure'],
        },
        category: vitalSigns,
        code: {
          coding: [{ system: LOINC, code: '85354-9', display: 'Blood pressure panel with all children optional' }],
          text: 'Blood pressure panel with all children optional',
        },
        effectiveDateTime: '2020-09-14T10:20:00-04:00',
        issued: '2020-09-14T10:20:00.123-04:00',
        component: [
          {
            code: { coding: [{ system: LOINC, code: '8462-4', display: 'Diastolic Blood Pressure' }], text: 'Diastolic Blood Pressure' },
            valueQuantity: { value: 82, unit: 'mm[Hg]', system: UCUM, code: 'mm[Hg]' },
          },
          {
            code: { coding: [{ system: LOINC, code: '8480-6', display: 'Systolic Blood Pressure' }], text: 'Systolic Blood Pressure' },
            valueQuantity: { value: 131, unit: 'mm[Hg]', system: UCUM, code: 'mm[Hg]' },
          },
        ],
      }),
      observation('weight', {
        category: vitalSigns,
        code: { coding: [{ system: LOINC, code: '29463-7', display: 'Body Weight' }], text: 'Body Weight' },
        effectiveDateTime: '2020-09-14T10:20:00-04:00',
        issued: '2020-09-14T10:20:00.123-04:00',
        valueQuantity: { value: 83.4, unit: 'kg', system: UCUM, code: 'kg' },
      }),
    ],
    expected: [
      { name: 'Blood pressure panel with all children optional', category: 'vital-signs', values: [{ display: '131/82 mmHg' }] },
      { name: 'Body Weight', category: 'vital-signs', values: [{ display: '83.4 kg' }] },
    ],
  },
];
