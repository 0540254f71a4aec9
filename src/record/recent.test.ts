import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from './model';
import { recentActivity } from './recent';

const GP = { name: 'gp', organisation: 'Riverside Medical Practice' };
const NOW = new Date('2026-11-22T12:00:00Z');
let n = 0;
const entry = (kind: TimelineEntry['kind'], date: string, extra: Partial<TimelineEntry> = {}): TimelineEntry => ({
  key: `e${++n}`,
  kind,
  title: kind,
  date,
  status: 'Finished',
  state: 'completed',
  upcoming: false,
  provenance: { source: GP, resource: `Encounter/${n}` },
  ...extra,
});

describe('recentActivity', () => {
  it('counts contacts and A&E attendances in the last 90 days; letters, cancelled and upcoming ones are not contacts', () => {
    const timeline = [
      entry('appointment', '2026-12-01', { upcoming: true }),
      entry('ae', '2026-11-20T09:40:00Z'),
      entry('document', '2026-11-19'),
      entry('ae', '2026-10-02T22:10:00Z'),
      entry('home-visit', '2026-09-30'),
      entry('appointment', '2026-09-01', { state: 'cancelled' }),
      entry('ae', '2026-08-01'),
    ];
    const recent = recentActivity(timeline, NOW);
    expect(recent.since).toBe('2026-08-24');
    expect(recent.contacts.map((e) => e.date)).toEqual(['2026-11-20T09:40:00Z', '2026-10-02T22:10:00Z', '2026-09-30']);
    expect(recent.attendances.map((e) => e.date)).toEqual(['2026-11-20T09:40:00Z', '2026-10-02T22:10:00Z']);
    expect(recent.latest.map((e) => e.kind)).toEqual(['ae', 'document', 'ae', 'home-visit', 'appointment']);
  });

  it('undated entries are not counted as recent', () => {
    expect(recentActivity([entry('ae', '')], NOW).contacts).toEqual([]);
  });
});
