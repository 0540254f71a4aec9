// The whole record through the sandbox: the facts of docs/sandbox-patients.md in each
// section, a trend chart, a bounded timeline for the 50-year record, and a
// hostile letter rendering inert.
import { expect, test, type Frame, type FrameLocator, type Page } from '@playwright/test';
import { openFromHost, viewerFrame } from './support';

async function openView(viewer: FrameLocator, name: string) {
  await viewer.getByRole('navigation').getByRole('link', { name, exact: true }).click();
}

/** Elements in the viewer's document, shadow roots included. */
function domNodes(frame: Frame): Promise<number> {
  return frame.evaluate(() => {
    let count = 0;
    const visit = (root: Document | ShadowRoot | Element) => {
      for (const el of root.querySelectorAll('*')) {
        count++;
        if (el.shadowRoot) visit(el.shadowRoot);
      }
    };
    visit(document);
    return count;
  });
}

async function openHospital(page: Page, patient: string) {
  const viewer = await openFromHost(page, 'hospital', patient);
  await expect(viewer.locator('cr-alerts-strip')).toBeVisible();
  return viewer;
}

test('Daniel Okafor: three A&E attendances in the timeline and the child protection plan', async ({ page }) => {
  const viewer = await openHospital(page, '9990000026');
  await openView(viewer, 'Timeline');
  const timeline = viewer.locator('cr-record-timeline');
  await expect(timeline).toContainText('A&E attendance (3)');
  for (const reason of [/head injury/i, /scald|burn/i, /fracture of the right forearm/i]) await expect(timeline).toContainText(reason);

  await openView(viewer, 'Care plans');
  await expect(viewer.locator('cr-care-plan-list')).toContainText(/child protection plan/i);
  await expect(viewer.locator('cr-care-plan-list')).toContainText(/neglect/i);
});

test("Margaret Thompson: where she is now, her care home, her social worker and her daughter's phone", async ({ page }) => {
  const viewer = await openHospital(page, '9990000018');
  await expect(viewer.locator('cr-current-location').first()).toContainText(
    /Inpatient, Ward 7 \(Elderly Care\), bed 12, since \d{2}-[A-Z][a-z]{2}-\d{4}/,
  );

  await openView(viewer, 'Social care');
  await expect(viewer.locator('cr-social-care-summary')).toContainText(/Oakview Care Home/);
  await expect(viewer.locator('cr-social-care-summary')).toContainText(/Priya KHAN/);

  await openView(viewer, 'People');
  const people = viewer.locator('cr-care-team-list');
  await expect(people).toContainText(/THOMPSON, Helen/);
  await expect(people).toContainText(/Lasting power of attorney for health and welfare/);
  const call = people.locator('a[href="tel:+447700900123"]');
  await expect(call.first()).toBeVisible();
});

test('Asha Patel: five years of HbA1c, the latest marked high, and a trend chart that opens with a table alternative', async ({ page }) => {
  const viewer = await openHospital(page, '9990000042');
  await openView(viewer, 'Results');
  const results = viewer.locator('cr-results-list');
  const hba1c = results.locator('li', { hasText: /A1c/i }).first();
  await expect(hba1c).toContainText(/86/);
  await expect(hba1c).toContainText(/High/);
  await hba1c
    .getByRole('button', { name: /^Show / })
    .first()
    .click();
  await hba1c.getByRole('button', { name: /Show chart/ }).click();
  await expect(hba1c.locator('canvas[role="img"]')).toBeVisible();
  await expect(hba1c.locator('canvas[role="img"]')).toHaveAttribute('aria-label', /Trend chart/);
  await expect(hba1c.locator('table caption')).toBeVisible();
  expect(await hba1c.locator('table tbody tr').count()).toBeGreaterThanOrEqual(20);
});

test('Susan Bennett: the 50-year timeline scrolls to its oldest entry with the DOM bounded', async ({ page }) => {
  test.setTimeout(120_000);
  const viewer = await openHospital(page, '9990000085');
  await openView(viewer, 'Timeline');
  const timeline = viewer.locator('cr-record-timeline');
  await expect(timeline).toContainText(/\d[\d,]* contacts/, { timeout: 60_000 });
  // Every source has answered (the 50-year record pages in for a while): the list no longer grows under the scroll.
  await expect(viewer.locator('care-record')).toHaveAttribute('record-complete', '', { timeout: 60_000 });
  const frame = await viewerFrame(page);
  const scroller = timeline.locator('[part="scroller"]').last();
  await scroller.focus();
  let most = await domNodes(frame);
  // Keyboard users reach the end with End; the virtualised list draws only what is in view.
  let reachedEnd = false;
  for (let step = 0; step < 60 && !reachedEnd; step++) {
    await page.keyboard.press('End');
    await page.waitForTimeout(100);
    most = Math.max(most, await domNodes(frame));
    reachedEnd = await scroller.evaluate((el) =>
      [...el.querySelectorAll('[role="listitem"]')].some((li) => li.getAttribute('aria-posinset') === li.getAttribute('aria-setsize')),
    );
  }
  expect(reachedEnd).toBe(true);
  // And the end holds: what is drawn there is 50 years old, once the entries drawn have been measured.
  const oldestYearShown = async () => {
    const rendered = await scroller.evaluate((el) => [...el.querySelectorAll('[role="listitem"]')].map((e) => e.textContent ?? ''));
    return Math.min(...rendered.flatMap((text) => [...text.matchAll(/\d{2}-[A-Z][a-z]{2}-(\d{4})/g)].map((m) => Number(m[1]))));
  };
  await expect.poll(oldestYearShown).toBeLessThanOrEqual(new Date().getFullYear() - 49);
  // Scrolling by touch or wheel (not only keys) draws entries wherever it lands.
  await scroller.evaluate((el) => {
    el.scrollTop = el.scrollHeight / 2;
  });
  await expect.poll(() => scroller.evaluate((el) => el.querySelectorAll('[role="listitem"]').length)).toBeGreaterThan(0);
  most = Math.max(most, await domNodes(frame));
  console.log(`timeline DOM peak while scrolling: ${most} elements`);
  expect(most).toBeLessThan(3000);
});

test('a letter containing <script>, onerror= and javascript: renders inert', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const viewer = await openHospital(page, '9990000042');
  await openView(viewer, 'Documents');
  await viewer
    .locator('cr-document-list')
    .getByRole('button', { name: /discharge letter: hypoglycaemia/ })
    .click();
  const narrative = viewer.locator('cr-document-list cr-safe-narrative');
  await expect(narrative).toBeVisible();
  await expect(narrative).toContainText(/hypoglycaemia/i);
  expect(await narrative.locator('script').count()).toBe(0);
  expect(await narrative.locator('[onerror], [onclick], [onload]').count()).toBe(0);
  expect(await narrative.locator('a[href^="javascript:" i]').count()).toBe(0);
  await page.waitForTimeout(500);
  expect(dialogs).toEqual([]);
});
