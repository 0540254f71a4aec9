// Allergies and procedures for component tests, built by the real builders
// from FHIR as the sources send it, so what the elements show is what real data gives.

import type { AllergyIntolerance, Procedure } from '@medplum/fhirtypes';
import { buildAllergies } from '../../src/record/allergies';
import type { CareRecord, Section, SourceProgress } from '../../src/record/model';
import { buildProcedures, type ProcedureItem } from '../../src/record/procedures';
import { ACUTE, GP, PATEL_SOURCES, section } from './source-fixtures';

const NOW = new Date('2026-07-15T12:00:00Z');

function allergy(
  id: string,
  code: string,
  display: string,
  criticality: 'high' | 'low',
  reaction: string,
  severity: 'mild' | 'severe',
): AllergyIntolerance {
  return {
    resourceType: 'AllergyIntolerance',
    id,
    patient: { reference: 'Patient/p1' },
    clinicalStatus: { coding: [{ code: 'active' }] },
    code: { coding: [{ system: 'http://snomed.info/sct', code, display }] },
    criticality,
    reaction: [{ manifestation: [{ text: reaction }], severity }],
    recordedDate: '2020-01-01',
  };
}

/** An amoxicillin rash (low criticality) at the hospital, a penicillin anaphylaxis (high) at the GP. */
export function amoxicillinAndPenicillin(): CareRecord['allergies'] {
  const built = buildAllergies(
    [
      { source: ACUTE, progress: 'loaded', resources: [allergy('amox', '372687004', 'Amoxicillin', 'low', 'Rash', 'mild')] },
      { source: GP, progress: 'loaded', resources: [allergy('pen', '764146007', 'Penicillin', 'high', 'Anaphylaxis', 'severe')] },
    ],
    { now: NOW },
  );
  return { ...section(built.items, {}, [], PATEL_SOURCES), statuses: built.statuses };
}

function procedure(id: string, extra: Partial<Procedure>): Procedure {
  return { resourceType: 'Procedure', id, status: 'completed', subject: { reference: 'Patient/p1' }, ...extra };
}

/**
 * A hip replacement held by the hospital and the GP, a transfer-degraded
 * cataract operation with no date, and a declined colonoscopy.
 */
export function procedures(progress: Partial<Record<string, SourceProgress>> = {}): Section<ProcedureItem> {
  const hip = {
    code: {
      coding: [{ system: 'http://snomed.info/sct', code: '52734007', display: 'Total replacement of hip' }],
      text: 'Total hip replacement',
    },
    performedDateTime: '2019-03-12T09:30:00Z',
  };
  const built = buildProcedures(
    [
      {
        source: ACUTE,
        progress: 'loaded',
        resources: [
          procedure('hip', {
            ...hip,
            reasonCode: [{ text: 'Osteoarthritis of hip' }],
            bodySite: [{ text: 'Left hip' }],
            performer: [{ actor: { display: 'Mr A SURGEON' } }],
          }),
          procedure('colonoscopy', {
            status: 'not-done',
            statusReason: { text: 'Patient declined' },
            code: { text: 'Colonoscopy' },
            performedDateTime: '2025-11-03',
          }),
        ],
      },
      {
        source: GP,
        progress: 'loaded',
        resources: [
          procedure('gp-hip', { ...hip, recorder: { display: 'Dr S AHMED' } }),
          procedure('cataract', {
            code: { coding: [{ system: 'http://snomed.info/sct', code: '196411000000103' }], text: '7L1.. Cataract extraction' },
          }),
        ],
      },
    ],
    { now: NOW },
  );
  return section(built, progress, [], PATEL_SOURCES);
}
