// Procedures as UK Core R4, GP2GP degrades, IPS and US Core (as Synthea writes
// them) shape them, and what the procedure builder must give. Written by this
// project from the published profiles.

import type { Procedure } from '@medplum/fhirtypes';
import type { ProcedureItem } from '../procedures';
import { DEGRADED_RECORD_ENTRY, IPS_ABSENT, SNOMED, SUBJECT, type CodedCase } from './coded-case';

function procedure(id: string, fields: Partial<Procedure>): Procedure {
  return {
    resourceType: 'Procedure',
    id,
    meta: { profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-Procedure'] },
    status: 'completed',
    subject: SUBJECT,
    ...fields,
  };
}

export const PROCEDURE_CASES: CodedCase<ProcedureItem>[] = [
  {
    name: 'an operation: what, when, why, where, by whom',
    profile: 'UK Core R4',
    resources: [
      procedure('hip', {
        code: { coding: [{ system: SNOMED, code: '52734007', display: 'Total replacement of hip' }] },
        performedDateTime: '2019-03-12T09:30:00Z',
        reasonCode: [{ text: 'Osteoarthritis of hip' }],
        bodySite: [{ text: 'Left hip' }],
        performer: [{ actor: { display: 'Mr A SURGEON' } }],
        location: { display: 'Weald General Hospital, Theatre 3' },
      }),
    ],
    expected: [
      {
        name: 'Total replacement of hip',
        statusText: 'Completed',
        date: '2019-03-12T09:30:00Z',
        reason: 'Osteoarthritis of hip',
        bodySite: 'Left hip',
        performer: 'Mr A SURGEON',
        location: 'Weald General Hospital, Theatre 3',
        provenance: { recorded: undefined },
      },
    ],
  },
  {
    name: 'not done is said as not done with its reason; entered in error is not shown; a date not held stays unknown',
    profile: 'UK Core R4',
    resources: [
      procedure('declined', {
        status: 'not-done',
        statusReason: { text: 'Patient declined' },
        code: { text: 'Colonoscopy' },
        performedDateTime: '2025-11-03',
      }),
      procedure('wrong', { status: 'entered-in-error', code: { text: 'Appendicectomy' }, performedDateTime: '2025-11-04' }),
      procedure('undated', { code: { text: 'Tonsillectomy' } }),
    ],
    expected: [
      { name: 'Colonoscopy', status: 'not-done', statusText: 'Not done: Patient declined' },
      { name: 'Tonsillectomy', date: undefined },
    ],
  },
  {
    name: 'procedures moved by GP2GP as degraded record entries: each by its words',
    profile: 'GP Connect',
    resources: [
      procedure('d1', { code: { coding: [DEGRADED_RECORD_ENTRY], text: 'Cataract extraction' }, performedDateTime: '2010-05-01' }),
      procedure('d2', { code: { coding: [DEGRADED_RECORD_ENTRY], text: 'Carpal tunnel release' }, performedDateTime: '2010-05-01' }),
    ],
    expected: [
      { name: 'Carpal tunnel release', code: undefined },
      { name: 'Cataract extraction', code: undefined },
    ],
  },
  {
    name: 'IPS "no known procedures" is not a procedure',
    profile: 'IPS',
    resources: [
      procedure('ips-none', { code: { coding: [{ system: IPS_ABSENT, code: 'no-known-procedures', display: 'No known procedures' }] } }),
    ],
    expected: [],
  },
  {
    name: 'a Synthea procedure over a period, at a named location',
    profile: 'US Core (Synthea)',
    resources: [
      {
        resourceType: 'Procedure',
        id: 'syn-recon',
        meta: { profile: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-procedure'] },
        status: 'completed',
        code: {
          coding: [{ system: SNOMED, code: '430193006', display: 'Medication Reconciliation (procedure)' }],
          text: 'Medication Reconciliation (procedure)',
        },
        subject: SUBJECT,
        encounter: { reference: 'urn:uuid:enc-1' },
        performedPeriod: { start: '2020-09-14T10:20:00-04:00', end: '2020-09-14T10:35:00-04:00' },
        location: { reference: 'Location/loc-1', display: 'PCP163535' },
      },
    ],
    expected: [
      {
        name: 'Medication Reconciliation (procedure)',
        code: { system: SNOMED, code: '430193006' },
        date: '2020-09-14T10:20:00-04:00',
        end: '2020-09-14T10:35:00-04:00',
        location: 'PCP163535',
      },
    ],
  },
];
