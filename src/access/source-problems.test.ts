import { describe, expect, it } from 'vitest';
import { isRestricted, withholdsRestricted } from './confidentiality';
import { isExcludedKind, isIdentityKind, isLoadFailureKind, isWithheldKind, problemClass, type SourceProblemKind } from './source-problems';

const KINDS: SourceProblemKind[] = [
  'failed',
  'timed-out',
  'identity-mismatch',
  'not-held',
  'withheld',
  'objection',
  'cancelled',
  'no-nhs-number',
  'ambiguous',
];

describe('what a source problem means', () => {
  it('puts every kind in exactly one class', () => {
    const classes = Object.fromEntries(KINDS.map((k) => [k, problemClass(k)]));
    expect(classes).toEqual({
      failed: 'failure',
      'timed-out': 'failure',
      cancelled: 'failure',
      'identity-mismatch': 'identity',
      'no-nhs-number': 'identity',
      ambiguous: 'identity',
      'not-held': 'not-held',
      withheld: 'withheld',
      objection: 'withheld',
    });
  });

  it('counts only failed, timed out and cancelled as failures to load', () => {
    expect(KINDS.filter(isLoadFailureKind)).toEqual(['failed', 'timed-out', 'cancelled']);
    expect(KINDS.filter(isWithheldKind)).toEqual(['withheld', 'objection']);
    expect(KINDS.filter(isIdentityKind)).toEqual(['identity-mismatch', 'no-nhs-number', 'ambiguous']);
    expect(KINDS.filter(isExcludedKind)).toEqual(['identity-mismatch', 'not-held', 'no-nhs-number', 'ambiguous']);
  });
});

describe('restricted information', () => {
  const SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';
  it('is labelled R or V in meta.security, and a label that is not a list is unreadable', () => {
    expect(isRestricted({ resourceType: 'Flag', meta: { security: [{ system: SYSTEM, code: 'R' }] } } as never)).toBe(true);
    expect(isRestricted({ resourceType: 'Flag', meta: { security: [{ system: SYSTEM, code: 'V' }] } } as never)).toBe(true);
    expect(isRestricted({ resourceType: 'Flag', meta: { security: [{ system: SYSTEM, code: 'N' }] } } as never)).toBe(false);
    expect(isRestricted({ resourceType: 'Flag', meta: { security: [{ system: 'http://other', code: 'R' }] } } as never)).toBe(false);
    expect(isRestricted({ resourceType: 'Flag' } as never)).toBe(false);
    expect(() => isRestricted({ resourceType: 'Flag', meta: { security: 'R' } } as never)).toThrow(TypeError);
  });

  it('is withheld from a record when any section carries a "withheld" notice', () => {
    expect(withholdsRestricted({ problems: { notices: [{ kind: 'withheld', text: '' }] } })).toBe(true);
    expect(withholdsRestricted({ problems: { notices: [{ kind: 'truncated', text: '' }] }, sources: [] })).toBe(false);
    expect(withholdsRestricted(undefined)).toBe(false);
  });
});
