import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { LitVirtualizer } from '@lit-labs/virtualizer';
import type { TimelineEntry } from '../../src/record/model';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, deepQueryAll, mount, settled, visibleText } from '../test-helpers/render';
import { patel, thompson } from '../test-helpers/fixtures';
import { ACUTE, COMMUNITY, GP, PATEL_SOURCES, SOURCES, prov, section, timedOut } from '../test-helpers/source-fixtures';
import { patelTimeline } from '../test-helpers/timeline-fixtures';
import { expectLoadingEmptyFailed } from '../test-helpers/section-states';
import { timelineCountText, untilText } from './record-timeline';
import './record-timeline';

const startUrl = `${location.pathname}${location.search}${location.hash}`;

beforeEach(() => history.replaceState(history.state, '', startUrl));
afterEach(() => {
  cleanup();
  history.replaceState(history.state, '', startUrl);
});

const params = () => new URLSearchParams(location.search);
const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));

async function patelTimelineElement() {
  const r = patel();
  return mount('cr-record-timeline', { timeline: r.timeline, sources: r.sources });
}

/** Every node under root, through shadow roots: what the browser holds for this element. */
function countNodes(root: Node): number {
  let n = 1;
  if (root instanceof Element && root.shadowRoot) n += countNodes(root.shadowRoot);
  for (const child of root.childNodes) n += countNodes(child);
  return n;
}

/** `n` contacts at the acute trust, one a day back from 22-Nov-2026, A&E every fifth. */
function manyEntries(n: number): TimelineEntry[] {
  return Array.from({ length: n }, (_, i) => {
    const date = new Date(Date.UTC(2026, 10, 22, 10) - i * 86_400_000).toISOString();
    const ae = i % 5 === 0;
    return {
      key: `acute:Encounter/e${i}`,
      kind: ae ? 'ae' : 'outpatient',
      title: i === n - 1 ? 'The oldest contact' : `Contact number ${i + 1}`,
      date,
      where: ae ? 'Emergency Department' : 'Outpatients',
      who: 'OSEI, Kwame (Dr)',
      status: 'Finished',
      state: 'completed',
      upcoming: false,
      provenance: prov(ACUTE, `Encounter/e${i}`, date),
    } satisfies TimelineEntry;
  });
}

describe('untilText', () => {
  test('only the time when a contact ends the day it started', () => {
    expect(untilText('2026-12-13T14:00:00Z', '2026-12-13T14:30:00Z')).toBe('14:30');
    expect(untilText('2026-10-10T21:40:00Z', '2026-10-11T01:50:00Z')).toBe('11-Oct-2026 02:50');
    expect(untilText('2026-03-01', '2026-03-09')).toBe('09-Mar-2026');
    expect(untilText('2026-03-01', '2026-03-01')).toBe('01-Mar-2026');
  });
});

describe('timelineCountText', () => {
  test('counts, and says how many match when filtered', () => {
    expect(timelineCountText(3214, 3214, false)).toBe('3,214 contacts');
    expect(timelineCountText(3214, 57, true)).toBe('3,214 contacts; showing 57 matching the filters');
    expect(timelineCountText(1, 0, true)).toBe('1 contact; showing 0 matching the filters');
  });
});

