// GP Connect's medication shapes, written for this project, each with what
// the medication section must show: a repeat as statement, plan and issues, a
// medicine prescribed elsewhere, acute and stopped prescriptions.

import type { Resource } from '@medplum/fhirtypes';
import { CORPUS_GP, PATIENT_REF as subject, type CorpusCase } from './corpus';
import type { MedicationsDisplay } from './medications';
import { ACUTE_COURSE, CONTINUOUS, DMD, STORED, SUBCUT, r } from './medications-fhir';

const GPC = 'https://fhir.nhs.uk/STU3/StructureDefinition/';
const UKCORE = 'https://fhir.hl7.org.uk/StructureDefinition/';

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

export const GP_CONNECT_MEDICATIONS: CorpusCase<MedicationsDisplay>[] = [
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
];
