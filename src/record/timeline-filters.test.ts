import { describe, expect, it } from 'vitest';
import type { Encounter } from '@medplum/fhirtypes';
import { ACUTE, context, GP, input, SUBJECT } from './fixtures';
import type { TimelineEntry } from './model';
import { buildTimeline } from './timeline';
import { filterTimeline, hasTimelineFilters, readTimelineFilters, writeTimelineFilters } from './timeline-filters';

/** An A&E attendance at the acute trust; each test changes what it needs. */
function encounter(overrides: Partial<Encounter> = {}): Encounter {
  return {
    resourceType: 'Encounter',
    id: 'e1',
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'EMER', display: 'emergency' },
    subject: SUBJECT,
    period: { start: '2026-06-03T21:40:00Z', end: '2026-06-04T01:50:00Z' },
    reasonCode: [{ text: 'Hypoglycaemia' }],
    serviceProvider: { reference: 'Organization/acute', display: 'Weald General Hospital NHS Trust' },
    ...overrides,
  };
}

const keys = (entries: TimelineEntry[]) => entries.map((e) => e.key);

describe('timeline filters', () => {
  const entries = buildTimeline(
    [
      input(ACUTE, [
        encounter({ id: 'ae', period: { start: '2026-06-03T21:40:00Z' } }),
        encounter({ id: 'imp', class: { code: 'IMP' }, period: { start: '2019-12-28', end: '2020-01-04' } }),
        encounter({ id: 'year', class: { code: 'AMB' }, period: { start: '2003' } }),
        encounter({ id: 'undated', period: undefined }),
      ]),
      input(GP, [encounter({ id: 'gp', class: { code: 'AMB' }, period: { start: '2020-06-01' } })]),
    ],
    context(),
  );

  it('reads and writes the query string, keeping other parameters', () => {
    const filters = readTimelineFilters(
      '?tl-source=acute&tl-kind=ae,admission&tl-kind=nonsense&tl-from=2020-01-01&tl-to=2020-02-30&other=1',
    );
    expect(filters).toEqual({ sources: ['acute'], kinds: ['ae', 'admission'], from: '2020-01-01' });
    expect(hasTimelineFilters(filters)).toBe(true);
    expect(hasTimelineFilters(readTimelineFilters(''))).toBe(false);
    const written = writeTimelineFilters(new URLSearchParams('other=1&tl-kind=ae'), {
      sources: ['gp', 'acute'],
      kinds: ['referral'],
      to: '2021-12-31',
    });
    expect(written.toString()).toBe('other=1&tl-source=gp&tl-source=acute&tl-kind=referral&tl-to=2021-12-31');
    expect(readTimelineFilters(written)).toEqual({ sources: ['gp', 'acute'], kinds: ['referral'], to: '2021-12-31' });
  });

  it('filters by source, kind and overlapping dates; undated entries only without a date range', () => {
    const pick = (f: Parameters<typeof filterTimeline>[1]) => keys(filterTimeline(entries, f));
    expect(pick({ sources: [], kinds: [] })).toHaveLength(5);
    expect(pick({ sources: ['gp'], kinds: [] })).toEqual(['gp:Encounter/gp']);
    expect(pick({ sources: [], kinds: ['ae'] })).toEqual(['acute:Encounter/ae', 'acute:Encounter/undated']);
    expect(pick({ sources: [], kinds: [], from: '2020-01-01', to: '2020-12-31' })).toEqual(['gp:Encounter/gp', 'acute:Encounter/imp']);
    expect(pick({ sources: [], kinds: [], from: '2003-06-01', to: '2003-06-30' })).toEqual(['acute:Encounter/year']);
    expect(pick({ sources: ['acute'], kinds: ['outpatient'], to: '2002-12-31' })).toEqual([]);
  });
});
