import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { CareRecord } from '../../src/record/model';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, deepQuery, deepQueryAll, mount, settled, visibleText } from '../test-helpers/render';
import { loadingRecord, patel, thompson } from '../test-helpers/fixtures';
import { amlodipine } from '../test-helpers/medication-fixtures';
import { ACUTE, failedEverywhere, section, timedOut } from '../test-helpers/source-fixtures';
import type { ViewerLaunchContext } from '../contexts';
import './care-record';
import { urlOf } from '../../src/sources/test-helpers/fake-fetch';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const launch = (over: Partial<ViewerLaunchContext> = {}): ViewerLaunchContext => ({ needPatientBanner: true, ...over });

const order = (el: Element) =>
  [...el.shadowRoot!.querySelectorAll('cr-patient-banner, cr-alerts-strip, cr-medication-list, cr-allergy-list, cr-problem-list')].map(
    (e) => e.localName,
  );

describe('<care-record>', () => {
  beforeEach(async () => {
    await page.viewport(1280, 900);
  });

  test('banner, then alerts first, then medicines, allergies and problems, all from context', async () => {
    const el = await mount('care-record', { record: thompson(), launchContext: launch() });
    expect(order(el)).toEqual(['cr-patient-banner', 'cr-alerts-strip', 'cr-medication-list', 'cr-allergy-list', 'cr-problem-list']);
    expect(visibleText(el)).toContain('THOMPSON, Margaret (Mrs)');
    // The summary view, read in order (the navigation bar above it names the sections too).
    const text = visibleText(el.shadowRoot!.querySelector('#view')!);
    expect(text).toContain('Not for CPR');
    expect(text).toContain('Conflict: Dose differs');
    expect(text.indexOf('Alerts')).toBeLessThan(text.indexOf('Medications'));
    expect(text.indexOf('Medications')).toBeLessThan(text.indexOf('Allergies and adverse reactions'));
    expect(text.indexOf('Allergies and adverse reactions')).toBeLessThan(text.indexOf('Problems'));
    await expectAccessible(el);
  });

  test('on screen, alerts come first (above or before everything but the banner), at desktop and tablet widths', async () => {
    for (const [w, h] of [
      [1280, 900],
      [768, 1024],
    ] as const) {
      await page.viewport(w, h);
      const el = await mount('care-record', { record: thompson(), launchContext: launch() });
      const box = (tag: string) => el.shadowRoot!.querySelector(tag)!.getBoundingClientRect();
      const alerts = box('cr-alerts-strip');
      expect(box('cr-patient-banner').bottom).toBeLessThanOrEqual(alerts.top);
      for (const tag of ['cr-medication-list', 'cr-allergy-list', 'cr-problem-list']) expect(box(tag).top).toBeGreaterThan(alerts.bottom);
      // Nothing wider than the screen.
      expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(w);
      await expectAccessible(el);
      cleanup();
    }
  });

  test('the host hides our banner: need_patient_banner false in the launch, or the attribute', async () => {
    const byLaunch = await mount('care-record', { record: thompson(), launchContext: launch({ needPatientBanner: false }) });
    expect(order(byLaunch)[0]).toBe('cr-alerts-strip');
    await expectAccessible(byLaunch);

    const byAttr = await mount('care-record', { record: thompson(), launchContext: launch() }, { 'need-patient-banner': 'false' });
    expect(order(byAttr)[0]).toBe('cr-alerts-strip');

    const attrWins = await mount(
      'care-record',
      { record: thompson(), launchContext: launch({ needPatientBanner: false }) },
      { 'need-patient-banner': '' },
    );
    expect(order(attrWins)[0]).toBe('cr-patient-banner');
  });

  test('loading, partial and failed records', async () => {
    const loading = await mount('care-record', { record: loadingRecord(), launchContext: launch() });
    expect(visibleText(loading)).toContain('Loading patient details');
    expect(visibleText(loading)).not.toContain('None recorded');
    await expectAccessible(loading);
    cleanup();

    const nothingYet = await mount('care-record', { launchContext: launch() });
    expect(visibleText(nothingYet)).toContain('Loading');
    await expectAccessible(nothingYet);
    cleanup();

    const partial = thompson();
    partial.medications = { ...section([amlodipine], { acute: timedOut(ACUTE) }), recentlyStopped: [] };
    const p = await mount('care-record', { record: partial, launchContext: launch() });
    expect(visibleText(p)).toContain('Some sources could not be loaded');
    await expectAccessible(p);
    cleanup();

    const failed = loadingRecord();
    for (const key of ['patient', 'advanceDecisions', 'flags', 'problems'] as const) failed[key] = section([], failedEverywhere());
    failed.allergies = { ...section([], failedEverywhere()), statuses: [] };
    failed.medications = { ...section([], failedEverywhere()), recentlyStopped: [] };
    const f = await mount('care-record', { record: failed, launchContext: launch() });
    const text = visibleText(f);
    expect(text).toContain('Patient details could not be loaded');
    expect(text).toContain('Could not be loaded');
    expect(text).not.toContain('None recorded');
    await expectAccessible(f);
  });

  test('record can be set again as sections stream in; only changed sections re-render', async () => {
    const first = loadingRecord();
    const el = await mount('care-record', { record: first, launchContext: launch() });
    const meds = deepQuery(el, 'cr-medication-list');
    const allergies = deepQuery(el, 'cr-allergy-list');
    const medsRender = vi.spyOn(meds, 'render' as never);
    const allergiesRender = vi.spyOn(allergies, 'render' as never);

    const t = thompson();
    el.record = { ...first, medications: t.medications };
    await settled(el);
    expect(medsRender).toHaveBeenCalledTimes(1);
    expect(allergiesRender).not.toHaveBeenCalled();
    expect(visibleText(el)).toContain('Amlodipine');
    expect(visibleText(allergies)).toContain('Loading from');

    el.record = { ...el.record, allergies: t.allergies };
    await settled(el);
    expect(medsRender).toHaveBeenCalledTimes(1);
    expect(allergiesRender).toHaveBeenCalledTimes(1);
    expect(visibleText(allergies)).toContain('Penicillin');

    // Builders rebuild every section as new objects: equal content must not re-render.
    el.record = structuredClone(el.record);
    await settled(el);
    expect(medsRender).toHaveBeenCalledTimes(1);
    expect(allergiesRender).toHaveBeenCalledTimes(1);
  });

  test('a second patient replaces the first everywhere', async () => {
    const el = await mount('care-record', { record: thompson(), launchContext: launch() });
    el.record = patel();
    await settled(el);
    const text = visibleText(el);
    expect(text).toContain('PATEL, Asha (Ms)');
    expect(text).not.toContain('THOMPSON');
    expect(text).not.toContain('Amlodipine');
  });

  test('smart_style_url: valid values become our custom properties; unsafe ones are ignored', async () => {
    const fetch = vi
      .spyOn(window, 'fetch')
      .mockResolvedValue(
        new Response(JSON.stringify({ color_text: '#303030', dim_font_size: '13px', color_background: 'url(https://evil.example/t)' })),
      );
    const el = await mount('care-record', {
      record: patel(),
      launchContext: launch({ smartStyleUrl: 'https://ehr.example/smart-style.json' }),
    });
    await vi.waitFor(() => expect(getComputedStyle(deepQuery(el, '.record')).getPropertyValue('--scr-color-text')).toBe('#303030'));
    expect(fetch).toHaveBeenCalledOnce();
    const base = deepQuery(el, '.record');
    expect(getComputedStyle(base).getPropertyValue('--scr-font-size')).toBe('13px');
    expect(getComputedStyle(base).getPropertyValue('--scr-color-background')).toBe('');
    expect(getComputedStyle(deepQuery(el, 'cr-medication-list')).color).toBe('rgb(48, 48, 48)');
    await expectAccessible(el);
  });

  test('smart-style-url attribute overrides the launch; a failed fetch keeps our defaults', async () => {
    const fetch = vi.spyOn(window, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
    const el = await mount(
      'care-record',
      { record: patel(), launchContext: launch({ smartStyleUrl: 'https://ehr.example/a.json' }) },
      { 'smart-style-url': 'https://ehr.example/b.json' },
    );
    await vi.waitFor(() => expect(fetch).toHaveBeenCalled());
    expect(urlOf(fetch.mock.calls[0]![0])).toBe('https://ehr.example/b.json');
    await settled(el);
    expect(getComputedStyle(deepQuery(el, 'cr-medication-list')).color).toBe('rgb(33, 43, 50)');
  });

  test('the sticky banner never hides the focused element (WCAG 2.2 2.4.11)', async () => {
    await page.viewport(768, 700);
    const el = await mount('care-record', { record: thompson(), launchContext: launch() });
    const banner = el.shadowRoot!.querySelector('cr-patient-banner')!;
    expect(getComputedStyle(banner).position).toBe('sticky');
    await vi.waitFor(() => expect(getComputedStyle(deepQuery(el, '.record')).getPropertyValue('--scr-sticky-offset')).not.toBe('0px'));

    const summaries = deepQueryAll<HTMLElement>(el, 'summary').filter((s) => s.checkVisibility());
    expect(summaries.length).toBeGreaterThan(2);
    for (const target of summaries) {
      // Put the target well above the viewport, as after scrolling down, then move focus back to it.
      window.scrollTo(0, target.getBoundingClientRect().top + window.scrollY + 300);
      expect(target.getBoundingClientRect().bottom).toBeLessThan(0);
      target.focus();
      await new Promise((r) => requestAnimationFrame(r));
      const b = banner.getBoundingClientRect();
      const t = target.getBoundingClientRect();
      expect(t.top).toBeGreaterThanOrEqual(b.bottom);
      expect(t.bottom).toBeLessThanOrEqual(window.innerHeight);
      // Chrome centres what it focuses; other engines align to the top edge, so check that too.
      target.scrollIntoView({ block: 'start' });
      expect(target.getBoundingClientRect().top).toBeGreaterThanOrEqual(banner.getBoundingClientRect().bottom);
    }
  });

  test('not sticky when the viewport is short', async () => {
    await page.viewport(768, 480);
    const el = await mount('care-record', { record: thompson(), launchContext: launch() });
    expect(getComputedStyle(el.shadowRoot!.querySelector('cr-patient-banner')!).position).toBe('static');
  });

  test('keyboard: every disclosure is reachable with Tab', async () => {
    const el = await mount('care-record', { record: thompson(), launchContext: launch() });
    const summaries = deepQueryAll<HTMLElement>(el, 'summary').filter((s) => s.checkVisibility());
    const reached = new Set<Element>();
    // Every link and button before and between them (the navigation bar, tel: links) takes a Tab too.
    const stops = deepQueryAll<HTMLElement>(el, 'a[href], button, summary, [tabindex="0"]').filter((s) => s.checkVisibility()).length;
    document.body.focus();
    for (let i = 0; i < stops + 5; i++) {
      await userEvent.tab();
      let active: Element | null = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      if (active) reached.add(active);
    }
    for (const s of summaries) expect(reached.has(s)).toBe(true);
  });
});

// Keep the CareRecord type import used for readers of this file.
export type { CareRecord };
