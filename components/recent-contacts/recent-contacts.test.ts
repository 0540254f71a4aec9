import { afterEach, describe, expect, test } from 'vitest';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, mount, visibleText } from '../test-helpers/render';
import { patel, thompson } from '../test-helpers/fixtures';
import { ACUTE, SOURCES, section, timedOut } from '../test-helpers/source-fixtures';
import { expectLoadingEmptyFailed } from '../test-helpers/section-states';
import './recent-contacts';

afterEach(cleanup);

const NOW = new Date('2026-11-22T12:00:00Z');

describe('<cr-recent-contacts>', () => {
  test('the last 90 days counted (A&E attendances with their dates), then the latest contacts with their source, and a link to the timeline', async () => {
    const r = thompson();
    const el = await mount('cr-recent-contacts', { timeline: r.timeline, sources: r.sources, limit: 2, now: NOW });
    const text = visibleText(el);
    expect(text).toContain('Recent contacts Last 90 days (since 24-Aug-2026) 3 contacts, including 1 A&E attendance (20-Nov-2026)');
    expect(text).toContain(
      '20-Nov-2026 16:30 Fall Hospital admission · Ward 7 (Elderly Care), Bed 12 · GRANT, Fiona (Dr) · Currently admitted · Weald General Hospital NHS Trust',
    );
    expect(text).toContain('20-Nov-2026 11:05 Fall A&E attendance');
    expect(text).not.toContain('Leg ulcer dressing');
    expect(text).toContain(`See all ${r.timeline.items.length} in the timeline`);
    expect(el.shadowRoot!.querySelector('a.all')!.getAttribute('href')).toBe('#view=timeline');
    await expectAccessible(el);
  });

  test("a child's repeated A&E attendances show in the count, with none in the window said as such", async () => {
    const r = thompson();
    const ae = (date: string) => ({ ...r.timeline.items.find((e) => e.kind === 'ae')!, key: date, date });
    const el = await mount('cr-recent-contacts', {
      timeline: section([ae('2026-11-20T09:00:00Z'), ae('2026-10-30T18:00:00Z'), ae('2026-10-01T08:00:00Z')]),
      sources: SOURCES,
      now: NOW,
    });
    expect(visibleText(el)).toContain('3 contacts, including 3 A&E attendances (20-Nov-2026, 30-Oct-2026, 01-Oct-2026)');
    await expectAccessible(el);
    const quiet = await mount('cr-recent-contacts', { timeline: section([ae('2026-01-01T08:00:00Z')]), sources: SOURCES, now: NOW });
    expect(visibleText(quiet)).toContain('Last 90 days (since 24-Aug-2026) No contacts, no A&E attendance');
  });

  test('upcoming contacts are left to the timeline', async () => {
    const p = patel();
    const el = await mount('cr-recent-contacts', {
      timeline: section(
        p.timeline.items.filter((e) => e.upcoming),
        {},
        [],
        p.sources,
      ),
      sources: p.sources,
    });
    expect(visibleText(el)).toContain('No past contacts recorded; upcoming ones are in the timeline.');
    await expectAccessible(el);
  });

  test('partial, loading, empty and failed', async () => {
    const partial = await mount('cr-recent-contacts', {
      timeline: section(thompson().timeline.items, { acute: timedOut(ACUTE) }),
      sources: SOURCES,
    });
    expect(visibleText(partial)).toContain('Some sources could not be loaded');
    await expectAccessible(partial);
    await expectLoadingEmptyFailed((timeline) => mount('cr-recent-contacts', { timeline, sources: SOURCES }), {
      loading: 'Recent contacts Loading from',
      empty: 'Recent contacts None recorded',
    });
  });
});
