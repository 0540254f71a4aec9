// The results section's shape: tests (values grouped across sources) and
// reports, each value with its range, marker and provenance.

import type { Provenance } from '../model';

export type ResultCategory = 'laboratory' | 'vital-signs' | 'imaging' | 'other';

/** Abnormal markers, from v3 ObservationInterpretation (HU/LU read as H/L). */
export type ResultFlagCode = 'HH' | 'H' | 'LL' | 'L' | 'AA' | 'A';

/** An abnormal marker that reads in words, so it never relies on colour. */
export interface ResultFlag {
  code: ResultFlagCode;
  /** "High", "Low", "Critically high", "Critically low", "Abnormal", "Critically abnormal". */
  text: string;
  /** The sender's interpretation, or worked out here from the reference range. */
  basis: 'interpretation' | 'range';
  /** The part of a panel it applies to, e.g. "Systolic blood pressure". */
  of?: string;
}

export interface ReferenceRange {
  low?: number;
  high?: number;
  /** "20 to 41 mmol/mol", "at least 90 mL/min/1.73m2". */
  display?: string;
  /** The laboratory's own words. */
  text?: string;
}

/** One part of a panel (`Observation.component`), e.g. systolic blood pressure. */
export interface ResultComponent {
  /** Stable across values of the test: the series a chart draws it in. */
  key: string;
  name: string;
  /** "134 mmHg", "<5 mmol/L", "Positive", "Not Known". */
  display: string;
  /** Set only for a plain number (no `<` or `>`): what a chart can plot. */
  numeric?: number;
  unit?: string;
  range?: ReferenceRange;
  flag?: ResultFlag;
}

export type ResultStatus = 'final' | 'preliminary' | 'amended' | 'corrected' | 'registered' | 'unknown';

/** One value of one test, as one source recorded it. */
export interface ResultValue {
  /** "86 mmol/mol", "134/78 mmHg", "Positive", or "Not Known". */
  display: string;
  /** Set only for a plain number (no `<` or `>`): what a chart can plot. */
  numeric?: number;
  unit?: string;
  range?: ReferenceRange;
  /** The treatment target the sender gives (`referenceRange.type` treatment), e.g. HbA1c 48 or below. */
  target?: ReferenceRange;
  /** The sender's interpretation, else one computed from the range; for a panel, its first abnormal part. */
  flag?: ResultFlag;
  /** An interpretation that is not an abnormal marker, e.g. "Normal", "Detected". */
  interpretation?: string;
  components: ResultComponent[];
  /** When the sample was taken or the measurement made (effective[x]), possibly partial. */
  date?: string;
  /** `date` as milliseconds since 1970 (the start of a partial date), for sorting and charts. */
  time?: number;
  /** Dated after the record was built: shown, and said to be in the future. */
  futureDated: boolean;
  status: ResultStatus;
  category: ResultCategory;
  note?: string;
  /** The report or panel this value was part of. */
  partOf?: { name: string; conclusion?: string; resource: string };
  /** Other sources holding the same value at the same time: grouped, never hidden. */
  alsoFrom: Provenance[];
  provenance: Provenance;
}

/** Every value of one test (grouped by LOINC, SNOMED or local code, else by name), newest first. */
export interface TestResults {
  kind: 'test';
  key: string;
  /** The test's name as the newest value gives it. */
  name: string;
  code?: { system?: string; code: string };
  category: ResultCategory;
  values: ResultValue[];
}

/** A report shown as a report: imaging, or one whose results are not in the record. */
export interface ReportEntry {
  name: string;
  date?: string;
  time?: number;
  futureDated: boolean;
  status: ResultStatus | 'partial' | 'appended';
  conclusion?: string;
  /** Coded conclusions, as text. */
  findings: string[];
  /** Untrusted HTML (an HTML presented form, else the narrative): render through `<cr-safe-narrative>` only. */
  narrative?: string;
  /** A plain-text presented form. */
  text?: string;
  /** Attachments that cannot be shown here (PDF, images, links), by title or type. */
  attachments: string[];
  /** Results the report lists that did not arrive with the record. */
  missingResults: number;
  /** Names of the results it lists that did arrive (they appear under their tests). */
  results: string[];
  provenance: Provenance;
}

/** Reports of one kind (by code, else name), newest first. */
export interface ReportResults {
  kind: 'report';
  key: string;
  name: string;
  code?: { system?: string; code: string };
  category: ResultCategory;
  reports: ReportEntry[];
}

export type ResultGroup = TestResults | ReportResults;
