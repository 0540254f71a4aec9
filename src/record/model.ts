// The CareRecord: what the viewer shows, built from FHIR resources of many
// sources. Plain data (no DOM, no Lit) so that builders are unit-tested in Node
// and components only render. Every item carries where it came from.

import type { Resource } from '@medplum/fhirtypes';
import type { SourceProblemKind } from '../access/source-problems';
import type { PatientIdentifier } from './identifiers';
import type { ImmunisationItem } from './immunisations';
import type { ProcedureItem } from './procedures';
import type { ResultGroup } from './results/types';

/** A configured FHIR source, as the record refers to it. */
export interface SourceRef {
  /** Configuration name, e.g. `gp`. Unique within a record. */
  name: string;
  /** Human name of the organisation, e.g. "Riverside Medical Practice". */
  organisation: string;
  odsCode?: string;
}

/** Where one item came from: every item on screen shows this. */
export interface Provenance {
  source: SourceRef;
  /** `Type/id` of the resource at that source. */
  resource: string;
  /** When the fact was recorded (authoredOn, recordedDate, dateTime...), ISO 8601, possibly partial. */
  recorded?: string;
  /** `meta.lastUpdated`, ISO 8601. */
  lastUpdated?: string;
  /** Display name of whoever recorded or authored it. */
  author?: string;
}

/** Why a source gave nothing (or only part) for a section. */
export interface SourceProblem {
  source: SourceRef;
  /**
   * `withheld`: the server does not release this to the user's role; `objection`: the
   * patient has objected to sharing (docs/access.md section 4). Neither is a failure to load.
   */
  kind: SourceProblemKind;
  /** Plain-English reason, shown to the user. */
  reason: string;
  /** When the attempt was made, ISO 8601. */
  at: string;
}

/** A notice attached to a section: an OperationOutcome warning, a truncation, skipped resources. */
export interface SectionNotice {
  /** `withheld`: the source left out restricted items the user's role may not see. */
  kind: 'warning' | 'truncated' | 'skipped' | 'withheld';
  source?: SourceRef;
  text: string;
  /** What a `withheld` notice counts, by resource type (count undefined when the source did not say how many). */
  withheld?: { resourceType: string; count?: number }[];
}

/** Per-source progress of one section. */
export type SourceProgress = 'loading' | 'loaded' | SourceProblem;

/**
 * One section of the record. Its display state is derived, not stored:
 * loading (nothing yet), empty (all loaded, no items), partial (items or
 * nothing, some sources failed), failed (every source failed), loaded.
 */
export interface Section<T> {
  items: T[];
  /** Keyed by source name. */
  progress: Record<string, SourceProgress>;
  notices: SectionNotice[];
}

export type SectionState = 'loading' | 'empty' | 'loaded' | 'partial' | 'failed';

// ---------------------------------------------------------------- patient

export interface PersonName {
  family?: string;
  given: string[];
  prefix: string[];
  /** The whole name as sent, kept for when the sender gave no parts. */
  text?: string;
}

export interface NhsNumber {
  /** As received, digits only. */
  value: string;
  /** Passes the Modulus 11 check. */
  valid: boolean;
}

export interface PatientSummary {
  name?: PersonName;
  /** ISO date, possibly partial (`1945`, `1945-07`). */
  birthDate?: string;
  gender?: 'male' | 'female' | 'other' | 'unknown';
  nhsNumber?: NhsNumber;
  /** Identifiers other than the NHS number, labelled by type (e.g. "Hospital number (Weald General Hospital NHS Trust)"), each once. */
  identifiers: PatientIdentifier[];
  /** Address lines, postcode last. */
  address?: string[];
  registeredPractice?: { name: string; odsCode?: string; phone?: string };
  /** Present when the patient has died; date when known. */
  deceased?: { date?: string };
  provenance: Provenance;
}

// ---------------------------------------------------------------- alerts

/** ReSPECT, DNACPR, advance decision to refuse treatment. */
export interface AdvanceDecision {
  /** e.g. "ReSPECT form", "DNACPR decision". */
  document: string;
  /** The recommendation exactly as recorded, e.g. "Not for CPR". */
  recommendation: string;
  status: 'current' | 'superseded';
  date?: string;
  author?: string;
  /** The form's clinical recommendations (treatment focus, ceilings of care), when a source sends them. */
  plan?: RespectPlan;
  provenance: Provenance;
}

/**
 * A ReSPECT form's clinical recommendations for emergency care and treatment,
 * as written (docs/fhir-conventions.md, "ReSPECT recommendations").
 */
export interface RespectPlan {
  /** The clinician's treatment focus as written, e.g. "Prioritise comfort", placed between comfort and life-sustaining treatment. */
  focus?: { text: string; detail?: string; towards?: 'comfort' | 'life-sustaining' };
  /** Ceilings of care and other recommendations, as written, in the form's order. */
  recommendations: { text: string; detail?: string }[];
  /** The person's own priority: 0 (sustaining life) to 100 (comfort) on the ReSPECT scale, and what matters most to them. */
  personPriority?: { scale?: number; statement?: string };
  provenance: Provenance;
}

