// Allergies for component tests, built by the real builder from FHIR as the
// sources send it, so what the elements show is what real data gives.

import type { AllergyIntolerance } from '@medplum/fhirtypes';
import { buildAllergies } from '../../src/record/allergies';
import type { CareRecord } from '../../src/record/model';
import { ACUTE, GP, PATEL_SOURCES, section } from './fixtures';

function allergy(id: string, code: string, display: string, criticality: 'high' | 'low', reaction: string, severity: 'mild' | 'severe'): AllergyIntolerance {
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
    { now: new Date('2026-07-15T12:00:00Z') },
  );
  return { ...section(built.items, {}, [], PATEL_SOURCES), statuses: built.statuses };
}
