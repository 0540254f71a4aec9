import { afterEach, describe, expect, test } from 'vitest';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, mount, visibleText } from '../test-helpers/render';
import { ACUTE, SOURCES, patel, section, thompson, timedOut } from '../test-helpers/fixtures';
import { expectLoadingEmptyFailed } from '../test-helpers/section-states';
import './recent-contacts';

afterEach(cleanup);

describe('<recent-contacts>', () => {
  test('the latest contacts, newest first, with a link to the whole timeline', async () => {
    const r = thompson();
    const el = await mount('recent-contacts', { timeline: r.timeline, sources: r.sources, limit: 2 });
    const text = visibleText(el);
    expect(text).toContain(
      'Recent contacts 20-Nov-2026 16:30 Fall Hospital admission · Ward 7 (Elderly Care), Bed 12 · GRANT, Fiona (Dr) · Currently admitted Weald General Hospital NHS Trust · recorded 20-Nov-2026',
    );
    expect(text).toContain('20-Nov-2026 11:05 Fall A&E attendance');
    expect(text).not.toContain('Leg ulcer dressing');
    expect(text).toContain(`See all ${r.timeline.items.length} in the timeline`);
    expect(el.shadowRoot!.querySelector('a.all')!.getAttribute('href')).toBe('#view=timeline');
    await expectAccessible(el);
  });

  test('upcoming contacts are left to the timeline', async () => {
    const p = patel();
    const el = await mount('recent-contacts', { timeline: section(p.timeline.items.filter((e) => e.upcoming), {}, [], p.sources), sources: p.sources });
    expect(visibleText(el)).toContain('No past contacts recorded; upcoming ones are in the timeline.');
    await expectAccessible(el);
  });

  test('partial, loading, empty and failed', async () => {
    const partial = await mount('recent-contacts', { timeline: section(thompson().timeline.items, { acute: timedOut(ACUTE) }), sources: SOURCES });
    expect(visibleText(partial)).toContain('Some sources could not be loaded');
    await expectAccessible(partial);
    await expectLoadingEmptyFailed((timeline) => mount('recent-contacts', { timeline, sources: SOURCES }), {
      loading: 'Recent contacts Loading from',
      empty: 'Recent contacts None recorded',
    });
  });
});
