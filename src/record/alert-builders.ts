// The builders the first screen needs before anything else: the patient (for
// the banner and every source's identity) and the alerts (ReSPECT/DNACPR,
// flags, allergies). The record page loads with these; the other sections'
// builders follow in their own chunk (section-builders.ts).

import { buildAdvanceDecisions } from './advance-decisions';
import { buildAllergies } from './allergies';
import type { SectionBuilders } from './assemble-with';
import { buildFlags } from './flags';
import { buildPatientSummaries } from './patient';

export const ALERT_BUILDERS: Pick<SectionBuilders, 'patient' | 'advanceDecisions' | 'flags' | 'allergies'> = {
  patient: (inputs, context) => ({ items: buildPatientSummaries(inputs, context) }),
  advanceDecisions: (inputs, context) => ({ items: buildAdvanceDecisions(inputs, context) }),
  flags: (inputs, context) => ({ items: buildFlags(inputs, context) }),
  allergies: buildAllergies,
};
