// Every section's builder: the first screen's, from the registry
// (sections.ts), and the rest of the record's, which the record page loads
// as a chunk of its own after the first screen. The type makes this hold
// exactly the sections the registry gives no builder of its own.

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
import { firstScreenBuilders, type LaterSection, type SectionBuilder, type SectionBuilders } from './sections';
import { buildSocialCare } from './social-care';
import { buildTimeline } from './timeline';

const LATER_BUILDERS: { [K in LaterSection]: SectionBuilder<K> } = {
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

export const SECTION_BUILDERS = { ...firstScreenBuilders(), ...LATER_BUILDERS } as SectionBuilders;
