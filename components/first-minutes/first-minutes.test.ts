import { afterEach, beforeEach, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import type { CareRecord } from '../../src/record/model';
import { expectAccessible } from '../test-helpers/axe';
import { GP, SOURCES, failedEverywhere, loadingRecord, patel, section, thompson } from '../test-helpers/fixtures';
import { cleanup, deepQueryAll, mount, visibleText } from '../test-helpers/render';
import './first-minutes';

afterEach(cleanup);
beforeEach(async () => {
  await page.viewport(768, 1024);
});

test('THOMPSON on a tablet: the first minutes on one screen, with a call button for her daughter', async () => {
  const el = await mount('first-minutes', { record: thompson() });
  const text = visibleText(el);
  expect(text).toContain('Not for CPR');
  expect(text).toContain('Penicillin');
  expect(text).toMatch(/Anaphylaxis/);
  expect(text).toContain('THOMPSON, Helen (Ms)');
  expect(text).toContain('Lasting power of attorney for health and welfare');
  expect(text).toContain('Amlodipine');
  expect(text).toContain('Sources differ: Dose differs');
  expect(text).toContain('Ward 7 (Elderly Care), Bed 12, Weald General Hospital NHS Trust');
  expect(text).toContain('Home address Oakview Care Home');
  expect(text).toContain('Nurse Mei LEE');
  const call = deepQueryAll<HTMLAnchorElement>(el, '[part="call"] a')[0]!;
  expect(call.href).toBe('tel:+447700900123');
  // One tablet screen (768 by 1024).
  expect(el.getBoundingClientRect().height).toBeLessThanOrEqual(1024);
  expect(call.getAttribute('aria-label')).toBe('Call THOMPSON, Helen (Ms) 07700 900123');
  await expectAccessible(el);
});

test('never reads "for CPR" from silence, and says what was checked', async () => {
  const el = await mount('first-minutes', { record: patel() });
  const text = visibleText(el);
  expect(text).toContain('No current ReSPECT or DNACPR decision found in: Riverside Medical Practice');
  expect(text).toContain('No known drug allergies (Riverside Medical Practice)');
  expect(text).toContain('No next of kin recorded');
  await expectAccessible(el);
});

test('loading, failed and withheld blocks read differently', async () => {
  const loading = await mount('first-minutes', { record: loadingRecord() });
  expect(visibleText(loading)).toContain('Loading');
  expect(visibleText(loading)).not.toContain('None recorded');
  await expectAccessible(loading);
  cleanup();

  const record: CareRecord = thompson();
  record.advanceDecisions = section([], failedEverywhere());
  const withheld = { source: GP, kind: 'withheld' as const, reason: 'Not available to your role', at: '2026-11-22T14:02:00Z' };
  record.medications = { ...section([], Object.fromEntries(SOURCES.map((s) => [s.name, { ...withheld, source: s }]))), recentlyStopped: [] };
  const el = await mount('first-minutes', { record });
  const text = visibleText(el);
  expect(text).toContain('Could not be loaded');
  expect(text).toContain('Not available to your role');
  await expectAccessible(el);
});

test('asks for the full record', async () => {
  const el = await mount('first-minutes', { record: thompson() });
  const asked: Event[] = [];
  el.addEventListener('show-full-record', (e) => asked.push(e));
  deepQueryAll<HTMLButtonElement>(el, 'button')[0]!.click();
  expect(asked).toHaveLength(1);
});
