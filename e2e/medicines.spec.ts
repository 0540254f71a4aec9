// Medicines through the sandbox: a GP record shaped the UK Core / GP Connect
// way (FLETCHER) shows its MedicationStatements as current medicines and no
// stop date the record does not hold; the ward's line first with the last
// dose given (THOMPSON); the paramedic's key medicines ranked clinically.
import { expect, test, type FrameLocator } from '@playwright/test';
import { axeViolations, openFromHost, SANDBOX, viewerFrame } from './support';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** dd-Mmm-yyyy, `days` before today (UTC, as the sandbox's dates are). */
function daysAgo(days: number): string {
  const d = new Date(Date.now() - days * 86_400_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()}`;
}

async function openMedications(viewer: FrameLocator) {
  await viewer.getByRole('navigation').getByRole('link', { name: 'Medications', exact: true }).click();
  const list = viewer.locator('cr-medication-list');
  await expect(list.locator('[part="group"]').first()).toBeVisible();
  return list;
}

test('FLETCHER (999 000 1138): her GP MedicationStatements are current medicines, and no stop date the record does not hold', async ({
  page,
}) => {
  const viewer = await openFromHost(page, 'hospital', '9990001138');
  const list = await openMedications(viewer);
  const current = list.getByRole('list', { name: 'Current medicines' });
  for (const name of ['Metformin', 'Lisinopril', 'Atorvastatin', 'Nintedanib']) await expect(current).toContainText(name);
  await expect(current).toContainText('One tablet twice a day with meals, oral');
  await expect(current).toContainText('Prescribed by another organisation');
  await expect(list).not.toContainText('None recorded');

  await list.getByText(/^Recently stopped/).click();
  const stopped = list.getByRole('list', { name: 'Recently stopped medicines' });
  await expect(stopped.locator('[part="group"]', { hasText: 'Amoxicillin' })).toContainText('Stopped (date not recorded)');
  await expect(stopped.locator('[part="group"]', { hasText: 'Simvastatin' })).toContainText(`Stopped ${daysAgo(95)}`);
  // The only stop dates shown are the one the record holds: never the day the data was loaded.
  const text = `${await current.innerText()} ${await stopped.innerText()}`;
  const shown = text.match(/Stopped \d{2}-[A-Z][a-z]{2}-\d{4}/g) ?? [];
  expect(new Set(shown)).toEqual(new Set([`Stopped ${daysAgo(95)}`]));
  expect(shown).not.toContain(`Stopped ${daysAgo(0)}`);
  expect(await axeViolations(await viewerFrame(page))).toEqual([]);
});

test('FLETCHER (999 000 1138): three allergies that came over GP2GP under one degraded code stay three, each by its own name', async ({
  page,
}) => {
  const viewer = await openFromHost(page, 'hospital', '9990001138');
  const allergies = viewer.locator('cr-allergy-list').first();
  const groups = allergies.locator('[part="group"] .substance');
  await expect(groups.filter({ hasText: 'Flucloxacillin' })).toHaveCount(1);
  // The original term as written, the leading code kept out of the title.
  await expect(groups.filter({ hasText: /^Septrin$/ })).toHaveCount(1);
  await expect(groups.filter({ hasText: 'Codeine phosphate' })).toHaveCount(1);
  await expect(allergies.locator('[part="group"] .substance', { hasText: /Transfer-degraded/ })).toHaveCount(0);
  await expect(allergies.getByText(/^Recorded as/)).toHaveCount(0);
  expect(await axeViolations(await viewerFrame(page))).toEqual([]);
});

test("THOMPSON (999 000 0018) in hospital: the ward's amlodipine first, with the last dose given and the GP's dose in words", async ({
  page,
}) => {
  const viewer = await openFromHost(page, 'hospital', '9990000018');
  const list = await openMedications(viewer);
  const amlodipine = list.locator('[part="group"]', { hasText: 'Amlodipine' });
  await expect(amlodipine.locator('[part="directions"]').first()).toHaveText('10 mg, oral, in the morning');
  await expect(amlodipine).toContainText(/Last dose given \d{2}-[A-Z][a-z]{2}-\d{4} \d{2}:\d{2} \(10 mg, oral\)/);
  await expect(amlodipine).toContainText(
    'Dose differs: 10 mg in the morning (Weald General Hospital, inpatient); 5 mg once daily (Riverside Medical Practice)',
  );
});

test("the paramedic's key medicines for 999 000 0018 include her just-in-case morphine and midazolam, with their route", async ({
  page,
}) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  const viewer = await openFromHost(page, 'paramedic', '9990000018');
  const key = viewer.locator('cr-first-minutes').getByRole('list', { name: 'Key medicines' });
  await expect(key.locator('[part="key-medicine"]', { hasText: 'Morphine sulfate' })).toContainText(/subcutaneously|subcutaneous/);
  await expect(key.locator('[part="key-medicine"]', { hasText: 'Midazolam' })).toContainText('Just in case (anticipatory)');
  await expect(key.locator('[part="key-medicine"]').first()).toContainText('Just in case (anticipatory)');
});

test("FLETCHER is on the GP, hospital and ambulance systems' patient lists", async ({ page }) => {
  for (const host of ['gp', 'hospital', 'paramedic']) {
    await page.goto(`${SANDBOX}/hosts/${host}`);
    await expect(page.getByRole('link', { name: 'FLETCHER, Joan (Mrs)' })).toHaveAttribute('href', `/hosts/${host}?patient=9990001138`);
  }
});
