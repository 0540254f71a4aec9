// The CareRecord: what the viewer shows, built from FHIR resources of many
// sources. Plain data (no DOM, no Lit) so that builders are unit-tested in Node
// and components only render. Every item carries where it came from.

import type { Resource } from '@medplum/fhirtypes';

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
  kind: 'failed' | 'timed-out' | 'identity-mismatch' | 'not-held' | 'withheld' | 'cancelled' | 'no-nhs-number' | 'ambiguous';
  /** Plain-English reason, shown to the user. */
  reason: string;
  /** When the attempt was made, ISO 8601. */
  at: string;
}

/** A notice attached to a section: an OperationOutcome warning, a truncation, skipped resources. */
export interface SectionNotice {
  kind: 'warning' | 'truncated' | 'skipped';
  source?: SourceRef;
  text: string;
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
  /** Local identifiers, e.g. the hospital number, with the issuing source. */
  localIdentifiers: { value: string; source: SourceRef }[];
  /** Address lines, postcode last. */
  address?: string[];
  registeredPractice?: { name: string; odsCode?: string };
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
  provenance: Provenance;
}

export interface FlagAlert {
  category: 'safeguarding' | 'clinical' | 'behavioural' | 'reasonable-adjustment' | 'administrative' | 'other';
  /** What the flag says, e.g. "Subject of child protection plan". */
  text: string;
  /** Why this alert is shown (e.g. "Active safeguarding flag recorded by County Council Social Care"). */
  why: string;
  since?: string;
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
  /** e.g. "1 tablet", or the dosage text as recorded. */
  dose?: string;
  route?: string;
  /** e.g. "once daily". */
  frequency?: string;
  /** Dosage instructions as written by the prescriber, when the structured parts are missing. */
  instructions?: string;
  status: 'active' | 'on-hold' | 'stopped' | 'completed' | 'unknown';
  kind: 'repeat' | 'acute' | 'inpatient' | 'other';
  started?: string;
  lastIssued?: string;
  stopped?: string;
  prescriber?: string;
  code?: { system?: string; code: string };
  provenance: Provenance;
}

export interface MedicationGroup {
  key: string;
  /** Generic name shared by the group. */
  genericName: string;
  lines: MedicationLine[];
  /** e.g. "Dose differs: 5 mg once daily (gp), 10 mg once daily (acute)". Empty when they agree. */
  conflicts: string[];
}


// ---------------------------------------------------------------- problems

export interface ProblemItem {
  name: string;
  code?: { system?: string; code: string };
  status: 'active' | 'past';
  onset?: string;
  resolved?: string;
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
  /** Items are current medicines; stopped or completed in the recent past are kept apart. */
  medications: Section<MedicationGroup> & { recentlyStopped: MedicationGroup[] };
  problems: Section<ProblemItem>;
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
      }
    | { kind: 'problem'; problem: SourceProblem };
}