export interface FlagAlert {
  category: 'safeguarding' | 'clinical' | 'behavioural' | 'reasonable-adjustment' | 'administrative' | 'other';
  /** What the flag says, e.g. "Subject of child protection plan". */
  text: string;
  /** Why this alert is shown (e.g. "Active safeguarding flag recorded by County Council Social Care"). */
  why: string;
  since?: string;
  /** The plan behind the flag (its `flag-detail`, or the source's child protection plan), with what to do and whom to call. */
  plan?: {
    title: string;
    /** The plan's instructions, as written, e.g. "Any injury or A&E attendance is reported to the allocated social worker the same day." */
    instructions: string[];
    /** Its contacts with phone numbers (out of hours included), as written. */
    contacts: string[];
    provenance: Provenance;
  };
  provenance: Provenance;
}

// ---------------------------------------------------------------- allergies

export interface AllergyReaction {
  manifestations: string[];
  severity?: 'mild' | 'moderate' | 'severe';
}

export interface AllergyEntry {
  substance: string;
  /** SNOMED/dm+d code of the substance, used to group across sources. */
  code?: { system?: string; code: string };
  category?: 'food' | 'medication' | 'environment' | 'biologic';
  criticality?: 'low' | 'high' | 'unable-to-assess';
  reactions: AllergyReaction[];
  clinicalStatus?: string;
  verificationStatus?: string;
  onset?: string;
  provenance: Provenance;
}

/** The same allergy from one or more sources, grouped, never hidden. */
export interface AllergyGroup {
  key: string;
  substance: string;
  entries: AllergyEntry[];
  /** Human-readable differences between entries, e.g. "reaction differs". Empty when they agree. */
  conflicts: string[];
  /** The drug class where the allergen's code or name says it, e.g. amoxicillin: Penicillins, "a penicillin". */
  drugClass?: { name: string; member: string };
}

/** What one source says about allergy status. Three distinct answers, never merged into one. */
export type AllergyStatus =
  | { kind: 'no-known-drug-allergies'; source: SourceRef; provenance: Provenance }
  | { kind: 'no-known-allergies'; source: SourceRef; provenance: Provenance }
  | { kind: 'has-entries'; source: SourceRef }
  | { kind: 'not-recorded'; source: SourceRef }
  | { kind: 'could-not-load'; source: SourceRef; problem: SourceProblem };


// ---------------------------------------------------------------- medications

export interface MedicationLine {
  /** Generic (VMP) name, never truncated. */
  genericName: string;
  /** Brand (AMP) name, shown in capitals, when prescribed by brand. */
  brand?: string;
  /** e.g. "5 mg" (no trailing zeros). */
  strength?: string;
  /** e.g. "tablet". */
  form?: string;
  /** The structured dose of a single instruction, e.g. "1 tablet". */
  dose?: string;
  route?: string;
  /** e.g. "once daily". */
  frequency?: string;
  /** The source's own words for every instruction, in order ("; then " between steps). */
  instructions?: string;
  /**
   * The dose part of the medicine line, never empty: the structured dose,
   * route and frequency of each instruction in order; else the source's text
   * with the route; else "dose not recorded" with the route.
   */
  directions: string;
  /**
   * `intended` and `not-taken` come from MedicationStatement; a dispense or
   * administration is mapped onto the nearest of these.
   */
  status: 'active' | 'on-hold' | 'stopped' | 'completed' | 'intended' | 'not-taken' | 'unknown';
  /** Why it is on hold or stopped, as recorded. */
  statusReason?: string;
  /** Taken now (or possibly taken: on hold, status unknown, supply still running) as of the record's build. */
  current: boolean;
  /** `dispensed` and `administered`: a supply or a dose given, with no prescription in the record to fold it into. */
  kind: 'repeat' | 'acute' | 'inpatient' | 'other' | 'dispensed' | 'administered';
  started?: string;
  lastIssued?: string;
  /** When stopped or completed, when the record says; a stopped or completed line without it reads "stopped (date not recorded)". */
  stopped?: string;
  /** Newest supply (MedicationDispense handed over or prepared). */
  lastDispensed?: string;
  /** Newest dose given (MedicationAdministration), with the dose as given. */
  lastGiven?: { at: string; dose?: string };
  /** GP Connect / UK Core prescribing agency when not the GP practice itself, e.g. "Prescribed by another organisation". */
  prescribedBy?: string;
  /** An anticipatory ("just in case") medicine. */
  anticipatory?: boolean;
  prescriber?: string;
  code?: { system?: string; code: string };
  provenance: Provenance;
}

export interface MedicationGroup {
  key: string;
  /** Generic name shared by the group. */
  genericName: string;
  /** Current lines first (an inpatient chart's before the rest), then the others. */
  lines: MedicationLine[];
  /** e.g. "Dose differs: 5 mg once daily (Riverside Medical Practice); 10 mg in the morning (Weald General Hospital, inpatient)". Empty when they agree. */
  conflicts: string[];
}

