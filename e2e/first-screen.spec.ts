// What a clinician must not miss on the first screen, through the sandbox:
// a death recorded anywhere, the whole ReSPECT decision, who to call, what is
// withheld, and a long record's summary kept short.
import { expect, test } from '@playwright/test';
import { openFromHost, viewerFrame } from './support';

test('Edward Clarke from the hospital system (its own banner): the deceased notice, "Died", and never "At home"', async ({ page }) => {
  const viewer = await openFromHost(page, 'hospital', '9990000077');
  await expect(viewer.locator('deceased-notice')).toContainText(/Deceased\s*Died \d{2}-[A-Z][a-z]{2}-\d{4}/);
  await expect(viewer.locator('current-location').first()).toContainText(/Now\s*Died \d{2}-[A-Z][a-z]{2}-\d{4}/);
  const frame = await viewerFrame(page);
  await frame.waitForSelector('care-record[record-complete]', { state: 'attached' });
  await expect(viewer.locator('care-record')).not.toContainText('At home');
});

test('Margaret Thompson: the summary and the first-minutes view show the ReSPECT treatment focus, the end-of-life plan and Helen (LPA) with her phone', async ({ page }) => {
  const hospital = await openFromHost(page, 'hospital', '9990000018');
  const alerts = hospital.locator('alerts-strip');
  await expect(alerts).toContainText('Treatment focus Prioritise comfort');
  await expect(alerts).toContainText('Not for intensive care');
  await expect(alerts).toContainText(/End of life care plan\s+active since/);
  await expect(alerts).toContainText(/Preferred place of death\s*Oakview Care Home/);
  const context = hospital.locator('patient-context');
  await expect(context).toContainText(/Age\s*\d+y\s*Gender\s*Female/);
  await expect(context).toContainText(/THOMPSON, Helen \(Ms\)\s*Next of kin, Daughter, Lasting power of attorney for health and welfare/);
  await expect(context.locator('a[href="tel:+447700900123"]')).toBeVisible();

  await page.setViewportSize({ width: 768, height: 1024 });
  const tablet = await openFromHost(page, 'paramedic', '9990000018');
  const firstMinutes = tablet.locator('first-minutes');
  await expect(firstMinutes).toContainText('Treatment focus Prioritise comfort');
  await expect(firstMinutes).toContainText(/End of life care plan\s+active since/);
  await expect(firstMinutes).toContainText('Lasting power of attorney for health and welfare');
  await expect(firstMinutes.locator('[part="call"] a[href="tel:+447700900123"]')).toBeVisible();
});

test('Piotr Nowak as an A&E doctor: the mental health view says what is withheld and gives the crisis line, never "None recorded"', async ({ page }) => {
  const viewer = await openFromHost(page, 'hospital', '9990000034');
  await viewer.getByRole('navigation').getByRole('link', { name: 'Mental health', exact: true }).click();
  const mentalHealth = viewer.locator('mental-health-summary');
  await expect(mentalHealth).toContainText('None you can see');
  await expect(mentalHealth).toContainText(/1 medicine and \d+ mental health entries withheld by North Downs Mental Health NHS Trust: restricted/);
  await expect(mentalHealth).toContainText('Crisis Resolution and Home Treatment Team');
  await expect(mentalHealth.locator('a[href="tel:+441632960499"]').first()).toBeVisible();
  await expect(mentalHealth).not.toContainText('None recorded');
});
