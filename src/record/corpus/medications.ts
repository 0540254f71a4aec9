// Medication shapes from the published profiles, written for this project,
// each with what the medication section must show. A line reads
// "product — directions — facts" (medication-display.ts), as on screen.

import type { Resource } from '@medplum/fhirtypes';
import { CORPUS_ACUTE, CORPUS_GP, PATIENT_REF as subject, type CorpusCase } from './corpus';

export interface MedicationsDisplay {
  /** Each current medicine's first line. */
  current: string[];
  /** Each recently stopped medicine's first line, newest first. */
  recentlyStopped: string[];
  /** Lines per medicine where one medicine has several. */
  linesPerMedicine?: Record<string, number>;
  conflicts?: string[];
  /** What the section says it does not list. */
  notShown?: string[];
}

const SCT = 'http://snomed.info/sct';
const DMD = 'https://dmd.nhs.uk';
const UCUM = 'http://unitsofmeasure.org';
const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const ORAL = { coding: [{ system: SCT, code: '26643006', display: 'Oral route' }] };
const SUBCUT = { coding: [{ system: SCT, code: '34206005', display: 'Subcutaneous route' }] };
const DAILY = { repeat: { frequency: 1, period: 1, periodUnit: 'd' as const } };
const COURSE = 'http://terminology.hl7.org/CodeSystem/medicationrequest-course-of-therapy';
const CONTINUOUS = { coding: [{ system: COURSE, code: 'continuous', display: 'Continuous long term therapy' }] };
const ACUTE_COURSE = { coding: [{ system: COURSE, code: 'acute', display: 'Short course (acute) therapy' }] };
const INPATIENT = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/medicationrequest-category', code: 'inpatient', display: 'Inpatient' }],
};
/** A server stamps meta.lastUpdated when it stores a record: here, the day before the corpus's "now". */
const STORED = { lastUpdated: '2026-07-14T23:10:00Z' };

const GPC = 'https://fhir.nhs.uk/STU3/StructureDefinition/';
const UKCORE = 'https://fhir.hl7.org.uk/StructureDefinition/';

const r = (resource: object) => resource as Resource;

/** A GP Connect plan: the authorisation. */
function gpcPlan(id: string, medication: string, extra: object = {}): Resource {
  return r({
    resourceType: 'MedicationRequest',
    id,
    meta: STORED,
    status: 'active',
    intent: 'plan',
    subject,
    medicationReference: { reference: `Medication/${medication}` },
    courseOfTherapyType: CONTINUOUS,
    requester: { display: 'Dr Sarah AHMED' },
    ...extra,
  });
}

/** A GP Connect issue: an order based on its plan. */
function gpcIssue(id: string, plan: string, medication: string, authoredOn: string, extra: object = {}): Resource {
  return r({
    resourceType: 'MedicationRequest',
    id,
    meta: STORED,
    status: 'completed',
    intent: 'order',
    subject,
    authoredOn,
    medicationReference: { reference: `Medication/${medication}` },
    basedOn: [{ reference: `MedicationRequest/${plan}` }],
    dispenseRequest: { validityPeriod: { start: authoredOn } },
    ...extra,
  });
}

