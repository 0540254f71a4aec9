// The whole conformance corpus, by the record section each case is about: the
// unit pass runs each case through its builder, the end-to-end pass through the
// sandbox, the loader and the assembled record.
import { ALLERGY_CASES } from './allergies';
import type { CodedCase } from './coded-case';
import { IMMUNISATION_CASES } from './immunisations';
import { PATIENT_CASES } from './patient';
import { PROBLEM_CASES } from './problems';
import { PROCEDURE_CASES } from './procedures';
import { RESULT_CASES } from './results';

export type CodedSection = 'allergies' | 'problems' | 'results' | 'immunisations' | 'procedures' | 'patient';

export const CODED_CORPUS: readonly (readonly [CodedSection, CodedCase<unknown>[]])[] = [
  ['allergies', ALLERGY_CASES],
  ['problems', PROBLEM_CASES],
  ['results', RESULT_CASES],
  ['immunisations', IMMUNISATION_CASES],
  ['procedures', PROCEDURE_CASES],
  ['patient', PATIENT_CASES],
];

export { MEDICATION_CORPUS } from './medications';
export { CORPUS_NOW } from './corpus';
export { medicationsDisplay } from './medications-display';
