// Navigation between the record's views: a summary first, every section one
// tap away on a tablet, by keyboard too, the view kept in the URL's hash.

import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, deepQuery, mount, settled, visibleText } from '../test-helpers/render';
import { loadingRecord, thompson } from '../test-helpers/fixtures';
import { SOURCES, section } from '../test-helpers/source-fixtures';
import { crisisPlan, nowakMentalHealth } from '../test-helpers/care-fixtures';
import type { CareRecordElement } from './care-record';
import { VIEWS } from './views';
import './care-record';

const launch = { needPatientBanner: true };

function resetUrl(hash = ''): void {
  history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
}

beforeEach(async () => {
  resetUrl();
  await page.viewport(768, 1024);
});

afterEach(() => {
  cleanup();
  resetUrl();
});

const navLinks = (el: Element) => [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('nav a')];
const link = (el: Element, label: string) => navLinks(el).find((a) => a.textContent?.trim() === label)!;
const viewTags = (el: Element) => [...el.shadowRoot!.querySelector('#view .sections')!.children].map((c) => c.localName);
const waitForView = (el: CareRecordElement, view: string) => vi.waitFor(() => expect(el.view).toBe(view));

describe('<care-record> navigation', () => {
  test('a navigation bar of real links, the current one marked, every target at least 24 px, on two rows at most at 768 px', async () => {
    const el = await mount('care-record', { record: thompson(), launchContext: launch });
    const links = navLinks(el);
    expect(links.map((a) => a.textContent?.trim())).toEqual(VIEWS.map((v) => v.label));
    expect(links.map((a) => a.getAttribute('href'))).toEqual(VIEWS.map((v) => `#view=${v.id}`));
    expect(links.filter((a) => a.getAttribute('aria-current') === 'page').map((a) => a.textContent?.trim())).toEqual(['Summary']);
    expect(el.shadowRoot!.querySelector('nav')!.getAttribute('aria-label')).toBe('Record sections');
    const tops = new Set<number>();
    for (const a of links) {
      const box = a.getBoundingClientRect();
      expect(box.height).toBeGreaterThanOrEqual(24);
      expect(box.width).toBeGreaterThanOrEqual(24);
      expect(box.right).toBeLessThanOrEqual(768);
      tops.add(Math.round(box.top));
    }
    expect(tops.size).toBeLessThanOrEqual(2);
    expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(768);
    await expectAccessible(el);
  });

  test('the summary: alerts first, who to call, where the person is now (also beside the banner), recent contacts above medicines, allergies and problems', async () => {
    const el = await mount('care-record', { record: thompson(), launchContext: launch });
    expect(viewTags(el)).toEqual([
      'cr-alerts-strip',
      'cr-patient-context',
      'cr-current-location',
      'cr-recent-contacts',
      'cr-medication-list',
      'cr-allergy-list',
      'cr-problem-list',
    ]);
    const where = 'Inpatient, Ward 7 (Elderly Care), bed 12, since 20-Nov-2026';
    expect(visibleText(deepQuery(el, 'cr-current-location[compact]'))).toContain(`Where now ${where}`);
    const summary = visibleText(el.shadowRoot!.querySelector('#view')!);
    expect(summary).toContain(`Where the person is now Now ${where} Hospital Weald General Hospital NHS Trust`);
    expect(summary).toMatch(/Recent contacts Last 90 days \(since \d{2}-[A-Z][a-z]{2}-\d{4}\) .* 20-Nov-2026 16:30 Fall/);
    expect(summary.indexOf('Alerts')).toBeLessThan(summary.indexOf('Where the person is now'));
    // On screen too: the compact line sits between the banner and the navigation bar.
    const box = (selector: string) => el.shadowRoot!.querySelector(selector)!.getBoundingClientRect();
    expect(box('cr-current-location[compact]').top).toBeGreaterThanOrEqual(box('cr-patient-banner').bottom);
    expect(box('nav').top).toBeGreaterThanOrEqual(box('cr-current-location[compact]').bottom);
    await expectAccessible(el);
  });

  test('the host hides our banner: where the person is now is still at the top of the summary, after the alerts', async () => {
    const el = await mount('care-record', { record: thompson(), launchContext: { needPatientBanner: false } });
    expect(el.shadowRoot!.querySelector('cr-current-location[compact]')).toBeNull();
    expect(viewTags(el).slice(0, 3)).toEqual(['cr-alerts-strip', 'cr-patient-context', 'cr-current-location']);
    expect(visibleText(el)).toContain('Now Inpatient, Ward 7 (Elderly Care), bed 12, since 20-Nov-2026');
    // The host's banner has the identity; ours adds age and gender beside who to call.
    expect(visibleText(deepQuery(el, 'cr-patient-context'))).toMatch(/^Age \d+y Gender Female Who to call THOMPSON, Helen \(Ms\)/);
    await expectAccessible(el);
  });

  test('a tap opens a section; the URL keeps it; Back returns to the summary', async () => {
    const el = await mount('care-record', { record: thompson(), launchContext: launch });
    const changes: string[] = [];
    el.addEventListener('view-change', (e) => changes.push((e as CustomEvent<{ view: string }>).detail.view));
    link(el, 'Care plans').click();
    await settled(el);
    expect(location.hash).toBe('#view=care-plans');
    expect(viewTags(el)).toEqual(['cr-care-plan-list']);
    expect(visibleText(el)).toContain('End of life care plan');
    expect(link(el, 'Care plans').getAttribute('aria-current')).toBe('page');
    expect(link(el, 'Summary').hasAttribute('aria-current')).toBe(false);

    link(el, 'People').click();
    await settled(el);
    expect(location.hash).toBe('#view=people');
    expect(visibleText(el)).toContain('THOMPSON, Helen (Ms) Next of kin Lasting power of attorney for health and welfare');

    history.back();
    await waitForView(el, 'care-plans');
    history.back();
    await waitForView(el, 'summary');
    await settled(el);
    expect(viewTags(el)[0]).toBe('cr-alerts-strip');
    expect(changes).toEqual(['care-plans', 'people', 'care-plans', 'summary']);
  });

  test('a reload or a shared link opens the view the URL names; an unknown one opens the summary', async () => {
    resetUrl('#view=social-care');
    const el = await mount('care-record', { record: thompson(), launchContext: launch });
    expect(el.view).toBe('social-care');
    expect(viewTags(el)).toEqual(['cr-social-care-summary']);
    expect(visibleText(el)).toContain('Residential care package: Oakview Care Home');
    cleanup();

    resetUrl('#view=nonsense');
    const other = await mount('care-record', { record: thompson(), launchContext: launch });
    expect(other.view).toBe('summary');
  });

  test('by keyboard: Tab reaches the navigation bar; Enter opens the section', async () => {
    const el = await mount('care-record', { record: thompson(), launchContext: { needPatientBanner: false } });
    link(el, 'Summary').focus();
    await userEvent.tab();
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).toBe('Medications');
    await userEvent.keyboard('{Enter}');
    await waitForView(el, 'medications');
    await settled(el);
    expect(viewTags(el)).toEqual(['cr-medication-list']);
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).toBe('Medications');
  });

  test('a link inside a view ("Read the crisis plan") switches view and focus follows to the new view', async () => {
    const record = { ...thompson(), mentalHealth: section(nowakMentalHealth()), carePlans: section([crisisPlan()]) };
    resetUrl('#view=mental-health');
    const el = await mount('care-record', { record, launchContext: launch });
    const read = deepQuery<HTMLAnchorElement>(deepQuery(el, 'cr-mental-health-summary'), 'a.more');
    read.focus();
    read.click();
    await waitForView(el, 'care-plans');
    await settled(el);
    expect(location.hash).toBe('#view=care-plans');
    expect(el.shadowRoot!.activeElement?.id).toBe('view');
    expect(visibleText(el)).toContain('Who to call');
  });

  test('an empty social care view points to the social care contacts in the timeline, and the link opens the timeline filtered to them', async () => {
    const contact = { ...thompson().timeline.items[0]!, upcoming: false };
    const social = (i: number) => ({ ...contact, key: `s${i}`, provenance: { ...contact.provenance, source: SOURCES[4]! } });
    const record = { ...thompson(), socialCare: section([]), timeline: section([social(1), social(2), contact]) };
    resetUrl('#view=social-care');
    const el = await mount('care-record', { record, launchContext: launch });
    const view = deepQuery(el, 'cr-social-care-summary');
    expect(visibleText(view)).toContain(
      'No social care summary recorded; 2 contacts with County Council Social Care in the timeline. Show them in the timeline',
    );
    expect(visibleText(view)).not.toContain('None recorded');
    await expectAccessible(view);
    deepQuery<HTMLAnchorElement>(view, '[part="elsewhere"] a').click();
    await waitForView(el, 'timeline');
    await settled(el);
    expect(new URLSearchParams(location.search).getAll('tl-source')).toEqual(['social-care']);
    await vi.waitFor(() =>
      expect(visibleText(deepQuery(el, 'cr-record-timeline'))).toContain('3 contacts; showing 2 matching the filters'),
    );
    history.replaceState(null, '', location.pathname);
  });

  test('url-state="none": views change in memory, the URL is left to the host', async () => {
    resetUrl('#/host/route');
    const el = await mount('care-record', { record: thompson(), launchContext: launch }, { 'url-state': 'none', view: 'people' });
    expect(el.view).toBe('people');
    link(el, 'Results').click();
    await settled(el);
    expect(el.view).toBe('results');
    expect(location.hash).toBe('#/host/route');
  });

  test('every view: its sections, from context, and accessible, loaded and loading', async () => {
    const expected: Record<string, string[]> = {
      summary: [
        'cr-alerts-strip',
        'cr-patient-context',
        'cr-current-location',
        'cr-recent-contacts',
        'cr-medication-list',
        'cr-allergy-list',
        'cr-problem-list',
      ],
      medications: ['cr-medication-list'],
      allergies: ['cr-allergy-list'],
      problems: ['cr-problem-list', 'cr-procedure-list'],
      results: ['cr-results-list', 'cr-immunisation-list'],
      timeline: ['cr-record-timeline'],
      documents: ['cr-document-list'],
      'care-plans': ['cr-care-plan-list'],
      people: ['cr-care-team-list'],
      'social-care': ['cr-social-care-summary'],
      'mental-health': ['cr-mental-health-summary'],
    };
    for (const record of [thompson(), loadingRecord()]) {
      const el = await mount('care-record', { record, launchContext: launch, urlState: 'none' });
      for (const view of VIEWS) {
        el.showView(view.id);
        await settled(el);
        expect(viewTags(el), view.id).toEqual(expected[view.id]);
        await expectAccessible(el);
      }
      cleanup();
    }
  });
});