export const MEDICATION_CORPUS: CorpusCase<MedicationsDisplay>[] = [
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
    name: 'a repeat as statement, plan and issues: one line, the last issue date',
    profile: 'GP Connect',
    basis:
      'GP Connect medication model: Medication; MedicationRequest intent plan (the authorisation); intent order per issue, basedOn the plan; MedicationStatement basedOn the plan with lastIssueDate and prescribingAgency extensions; dosage text always given',
    source: CORPUS_GP,
    resources: [
      r({
        resourceType: 'Medication',
        id: 'ramipril',
        code: { coding: [{ system: DMD, display: 'Ramipril 2.5mg capsules' }], text: 'Ramipril 2.5mg capsules' },
      }),
      gpcPlan('plan-ramipril', 'ramipril', {
        authoredOn: '2023-03-01',
        dispenseRequest: { validityPeriod: { start: '2023-03-01' }, numberOfRepeatsAllowed: 5 },
      }),
      gpcIssue('issue-ramipril-1', 'plan-ramipril', 'ramipril', '2026-05-20'),
      gpcIssue('issue-ramipril-2', 'plan-ramipril', 'ramipril', '2026-06-17'),
      r({
        resourceType: 'MedicationStatement',
        id: 'ms-ramipril',
        meta: STORED,
        status: 'active',
        subject,
        extension: [
          { url: `${GPC}Extension-CareConnect-GPC-MedicationStatementLastIssueDate-1`, valueDateTime: '2026-06-17' },
          {
            url: `${GPC}Extension-CareConnect-GPC-PrescribingAgency-1`,
            valueCodeableConcept: {
              coding: [
                {
                  system: 'https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-PrescribingAgency-1',
                  code: 'prescribed-at-gp-practice',
                  display: 'Prescribed at GP practice',
                },
              ],
            },
          },
        ],
        basedOn: [{ reference: 'MedicationRequest/plan-ramipril' }],
        medicationReference: { reference: 'Medication/ramipril' },
        effectivePeriod: { start: '2023-03-01' },
        dateAsserted: '2023-03-01',
        dosage: [{ text: 'One capsule once a day' }],
      }),
    ],
    display: {
      current: ['Ramipril 2.5mg capsules — One capsule once a day — Repeat · Started 01-Mar-2023 · Last issued 17-Jun-2026'],
      recentlyStopped: [],
      linesPerMedicine: { 'Ramipril 2.5mg capsules': 1 },
    },
  },
  {
    name: 'a medicine prescribed by another organisation (recorded at the practice, never issued there)',
    profile: 'GP Connect',
    basis: 'prescribingAgency "prescribed-by-another-organisation": consumers should make clear the practice does not manage it',
    source: CORPUS_GP,
    resources: [
      r({ resourceType: 'Medication', id: 'adalimumab', code: { text: 'Adalimumab 40mg/0.4ml solution for injection pre-filled pens' } }),
      gpcPlan('plan-adalimumab', 'adalimumab', { authoredOn: '2025-09-01' }),
      r({
        resourceType: 'MedicationStatement',
        id: 'ms-adalimumab',
        meta: STORED,
        status: 'active',
        subject,
        extension: [
          {
            url: `${UKCORE}Extension-UKCore-MedicationPrescribingOrganizationType`,
            valueCodeableConcept: {
              coding: [
                {
                  system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-MedicationPrescribingOrganizationType',
                  code: 'prescribed-by-another-organisation',
                  display: 'Prescribed by another organisation',
                },
              ],
            },
          },
        ],
        basedOn: [{ reference: 'MedicationRequest/plan-adalimumab' }],
        medicationReference: { reference: 'Medication/adalimumab' },
        effectivePeriod: { start: '2025-09-01' },
        dosage: [{ text: '40mg every other week', route: SUBCUT }],
      }),
    ],
    display: {
      current: [
        'Adalimumab 40mg/0.4ml solution for injection pre-filled pens — 40mg every other week, subcutaneous — Repeat · Prescribed by another organisation · Started 01-Sep-2025',
      ],
      recentlyStopped: [],
    },
  },
  {
    name: 'an acute prescription completed with no end date: stopped, date not recorded (never the day it was stored)',
    profile: 'GP Connect',
    basis: 'status "completed" once an authorisation is over; effective end and validity end are optional and often absent',
    source: CORPUS_GP,
    resources: [
      r({ resourceType: 'Medication', id: 'nitrofurantoin', code: { text: 'Nitrofurantoin 100mg modified-release capsules' } }),
      gpcPlan('plan-nitrofurantoin', 'nitrofurantoin', {
        status: 'completed',
        courseOfTherapyType: ACUTE_COURSE,
        authoredOn: '2026-06-02',
        dispenseRequest: { validityPeriod: { start: '2026-06-02' } },
      }),
      gpcIssue('issue-nitrofurantoin', 'plan-nitrofurantoin', 'nitrofurantoin', '2026-06-02', { courseOfTherapyType: ACUTE_COURSE }),
      r({
        resourceType: 'MedicationStatement',
        id: 'ms-nitrofurantoin',
        meta: STORED,
        status: 'completed',
        subject,
        basedOn: [{ reference: 'MedicationRequest/plan-nitrofurantoin' }],
        medicationReference: { reference: 'Medication/nitrofurantoin' },
        effectivePeriod: { start: '2026-06-02' },
        dosage: [{ text: 'One capsule twice a day for 3 days' }],
      }),
    ],
    display: {
      current: [],
      recentlyStopped: [
        'Nitrofurantoin 100mg modified-release capsules — One capsule twice a day for 3 days — Acute · Completed · Started 02-Jun-2026 · Last issued 02-Jun-2026 · Stopped (date not recorded)',
      ],
    },
  },
  {
    name: "a repeat stopped with its reason and date on the plan's status reason extension",
    profile: 'GP Connect',
    basis: 'MedicationRequest extension statusReason (statusChangeDate, statusReason) carries why and when a plan was discontinued',
    source: CORPUS_GP,
    resources: [
      r({ resourceType: 'Medication', id: 'lisinopril', code: { text: 'Lisinopril 10mg tablets' } }),
      gpcPlan('plan-lisinopril', 'lisinopril', {
        status: 'stopped',
        authoredOn: '2020-01-15',
        extension: [
          {
            url: `${GPC}Extension-CareConnect-GPC-MedicationStatusReason-1`,
            extension: [
              { url: 'statusChangeDate', valueDateTime: '2026-05-01' },
              { url: 'statusReason', valueCodeableConcept: { text: 'Dry cough: changed to losartan' } },
            ],
          },
        ],
      }),
      r({
        resourceType: 'MedicationStatement',
        id: 'ms-lisinopril',
        meta: STORED,
        status: 'stopped',
        subject,
        basedOn: [{ reference: 'MedicationRequest/plan-lisinopril' }],
        medicationReference: { reference: 'Medication/lisinopril' },
        effectivePeriod: { start: '2020-01-15' },
        dosage: [{ text: 'One tablet once a day' }],
      }),
    ],
    display: {
      current: [],
      recentlyStopped: [
        'Lisinopril 10mg tablets — One tablet once a day — Repeat · Stopped: Dry cough: changed to losartan · Started 15-Jan-2020 · Stopped 01-May-2026',
      ],
    },
  },
  {
    name: 'a MedicationStatement naming a referenced Medication coded in ATC, with an EDQM route',
    profile: 'IPS',
    basis:
      'MedicationStatement-uv-ips: medicationReference to Medication-uv-ips (any code system), effectivePeriod, dosage with timing, route and doseQuantity in UCUM annotation units',
    source: CORPUS_ACUTE,
    resources: [
      r({
        resourceType: 'MedicationStatement',
        id: 'ips-ms',
        meta: STORED,
        status: 'active',
        subject,
        medicationReference: { reference: 'Medication/ips-med' },
        effectivePeriod: { start: '2015-03' },
        dosage: [
          {
            route: { coding: [{ system: 'http://standardterms.edqm.eu', code: '20053000', display: 'Oral use' }] },
            timing: DAILY,
            doseAndRate: [{ doseQuantity: { value: 1, unit: 'tablet', system: UCUM, code: '{tablet}' } }],
          },
        ],
      }),
      r({
        resourceType: 'Medication',
        id: 'ips-med',
        code: { coding: [{ system: 'http://www.whocc.no/atc', code: 'L02BG03', display: 'anastrozole' }] },
      }),
    ],
    display: { current: ['anastrozole — 1 tablet, oral use, once daily — Other · Started Mar-2015'], recentlyStopped: [] },
  },
  {
    name: '"no known medications": a statement that there is nothing to list, not a medicine',
    profile: 'IPS',
    basis: 'the absent-unknown-uv-ips code system: no-known-medications, no-medication-info',
    source: CORPUS_ACUTE,
    resources: [
      r({
        resourceType: 'MedicationStatement',
        id: 'ips-none',
        status: 'active',
        subject,
        effectiveDateTime: '2026-07-01',
        medicationCodeableConcept: {
          coding: [
            {
              system: 'http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips',
              code: 'no-known-medications',
              display: 'No known medications',
            },
          ],
        },
      }),
    ],
    display: { current: [], recentlyStopped: [], notShown: ['No known medications (Weald General Hospital NHS Trust)'] },
  },
  {
    name: 'an RxNorm-coded order whose dose has a number and no unit',
    profile: 'US Core (Synthea)',
    basis:
      'us-core-medicationrequest as Synthea writes it: medicationCodeableConcept RxNorm, intent order, dosageInstruction with sequence, timing and doseQuantity {value} only',
    source: CORPUS_ACUTE,
    resources: [
      r({
        resourceType: 'MedicationRequest',
        id: 'syn-lisinopril',
        meta: STORED,
        status: 'active',
        intent: 'order',
        subject,
        authoredOn: '2019-04-02T10:15:00+01:00',
        medicationCodeableConcept: {
          coding: [{ system: RXNORM, code: '314076', display: 'lisinopril 10 MG Oral Tablet' }],
          text: 'lisinopril 10 MG Oral Tablet',
        },
        requester: { display: 'Dr. Jane Doe' },
        dosageInstruction: [
          {
            sequence: 1,
            timing: DAILY,
            asNeededBoolean: false,
            doseAndRate: [{ type: { coding: [{ code: 'ordered' }] }, doseQuantity: { value: 1 } }],
          },
        ],
      }),
    ],
    display: {
      current: ['lisinopril 10 MG Oral Tablet — 1 (unit not recorded), once daily — Other · Started 02-Apr-2019'],
      recentlyStopped: [],
    },
  },
  {
    name: 'stopped orders with no end date: a recent one listed as stopped, date not recorded; an old one counted',
    profile: 'US Core (Synthea)',
    basis: 'Synthea stops a MedicationRequest by status alone, with no end date anywhere in the resource',
    source: CORPUS_ACUTE,
    resources: [
      r({
        resourceType: 'MedicationRequest',
        id: 'syn-recent',
        meta: STORED,
        status: 'stopped',
        intent: 'order',
        subject,
        authoredOn: '2026-05-20T09:00:00Z',
        medicationCodeableConcept: { coding: [{ system: RXNORM, code: '308182', display: 'amoxicillin 250 MG Oral Capsule' }] },
        dosageInstruction: [
          { sequence: 1, timing: { repeat: { frequency: 3, period: 1, periodUnit: 'd' } }, doseAndRate: [{ doseQuantity: { value: 1 } }] },
        ],
      }),
      r({
        resourceType: 'MedicationRequest',
        id: 'syn-old',
        meta: STORED,
        status: 'stopped',
        intent: 'order',
        subject,
        authoredOn: '2012-01-20T09:00:00Z',
        medicationCodeableConcept: { coding: [{ system: RXNORM, code: '310965', display: 'ibuprofen 200 MG Oral Tablet' }] },
      }),
    ],
    display: {
      current: [],
      recentlyStopped: [
        'amoxicillin 250 MG Oral Capsule — 1 (unit not recorded), three times a day — Other · Stopped · Started 20-May-2026 · Stopped (date not recorded)',
      ],
      notShown: ['1 entry stopped or last given more than 6 months ago (Weald General Hospital NHS Trust)'],
    },
  },
  {
    name: 'an as-required order with no dose at all',
    profile: 'US Core (Synthea)',
    basis: 'Synthea writes dosageInstruction [{sequence, asNeededBoolean: true}] for medicines taken when needed',
    source: CORPUS_ACUTE,
    resources: [
      r({
        resourceType: 'MedicationRequest',
        id: 'syn-prn',
        meta: STORED,
        status: 'active',
        intent: 'order',
        subject,
        authoredOn: '2024-11-02',
        medicationCodeableConcept: {
          coding: [{ system: RXNORM, code: '745679', display: '200 ACTUAT albuterol 0.09 MG/ACTUAT Metered Dose Inhaler' }],
        },
        dosageInstruction: [{ sequence: 1, asNeededBoolean: true }],
      }),
    ],
    display: {
      current: ['200 ACTUAT albuterol 0.09 MG/ACTUAT Metered Dose Inhaler — dose not recorded, as required — Other · Started 02-Nov-2024'],
      recentlyStopped: [],
    },
  },
  {
    name: 'a dose given in hospital with no prescription in the record',
    profile: 'US Core (Synthea)',
    basis:
      'Synthea writes MedicationAdministration for inpatient stays: medicationCodeableConcept, context the encounter, effectiveDateTime, no request',
    source: CORPUS_ACUTE,
    resources: [
      r({
        resourceType: 'MedicationAdministration',
        id: 'syn-given',
        meta: STORED,
        status: 'completed',
        subject,
        context: { reference: 'Encounter/e1' },
        medicationCodeableConcept: {
          coding: [{ system: RXNORM, code: '1659149', display: 'piperacillin 4000 MG / tazobactam 500 MG Injection' }],
        },
        effectiveDateTime: '2026-07-15T08:00:00Z',
      }),
    ],
    display: {
      current: [
        'piperacillin 4000 MG / tazobactam 500 MG Injection — dose not recorded — Dose given (no prescription in the record) · Completed · Last dose given 15-Jul-2026 09:00',
      ],
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
