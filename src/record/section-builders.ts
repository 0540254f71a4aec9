// Every section's builder: the alerts' and the rest of the record's.

import { ALERT_BUILDERS } from './alert-builders';
import type { SectionBuilders } from './assemble-with';
import { buildCarePlans } from './care-plans';
import { buildCareTeam, buildRelatedPersons } from './care-team';
import { buildDocuments } from './documents';
import { buildImmunisations } from './immunisations';
import { buildLocation } from './location';
import { buildMedications } from './medications';
import { buildMentalHealth } from './mental-health';
import { buildProblems } from './problems';
import { buildProcedures } from './procedures';
import { buildResults } from './results/results';
import { buildSocialCare } from './social-care';
import { buildTimeline } from './timeline';

export const SECTION_BUILDERS: SectionBuilders = {
  ...ALERT_BUILDERS,
  medications: buildMedications,
  problems: (inputs, context) => ({ items: buildProblems(inputs, context) }),
  procedures: (inputs, context) => ({ items: buildProcedures(inputs, context) }),
  results: (inputs, context) => ({ items: buildResults(inputs, context) }),
  immunisations: (inputs, context) => ({ items: buildImmunisations(inputs, context) }),
  timeline: (inputs, context) => ({ items: buildTimeline(inputs, context) }),
  documents: (inputs, context) => ({ items: buildDocuments(inputs, context) }),
  carePlans: (inputs, context) => ({ items: buildCarePlans(inputs, context) }),
  careTeam: (inputs, context) => ({ items: buildCareTeam(inputs, context) }),
  relatedPersons: (inputs, context) => ({ items: buildRelatedPersons(inputs, context) }),
  location: (inputs, context) => ({ items: buildLocation(inputs, context) }),
  socialCare: (inputs, context) => ({ items: buildSocialCare(inputs, context) }),
  mentalHealth: (inputs, context) => ({ items: buildMentalHealth(inputs, context) }),
};
