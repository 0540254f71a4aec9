// Where each item came from and how a section of the record is held: the
// provenance every item carries, the problems and notices of a source, and the
// per-source progress a section's state is derived from.

import type { SourceProblemKind } from '../../access/source-problems';

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
