import { describe, expect, it } from 'vitest';
import type { QueryResult, SourceProblem, SourceRef } from '../record/model';
import type { SourceStatus } from '../sources/load-record';
import { openingOutcome, restrictedSections } from './opening';

const GP: SourceRef = { name: 'gp', organisation: 'Riverside Medical Practice' };
const MH: SourceRef = { name: 'mental-health', organisation: 'North Downs Mental Health NHS Trust' };
const AT = '2026-11-22T10:00:00Z';
const problem = (source: SourceRef, kind: SourceProblem['kind']): SourceProblem => ({ source, kind, reason: kind, at: AT });
const RESTRICTED = { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }] };

describe('the audit of an opening', () => {
  it('is a success when every source answered, or was left out on purpose', () => {
    const statuses: SourceStatus[] = [
      { state: 'loaded', source: GP, at: AT, problems: [problem(GP, 'withheld')] },
      ...(['not-held', 'identity-mismatch', 'ambiguous', 'no-nhs-number', 'withheld', 'objection'] as const).map((kind): SourceStatus => ({
        state: 'problem',
        source: MH,
        problem: problem(MH, kind),
      })),
    ];
    expect(openingOutcome(statuses)).toEqual({ outcome: '0', failedSources: [] });
  });

  it('is a minor failure naming each source that could not be loaded, in whole or in part', () => {
    const statuses: SourceStatus[] = [
      { state: 'loaded', source: GP, at: AT, problems: [problem(GP, 'timed-out')] },
      { state: 'problem', source: MH, problem: problem(MH, 'failed') },
    ];
    expect(openingOutcome(statuses)).toEqual({ outcome: '4', failedSources: ['mental-health', 'gp'] });
  });

  it('names the sections that showed restricted information, once each, in the record order', () => {
    const loaded = (resourceType: string, restricted: boolean): QueryResult => ({
      source: MH,
      resourceType,
      outcome: {
        kind: 'loaded',
        truncated: false,
        warnings: [],
        resources: [{ resourceType, id: 'x', ...(restricted ? { meta: RESTRICTED } : {}) } as never],
      },
    });
    expect(restrictedSections([loaded('CarePlan', true), loaded('Observation', false), loaded('Condition', true)])).toEqual([
      'flags',
      'problems',
      'timeline',
      'carePlans',
      'location',
      'socialCare',
      'mentalHealth',
    ]);
  });
});
