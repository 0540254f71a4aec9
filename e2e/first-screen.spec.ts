// What a clinician must not miss on the first screen, through the sandbox:
// a death recorded anywhere, the whole ReSPECT decision, who to call, what is
// withheld, and a long record's summary kept short.
import { expect, test } from '@playwright/test';
import { openFromHost, viewerFrame } from './support';

test('Edward Clarke from the hospital system (its own banner): the deceased notice, "Died", and never "At home"', async ({ page }) => {
  const viewer = await openFromHost(page, 'hospital', '9990000077');
  await expect(viewer.locator('deceased-notice')).toContainText(/Deceased Died \d{2}-[A-Z][a-z]{2}-\d{4}/);
  await expect(viewer.locator('current-location').first()).toContainText(/Now Died \d{2}-[A-Z][a-z]{2}-\d{4}/);
  const frame = await viewerFrame(page);
  await frame.waitForSelector('care-record[record-complete]', { state: 'attached' });
  await expect(viewer.locator('care-record')).not.toContainText('At home');
});