describe('<cr-record-timeline>', () => {
  test('upcoming apart from the past; A&E attendance labelled in words; status, where, who and source shown', async () => {
    const el = await patelTimelineElement();
    const text = visibleText(el);
    expect(text).toContain('4 contacts');
    expect(text).toContain(
      'Upcoming (soonest first) 13-Dec-2026 14:00 to 14:30 Appointment Booked Diabetes specialist nurse review: continuous glucose monitoring and HbA1c Diabetes specialist nursing Where Diabetes Centre Who RAO, Anita, Diabetes specialist nurse Downs Community Health NHS Trust',
    );
    expect(text).toContain(
      '10-Oct-2026 22:40 to 11-Oct-2026 02:50 A&E attendance Finished Hypoglycaemia Emergency department patient visit Where Emergency Department Who OSEI, Kwame (Dr) Weald General Hospital NHS Trust · recorded 10-Oct-2026 · by OSEI, Kwame (Dr)',
    );
    expect(text).toContain('Appointment Did not attend Diabetes specialist nurse review: continuous glucose monitoring');
    expect(text.indexOf('Upcoming')).toBeLessThan(text.indexOf('Past (newest first)'));
    // Newest first in the past.
    expect(text.indexOf('08-Nov-2026')).toBeLessThan(text.indexOf('11-Oct-2026 03:10'));
    const upcoming = el.shadowRoot!.querySelector('cr-record-section [part="upcoming"]');
    expect(upcoming?.querySelectorAll('[role="listitem"]')).toHaveLength(1);
    await expectAccessible(el);
  });

  test('reads its filters from the query string, ticks them, and counts what matches', async () => {
    history.replaceState(history.state, '', `${location.pathname}?tl-source=acute&tl-kind=ae&keep=1`);
    const el = await patelTimelineElement();
    const text = visibleText(el);
    expect(text).toContain('4 contacts; showing 1 matching the filters');
    expect(text).toContain('Hypoglycaemia');
    expect(text).not.toContain('Upcoming');
    expect(text).not.toContain('Did not attend');
    const checked = deepQueryAll<HTMLInputElement>(el, 'input[type="checkbox"]')
      .filter((i) => i.checked)
      .map((i) => i.value);
    expect(checked).toEqual(['acute', 'ae']);
    await expectAccessible(el);
  });

  test('filters with the keyboard, writes the query string (other parameters kept) and clears', async () => {
    history.replaceState(history.state, '', `${location.pathname}?keep=1`);
    const el = await patelTimelineElement();
    const appointments = deepQueryAll<HTMLInputElement>(el, 'input[name="kind"]').find((i) => i.value === 'appointment')!;
    appointments.focus();
    await userEvent.keyboard(' ');
    await settled(el);
    expect(params().getAll('tl-kind')).toEqual(['appointment']);
    expect(params().get('keep')).toBe('1');
    expect(visibleText(el)).toContain('4 contacts; showing 2 matching the filters');

    const from = deepQueryAll<HTMLInputElement>(el, 'input[name="from"]')[0]!;
    // Typed and shown as dd-Mmm-yyyy, whatever the browser's language; kept in the URL as a FHIR day.
    expect(from.type).toBe('text');
    from.value = '01-Nov-2026';
    from.dispatchEvent(new Event('change', { bubbles: true }));
    await settled(el);
    expect(params().get('tl-from')).toBe('2026-11-01');
    expect(visibleText(el)).toContain('showing 2 matching the filters');
    expect(deepQueryAll<HTMLInputElement>(el, 'input[name="from"]')[0]!.value).toBe('01-Nov-2026');
    from.value = '1/12/2026';
    from.dispatchEvent(new Event('change', { bubbles: true }));
    await settled(el);
    expect(params().get('tl-from')).toBe('2026-12-01');
    expect(deepQueryAll<HTMLInputElement>(el, 'input[name="from"]')[0]!.value).toBe('01-Dec-2026');
    expect(visibleText(el)).toContain('showing 1 matching the filters');
    // Not a day: said beside the field, and the filter stays as it was.
    from.value = '31-Nov-2026';
    from.dispatchEvent(new Event('change', { bubbles: true }));
    await settled(el);
    expect(params().get('tl-from')).toBe('2026-12-01');
    expect(visibleText(el)).toContain('From Not a date: enter it like 14-Jul-2021');
    expect(from.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(el);

    const clear = deepQueryAll<HTMLButtonElement>(el, 'button').find((b) => b.textContent?.trim() === 'Clear filters')!;
    clear.focus();
    await userEvent.keyboard('{Enter}');
    await settled(el);
    expect(location.search).toBe('?keep=1');
    expect(visibleText(el)).toContain('4 contacts');
    expect(visibleText(el)).not.toContain('matching');
    await expectAccessible(el);
  });

  test('says so when nothing matches, and leaves the URL alone when told to', async () => {
    const el = await mount('cr-record-timeline', { timeline: patel().timeline, sources: PATEL_SOURCES, syncUrl: false });
    el.setFilters({ sources: ['gp'], kinds: [] });
    await settled(el);
    expect(visibleText(el)).toContain('4 contacts; showing 0 matching the filters No contacts match the filters.');
    expect(location.search).toBe(new URL(startUrl, location.origin).search);
    await expectAccessible(el);
  });

  test('a cancelled appointment shows as cancelled, in words', async () => {
    const cancelled: TimelineEntry = {
      ...patelTimeline[0]!,
      key: 'community:Appointment/x',
      status: 'Cancelled: Patient request',
      state: 'cancelled',
    };
    const el = await mount('cr-record-timeline', { timeline: section([cancelled], {}, [], PATEL_SOURCES), sources: PATEL_SOURCES });
    expect(visibleText(el)).toContain('Appointment Cancelled: Patient request Diabetes specialist nurse review');
    await expectAccessible(el);
  });

  test('loading, empty, partial and failed', async () => {
    await expectLoadingEmptyFailed((timeline) => mount('cr-record-timeline', { timeline, sources: SOURCES }), {
      loading: 'Timeline Loading from Riverside Medical Practice',
      empty: 'None recorded',
    });

    const r = thompson();
    const partial = await mount('cr-record-timeline', {
      timeline: section(r.timeline.items, { community: timedOut(COMMUNITY) }),
      sources: SOURCES,
    });
    const partialText = visibleText(partial);
    expect(partialText).toContain('Some sources could not be loaded');
    expect(partialText).toContain('Downs Community Health NHS Trust: No answer within 10 seconds');
    expect(partialText).toContain('Hospital admission Currently admitted Fall');
    await expectAccessible(partial);
  });

  test('reads the record from context like every section', async () => {
    const provider = document.createElement('div');
    document.body.append(provider);
    const record = thompson();
    provider.addEventListener('context-request', (e) => {
      const request = e as Event & { context: unknown; callback: (v: unknown) => void };
      if (request.context === Symbol.for('scr.record')) {
        e.stopPropagation();
        request.callback(record);
      }
    });
    const el = await mount('cr-record-timeline', {}, {}, provider);
    expect(visibleText(el)).toContain('4 contacts');
    expect(visibleText(el)).toContain('A&E attendance Finished Fall');
    provider.remove();
  });
});

describe('<cr-record-timeline> with thousands of entries', () => {
  test('keeps the DOM bounded, yet scrolling (and the keyboard) reaches the oldest entry', async () => {
    const entries = manyEntries(3200);
    const el = await mount('cr-record-timeline', { timeline: section(entries, {}, [], [GP, ACUTE]), sources: [GP, ACUTE] });
    const virtualizer = el.shadowRoot!.querySelector('cr-record-section lit-virtualizer') as LitVirtualizer;
    await virtualizer.layoutComplete;
    await settled(el);
    const nodes = countNodes(el);
    const rendered = deepQueryAll(el, '[role="listitem"]').length;
    console.log(`<cr-record-timeline> with ${entries.length} entries: ${nodes} DOM nodes (${rendered} entries rendered)`);
    expect(nodes).toBeLessThan(3000);
    expect(rendered).toBeLessThan(100);
    expect(visibleText(el)).toContain('3,200 contacts');
    expect(visibleText(el)).not.toContain('The oldest contact');

    // The list is one labelled, focusable scroll region.
    const region = el.shadowRoot!.querySelector<HTMLElement>('[part="scroller"]')!;
    expect(region.getAttribute('role')).toBe('region');
    expect(region.tabIndex).toBe(0);
    expect(region.getAttribute('aria-labelledby')).toBe('past-heading');
    await expectAccessible(el);

    // One press of End reaches the oldest entry, and it stays in view while the entries drawn there are measured.
    region.focus();
    await userEvent.keyboard('{End}');
    await vi.waitFor(() => expect(visibleText(region)).toContain('The oldest contact'));
    for (let i = 0; i < 10; i++) await frame();
    expect(visibleText(region)).toContain('The oldest contact');
    const oldest = deepQueryAll<HTMLElement>(el, '[role="listitem"]').find((li) => li.textContent?.includes('The oldest contact'));
    expect(oldest?.getAttribute('aria-posinset')).toBe('3200');
    expect(oldest?.getAttribute('aria-setsize')).toBe('3200');
    expect(countNodes(el)).toBeLessThan(3000);

    // And back to the newest.
    await userEvent.keyboard('{Home}');
    await vi.waitFor(() => expect(visibleText(region)).toContain('Contact number 1 '));
    for (let i = 0; i < 10; i++) await frame();
    expect(visibleText(region)).toContain('Contact number 1 ');
  });

  test('filters thousands of entries and virtualises only what is long', async () => {
    history.replaceState(history.state, '', `${location.pathname}?tl-kind=ae&tl-from=2026-01-01`);
    const el = await mount('cr-record-timeline', { timeline: section(manyEntries(3200), {}, [], [GP, ACUTE]), sources: [GP, ACUTE] });
    const text = visibleText(el);
    // A&E every fifth day from 22-Nov-2026 back to 01-Jan-2026: 66 attendances.
    expect(text).toContain('3,200 contacts; showing 66 matching the filters');
    expect(el.shadowRoot!.querySelector('cr-record-section lit-virtualizer')).not.toBeNull();
    el.setFilters({ sources: [], kinds: ['ae'], from: '2026-10-01' });
    await settled(el);
    expect(visibleText(el)).toContain('showing 11 matching the filters');
    expect(el.shadowRoot!.querySelector('cr-record-section lit-virtualizer')).toBeNull();
    expect(deepQueryAll(el, '[role="listitem"]')).toHaveLength(11);
    await expectAccessible(el);
  });
});
