// Medication shapes from the published profiles, written for this project,
// each with what the medication section must show. A line reads
// "product — directions — facts" (medication-display.ts), as on screen.

import type { CorpusCase } from './corpus';
import { GP_CONNECT_MEDICATIONS } from './medications-gp-connect';
import { IPS_MEDICATIONS } from './medications-ips';
import { UK_CORE_MEDICATIONS } from './medications-uk-core';
import { US_CORE_MEDICATIONS } from './medications-us-core';

export interface MedicationsDisplay {
  /** Each current medicine's first line. */
  current: string[];
  /** Each recently stopped medicine's first line, newest first. */
  recentlyStopped: string[];
  /** Lines per medicine where one medicine has several. */
  linesPerMedicine?: Record<string, number>;
  conflicts?: string[];
  /** What the section says it does not list. */
  notShown?: string[];
}

/** Every profile's medication cases: one file per profile beside this one. */
export const MEDICATION_CORPUS: CorpusCase<MedicationsDisplay>[] = [
  ...UK_CORE_MEDICATIONS,
  ...GP_CONNECT_MEDICATIONS,
  ...IPS_MEDICATIONS,
  ...US_CORE_MEDICATIONS,
];
