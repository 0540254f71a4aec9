// One record from five organisations, through the sandbox with its fault
// injection: every source named, a failing, a timed-out and a slow source each
// reported, and "could not load" never reading as "None recorded".
import { expect, test, type FrameLocator } from '@playwright/test';
import { axeViolations, clearFaults, openFromHost, setFaults, viewerFrame } from './support';

test.afterEach(clearFaults);

const statusOf = (viewer: FrameLocator, organisation: string) => viewer.locator('cr-source-status li', { hasText: organisation });

test("Margaret Thompson's record comes from every source that holds her, each named with its status", async ({ page }) => {
  const viewer = await openFromHost(page, 'hospital', '9990000018');
  await expect(statusOf(viewer, 'Riverside Medical Practice')).toContainText(/Loaded \d{2}:\d{2}/);
  await expect(statusOf(viewer, 'Weald General Hospital NHS Trust')).toContainText(/Loaded \d{2}:\d{2}/);
  await expect(statusOf(viewer, 'Downs Community Health NHS Trust')).toContainText(/Loaded \d{2}:\d{2}/);
  await expect(statusOf(viewer, 'County Council Social Care')).toContainText(/Loaded \d{2}:\d{2}/);
  await expect(statusOf(viewer, 'North Downs Mental Health NHS Trust')).toContainText('Holds no record for this patient');

  // The same medicine from two sources is one line, its dose conflict visible in words.
  const amlodipine = viewer
    .locator('cr-medication-list')
    .getByText(/Conflict/)
    .first();
  await expect(amlodipine).toBeVisible();
  await expect(viewer.locator('cr-medication-list')).toContainText(/Riverside Medical Practice/);
  await expect(viewer.locator('cr-medication-list')).toContainText(/Weald General Hospital NHS Trust/);
});

test('a source answering 500, one timing out and one slow: the rest shows and each is named', async ({ page }) => {
  test.setTimeout(90_000);
  await setFaults({ gp: { fail: 500 }, community: { fail: 'timeout' }, 'social-care': { latencyMs: 1500 } });
  const viewer = await openFromHost(page, 'hospital', '9990000018');

  await expect(statusOf(viewer, 'Riverside Medical Practice')).toContainText(/Could not be loaded \(tried \d{2}:\d{2}\)/);
  await expect(statusOf(viewer, 'Riverside Medical Practice')).toContainText(/500/);
  await expect(statusOf(viewer, 'County Council Social Care')).toContainText(/Loaded \d{2}:\d{2}/, { timeout: 20_000 });
  await expect(statusOf(viewer, 'Downs Community Health NHS Trust')).toContainText(/Timed out \(tried \d{2}:\d{2}\)/, { timeout: 30_000 });

  // The hospital's own data still shows.
  await expect(viewer.locator('cr-medication-list')).toContainText(/amlodipine/i);
  // The GP holds the ReSPECT form and could not be reached: the alerts must not read "None recorded".
  const decisions = viewer.locator('cr-alerts-strip');
  await expect(decisions).toContainText(/Some sources could not be loaded|Could not be loaded/);
  await expect(decisions.getByText('Not for CPR')).toHaveCount(0);
  for (const section of ['cr-alerts-strip', 'cr-medication-list', 'cr-allergy-list', 'cr-problem-list']) {
    await expect(viewer.locator(section)).not.toContainText(/None recorded/);
  }
  expect(await axeViolations(await viewerFrame(page))).toEqual([]);
});

test('a failed source can be tried again once it is back', async ({ page }) => {
  await setFaults({ gp: { fail: 500 } });
  const viewer = await openFromHost(page, 'hospital', '9990000018');
  const gp = statusOf(viewer, 'Riverside Medical Practice');
  await expect(gp).toContainText(/Could not be loaded/);
  await clearFaults();
  await gp.getByRole('button', { name: /Try again/ }).click();
  await expect(gp).toContainText(/Loaded \d{2}:\d{2}/);
  await expect(viewer.locator('cr-alerts-strip')).toContainText('Not for CPR');
});

test("a source whose record does not match the patient's identity is left out and named (HUGHES, 999 000 0069)", async ({ page }) => {
  const viewer = await openFromHost(page, 'hospital', '9990000069');
  const social = statusOf(viewer, 'County Council Social Care');
  await expect(social).toContainText('Left out: the record there does not match this patient');
  await expect(social).toContainText(/date of birth/i);
  await expect(viewer.locator('care-record')).not.toContainText(/Roberta/);
});

test('a patient with no NHS number gets the launching source only, and the viewer says why (ACU-7731)', async ({ page }) => {
  const viewer = await openFromHost(page, 'hospital', 'ACU-7731');
  await expect(statusOf(viewer, 'Weald General Hospital NHS Trust')).toContainText(/Loaded/);
  for (const other of ['Riverside Medical Practice', 'Downs Community Health NHS Trust', 'County Council Social Care']) {
    await expect(statusOf(viewer, other)).toContainText('Not searched: no NHS number');
  }
});
