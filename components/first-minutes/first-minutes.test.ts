import { afterEach, beforeEach, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import type { CareRecord, MedicationGroup, MedicationLine } from '../../src/record/model';
import { expectAccessible } from '../test-helpers/axe';
import { loadingRecord, patel, thompson } from '../test-helpers/fixtures';
import { morphine } from '../test-helpers/medication-fixtures';
import { GP, SOURCES, failedEverywhere, section } from '../test-helpers/source-fixtures';
import { cleanup, deepQueryAll, mount, visibleText } from '../test-helpers/render';
import './first-minutes';

afterEach(cleanup);
beforeEach(async () => {
  await page.viewport(768, 1024);
});

test('THOMPSON on a tablet: the first minutes on one screen, with a call button for her daughter', async () => {
  const el = await mount('cr-first-minutes', { record: thompson() });
  const text = visibleText(el);
  expect(text).toContain('Not for CPR');
  expect(text).toContain('Penicillin');
  expect(text).toMatch(/Anaphylaxis/);
  expect(text).toContain('THOMPSON, Helen (Ms)');
  expect(text).toContain('Lasting power of attorney for health and welfare');
  expect(text).toContain('Amlodipine');
  expect(text).toContain(
    'Dose differs: 10 mg in the morning (Weald General Hospital, inpatient); 5 mg once daily (Riverside Medical Practice)',
  );
  expect(text).toContain('Ward 7 (Elderly Care), Bed 12, Weald General Hospital NHS Trust');
  expect(text).toContain('Home address Oakview Care Home');
  expect(text).toContain('Nurse Mei LEE');
  const call = deepQueryAll<HTMLAnchorElement>(el, '[part="call"] a')[0]!;
  expect(call.href).toBe('tel:+447700900123');
  // What decides the first minutes is on one tablet screen (768 by 1024): the
  // whole ReSPECT decision with the end-of-life plan, allergies, who to call,
  // safeguarding and reasonable adjustments; medicines and carers may follow.
  const top = el.getBoundingClientRect().top;
  for (const heading of ['ReSPECT and DNACPR', 'Allergies', 'Who to call', 'Safeguarding', 'Reasonable adjustments']) {
    const block = deepQueryAll<HTMLElement>(el, 'cr-record-section').find((s) => s.getAttribute('heading') === heading)!;
    expect(block.getBoundingClientRect().bottom - top, heading).toBeLessThanOrEqual(1024);
  }
  expect(call.getAttribute('aria-label')).toBe('Call THOMPSON, Helen (Ms) 07700 900123');
  await expectAccessible(el);
});

test('THOMPSON: the whole ReSPECT decision beside her active end-of-life plan, and who to call', async () => {
  const record = thompson();
  record.patient = section([
    { ...record.patient.items[0]!, registeredPractice: { name: 'Riverside Medical Practice', phone: '01632 960100' } },
  ]);
  const el = await mount('cr-first-minutes', { record });
  const text = visibleText(el);
  expect(text).toContain(
    'Not for CPR Treatment focus Prioritise comfort ● Comfort Life-sustaining Not for intensive care · Hospital admission only if comfort cannot be achieved ReSPECT form, 22-Jul-2026',
  );
  // The CPR line is the recommendation above: not repeated among the ceilings.
  expect(text).not.toContain('achieved · Not for CPR');
  expect(text).toContain(
    'End of life care plan active since 22-Jul-2026 (Riverside Medical Practice) Preferred place of death Oakview Care Home',
  );
  expect(text).toContain(
    'Who to call THOMPSON, Helen (Ms) Next of kin, Daughter, Lasting power of attorney for health and welfare 07700 900123 Riverside Medical Practice Registered GP practice 01632 960100',
  );
  expect(deepQueryAll<HTMLAnchorElement>(el, '[part="call"] a').map((a) => a.getAttribute('href'))).toEqual([
    'tel:+447700900123',
    'tel:+441632960100',
  ]);
  await expectAccessible(el);
});

test('no current decision but an active end-of-life plan: the plan is still marked, with the sources checked named once', async () => {
  const record = thompson();
  record.advanceDecisions = section([]);
  const el = await mount('cr-first-minutes', { record });
  const text = visibleText(el);
  expect(text).toContain('No current ReSPECT or DNACPR decision found in: Riverside Medical Practice, Weald General Hospital NHS Trust');
  expect(text).toContain('End of life care plan active since 22-Jul-2026');
  expect(text).not.toContain('Checked Riverside Medical Practice');
  await expectAccessible(el);
});

test('never reads "for CPR" from silence, and says what was checked', async () => {
  const el = await mount('cr-first-minutes', { record: patel() });
  const text = visibleText(el);
  expect(text).toContain('No current ReSPECT or DNACPR decision found in: Riverside Medical Practice');
  expect(text).toContain('No known drug allergies (Riverside Medical Practice)');
  expect(text).toContain('No next of kin recorded');
  await expectAccessible(el);
});

test('loading, failed and withheld blocks read differently', async () => {
  const loading = await mount('cr-first-minutes', { record: loadingRecord() });
  expect(visibleText(loading)).toContain('Loading');
  expect(visibleText(loading)).not.toContain('None recorded');
  await expectAccessible(loading);
  cleanup();

  const record: CareRecord = thompson();
  record.advanceDecisions = section([], failedEverywhere());
  const withheld = { source: GP, kind: 'withheld' as const, reason: 'Not available to your role', at: '2026-11-22T14:02:00Z' };
  record.medications = {
    ...section([], Object.fromEntries(SOURCES.map((s) => [s.name, { ...withheld, source: s }]))),
    recentlyStopped: [],
  };
  const el = await mount('cr-first-minutes', { record });
  const text = visibleText(el);
  expect(text).toContain('Could not be loaded');
  expect(text).toContain('Not available to your role');
  await expectAccessible(el);
});

test('key medicines ranked clinically with their route, never the first eight by name; the rest counted', async () => {
  const record: CareRecord = thompson();
  const [template] = morphine.lines;
  const medicine = (name: string, extra: Partial<MedicationLine> = {}): MedicationGroup => ({
    key: name,
    genericName: name,
    lines: [
      {
        ...template!,
        genericName: name,
        strength: undefined,
        form: undefined,
        directions: '1 tablet, oral, once daily',
        started: '2019-01-01',
        ...extra,
      },
    ],
    conflicts: [],
  });
  const jic = { anticipatory: true, directions: '2.5 mg, subcutaneous, every 2 hours as required' };
  const alphabetical = [
    'Allopurinol',
    'Amlodipine',
    'Atorvastatin',
    'Bisoprolol',
    'Donepezil',
    'Furosemide',
    'Lansoprazole',
    'Levothyroxine',
    'Paracetamol',
  ].map((n) => medicine(n));
  record.medications = {
    ...section([...alphabetical, medicine('Apixaban'), medicine('Midazolam', jic), medicine('Morphine sulfate', jic)]),
    recentlyStopped: [],
  };
  const el = await mount('cr-first-minutes', { record });
  const shown = deepQueryAll(el, '[part="key-medicine"]').map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
  expect(shown.slice(0, 3)).toEqual([
    'Midazolam · 2.5 mg, subcutaneous, every 2 hours as required (Just in case (anticipatory) · Controlled drug)',
    'Morphine sulfate · 2.5 mg, subcutaneous, every 2 hours as required (Just in case (anticipatory) · Controlled drug)',
    'Apixaban · 1 tablet, oral, once daily (Anticoagulant)',
  ]);
  expect(shown).toHaveLength(8);
  expect(visibleText(el)).toContain('4 more in the full record');
  await expectAccessible(el);
});

test('asks for the full record', async () => {
  const el = await mount('cr-first-minutes', { record: thompson() });
  const asked: Event[] = [];
  el.addEventListener('show-full-record', (e) => asked.push(e));
  deepQueryAll<HTMLButtonElement>(el, 'button')[0]!.click();
  expect(asked).toHaveLength(1);
});
