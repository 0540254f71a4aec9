// IPS's medication shapes, written for this project, each with what the
// medication section must show: a statement naming a Medication coded in ATC,
// and "no known medications".

import { CORPUS_ACUTE, PATIENT_REF as subject, type CorpusCase } from './corpus';
import type { MedicationsDisplay } from './medications';
import { DAILY, STORED, UCUM, r } from './medications-fhir';

export const IPS_MEDICATIONS: CorpusCase<MedicationsDisplay>[] = [
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
];
