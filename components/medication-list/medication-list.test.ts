import { afterEach, describe, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, mount, settled, visibleText } from '../test-helpers/render';
import type { MedicationGroup, MedicationsNotShown } from '../../src/record/model';
import { patel, thompson } from '../test-helpers/fixtures';
import { amlodipine, simvastatinStopped } from '../test-helpers/medication-fixtures';
import { ACUTE, GP, SOURCES, section, timedOut } from '../test-helpers/source-fixtures';
import { expectLoadingEmptyFailed } from '../test-helpers/section-states';
import './medication-list';

afterEach(cleanup);

const thompsonList = () => {
  const r = thompson();
  return mount('cr-medication-list', { medications: r.medications, sources: r.sources });
};

describe('<cr-medication-list>', () => {
  test("NHS medication line: generic name first in bold, then strength, form, dose, route, frequency; the ward's line first", async () => {
    const el = await thompsonList();
    const text = visibleText(el);
    expect(text).toContain('Amlodipine 10 mg tablet 10 mg, oral, in the morning');
    const generic = el.shadowRoot!.querySelector('.generic')!;
    expect(generic.textContent).toBe('Amlodipine');
    expect(Number(getComputedStyle(generic).fontWeight)).toBeGreaterThanOrEqual(700);
    expect(text).toContain(
      'Inpatient · Started 20-Nov-2026 · Last dose given 22-Nov-2026 08:00 (10 mg, oral) · Weald General Hospital NHS Trust, Riverside Medical Practice',
    );
    // Instructions as written when there is no structured dose, with the route.
    expect(text).toContain('Morphine sulfate 10 mg/5 ml oral solution 2.5 ml to 5 ml every 4 hours when required for pain, oral');
    await expectAccessible(el);
  });

  test('the dose is on the line itself, never only inside Details, and "dose not recorded" when there is none', async () => {
    const r = thompson();
    const [first] = amlodipine.lines;
    const noDose: MedicationGroup = {
      key: 'ramipril',
      genericName: 'Ramipril',
      lines: [
        {
          ...first!,
          genericName: 'Ramipril',
          strength: undefined,
          dose: undefined,
          frequency: undefined,
          lastGiven: undefined,
          directions: 'dose not recorded, oral',
        },
      ],
      conflicts: [],
    };
    const el = await mount('cr-medication-list', {
      medications: { ...r.medications, items: [...r.medications.items, noDose] },
      sources: r.sources,
    });
    const lines = [...el.shadowRoot!.querySelectorAll('[aria-label="Current medicines"] > [part="group"] > [part="directions"]')].map((p) =>
      p.textContent?.trim(),
    );
    expect(lines).toEqual([
      '10 mg, oral, in the morning',
      '2.5 ml to 5 ml every 4 hours when required for pain, oral',
      'dose not recorded, oral',
    ]);
    await expectAccessible(el);
  });

  test('brand in capitals after the generic name', async () => {
    const r = patel();
    const el = await mount('cr-medication-list', { medications: r.medications, sources: r.sources });
    expect(visibleText(el)).toContain(
      'Insulin glargine LANTUS 100 units/ml solution for injection 3 ml pre-filled pen 18 units, subcutaneous, at night',
    );
    await expectAccessible(el);
  });

  test('the amlodipine dose conflict is visible in words without expanding anything', async () => {
    const el = await thompsonList();
    expect(visibleText(el)).toContain(
      'Conflict: Dose differs: 10 mg in the morning (Weald General Hospital, inpatient); 5 mg once daily (Riverside Medical Practice)',
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
    expect(text).toContain(
      'Amlodipine 10 mg tablet 10 mg, oral, in the morning Type Inpatient Status Active Started 20-Nov-2026 Last dose given 22-Nov-2026 08:00 (10 mg, oral) Prescriber Weald General Hospital NHS Trust',
    );
    expect(text).toContain(
      'Amlodipine 5 mg tablet 1 tablet, oral, once daily Type Repeat Status Active Started 01-Mar-2024 Last issued 30-Oct-2026',
    );
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

  test('a stop the record does not date reads "Stopped (date not recorded)", never a date', async () => {
    const r = thompson();
    const undated: MedicationGroup = {
      ...simvastatinStopped,
      lines: [{ ...simvastatinStopped.lines[0]!, status: 'completed', stopped: undefined }],
    };
    const el = await mount('cr-medication-list', { medications: { ...r.medications, recentlyStopped: [undated] }, sources: r.sources });
    el.shadowRoot!.querySelector<HTMLDetailsElement>('details[part="stopped"]')!.open = true;
    const text = visibleText(el);
    expect(text).toContain('Repeat · Completed · Started 12-Jan-2015 · Stopped (date not recorded) · Riverside Medical Practice');
    expect(text).not.toMatch(/Stopped \d/);
    await expectAccessible(el);
  });

  test('never "None recorded" over medication records that are not listed: says what there is', async () => {
    const notShown: MedicationsNotShown[] = [
      { source: GP, kind: 'older', count: 3, text: '3 entries stopped or last given more than 6 months ago (Riverside Medical Practice)' },
      {
        source: ACUTE,
        kind: 'unreadable-kind',
        count: 2,
        text: '2 entries of a kind this viewer cannot show (Weald General Hospital NHS Trust)',
      },
    ];
    const el = await mount('cr-medication-list', { medications: { ...section([]), recentlyStopped: [], notShown }, sources: SOURCES });
    const text = visibleText(el);
    expect(text).not.toContain('None recorded');
    expect(text).toContain('No current medicines recorded');
    expect(text).toContain(
      'Not listed here 3 entries stopped or last given more than 6 months ago (Riverside Medical Practice) 2 entries of a kind this viewer cannot show',
    );
    await expectAccessible(el);
    cleanup();

    const noneKnown = await mount('cr-medication-list', {
      medications: {
        ...section([]),
        recentlyStopped: [],
        notShown: [{ source: GP, kind: 'none-known', count: 0, text: 'No known medications (Riverside Medical Practice)' }],
      },
      sources: SOURCES,
    });
    expect(visibleText(noneKnown)).toContain('No known medications (Riverside Medical Practice)');
    expect(visibleText(noneKnown)).not.toContain('None recorded');
    await expectAccessible(noneKnown);
  });

  test('with only recently stopped medicines it says there are no current ones, not "None recorded"', async () => {
    const el = await mount('cr-medication-list', {
      medications: { ...section([]), recentlyStopped: [simvastatinStopped] },
      sources: SOURCES,
    });
    expect(visibleText(el)).toContain('No current medicines recorded');
    expect(visibleText(el)).toContain('Recently stopped (1)');
    expect(visibleText(el)).not.toContain('None recorded');
    await expectAccessible(el);
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
    await expectLoadingEmptyFailed((s) => mount('cr-medication-list', { medications: { ...s, recentlyStopped: [] }, sources: SOURCES }), {
      loading: 'Loading from',
      empty: 'None recorded',
    });

    const partial = await mount('cr-medication-list', {
      medications: { ...section([amlodipine], { acute: timedOut(ACUTE) }), recentlyStopped: [] },
      sources: SOURCES,
    });
    expect(visibleText(partial)).toContain('Some sources could not be loaded');
    expect(visibleText(partial)).toContain('Amlodipine');
    await expectAccessible(partial);
  });
});
