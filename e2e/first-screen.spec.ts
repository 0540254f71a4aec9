// What a clinician must not miss on the first screen, through the sandbox:
// a death recorded anywhere, the whole ReSPECT decision, who to call, what is
// withheld, and a long record's summary kept short.
import { expect, test } from '@playwright/test';
import { openFromHost, viewerFrame } from './support';
import { viewerAuditEvents } from './audit-log';

test('Edward Clarke from the hospital system (its own banner): the deceased notice, "Died", and never "At home"', async ({ page }) => {
  const viewer = await openFromHost(page, 'hospital', '9990000077');
  await expect(viewer.locator('cr-deceased-notice')).toContainText(/Deceased\s*Died \d{2}-[A-Z][a-z]{2}-\d{4}/);
  await expect(viewer.locator('cr-current-location').first()).toContainText(/Now\s*Died \d{2}-[A-Z][a-z]{2}-\d{4}/);
  const frame = await viewerFrame(page);
  await frame.waitForSelector('care-record[record-complete]', { state: 'attached' });
  await expect(viewer.locator('care-record')).not.toContainText('At home');
});

test('Margaret Thompson: the summary and the first-minutes view show the ReSPECT treatment focus, the end-of-life plan and Helen (LPA) with her phone', async ({
  page,
}) => {
  const hospital = await openFromHost(page, 'hospital', '9990000018');
  const alerts = hospital.locator('cr-alerts-strip');
  await expect(alerts).toContainText('Treatment focus Prioritise comfort');
  await expect(alerts).toContainText('Not for intensive care');
  await expect(alerts).toContainText(/End of life care plan\s+active since/);
  await expect(alerts).toContainText(/Preferred place of death\s*Oakview Care Home/);
  const context = hospital.locator('cr-patient-context');
  await expect(context).toContainText(/Age\s*\d+y\s*Gender\s*Female/);
  await expect(context).toContainText(/THOMPSON, Helen \(Ms\)\s*Next of kin, Daughter, Lasting power of attorney for health and welfare/);
  await expect(context.locator('a[href="tel:+447700900123"]')).toBeVisible();

  await page.setViewportSize({ width: 768, height: 1024 });
  const tablet = await openFromHost(page, 'paramedic', '9990000018');
  const firstMinutes = tablet.locator('cr-first-minutes');
  await expect(firstMinutes).toContainText('Treatment focus Prioritise comfort');
  await expect(firstMinutes).toContainText(/End of life care plan\s+active since/);
  await expect(firstMinutes).toContainText('Lasting power of attorney for health and welfare');
  await expect(firstMinutes.locator('[part="call"] a[href="tel:+447700900123"]')).toBeVisible();
});

test('Piotr Nowak as an A&E doctor: the mental health view says what is withheld and gives the crisis line, never "None recorded"', async ({
  page,
}) => {
  const viewer = await openFromHost(page, 'hospital', '9990000034');
  await viewer.getByRole('navigation').getByRole('link', { name: 'Mental health', exact: true }).click();
  const mentalHealth = viewer.locator('cr-mental-health-summary');
  await expect(mentalHealth).toContainText('None you can see');
  await expect(mentalHealth).toContainText(
    /1 medicine and \d+ mental health entries withheld by North Downs Mental Health NHS Trust: restricted/,
  );
  await expect(mentalHealth).toContainText('Crisis Resolution and Home Treatment Team');
  await expect(mentalHealth.locator('a[href="tel:+441632960499"]').first()).toBeVisible();
  await expect(mentalHealth).not.toContainText('None recorded');
});

test('Susan Bennett (50 years, five sources): the summary at 1280 px is at most 2,600 px tall, and still says what matters', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const viewer = await openFromHost(page, 'hospital', '9990000085');
  const frame = await viewerFrame(page);
  await frame.waitForSelector('care-record[record-complete]', { state: 'attached', timeout: 60_000 });
  const height = await frame.evaluate(
    () => document.querySelector('care-record')!.shadowRoot!.querySelector('#view')!.getBoundingClientRect().height,
  );
  expect(height).toBeLessThanOrEqual(2600);
  // Nothing significant dropped: active problems (a long-term one flagged), every past problem by name, the last 90 days counted.
  const problems = viewer.locator('cr-problem-list');
  await expect(problems).toContainText(/Active/);
  await expect(problems).toContainText(/Conflict: recorded as resolved .* but Amlodipine continues/);
  await expect(problems).toContainText(/Significant past[^]*\(\d+ episodes, last \d{4}\)/);
  await expect(problems.locator('a[href="#view=problems"]')).toBeVisible();
  await expect(viewer.locator('cr-recent-contacts')).toContainText(/Last 90 days \(since \d{2}-[A-Z][a-z]{2}-\d{4}\)/);
  // Cut short: said in the source status line and at the top of the results, never a plain "Loaded".
  await expect(viewer.locator('cr-source-status')).toContainText(
    /Loaded \d{2}:\d{2}, not all of it\s*showing [\d,]+ of [\d,]+ results; the oldest were not loaded/,
  );
});

test("Daniel Okafor: the safeguarding flag carries its plan's instruction and out-of-hours number, and his A&E attendances summed up", async ({
  page,
}) => {
  const viewer = await openFromHost(page, 'hospital', '9990000026');
  const alerts = viewer.locator('cr-alerts-strip');
  await expect(alerts).toContainText(/3 A&E attendances in the last \d+ weeks/);
  await expect(alerts).toContainText('Any injury or A&E attendance is reported to the allocated social worker the same day.');
  await expect(alerts.locator('[part="flag-plan"] a[href="tel:+441632960599"]')).toBeVisible();
});

test('printing the summary: who, when and "may be incomplete", without the navigation, and audited as a print', async ({ page }) => {
  const viewer = await openFromHost(page, 'hospital', '9990000042');
  const frame = await viewerFrame(page);
  await frame.waitForSelector('care-record[record-complete]', { state: 'attached', timeout: 60_000 });
  // The print dialog itself is the browser's: stand in for it, then look at the page as paper.
  await frame.evaluate(() => {
    window.print = () => document.documentElement.setAttribute('data-printed', 'yes');
  });
  await viewer.getByRole('button', { name: 'Print this summary' }).click();
  await expect.poll(() => frame.evaluate(() => document.documentElement.getAttribute('data-printed'))).toBe('yes');
  await page.emulateMedia({ media: 'print' });
  await expect(viewer.locator('cr-print-header')).toBeVisible();
  await expect(viewer.locator('cr-print-header')).toContainText('PATEL, Asha (Ms)');
  // The hospital's SMART launch names the user by their FHIR reference and role.
  await expect(viewer.locator('cr-print-header')).toContainText(
    /Printed \d{2}-[A-Z][a-z]{2}-\d{4} \d{2}:\d{2} by \S*Practitioner\/\S+, ae-doctor/,
  );
  await expect(viewer.locator('cr-print-header')).toContainText('This printout may be incomplete');
  await expect(viewer.getByRole('navigation', { name: 'Record sections' })).toBeHidden();
  await expect(viewer.locator('cr-source-status')).toBeVisible();
  const printed = async () => (await viewerAuditEvents('9990000042', 'record-printed')).length;
  await expect.poll(printed, { timeout: 20_000 }).toBeGreaterThan(0);
});
