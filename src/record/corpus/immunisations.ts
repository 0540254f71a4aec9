// Immunisations as UK Core R4, GP2GP degrades, IPS and US Core (as Synthea
// writes them, in CVX) shape them, and what the immunisation builder must give.
// Written by this project from the published profiles.

import type { Immunization } from '@medplum/fhirtypes';
import type { ImmunisationItem } from '../immunisations';
import { DEGRADED_RECORD_ENTRY, IPS_ABSENT, SNOMED, SUBJECT, type CodedCase } from './coded-case';

const CVX = 'http://hl7.org/fhir/sid/cvx';

function immunisation(id: string, fields: Partial<Immunization>): Immunization {
  return {
    resourceType: 'Immunization',
    id,
    meta: { profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-Immunization'] },
    status: 'completed',
    vaccineCode: { text: 'Not Known' },
    patient: SUBJECT,
    primarySource: true,
    ...fields,
  };
}

export const IMMUNISATION_CASES: CodedCase<ImmunisationItem>[] = [
  {
    name: 'a dose in a course: which dose of how many, what it protects against, and when given',
    profile: 'UK Core R4',
    resources: [
      immunisation('hpv-2', {
        vaccineCode: { text: 'Human papillomavirus vaccine' },
        occurrenceDateTime: '2024-03-05T10:00:00Z',
        recorded: '2024-03-05T10:30:00Z',
        protocolApplied: [
          {
            targetDisease: [{ coding: [{ system: SNOMED, code: '240532009', display: 'Human papilloma virus infection' }] }],
            doseNumberPositiveInt: 2,
            seriesDosesPositiveInt: 2,
          },
        ],
      }),
    ],
    expected: [
      {
        vaccine: 'Human papillomavirus vaccine',
        status: 'completed',
        dose: '2 of 2',
        targetDiseases: ['Human papilloma virus infection'],
        date: '2024-03-05T10:00:00Z',
        provenance: { recorded: '2024-03-05T10:30:00Z' },
      },
    ],
  },
  {
    name: 'a vaccine not given is shown as not given, with the reason; one entered in error is not shown',
    profile: 'UK Core R4',
    resources: [
      immunisation('declined', {
        status: 'not-done',
        statusReason: { text: 'Parent declined' },
        vaccineCode: { text: 'Live attenuated influenza vaccine' },
        occurrenceDateTime: '2025-10-02',
      }),
      immunisation('wrong', { status: 'entered-in-error', vaccineCode: { text: 'MMR vaccine' }, occurrenceDateTime: '2025-10-01' }),
    ],
    expected: [{ vaccine: 'Live attenuated influenza vaccine', status: 'not-done', reason: 'Parent declined' }],
  },
  {
    name: 'two vaccines moved by GP2GP under the degraded code on one day: two vaccines, each by its words',
    profile: 'GP Connect',
    resources: [
      immunisation('d1', {
        vaccineCode: { coding: [DEGRADED_RECORD_ENTRY], text: 'Hepatitis A vaccine' },
        occurrenceDateTime: '2009-06-01',
      }),
      immunisation('d2', { vaccineCode: { coding: [DEGRADED_RECORD_ENTRY], text: 'Typhoid vaccine' }, occurrenceDateTime: '2009-06-01' }),
    ],
    expected: [
      { vaccine: 'Hepatitis A vaccine', code: undefined },
      { vaccine: 'Typhoid vaccine', code: undefined },
    ],
  },
  {
    name: 'IPS "no information about immunisations" is not a vaccine',
    profile: 'IPS',
    resources: [
      immunisation('ips-none', {
        vaccineCode: { coding: [{ system: IPS_ABSENT, code: 'no-immunization-info', display: 'No information about immunizations' }] },
      }),
    ],
    expected: [],
  },
  {
    name: 'Synthea’s yearly flu vaccines in CVX: one entry per year, newest first, not recorded on the day given',
    profile: 'US Core (Synthea)',
    resources: [2019, 2020].map((year) => ({
      resourceType: 'Immunization' as const,
      id: `flu-${year}`,
      meta: { profile: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-immunization'] },
      status: 'completed' as const,
      vaccineCode: {
        coding: [{ system: CVX, code: '140', display: 'Influenza, seasonal, injectable, preservative free' }],
        text: 'Influenza, seasonal, injectable, preservative free',
      },
      patient: SUBJECT,
      encounter: { reference: `urn:uuid:enc-${year}` },
      occurrenceDateTime: `${year}-10-14T10:20:00-04:00`,
      primarySource: true,
    })),
    expected: [
      {
        vaccine: 'Influenza, seasonal, injectable, preservative free',
        code: { system: CVX, code: '140' },
        date: '2020-10-14T10:20:00-04:00',
        provenance: { recorded: undefined },
      },
      { vaccine: 'Influenza, seasonal, injectable, preservative free', date: '2019-10-14T10:20:00-04:00' },
    ],
  },
];
