import { afterEach, describe, expect, test } from 'vitest';
import type { PatientSummary } from '../../src/record/model';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, mount, visibleText } from '../test-helpers/render';
import { thompsonPatient } from '../test-helpers/fixtures';
import { ACUTE, GP, SOCIAL_CARE, SOURCES, failedEverywhere, loadingEverywhere, section } from '../test-helpers/source-fixtures';
import { formatAge } from '../../src/format';
import { buildPatientSummaries } from '../../src/record/patient';
import type { Patient } from '@medplum/fhirtypes';
import './patient-banner';

afterEach(cleanup);

const banner = (patient: PatientSummary) => mount('cr-patient-banner', { patient: section([patient]), sources: SOURCES });

/** A Synthea patient as another project's SMART launcher serves it: no NHS number, identifiers of US systems. */
const SYNTHEA_PATIENT: Patient = {
  resourceType: 'Patient',
  id: 'b5f4a3c0',
  identifier: [
    { system: 'https://github.com/synthetichealth/synthea', value: 'b5f4a3c0-0c1e-4f1f-9c2a-2d3b6f1e9a77' },
    {
      type: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR', display: 'Medical Record Number' }],
        text: 'Medical Record Number',
      },
      system: 'http://hospital.smarthealthit.org',
      value: 'b5f4a3c0-0c1e-4f1f-9c2a-2d3b6f1e9a77',
    },
    {
      type: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'SS', display: 'Social Security Number' }],
        text: 'Social Security Number',
      },
      system: 'http://hl7.org/fhir/sid/us-ssn',
      value: '999-53-8547',
    },
    {
      type: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'DL', display: "Driver's License" }],
        text: "Driver's License",
      },
      system: 'urn:oid:2.16.840.1.113883.4.3.25',
      value: 'S99956046',
    },
    {
      type: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'PPN', display: 'Passport Number' }],
        text: 'Passport Number',
      },
      system: 'http://standardhealthrecord.org/fhir/StructureDefinition/passportNumber',
      value: 'X81388129X',
    },
  ],
  name: [{ use: 'official', family: 'Kshlerin58', given: ['Abel832'], prefix: ['Mr.'] }],
  gender: 'male',
  birthDate: '1968-04-02',
  address: [{ line: ['925 Hills Wall'], city: 'Boston', state: 'MA', postalCode: '02110' }],
};

const LAUNCHING = { name: 'launching-server', organisation: 'The launching system (launch.smarthealthit.org)' };

/** The families a computed font-family names, unquoted and lower case. */
const families = (el: Element) =>
  getComputedStyle(el)
    .fontFamily.split(',')
    .map((f) =>
      f
        .trim()
        .replace(/^["']|["']$/g, '')
        .toLowerCase(),
    );

describe('<cr-patient-banner>', () => {
  test('a Synthea patient from the launching server alone: NHS number Not Known first, each identifier labelled by type, once, in a sans-serif face', async () => {
    const [summary] = buildPatientSummaries([{ source: LAUNCHING, progress: 'loaded', resources: [SYNTHEA_PATIENT] }], {
      now: new Date('2026-07-15T12:00:00Z'),
    });
    // The page around it has no style of its own: the browser's default face is a serif one.
    expect(families(document.body)).not.toContain('sans-serif');
    const el = await mount('cr-patient-banner', {
      patient: { items: [summary!], progress: { 'launching-server': 'loaded' }, notices: [] },
      sources: [LAUNCHING],
    });
    const facts = [...el.shadowRoot!.querySelectorAll('dl > div')].map((d) => visibleText(d));
    expect(facts).toEqual([
      `Born 02-Apr-1968 (${formatAge('1968-04-02')})`,
      'Gender Male',
      'NHS number Not Known',
      'Medical Record Number b5f4a3c0-0c1e-4f1f-9c2a-2d3b6f1e9a77',
      'Social Security Number 999-53-8547',
      "Driver's License S99956046",
      'Passport Number X81388129X',
      'Address 925 Hills Wall, Boston, 02110',
      'GP practice Not Known',
    ]);
    expect(visibleText(el)).not.toContain('launching system number');
    for (const part of [el.shadowRoot!.querySelector('h2')!, ...el.shadowRoot!.querySelectorAll('dt, dd')]) {
      const face = families(part);
      expect(face.at(-1)).toBe('sans-serif');
      expect(face).not.toContain('serif');
    }
    await expectAccessible(el);
  });

  test('names FHIR gender "other" as the NHS does: Indeterminate', async () => {
    const el = await banner({ ...thompsonPatient, gender: 'other' });
    expect(visibleText(el)).toContain('Gender Indeterminate');
    expect(visibleText(el)).not.toContain('Gender Other');
  });

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
      identifiers: [{ label: 'Hospital number (Weald General Hospital NHS Trust)', value: 'ACU-7731' }],
    });
    const text = visibleText(el);
    expect(text).toContain('NHS number Not Known Hospital number (Weald General Hospital NHS Trust) ACU-7731');
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
    const loading = await mount('cr-patient-banner', { patient: section([], loadingEverywhere()), sources: SOURCES });
    expect(visibleText(loading)).toContain('Loading patient details');
    expect(loading.shadowRoot?.querySelector('section')?.getAttribute('aria-busy')).toBe('true');
    await expectAccessible(loading);

    const failed = await mount('cr-patient-banner', { patient: section([], failedEverywhere()), sources: SOURCES });
    expect(visibleText(failed)).toContain('Patient details could not be loaded');
    expect(visibleText(failed)).toContain('Riverside Medical Practice: No answer within 10 seconds');
    await expectAccessible(failed);

    const empty = await mount('cr-patient-banner', { patient: section([]), sources: SOURCES });
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
    const el = await mount('cr-patient-banner', { patient: section([thompsonPatient], { 'social-care': mismatch }), sources: SOURCES });
    expect(visibleText(el)).toContain(
      'Not shown: records that could not be matched to this patient County Council Social Care: Date of birth differs (1954, not 1945) (tried 22-Nov-2026 14:02)',
    );
    await expectAccessible(el);
  });

  test('partial: the patient shows even when another source failed', async () => {
    const el = await mount('cr-patient-banner', {
      patient: section([thompsonPatient], { acute: failedEverywhere([ACUTE]).acute }),
      sources: [GP, ACUTE],
    });
    expect(visibleText(el)).toContain('THOMPSON, Margaret (Mrs)');
    await expectAccessible(el);
  });
});
