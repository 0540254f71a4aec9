// US Core's medication shapes as Synthea produces them, written for this
// project, each with what the medication section must show.

import { CORPUS_ACUTE, PATIENT_REF as subject, type CorpusCase } from './corpus';
import type { MedicationsDisplay } from './medications';
import { DAILY, RXNORM, STORED, r } from './medications-fhir';

export const US_CORE_MEDICATIONS: CorpusCase<MedicationsDisplay>[] = [
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
];
