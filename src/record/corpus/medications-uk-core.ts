// UK Core R4's medication shapes, written for this project, each with what
// the medication section must show: statements and prescriptions at the
// practice, a hospital's chart, supplies and reducing courses, one medicine
// from two sources, and kinds the viewer cannot show.

import { CORPUS_ACUTE, CORPUS_GP, PATIENT_REF as subject, type CorpusCase } from './corpus';
import type { MedicationsDisplay } from './medications';
import { ACUTE_COURSE, CONTINUOUS, DAILY, DMD, INPATIENT, ORAL, SCT, STORED, SUBCUT, UCUM, r } from './medications-fhir';

export const UK_CORE_MEDICATIONS: CorpusCase<MedicationsDisplay>[] = [
  {
    name: 'a MedicationStatement on its own: what the patient is taking',
    profile: 'UK Core R4',
    basis:
      'UKCore-MedicationStatement: status, medication[x] (dm+d), effective[x], dateAsserted, dosage with text, timing, route and doseAndRate',
    source: CORPUS_GP,
    resources: [
      r({
        resourceType: 'MedicationStatement',
        id: 'ms-amlodipine',
        meta: STORED,
        status: 'active',
        subject,
        medicationCodeableConcept: { coding: [{ system: DMD, code: '39732011000001102', display: 'Amlodipine 5mg tablets' }] },
        effectiveDateTime: '2024-05-10',
        dateAsserted: '2024-05-10',
        dosage: [
          {
            text: 'One tablet once daily',
            timing: DAILY,
            route: ORAL,
            doseAndRate: [{ doseQuantity: { value: 1, unit: 'tablet', system: SCT, code: '428673006' } }],
          },
        ],
      }),
    ],
    display: { current: ['Amlodipine 5mg tablets — 1 tablet, oral, once daily — Other · Started 10-May-2024'], recentlyStopped: [] },
  },
  {
    name: 'a repeat prescription naming an _included Medication with form and strength, a dose range as required',
    profile: 'UK Core R4',
    basis:
      'UKCore-MedicationRequest medicationReference to UKCore-Medication (code, form, ingredient.strength as a Ratio); doseRange; asNeededBoolean',
    source: CORPUS_GP,
    resources: [
      r({
        resourceType: 'MedicationRequest',
        id: 'mr-paracetamol',
        meta: STORED,
        status: 'active',
        intent: 'order',
        subject,
        courseOfTherapyType: CONTINUOUS,
        medicationReference: { reference: 'Medication/paracetamol' },
        authoredOn: '2026-02-01',
        dosageInstruction: [
          {
            text: 'One or two tablets up to four times a day when required',
            asNeededBoolean: true,
            route: ORAL,
            timing: { repeat: { frequency: 4, period: 1, periodUnit: 'd' } },
            doseAndRate: [{ doseRange: { low: { value: 1, unit: 'tablet' }, high: { value: 2, unit: 'tablet' } } }],
          },
        ],
      }),
      r({
        resourceType: 'Medication',
        id: 'paracetamol',
        code: { coding: [{ system: DMD, code: '322236009', display: 'Paracetamol 500mg tablets' }] },
        form: { coding: [{ system: SCT, code: '385055001', display: 'Tablet' }] },
        ingredient: [
          {
            itemCodeableConcept: { text: 'Paracetamol' },
            strength: {
              numerator: { value: 500, system: UCUM, code: 'mg' },
              denominator: { value: 1, system: SCT, code: '428673006', unit: 'tablet' },
            },
          },
        ],
      }),
    ],
    display: {
      current: ['Paracetamol 500 mg Tablet — 1 to 2 tablets, oral, four times a day as required — Repeat · Started 01-Feb-2026'],
      recentlyStopped: [],
    },
  },
  {
    name: 'an inpatient chart order with its doses given: the last dose on the line',
    profile: 'UK Core R4',
    basis:
      'MedicationRequest category inpatient; MedicationAdministration request the order, effectiveDateTime, dosage.dose and route; a not-done dose is not a dose given',
    source: CORPUS_ACUTE,
    resources: [
      r({
        resourceType: 'MedicationRequest',
        id: 'chart-enoxaparin',
        meta: STORED,
        status: 'active',
        intent: 'order',
        subject,
        category: [INPATIENT],
        authoredOn: '2026-07-13T15:00:00Z',
        medicationCodeableConcept: { text: 'Enoxaparin sodium 40mg/0.4ml solution for injection pre-filled syringes' },
        dosageInstruction: [
          {
            timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd', when: ['EVE'] } },
            route: SUBCUT,
            doseAndRate: [{ doseQuantity: { value: 40, system: UCUM, code: 'mg', unit: 'mg' } }],
          },
        ],
      }),
      ...[
        ['given-1', '2026-07-13T18:00:00Z', 'completed'],
        ['given-2', '2026-07-14T18:05:00Z', 'completed'],
        ['given-3', '2026-07-15T11:00:00Z', 'not-done'],
      ].map(([id, at, status]) =>
        r({
          resourceType: 'MedicationAdministration',
          id,
          status,
          subject,
          request: { reference: 'MedicationRequest/chart-enoxaparin' },
          effectiveDateTime: at,
          medicationCodeableConcept: { text: 'Enoxaparin sodium 40mg/0.4ml solution for injection pre-filled syringes' },
          dosage: { route: SUBCUT, dose: { value: 40, unit: 'mg', system: UCUM, code: 'mg' } },
        }),
      ),
    ],
    display: {
      current: [
        'Enoxaparin sodium 40mg/0.4ml solution for injection pre-filled syringes — 40 mg, subcutaneous, in the evening — Inpatient · Started 13-Jul-2026 · Last dose given 14-Jul-2026 19:05 (40 mg, subcutaneous)',
      ],
      recentlyStopped: [],
    },
  },
  {
    name: 'a supply dispensed against an acute order: folded into it as the last supply',
    profile: 'UK Core R4',
    basis: 'MedicationDispense authorizingPrescription the MedicationRequest, whenHandedOver, daysSupply',
    source: CORPUS_ACUTE,
    resources: [
      r({
        resourceType: 'MedicationRequest',
        id: 'tto-amoxicillin',
        meta: STORED,
        status: 'active',
        intent: 'order',
        subject,
        courseOfTherapyType: ACUTE_COURSE,
        authoredOn: '2026-07-13',
        medicationCodeableConcept: { text: 'Amoxicillin 500mg capsules' },
        dosageInstruction: [
          {
            text: 'One capsule three times a day for 7 days',
            route: ORAL,
            timing: {
              repeat: { frequency: 3, period: 1, periodUnit: 'd', boundsDuration: { value: 7, unit: 'days', system: UCUM, code: 'd' } },
            },
            doseAndRate: [{ doseQuantity: { value: 1, unit: 'capsule' } }],
          },
        ],
      }),
      r({
        resourceType: 'MedicationDispense',
        id: 'tto-supply',
        status: 'completed',
        subject,
        medicationCodeableConcept: { text: 'Amoxicillin 500mg capsules' },
        authorizingPrescription: [{ reference: 'MedicationRequest/tto-amoxicillin' }],
        whenHandedOver: '2026-07-13T16:30:00Z',
        daysSupply: { value: 7, unit: 'day' },
      }),
    ],
    display: {
      current: [
        'Amoxicillin 500mg capsules — 1 capsule, oral, three times a day for 7 days — Acute · Started 13-Jul-2026 · Last dispensed 13-Jul-2026 17:30',
      ],
      recentlyStopped: [],
    },
  },
  {
    name: 'a reducing course in steps: every step in order',
    profile: 'UK Core R4',
    basis: "several dosageInstruction with sequence: a later sequence follows an earlier one; boundsDuration gives each step's length",
    source: CORPUS_GP,
    resources: [
      r({
        resourceType: 'MedicationRequest',
        id: 'prednisolone',
        meta: STORED,
        status: 'active',
        intent: 'order',
        subject,
        courseOfTherapyType: ACUTE_COURSE,
        authoredOn: '2026-07-10',
        medicationCodeableConcept: { text: 'Prednisolone 5mg tablets' },
        dosageInstruction: [2, 1].map((sequence) => ({
          sequence,
          route: ORAL,
          timing: {
            repeat: { frequency: 1, period: 1, periodUnit: 'd', boundsDuration: { value: 5, unit: 'days', system: UCUM, code: 'd' } },
          },
          doseAndRate: [{ doseQuantity: { value: sequence === 1 ? 40 : 20, unit: 'mg', system: UCUM, code: 'mg' } }],
        })),
      }),
    ],
    display: {
      current: [
        'Prednisolone 5mg tablets — 40 mg, oral, once daily for 5 days; then 20 mg, once daily for 5 days — Acute · Started 10-Jul-2026',
      ],
      recentlyStopped: [],
    },
  },
  {
    name: "one medicine from a GP statement and a hospital chart: one group, the ward's line first, the difference in words",
    profile: 'UK Core R4',
    basis: 'the same VMP named by two sources (dm+d ids change; names are matched)',
    source: CORPUS_ACUTE,
    resources: [
      r({
        resourceType: 'MedicationRequest',
        id: 'chart-amlodipine',
        meta: STORED,
        status: 'active',
        intent: 'order',
        subject,
        category: [INPATIENT],
        authoredOn: '2026-07-13',
        medicationCodeableConcept: { coding: [{ system: DMD, code: '39731911000001109', display: 'Amlodipine 10mg tablets' }] },
        dosageInstruction: [
          {
            route: ORAL,
            timing: { repeat: { when: ['MORN'] } },
            doseAndRate: [{ doseQuantity: { value: 10, unit: 'mg', system: UCUM, code: 'mg' } }],
          },
        ],
      }),
    ],
    others: [
      {
        source: CORPUS_GP,
        resources: [
          r({
            resourceType: 'MedicationStatement',
            id: 'gp-amlodipine',
            status: 'active',
            subject,
            effectiveDateTime: '2024-05-10',
            medicationCodeableConcept: { coding: [{ system: DMD, code: '319283006', display: 'Amlodipine 5mg tablets' }] },
            dosage: [{ timing: DAILY, route: ORAL, doseAndRate: [{ doseQuantity: { value: 5, unit: 'mg', system: UCUM, code: 'mg' } }] }],
          }),
        ],
      },
    ],
    display: {
      current: ['Amlodipine 10mg tablets — 10 mg, oral, in the morning — Inpatient · Started 13-Jul-2026'],
      recentlyStopped: [],
      linesPerMedicine: { 'Amlodipine 10mg tablets': 2 },
      conflicts: ['Dose differs: 10 mg in the morning (Weald General Hospital, inpatient); 5 mg once daily (Riverside Medical Practice)'],
    },
  },
  {
    name: 'medication resources of a kind this viewer cannot show are counted, never "None recorded"',
    profile: 'UK Core R4',
    basis:
      'a server may answer with types outside R4 MedicationRequest/Statement/Dispense/Administration (R5 MedicationUsage, MedicationKnowledge)',
    source: CORPUS_ACUTE,
    resources: [
      r({ resourceType: 'MedicationUsage', id: 'r5-usage', status: 'recorded' }),
      r({ resourceType: 'MedicationKnowledge', id: 'knowledge' }),
    ],
    display: {
      current: [],
      recentlyStopped: [],
      notShown: ['2 entries of a kind this viewer cannot show (Weald General Hospital NHS Trust)'],
    },
    unitOnly:
      'MedicationUsage is an R5 type and MedicationKnowledge has no patient: an R4 server stores neither for a patient search to return',
  },
];
