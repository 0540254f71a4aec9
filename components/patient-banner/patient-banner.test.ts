import { afterEach, describe, expect, test } from 'vitest';
import type { PatientSummary } from '../../src/record/model';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, mount, visibleText } from '../test-helpers/render';
import {
  ACUTE,
  GP,
  SOCIAL_CARE,
  SOURCES,
  failedEverywhere,
  loadingEverywhere,
  section,
  thompsonPatient,
} from '../test-helpers/fixtures';
import { formatAge } from '../../src/format';
import './patient-banner';

afterEach(cleanup);

const banner = (patient: PatientSummary) => mount('patient-banner', { patient: section([patient]), sources: SOURCES });

describe('<patient-banner>', () => {
  test('shows the patient in NHS CUI form', async () => {
    const el = await banner(thompsonPatient);
    const text = visibleText(el);
    expect(el.shadowRoot?.querySelector('h2')?.textContent).toBe('THOMPSON, Margaret (Mrs)');
    expect(text).toContain(`Born 14-Jul-1945 (${formatAge('1945-07-14')})`);
    expect(text).toMatch(/Born 14-Jul-1945 \(\d+y\)/);
    expect(text).toContain('Gender Female');
    expect(text).toContain('NHS number 999 000 0018');
    expect(text).toContain('Address Oakview Care Home, 12 Orchard Lane, Maidstone, ME14 1AA');
    expect(text).toContain('GP practice Riverside Medical Practice (ZZ001)');
    expect(text).not.toContain('Invalid');
    expect(text).not.toContain(':');
    expect(text).not.toContain('Deceased');
    await expectAccessible(el);
  });

  test('values are more prominent than labels', async () => {
    const el = await banner(thompsonPatient);
    const dt = el.shadowRoot!.querySelector('dt')!;
    const dd = el.shadowRoot!.querySelector('dd')!;
    expect(Number(getComputedStyle(dd).fontWeight)).toBeGreaterThan(Number(getComputedStyle(dt).fontWeight));
    expect(parseFloat(getComputedStyle(dd).fontSize)).toBeGreaterThanOrEqual(parseFloat(getComputedStyle(dt).fontSize));
  });

  test('an NHS number failing Modulus 11 is shown as invalid', async () => {
    const el = await banner({ ...thompsonPatient, nhsNumber: { value: '9990000019', valid: false } });
    const text = visibleText(el);
    expect(text).toContain('9990000019');
    expect(text).toContain('Invalid NHS number');
    expect(text).not.toContain('999 000 0019');
    await expectAccessible(el);
  });

  test('an NHS number the model calls valid but that fails the check is still shown invalid', async () => {
    const el = await banner({ ...thompsonPatient, nhsNumber: { value: '9990000019', valid: true } });
    expect(visibleText(el)).toContain('Invalid NHS number');
  });

  test('no NHS number: "Not Known" and the local identifiers', async () => {
    const el = await banner({
      ...thompsonPatient,
      name: { family: 'Unknown', given: [], prefix: [] },
      nhsNumber: undefined,
      birthDate: undefined,
      gender: 'male',
      address: undefined,
      registeredPractice: undefined,
      localIdentifiers: [{ value: 'ACU-7731', source: ACUTE }],
    });
    const text = visibleText(el);
    expect(text).toContain('NHS number Not Known');
    expect(text).toContain('Weald General Hospital NHS Trust number ACU-7731');
    expect(text).toContain('Born Not Known');
    expect(text).toContain('Address Not Known');
    expect(text).toContain('GP practice Not Known');
    expect(text).not.toMatch(/\?/);
    await expectAccessible(el);
  });

  test('deceased: the word and the date, and a different colour', async () => {
    const alive = await banner(thompsonPatient);
    const el = await banner({ ...thompsonPatient, deceased: { date: '2026-11-01' } });
    const text = visibleText(el);
    expect(text).toContain('Deceased 01-Nov-2026');
    // Age at death, not today's age.
    expect(text).toContain('Born 14-Jul-1945 (died aged 81y)');
    const bg = (e: Element) => getComputedStyle(e.shadowRoot!.querySelector('.banner')!).backgroundColor;
    expect(bg(el)).not.toEqual(bg(alive));
    await expectAccessible(el);
  });

  test('loading, failed and empty states', async () => {
    const loading = await mount('patient-banner', { patient: section([], loadingEverywhere()), sources: SOURCES });
    expect(visibleText(loading)).toContain('Loading patient details');
    expect(loading.shadowRoot?.querySelector('section')?.getAttribute('aria-busy')).toBe('true');
    await expectAccessible(loading);

    const failed = await mount('patient-banner', { patient: section([], failedEverywhere()), sources: SOURCES });
    expect(visibleText(failed)).toContain('Patient details could not be loaded');
    expect(visibleText(failed)).toContain('Riverside Medical Practice: No answer within 10 seconds');
    await expectAccessible(failed);

    const empty = await mount('patient-banner', { patient: section([]), sources: SOURCES });
    expect(visibleText(empty)).toContain('Patient details Not Known');
    await expectAccessible(empty);
  });

  test('a source whose patient does not match is named next to the identity', async () => {
    const mismatch = {
      source: SOCIAL_CARE,
      kind: 'identity-mismatch' as const,
      reason: 'Date of birth differs (1954, not 1945)',
      at: '2026-11-22T14:02:00Z',
    };
    const el = await mount('patient-banner', { patient: section([thompsonPatient], { 'social-care': mismatch }), sources: SOURCES });
    expect(visibleText(el)).toContain(
      'Not shown: records that could not be matched to this patient County Council Social Care: Date of birth differs (1954, not 1945) (tried 22-Nov-2026 14:02)',
    );
    await expectAccessible(el);
  });

  test('partial: the patient shows even when another source failed', async () => {
    const el = await mount('patient-banner', {
      patient: section([thompsonPatient], { acute: failedEverywhere([ACUTE]).acute }),
      sources: [GP, ACUTE],
    });
    expect(visibleText(el)).toContain('THOMPSON, Margaret (Mrs)');
    await expectAccessible(el);
  });
});
