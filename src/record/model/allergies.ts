// Allergies from every source, grouped, and what each source says about allergy status.

import type { Provenance, SourceProblem, SourceRef } from './section';

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
