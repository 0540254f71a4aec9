// Why a source gave nothing, by kind, and what each kind means for the user:
// the one place that says which count as failures to load. The section state,
// the source status line, the banner's identity notice and the audit of an
// opening all read this table.

/** Why a source gave nothing (or only part) for a section or the record. */
export type SourceProblemKind =
  'failed' | 'timed-out' | 'identity-mismatch' | 'not-held' | 'withheld' | 'objection' | 'cancelled' | 'no-nhs-number' | 'ambiguous';

/**
 * - `identity`: left out because of who the patient is there (no NHS number to
 *   find them by, several records, or a record that does not match);
 * - `not-held`: the source holds no record for this patient;
 * - `withheld`: held back on purpose by the server (the user's role, or the
 *   person's objection to sharing): said once, never offered as a retry;
 * - `failure`: asked and could not answer (failed, timed out, cancelled).
 */
export type SourceProblemClass = 'identity' | 'not-held' | 'withheld' | 'failure';

const CLASS_OF: Readonly<Record<SourceProblemKind, SourceProblemClass>> = {
  'identity-mismatch': 'identity',
  'no-nhs-number': 'identity',
  ambiguous: 'identity',
  'not-held': 'not-held',
  withheld: 'withheld',
  objection: 'withheld',
  failed: 'failure',
  'timed-out': 'failure',
  cancelled: 'failure',
};

export function problemClass(kind: SourceProblemKind): SourceProblemClass {
  return CLASS_OF[kind];
}

/** Not used for this patient on purpose: not held there, or not the same person. */
export function isExcludedKind(kind: SourceProblemKind): boolean {
  const c = CLASS_OF[kind];
  return c === 'identity' || c === 'not-held';
}

/** Left out because of who the patient is at that source. */
export function isIdentityKind(kind: SourceProblemKind): boolean {
  return CLASS_OF[kind] === 'identity';
}

/** Held back on purpose by the server (role or objection). */
export function isWithheldKind(kind: SourceProblemKind): boolean {
  return CLASS_OF[kind] === 'withheld';
}

/** Asked and could not answer: the only kinds a retry can mend. */
export function isLoadFailureKind(kind: SourceProblemKind): boolean {
  return CLASS_OF[kind] === 'failure';
}
