import { afterEach, describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, mount, settled, visibleText } from '../test-helpers/render';
import {
  ACUTE,
  SOURCES,
  amlodipine,
  patel,
  section,
  thompson,
  timedOut,
} from '../test-helpers/fixtures';
import { expectLoadingEmptyFailed } from '../test-helpers/section-states';
import './medication-list';

afterEach(cleanup);

const thompsonList = () => {
  const r = thompson();
  return mount('medication-list', { medications: r.medications, sources: r.sources });
};

describe('<medication-list>', () => {
  test('NHS medication line: generic name first in bold, then strength, form, dose, route, frequency', async () => {
    const el = await thompsonList();
    const text = visibleText(el);
    expect(text).toContain('Amlodipine 5 mg tablet 1 tablet, oral, once daily');
    const generic = el.shadowRoot!.querySelector('.generic')!;
    expect(generic.textContent).toBe('Amlodipine');
    expect(Number(getComputedStyle(generic).fontWeight)).toBeGreaterThanOrEqual(700);
    expect(text).toContain('Repeat · Started 01-Mar-2024 · Last issued 30-Oct-2026 · Riverside Medical Practice, Weald General Hospital NHS Trust');
    // Instructions as written when there is no structured dose.
    expect(text).toContain('Morphine sulfate 10 mg/5 ml oral solution 2.5 ml to 5 ml every 4 hours when required for pain');
    await expectAccessible(el);
  });

  test('brand in capitals after the generic name', async () => {
    const r = patel();
    const el = await mount('medication-list', { medications: r.medications, sources: r.sources });
    expect(visibleText(el)).toContain(
      'Insulin glargine LANTUS 100 units/ml solution for injection 3 ml pre-filled pen 18 units, subcutaneous, at night',
    );
    await expectAccessible(el);
  });

  test('the amlodipine dose conflict is visible in words without expanding anything', async () => {
    const el = await thompsonList();
    expect(visibleText(el)).toContain(
      'Conflict: Dose differs: 5 mg once daily (Riverside Medical Practice), 10 mg once daily (Weald General Hospital NHS Trust)',
    );
  });

  test('each group expands, by keyboard, to every source’s entry', async () => {
    const el = await thompsonList();
    expect(visibleText(el)).not.toContain('Prescriber');
    const summary = el.shadowRoot!.querySelector<HTMLElement>('details[part="entries"] > summary')!;
    expect(summary.textContent?.replace(/\s+/g, ' ').trim()).toBe('Entries from 2 sources for Amlodipine');
    summary.focus();
    await userEvent.keyboard('{Enter}');
    await settled(el);
    const text = visibleText(el);
    expect(text).toContain('Amlodipine 10 mg tablet 1 tablet, oral, once daily Type Inpatient Status Active Started 20-Nov-2026 Prescriber Weald General Hospital NHS Trust');
    expect(text).toContain('Weald General Hospital NHS Trust · recorded 20-Nov-2026 · by Dr K OSEI');
    expect(text).toContain('Riverside Medical Practice · recorded 01-Mar-2024 · by Dr S AHMED');
    await expectAccessible(el);
  });

  test('recently stopped medicines are separate and collapsed', async () => {
    const el = await thompsonList();
    const stopped = el.shadowRoot!.querySelector<HTMLDetailsElement>('details[part="stopped"]')!;
    expect(stopped.open).toBe(false);
    expect(visibleText(el)).toContain('Recently stopped (1)');
    expect(visibleText(el)).not.toContain('Simvastatin');
    stopped.open = true;
    expect(visibleText(el)).toContain('Simvastatin 40 mg tablet 1 tablet, oral, at night');
    expect(visibleText(el)).toContain('Stopped 01-Sep-2026');
  });

  test('targets are at least 24 by 24 CSS pixels', async () => {
    const el = await thompsonList();
    for (const s of el.shadowRoot!.querySelectorAll('summary')) {
      const box = s.getBoundingClientRect();
      expect(box.height).toBeGreaterThanOrEqual(24);
      expect(box.width).toBeGreaterThanOrEqual(24);
    }
  });

  test('loading, empty, partial and failed', async () => {
    await expectLoadingEmptyFailed((s) => mount('medication-list', { medications: { ...s, recentlyStopped: [] }, sources: SOURCES }), {
      loading: 'Loading from',
      empty: 'None recorded',
    });

    const partial = await mount('medication-list', {
      medications: { ...section([amlodipine], { acute: timedOut(ACUTE) }), recentlyStopped: [] },
      sources: SOURCES,
    });
    expect(visibleText(partial)).toContain('Some sources could not be loaded');
    expect(visibleText(partial)).toContain('Amlodipine');
    await expectAccessible(partial);
  });
});
