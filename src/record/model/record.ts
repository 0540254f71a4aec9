// The whole record: every section, each from every source.

import type { ImmunisationItem } from '../immunisations';
import type { ProcedureItem } from '../procedures';
import type { ResultGroup } from '../results/types';
import type { AdvanceDecision, FlagAlert } from './alerts';
import type { AllergyGroup, AllergyStatus } from './allergies';
import type { CarePlanItem, CareTeamMember, LocationItem, MentalHealthItem, ProblemItem, RelatedPersonGroup, SocialCareItem } from './care';
import type { MedicationGroup, MedicationsNotShown } from './medicines';
import type { PatientSummary } from './patient';
import type { Section, SourceRef } from './section';
import type { DocumentItem, TimelineEntry } from './timeline-documents';

export interface CareRecord {
  /** Every source the record was asked of, in configured order. */
  sources: SourceRef[];
  /** One summary per source holding the patient; the launching source's first. */
  patient: Section<PatientSummary>;
  advanceDecisions: Section<AdvanceDecision>;
  flags: Section<FlagAlert>;
  /** Items are allergy groups; `statuses` says what each source said about allergy status. */
  allergies: Section<AllergyGroup> & { statuses: AllergyStatus[] };
  /** Items are current medicines; stopped or completed in the recent past are kept apart; what is not listed is counted. */
  medications: Section<MedicationGroup> & { recentlyStopped: MedicationGroup[]; notShown?: MedicationsNotShown[] };
  problems: Section<ProblemItem>;
  /** Operations and other procedures, newest first; entered-in-error left out. */
  procedures: Section<ProcedureItem>;
  /** Tests (values grouped by code across sources) and reports, the most recently resulted first. */
  results: Section<ResultGroup>;
  /** Given and not given, newest first; entered-in-error left out. */
  immunisations: Section<ImmunisationItem>;
  /** Current plans first; completed and revoked kept apart by status; entered-in-error left out. */
  carePlans: Section<CarePlanItem>;
  careTeam: Section<CareTeamMember>;
  relatedPersons: Section<RelatedPersonGroup>;
  /** Stays in progress first, then where the person lives. */
  location: Section<LocationItem>;
  socialCare: Section<SocialCareItem>;
  mentalHealth: Section<MentalHealthItem>;
  /** Upcoming (soonest first), then past (newest first), then undated; entered-in-error left out. */
  timeline: Section<TimelineEntry>;
  /** Letters and documents, newest first. */
  documents: Section<DocumentItem>;
}
