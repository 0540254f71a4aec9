// Medicines: one line per prescription, supply or dose, grouped by medicine,
// and what a source sent that the section does not list.

import type { Provenance, SourceRef } from './section';

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
