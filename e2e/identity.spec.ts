// A patient the viewer was not written for: shaped as Synthea writes one (no
// NHS number; medical record, social security, driving licence and passport
// numbers), loaded into a source through its feed and opened by a standalone
// launch. With no NHS number the launching source is the only one asked.
import { expect, test } from '@playwright/test';
import { SANDBOX, VIEWER, axeViolations } from './support';

const V2 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
const SYNTHEA_ID = '5d0c8a3e-7b51-4c2e-9f0a-3e6b1d2c4a90';
const typed = (code: string, text: string, system: string, value: string) => ({
  type: { coding: [{ system: V2, code, display: text }], text },
  system,
  value,
});

const patient = {
  resourceType: 'Patient',
  identifier: [
    { system: 'https://github.com/synthetichealth/synthea', value: SYNTHEA_ID },
    typed('MR', 'Medical Record Number', 'http://hospital.smarthealthit.org', SYNTHEA_ID),
    typed('SS', 'Social Security Number', 'http://hl7.org/fhir/sid/us-ssn', '999-71-4402'),
    typed('DL', "Driver's License", 'urn:oid:2.16.840.1.113883.4.3.25', 'S99981234'),
    typed('PPN', 'Passport Number', 'http://standardhealthrecord.org/fhir/StructureDefinition/passportNumber', 'X40821977X'),
  ],
  name: [{ use: 'official', family: 'Kshlerin', given: ['Abel'], prefix: ['Mr.'] }],
  gender: 'male',
  birthDate: '1968-04-02',
};

test('a Synthea-shaped patient with no NHS number: a banner labelling each identifier by type, once, in a sans-serif face', async ({
  page,
}) => {
  // The source's feed: a transaction POSTed to its base with no token (created once, however often this runs).
  const loaded = await fetch(`${SANDBOX}/fhir/gp`, {
    method: 'POST',
    headers: { 'content-type': 'application/fhir+json' },
    body: JSON.stringify({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          resource: patient,
          request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=https://github.com/synthetichealth/synthea|${SYNTHEA_ID}` },
        },
      ],
    }),
  });
  expect(loaded.ok).toBe(true);

  await page.goto(`${VIEWER}/launch.html`);
  await page.getByLabel(/Tom JONES/i).check();
  await page.getByRole('button', { name: /sign in|continue/i }).click();
  await page.getByLabel(/KSHLERIN/).check();
  await page.getByRole('button', { name: /open record/i }).click();

  const banner = page.locator('cr-patient-banner');
  await expect(banner).toContainText('KSHLERIN, Abel (Mr.)');
  await expect(banner).toContainText(/NHS number\s*Not Known/);
  const facts = await banner.locator('[part~="identifier"]').allInnerTexts();
  expect(facts.map((f) => f.replace(/\s+/g, ' ').trim())).toEqual([
    `Medical Record Number ${SYNTHEA_ID}`,
    'Social Security Number 999-71-4402',
    "Driver's License S99981234",
    'Passport Number X40821977X',
  ]);
  await expect(banner).not.toContainText(/launching system number/i);

  const faces = await banner.evaluate((el) =>
    [...(el.shadowRoot?.querySelectorAll('h2, dt, dd') ?? [])].map((e) => getComputedStyle(e).fontFamily.toLowerCase()),
  );
  expect(faces.length).toBeGreaterThan(0);
  for (const face of faces) expect(face.split(',').map((f) => f.trim().replace(/["']/g, ''))).not.toContain('serif');
  for (const face of faces) expect(face).toMatch(/sans-serif$/);

  // Only the launching source was asked: the others were not searched, for want of an NHS number.
  await expect(page.locator('cr-source-status')).toContainText('Not searched: no NHS number');
  expect(await axeViolations(page)).toEqual([]);
});
