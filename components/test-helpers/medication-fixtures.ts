// Medicines for component tests, modelled on docs/sandbox-patients.md:
// THOMPSON's amlodipine (two doses, a conflict), morphine and stopped
// simvastatin; PATEL's insulin glargine.

import type { MedicationGroup } from '../../src/record/model';
import { ACUTE, GP, prov } from './source-fixtures';

// ------------------------------------------------------------------ THOMPSON

/** The inpatient chart's line first (she is on the ward), the GP's difference in words. */
export const amlodipine: MedicationGroup = {
  key: 'amlodipine',
  genericName: 'Amlodipine',
  lines: [
    {
      genericName: 'Amlodipine',
      strength: '10 mg',
      form: 'tablet',
      dose: '10 mg',
      route: 'oral route',
      frequency: 'in the morning',
      directions: '10 mg, oral, in the morning',
      status: 'active',
      current: true,
      kind: 'inpatient',
      started: '2026-11-20',
      lastGiven: { at: '2026-11-22T08:00:00Z', dose: '10 mg, oral' },
      prescriber: 'Weald General Hospital NHS Trust',
      provenance: prov(ACUTE, 'MedicationRequest/aml-acute', '2026-11-20', 'Dr K OSEI'),
    },
    {
      genericName: 'Amlodipine',
      strength: '5 mg',
      form: 'tablet',
      dose: '1 tablet',
      route: 'oral route',
      frequency: 'once daily',
      directions: '1 tablet, oral, once daily',
      status: 'active',
      current: true,
      kind: 'repeat',
      started: '2024-03-01',
      lastIssued: '2026-10-30',
      prescriber: 'Riverside Medical Practice',
      provenance: prov(GP, 'MedicationRequest/aml-gp', '2024-03-01', 'Dr S AHMED'),
    },
  ],
  conflicts: ['Dose differs: 10 mg in the morning (Weald General Hospital, inpatient); 5 mg once daily (Riverside Medical Practice)'],
};

export const morphine: MedicationGroup = {
  key: 'morphine',
  genericName: 'Morphine sulfate',
  lines: [
    {
      genericName: 'Morphine sulfate',
      strength: '10 mg/5 ml',
      form: 'oral solution',
      instructions: '2.5 ml to 5 ml every 4 hours when required for pain',
      directions: '2.5 ml to 5 ml every 4 hours when required for pain, oral',
      route: 'oral route',
      status: 'active',
      current: true,
      kind: 'repeat',
      started: '2026-07-22',
      lastIssued: '2026-07-22',
      prescriber: 'Riverside Medical Practice',
      provenance: prov(GP, 'MedicationRequest/morph', '2026-07-22', 'Dr S AHMED'),
    },
  ],
  conflicts: [],
};

export const simvastatinStopped: MedicationGroup = {
  key: 'simvastatin',
  genericName: 'Simvastatin',
  lines: [
    {
      genericName: 'Simvastatin',
      strength: '40 mg',
      form: 'tablet',
      dose: '1 tablet',
      route: 'oral',
      frequency: 'at night',
      directions: '1 tablet, oral, at night',
      status: 'stopped',
      current: false,
      kind: 'repeat',
      started: '2015-01-12',
      stopped: '2026-09-01',
      provenance: prov(GP, 'MedicationRequest/simva', '2015-01-12', 'Dr S AHMED'),
    },
  ],
  conflicts: [],
};

// ------------------------------------------------------------------ PATEL

export const insulinGlargine: MedicationGroup = {
  key: 'insulin-glargine',
  genericName: 'Insulin glargine',
  lines: [
    {
      genericName: 'Insulin glargine',
      brand: 'Lantus',
      strength: '100 units/ml',
      form: 'solution for injection 3 ml pre-filled pen',
      dose: '18 units',
      route: 'subcutaneous',
      frequency: 'at night',
      directions: '18 units, subcutaneous, at night',
      status: 'active',
      current: true,
      kind: 'repeat',
      started: '2012-06-01',
      lastIssued: '2026-11-02',
      prescriber: 'Riverside Medical Practice',
      provenance: prov(GP, 'MedicationRequest/glar', '2012-06-01', 'Dr S AHMED'),
    },
  ],
  conflicts: [],
};
