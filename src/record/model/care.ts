// Problems, care plans, the people in the person's care, where they are, and
// the social care and mental health views built from them.

import type { FlagAlert } from './alerts';
import type { Provenance } from './section';

export interface ProblemItem {
  name: string;
  code?: { system?: string; code: string };
  status: 'active' | 'past';
  /** UK Core / GP Connect problem significance, when the source gives it. */
  significance?: 'major' | 'minor';
  onset?: string;
  resolved?: string;
  provenance: Provenance;
}

// ---------------------------------------------------------------- care plans, people, place

/** A phone number, email or other way to reach someone, as recorded (the view formats it). */
export interface ContactDetail {
  kind: 'phone' | 'mobile' | 'email' | 'other';
  value: string;
  /** Whose it is when not the person's own, e.g. "Team". */
  label?: string;
}

export interface CarePlanActivity {
  /** What is to be done, as written (may hold phone numbers). */
  description: string;
  /** What is provided, when coded apart from the description, e.g. "Long-term residential care". */
  service?: string;
  /** FHIR activity status, e.g. `scheduled`, `completed`; undefined when not sent. */
  status?: string;
  /** When, as readable text, e.g. "24-hour residential care, long term". */
  scheduled?: string;
  performers: string[];
  location?: string;
}

export type CarePlanKind =
  'crisis' | 'end-of-life' | 'advance-care' | 'anticipatory' | 'child-protection' | 'care-package' | 'personalised-care' | 'other';

/** A care plan with its key content, readable without opening anything else. */
export interface CarePlanItem {
  kind: CarePlanKind;
  title: string;
  /** The categories as recorded, e.g. "Child protection plan", "Category of abuse: Neglect". */
  categories: string[];
  status: 'active' | 'on-hold' | 'draft' | 'completed' | 'revoked' | 'unknown';
  description?: string;
  activities: CarePlanActivity[];
  goals: string[];
  notes: string[];
  /** Untrusted XHTML narrative, kept only when the plan has no structured content to show. */
  narrative?: string;
  period?: { start?: string; end?: string };
  author?: string;
  /** Carries the restricted confidentiality label (v3-Confidentiality R or V). */
  restricted: boolean;
  provenance: Provenance;
}

/** Someone (or an organisation, e.g. a care provider) involved in the person's care. */
export interface CareTeamMember {
  name: string;
  /** Their part in this person's care, e.g. "Care coordinator", "Named social worker". */
  role?: string;
  /** Their job, e.g. "Community mental health nurse" (PractitionerRole.code). */
  job?: string;
  organisation?: string;
  /** The care team they are named in. */
  team?: string;
  memberType: 'person' | 'organisation' | 'team' | 'unknown';
  /** The member's own contact details first, then the team's (labelled "Team"). */
  contacts: ContactDetail[];
  period?: { start?: string; end?: string };
  status: 'active' | 'ended';
  restricted: boolean;
  provenance: Provenance;
}

export interface RelatedPersonEntry {
  name: string;
  /** As recorded, e.g. "Next of kin", "Daughter", "Lasting power of attorney for health and welfare". */
  relationships: string[];
  nextOfKin: boolean;
  /** Lasting power of attorney for health and welfare (v3-RoleCode HPOWATT). */
  healthAndWelfareAttorney: boolean;
  contacts: ContactDetail[];
  address?: string[];
  restricted: boolean;
  provenance: Provenance;
}

/** One related person as held by one or more sources, grouped, never hidden. */
export interface RelatedPersonGroup {
  key: string;
  name: string;
  entries: RelatedPersonEntry[];
  /** e.g. "Phone differs: …". Empty when the sources agree. */
  conflicts: string[];
}

/** Where the person is, or usually lives, and how that is known. */
export interface LocationItem {
  /** inpatient and emergency are stays in progress; care-home and home are where the person lives. */
  kind: 'inpatient' | 'emergency' | 'care-home' | 'home';
  /** Ward, department or care home name. */
  place?: string;
  bed?: string;
  /** The hospital or care provider. */
  organisation?: string;
  since?: string;
  address?: string[];
  phone?: string;
  /** How it is known, e.g. "Admission in progress", "Residential care package". */
  basis: string;
  restricted: boolean;
  provenance: Provenance;
}

/** An open or closed case (EpisodeOfCare). */
export interface EpisodeItem {
  title: string;
  status: 'open' | 'closed';
  period?: { start?: string; end?: string };
  careManager?: string;
  organisation?: string;
  restricted: boolean;
  provenance: Provenance;
}

export type SocialCareItem =
  | { kind: 'episode'; episode: EpisodeItem }
  | { kind: 'plan'; plan: CarePlanItem }
  | { kind: 'worker'; member: CareTeamMember }
  | { kind: 'safeguarding'; flag: FlagAlert };

export type MentalHealthItem =
  | { kind: 'care-coordinator'; member: CareTeamMember }
  | { kind: 'team-member'; member: CareTeamMember }
  | { kind: 'diagnosis'; problem: ProblemItem; restricted: boolean }
  | { kind: 'crisis-plan'; plan: CarePlanItem }
  | { kind: 'mental-health-act'; text: string; since?: string; restricted: boolean; provenance: Provenance }
  | { kind: 'episode'; episode: EpisodeItem };
