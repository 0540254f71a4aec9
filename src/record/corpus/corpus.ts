// The conformance corpus: fixtures written by this project, in its own words,
// from the shapes the published profiles describe (UK Core R4, GP Connect,
// IPS, US Core as Synthea produces it), each with the display it must give.
// One file per section (medications.ts, gathering one file per profile;
// allergies, problems, results beside it), each run as unit tests of that
// section's builder.

import type { Resource } from '@medplum/fhirtypes';
import type { SourceRef } from '../model';

export type CorpusProfile = 'UK Core R4' | 'GP Connect' | 'IPS' | 'US Core (Synthea)';

export interface CorpusCase<Display> {
  /** What the case is, e.g. "a repeat recorded as statement, plan and issues". */
  name: string;
  /** The published profile (or generator) whose shape it follows. */
  profile: CorpusProfile;
  /** What the profile says that the case relies on, in this project's words. */
  basis: string;
  source: SourceRef;
  resources: Resource[];
  /** Other sources' records of the same patient, for cases about several sources. */
  others?: { source: SourceRef; resources: Resource[] }[];
  /** What the section must show. */
  display: Display;
  /**
   * Why no R4 server can hold the case, when none can (a type R4 does not
   * define): it then runs in the unit pass only, and the end-to-end pass
   * lists it as left out.
   */
  unitOnly?: string;
}

/** Every corpus case is built as of this instant. */
export const CORPUS_NOW = new Date('2026-07-15T12:00:00Z');

export const CORPUS_GP: SourceRef = { name: 'gp', organisation: 'Riverside Medical Practice', odsCode: 'ZZ001' };
export const CORPUS_ACUTE: SourceRef = { name: 'acute', organisation: 'Weald General Hospital NHS Trust', odsCode: 'ZZ002' };

export const PATIENT_REF = { reference: 'Patient/corpus-patient' };
