// SMART launches end to end: from a host simulator, through the sandbox's
// authorisation server, to the record in the viewer, in Chromium.
import { expect, test } from '@playwright/test';
import { SANDBOX, VIEWER, axeViolations, clearFaults, openFromHost, setFaults, viewerFrame } from './support';

test('the hospital system launches the viewer for Margaret Thompson with what a clinician must not miss', async ({ page }) => {
  const viewer = await openFromHost(page, 'hospital', '9990000018');
  const alerts = viewer.locator('cr-alerts-strip');
  await expect(alerts).toContainText('Not for CPR');
  await expect(alerts).toContainText(/penicillin/i);
  await expect(alerts).toContainText(/anaphylaxis/i);
  await expect(viewer.locator('cr-medication-list')).toContainText(/amlodipine/i);
  // The host shows its own banner, so the viewer hides its own (need_patient_banner=false).
  await expect(viewer.locator('cr-patient-banner')).toHaveCount(0);
  const frame = await viewerFrame(page);
  expect(new URL(frame.url()).search).toBe('');
});

test("the paramedic tablet shows the viewer's own banner with the NHS number formatted", async ({ page }) => {
  const viewer = await openFromHost(page, 'paramedic', '9990000018');
  const banner = viewer.locator('cr-patient-banner');
  await expect(banner).toContainText('THOMPSON, Margaret (Mrs)');
  await expect(banner).toContainText('999 000 0018');
  await expect(banner).toContainText(/Born\s*\d{2}-[A-Z][a-z]{2}-1938 \(\d+y\)/);
});

test('a deceased patient is marked with words, not colour alone', async ({ page }) => {
  const viewer = await openFromHost(page, 'paramedic', '9990000077');
  await expect(viewer.locator('cr-patient-banner')).toContainText(/Deceased \d{2}-[A-Z][a-z]{2}-\d{4}/);
});

test('a standalone launch lets the user sign in and pick a patient', async ({ page }) => {
  await page.goto(`${VIEWER}/launch.html`);
  await page.getByLabel(/Tom JONES/i).check();
  await page.getByRole('button', { name: /sign in|continue/i }).click();
  await page
    .getByRole('link', { name: /THOMPSON/ })
    .or(page.getByLabel(/THOMPSON/))
    .first()
    .click();
  const submit = page.getByRole('button', { name: /open|continue|select/i });
  if (await submit.count()) await submit.first().click();
  await expect(page.locator('cr-alerts-strip')).toContainText('Not for CPR');
});

test('a launch with a forged state ends on a clear page, not a blank screen or a stack trace', async ({ page }) => {
  await page.goto(`${VIEWER}/index.html?code=forged-code&state=forged-state`);
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toBeVisible();
  await expect(page.locator('body')).toContainText(/open the record again|close this window/i);
  await expect(page.locator('body')).not.toContainText(/at .*\.js:\d+/);
  expect(new URL(page.url()).searchParams.has('code')).toBe(false);
  expect(await axeViolations(page)).toEqual([]);
});

test('an issuer outside the allow-list is refused before any redirect', async ({ page }) => {
  await page.goto(`${VIEWER}/launch.html?iss=${encodeURIComponent('https://evil.example/fhir')}&launch=abc`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(VIEWER);
});

test("the viewer works inside the hospital system's iframe at tablet width (768 px)", async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  const viewer = await openFromHost(page, 'hospital', '9990000018');
  await expect(viewer.locator('cr-alerts-strip')).toContainText('Not for CPR');
  const frame = await viewerFrame(page);
  const overflow = await frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test.describe('accessibility (axe, WCAG 2.2 AA)', () => {
  test('loaded record', async ({ page }) => {
    const viewer = await openFromHost(page, 'paramedic', '9990000018');
    await expect(viewer.locator('cr-alerts-strip')).toContainText('Not for CPR');
    await expect(viewer.locator('cr-problem-list')).not.toContainText(/Loading/);
    expect(await axeViolations(await viewerFrame(page))).toEqual([]);
  });

  test('a record no source could give (every source failing)', async ({ page }) => {
    await setFaults({
      gp: { fail: 500 },
      acute: { fail: 500 },
      community: { fail: 500 },
      'mental-health': { fail: 500 },
      'social-care': { fail: 500 },
    });
    try {
      const viewer = await openFromHost(page, 'hospital', '9990000018');
      await expect(viewer.locator('cr-medication-list')).toContainText(/Could not be loaded/);
      await expect(viewer.locator('care-record')).not.toContainText(/None recorded/);
      expect(await axeViolations(await viewerFrame(page))).toEqual([]);
    } finally {
      await clearFaults();
    }
  });

  test('a record with empty sections (the unknown A&E patient)', async ({ page }) => {
    const viewer = await openFromHost(page, 'hospital', 'ACU-7731');
    await expect(viewer.locator('cr-medication-list')).toContainText(/None recorded/);
    expect(await axeViolations(await viewerFrame(page))).toEqual([]);
  });
});

test('the sandbox index and host simulators are reachable', async ({ page }) => {
  await page.goto(`${SANDBOX}/hosts/`);
  await expect(page.getByRole('link', { name: /Weald General Hospital/ })).toBeVisible();
});