/** Medication entries a source sent that the section does not list, said so that "None recorded" is never said over them. */
export interface MedicationsNotShown {
  source: SourceRef;
  /**
   * `older`: stopped, supplied or given before the last 6 months (or stopped on a date not
   * recorded with nothing since); `not-prescribed`: drafts, cancelled, proposals, declined;
   * `unreadable-kind`: a resource type this viewer cannot show; `none-known`: the source
   * records that the patient takes no medicines.
   */
  kind: 'older' | 'not-prescribed' | 'unreadable-kind' | 'none-known';
  count: number;
  /** In words, e.g. "2 entries of a kind this viewer cannot show (Riverside Medical Practice)". */
  text: string;
}


// ---------------------------------------------------------------- problems

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
  | 'crisis'
  | 'end-of-life'
  | 'advance-care'
  | 'anticipatory'
  | 'child-protection'
  | 'care-package'
  | 'personalised-care'
  | 'other';

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

// ---------------------------------------------------------------- timeline and documents

/** What kind of contact a timeline entry is; also the values of the `tl-kind` filter. */
export type TimelineKind =
  | 'ae'
  | 'admission'
  | 'outpatient'
  | 'home-visit'
  | 'remote'
  | 'contact'
  | 'appointment'
  | 'referral'
  | 'document'
  | 'social-care'
  | 'episode'
  | 'procedure';

/** One contact, appointment, referral, document or social care event. */
export interface TimelineEntry {
  /** Unique within the record: `source:Type/id` (a document's is its DocumentItem key). */
  key: string;
  kind: TimelineKind;
  /** What it was about, e.g. "Hypoglycaemia", "Referral: Cardiology". */
  title: string;
  /** Secondary text, e.g. the encounter type or the appointment's service. */
  description?: string;
  /** When it started, was written or is due; ISO 8601, possibly partial. */
  date?: string;
  /** When it ended (discharge, end of an appointment, case closed). */
  end?: string;
  /** Where: ward, clinic, department or organisation. */
  where?: string;
  /** Who: clinician, care manager, referrer or author. */
  who?: string;
  /** Status as shown, e.g. "Discharged", "In progress", "Cancelled", "Did not attend", "Booked". */
  status: string;
  state: 'planned' | 'in-progress' | 'active' | 'completed' | 'cancelled' | 'did-not-attend' | 'unknown';
  /** Dated after the time the record was built: shown apart, under "Upcoming". */
  upcoming: boolean;
  provenance: Provenance;
}

/** One rendition of a document's content. */
export interface DocumentAttachment {
  /** How the viewer shows it: HTML sanitised, text as text, PDF from a blob, anything else as a download. */
  format: 'html' | 'text' | 'pdf' | 'other';
  contentType?: string;
  title?: string;
  /** The content inline, base64 (`Attachment.data`). Untrusted. */
  data?: string;
  /** Where to fetch it when not inline, as sent: relative to the source's FHIR base, or absolute. */
  url?: string;
  size?: number;
}

/** A Composition section's narrative; nested sections follow their parent with a greater depth. */
export interface DocumentSection {
  title?: string;
  /** Untrusted XHTML (`section.text.div`). */
  narrative?: string;
  depth: number;
}

/** A letter, discharge summary or other document (DocumentReference or Composition). */
export interface DocumentItem {
  /** Unique within the record: `source:Type/id`. */
  key: string;
  title: string;
  /** e.g. "Discharge summary". */
  type?: string;
  /** e.g. "Letter". */
  category?: string;
  date?: string;
  author?: string;
  /** The organisation holding it. */
  custodian?: string;
  /** `Encounter/id` at the same source, when the document belongs to a contact. */
  encounter?: string;
  /** As shown, e.g. "Final", "Superseded". */
  status: string;
  superseded: boolean;
  /** DocumentReference content, in the order sent. */
  attachments: DocumentAttachment[];
  /** Composition narrative (`text.div`), untrusted XHTML. */
  narrative?: string;
  /** Composition sections, flattened in reading order. */
  sections: DocumentSection[];
  provenance: Provenance;
}

// ---------------------------------------------------------------- the record

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

// ---------------------------------------------------------------- input

/**
 * What the fetching layer (src/sources) hands the record builders: the answer
 * of one source to one query. Builders rebuild sections from all results so far.
 */
export interface QueryResult {
  source: SourceRef;
  /** The resource type asked for, e.g. `MedicationRequest`. */
  resourceType: string;
  outcome:
    | {
        kind: 'loaded';
        /** Every resource the search returned, including `_include`d ones. */
        resources: Resource[];
        /** Bundle.total when the server gave it. */
        total?: number;
        /** True when paging stopped at the configured cap before the end. */
        truncated: boolean;
        /** OperationOutcome issues returned with the search (severity warning/information). */
        warnings: string[];
        /** The server left out restricted resources the user's role may not see. */
        restrictedWithheld?: boolean;
        /** How many it left out, when it said. */
        restrictedWithheldCount?: number;
      }
    | { kind: 'problem'; problem: SourceProblem };
}
