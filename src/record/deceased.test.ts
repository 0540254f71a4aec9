import { describe, expect, it } from 'vitest';
import { deceasedStatus } from './deceased';
import type { PatientSummary, SourceRef } from './model';

const GP: SourceRef = { name: 'gp', organisation: 'Riverside Medical Practice' };
const ACUTE: SourceRef = { name: 'acute', organisation: 'Weald General Hospital NHS Trust' };

const summary = (source: SourceRef, deceased?: PatientSummary['deceased']): PatientSummary => ({
  identifiers: [],
  deceased,
  provenance: { source, resource: 'Patient/p' },
});

describe('deceasedStatus', () => {
  it('no source records a death: nothing to say', () => {
    expect(deceasedStatus({ items: [summary(GP), summary(ACUTE)] })).toBeUndefined();
    expect(deceasedStatus(undefined)).toBeUndefined();
  });

  it('one source is enough, with its date; a source holding the person as alive is a conflict', () => {
    expect(deceasedStatus({ items: [summary(GP, { date: '2026-11-01' }), summary(ACUTE)] })).toEqual({
      date: '2026-11-01',
      recordedBy: [{ source: GP, date: '2026-11-01' }],
      conflicts: ['Weald General Hospital NHS Trust does not record a death'],
    });
  });

  it('dates that differ are said, and the first source giving a date is the one shown', () => {
    const status = deceasedStatus({
      items: [
        summary(GP, {}),
        summary(ACUTE, { date: '2026-10-31T23:10:00Z' }),
        summary({ name: 'x', organisation: 'X' }, { date: '2026-11-02' }),
      ],
    });
    expect(status?.date).toBe('2026-10-31T23:10:00Z');
    expect(status?.conflicts).toEqual(['Date of death differs: 31-Oct-2026 (Weald General Hospital NHS Trust); 02-Nov-2026 (X)']);
  });

  it('the same day from two sources is no conflict', () => {
    expect(
      deceasedStatus({ items: [summary(GP, { date: '2026-11-01' }), summary(ACUTE, { date: '2026-11-01T10:00:00Z' })] })?.conflicts,
    ).toEqual([]);
  });
});
