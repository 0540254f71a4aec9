import { describe, expect, it } from 'vitest';
import type { Procedure } from '@medplum/fhirtypes';
import { buildProcedures } from './procedures';
import { buildTimeline } from './timeline';
import { ACUTE, context, GP, input, raw, SUBJECT } from './fixtures';
import { malformedReason } from './validate';

const SCT = 'http://snomed.info/sct';

function procedure(id: string, overrides: Partial<Procedure> = {}): Procedure {
  return {
    resourceType: 'Procedure',
    id,
    status: 'completed',
    code: { coding: [{ system: SCT, code: '52734007', display: 'Total replacement of hip' }], text: 'Total hip replacement' },
    subject: SUBJECT,
    performedDateTime: '2019-03-12T09:30:00Z',
    reasonCode: [{ text: 'Osteoarthritis of hip' }],
    bodySite: [{ text: 'Left hip' }],
    performer: [{ actor: { display: 'Mr A SURGEON' } }],
    location: { display: 'Weald General Hospital, Theatre 3' },
    ...overrides,
  };
}

describe('buildProcedures', () => {
  it('shows what was done, when, why, where, by whom, and the source', () => {
    expect(buildProcedures([input(ACUTE, [procedure('p1', { meta: { lastUpdated: '2026-07-15T08:00:00Z' } })])], context())).toEqual([
      {
        name: 'Total hip replacement',
        code: { system: SCT, code: '52734007' },
        status: 'completed',
        statusText: 'Completed',
        date: '2019-03-12T09:30:00Z',
        end: undefined,
        futureDated: false,
        reason: 'Osteoarthritis of hip',
        bodySite: 'Left hip',
        outcome: undefined,
        performer: 'Mr A SURGEON',
        location: 'Weald General Hospital, Theatre 3',
        alsoFrom: [],
        // Never "recorded" on the server's lastUpdated: R4 Procedure holds no recorded date.
        provenance: {
          source: ACUTE,
          resource: 'Procedure/p1',
          recorded: undefined,
          lastUpdated: '2026-07-15T08:00:00Z',
          author: undefined,
        },
      },
    ]);
  });

  it('leaves out entered-in-error, keeps not done with its reason, and leaves an unrecorded date unknown', () => {
    const items = buildProcedures(
      [
        input(GP, [
          procedure('err', { status: 'entered-in-error' }),
          procedure('declined', { status: 'not-done', statusReason: { text: 'Patient declined' }, performedDateTime: '2024-01-02' }),
          procedure('undated', { performedDateTime: undefined, code: { text: 'Appendicectomy' } }),
        ]),
      ],
      context(),
    );
    expect(items.map((i) => [i.name, i.statusText, i.date])).toEqual([
      ['Total hip replacement', 'Not done: Patient declined', '2024-01-02'],
      ['Appendicectomy', 'Completed', undefined],
    ]);
  });

  it('reads performedPeriod and performedString, newest first', () => {
    const items = buildProcedures(
      [
        input(GP, [
          procedure('period', {
            performedDateTime: undefined,
            performedPeriod: { start: '2020-05-01T10:00:00Z', end: '2020-05-01T12:00:00Z' },
          }),
          procedure('words', { performedDateTime: undefined, performedString: 'Childhood', code: { text: 'Tonsillectomy' } }),
          procedure('recent', { performedDateTime: '2025-01-01' }),
        ]),
      ],
      context(),
    );
    expect(items.map((i) => [i.provenance.resource, i.date, i.end])).toEqual([
      ['Procedure/recent', '2025-01-01', undefined],
      ['Procedure/period', '2020-05-01T10:00:00Z', '2020-05-01T12:00:00Z'],
      ['Procedure/words', 'Childhood', undefined],
    ]);
  });

  it('shows the same procedure on the same day from two sources once, naming both; degraded codes never join', () => {
    const degraded = (id: string, text: string) =>
      procedure(id, { code: { coding: [{ system: SCT, code: '196411000000103', display: 'Transfer-degraded record entry' }], text } });
    const items = buildProcedures(
      [
        input(GP, [procedure('gp-hip'), degraded('gp-d1', 'Cataract extraction'), degraded('gp-d2', 'Vasectomy')]),
        input(ACUTE, [procedure('acute-hip', { code: { coding: [{ system: SCT, code: '52734007' }] } })]),
      ],
      context(),
    );
    expect(items.map((i) => [i.name, i.provenance.source.name, i.alsoFrom.map((p) => p.source.name)])).toEqual([
      ['Cataract extraction', 'gp', []],
      ['Total hip replacement', 'gp', ['acute']],
      ['Vasectomy', 'gp', []],
    ]);
  });

  it('skips and reports a procedure that cannot be read; rejects malformed ones before building', () => {
    const skipped: string[] = [];
    const broken = raw({ resourceType: 'Procedure', id: 'broken', status: 'completed', subject: SUBJECT, performer: [null] });
    const items = buildProcedures([input(GP, [broken, procedure('ok')])], context(skipped));
    expect(items.map((i) => i.provenance.resource)).toEqual(['Procedure/ok']);
    expect(skipped).toEqual(['gp:Procedure/broken']);
    expect(malformedReason(broken)).toBe('performer has the wrong type');
    expect(malformedReason({ resourceType: 'Procedure', id: 'x', subject: SUBJECT })).toBe('missing status');
  });
});

describe('procedures on the timeline', () => {
  it('lists each source’s procedures as timeline entries of kind "procedure"', () => {
    const entries = buildTimeline([input(ACUTE, [procedure('p1'), procedure('p2', { status: 'entered-in-error' })])], context());
    expect(entries).toEqual([
      expect.objectContaining({
        key: 'acute:Procedure/p1',
        kind: 'procedure',
        title: 'Total hip replacement',
        description: 'Osteoarthritis of hip',
        date: '2019-03-12T09:30:00Z',
        where: 'Weald General Hospital, Theatre 3',
        who: 'Mr A SURGEON',
        status: 'Completed',
        state: 'completed',
      }),
    ]);
  });
});
