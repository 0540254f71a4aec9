import { afterEach, expect, test } from 'vitest';
import type { CareRecord } from '../../src/record/model';
import { expectAccessible } from '../test-helpers/axe';
import { loadingCare, nowakMentalHealth } from '../test-helpers/care-fixtures';
import { thompson, thompsonPatient } from '../test-helpers/fixtures';
import { ACUTE, section } from '../test-helpers/source-fixtures';
import { cleanup, deepQueryAll, mount, visibleText } from '../test-helpers/render';
import './patient-context';

afterEach(cleanup);

const withPracticePhone = (r: CareRecord): CareRecord => ({
  ...r,
  patient: section([
    { ...thompsonPatient, registeredPractice: { name: 'Riverside Medical Practice', odsCode: 'ZZ001', phone: '01632 960100' } },
  ]),
});

test('when the host shows its banner: age and gender, then who to call with the LPA first, each number dialable', async () => {
  const el = await mount('cr-patient-context', { record: withPracticePhone(thompson()), identity: true, calls: true });
  const text = visibleText(el);
  expect(text).toMatch(/^Age \d+y Gender Female Who to call /);
  expect(text).toContain('THOMPSON, Helen (Ms) Next of kin, Daughter, Lasting power of attorney for health and welfare 07700 900123');
  expect(text).toContain('Riverside Medical Practice Registered GP practice 01632 960100');
  const links = deepQueryAll<HTMLAnchorElement>(el, '[part="call"] a').map((a) => a.getAttribute('href'));
  expect(links).toEqual(['tel:+447700900123', 'tel:+441632960100']);
  await expectAccessible(el);
});

test('deceased: the age at death and "Died <date>", with a word, not colour alone', async () => {
  const record = thompson();
  record.patient = section([
    { ...thompsonPatient, deceased: { date: '2026-11-01' } },
    { ...thompsonPatient, provenance: { ...thompsonPatient.provenance, source: ACUTE } },
  ]);
  const el = await mount('cr-patient-context', { record, identity: true });
  expect(visibleText(el)).toBe('Age at death 81y Gender Female Deceased Died 01-Nov-2026');
  await expectAccessible(el);
});

test('the care coordinator and crisis line of a mental health record, and the restricted label on them', async () => {
  const record = thompson();
  record.relatedPersons = section([]);
  record.mentalHealth = section(nowakMentalHealth());
  const el = await mount('cr-patient-context', { record, calls: true });
  const text = visibleText(el);
  expect(text).toContain('Nurse Alan FRASER Care coordinator, North Downs Mental Health NHS Trust 01632 960411 07700 900411 Restricted');
  expect(text).toContain('Crisis Resolution and Home Treatment Team Crisis line 01632 960499 Restricted');
  await expectAccessible(el);
});

test('loading says so; nobody recorded says so; neither part asked for renders nothing', async () => {
  const loading = await mount('cr-patient-context', {
    record: { ...thompson(), ...loadingCare(), patient: section([]) },
    identity: true,
    calls: true,
  });
  expect(visibleText(loading)).toBe('Patient details loading Who to call Loading');
  await expectAccessible(loading);
  const nobody = {
    ...thompson(),
    relatedPersons: section([]),
    careTeam: section([]),
    patient: section([{ ...thompsonPatient, registeredPractice: undefined }]),
  };
  const none = await mount('cr-patient-context', { record: nobody, calls: true });
  expect(visibleText(none)).toBe('Who to call No next of kin, GP practice, care coordinator or crisis line recorded');
  await expectAccessible(none);
  const neither = await mount('cr-patient-context', { record: thompson() });
  expect(visibleText(neither)).toBe('');
});
