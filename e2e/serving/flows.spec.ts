// The viewer through nginx with its generated Content-Security-Policy: the
// flows that reach furthest (the whole record, documents as HTML and PDF, a
// chart, break-glass, signed links with the smartcard session check) run with
// no violation in any frame (support.ts fails the test on any).
import type { FrameLocator, Page } from '@playwright/test';
import { SANDBOX, VIEWER, openFromHost } from '../support';
import { expect, test } from './support';

async function openView(viewer: FrameLocator, name: string) {
  await viewer.getByRole('navigation').getByRole('link', { name, exact: true }).click();
}

/** A host that launches with a signed context link (its smartcard already in). */
async function openWithLink(page: Page, host: 'gp' | 'mental-health', patient: string): Promise<FrameLocator> {
  await page.goto(`${SANDBOX}/hosts/${host}?patient=${patient}`);
  return page.frameLocator('iframe[title="Shared care record"]');
}

test('the violation check sees a violation (so that its silence means something)', async ({ page, violations }) => {
  test.info().annotations.push({ type: 'expects-violations', description: 'provokes one on purpose' });
  const viewer = await openFromHost(page, 'hospital', '9990000018');
  await expect(viewer.locator('cr-alerts-strip')).toBeVisible();
  const frame = page.frames().find((f) => f.url().startsWith(`${VIEWER}/index.html`))!;
  // Not a source, authorisation server or audit endpoint: the policy refuses it.
  await frame.evaluate((url) => fetch(url).catch(() => undefined), `${SANDBOX}/admin/faults`);
  await expect.poll(() => violations.map((v) => v.directive)).toContain('connect-src');
  expect(violations.find((v) => v.directive === 'connect-src')?.blocked).toBe(`${SANDBOX}/admin/faults`);
});

test('the whole record from a SMART launch, every view opened', async ({ page }) => {
  const viewer = await openFromHost(page, 'hospital', '9990000018');
  await expect(viewer.locator('cr-alerts-strip')).toContainText('Not for CPR');
  const views = await viewer.getByRole('navigation').getByRole('link').allTextContents();
  expect(views.length).toBeGreaterThan(3);
  for (const name of views.map((v) => v.trim())) {
    await openView(viewer, name);
    await expect(viewer.getByRole('navigation').getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page');
  }
  await openView(viewer, 'Summary');
  await expect(viewer.locator('cr-medication-list')).toContainText(/amlodipine/i);
});

test("the record page's code is fetched while the user is at the authorisation server", async ({ page }) => {
  const asked: string[] = [];
  page.on('request', (request) => asked.push(new URL(request.url()).pathname));
  const viewer = await openFromHost(page, 'hospital', '9990000018');
  await expect(viewer.locator('cr-alerts-strip')).toContainText('Not for CPR');
  // Asked for by the launch page, before the authorisation server sends the browser to the record page.
  const recordPage = asked.indexOf('/index.html');
  const recordCode = asked.findIndex((path) => /^\/assets\/record-[\w-]+\.js$/.test(path));
  expect(recordPage).toBeGreaterThan(0);
  expect(recordCode, asked.join('\n')).toBeGreaterThanOrEqual(0);
  expect(recordCode, asked.join('\n')).toBeLessThan(recordPage);
});

test('a trend chart (chart.js on a canvas) and its table', async ({ page }) => {
  const viewer = await openFromHost(page, 'hospital', '9990000042');
  await openView(viewer, 'Results');
  const hba1c = viewer.locator('cr-results-list li', { hasText: /A1c/i }).first();
  await hba1c
    .getByRole('button', { name: /^Show / })
    .first()
    .click();
  await hba1c.getByRole('button', { name: /Show chart/ }).click();
  await expect(hba1c.locator('canvas[role="img"]')).toBeVisible();
  await expect(hba1c.locator('table caption')).toBeVisible();
});

test('documents: a letter as sanitised HTML, and a PDF from a blob: URL', async ({ page }) => {
  await addPdfLetter('9990000018');
  const viewer = await openFromHost(page, 'hospital', '9990000018');
  await openView(viewer, 'Documents');
  const documents = viewer.locator('cr-document-list');
  await documents.getByRole('button', { name: /Discharge summary: Ward 3/ }).click();
  await expect(documents.locator('cr-safe-narrative')).toContainText(/Urinary tract infection/);
  await documents.getByRole('button', { name: 'Close' }).click();
  await documents.getByRole('button', { name: /Clinic letter \(PDF\)/ }).click();
  await expect(documents.locator('object.pdf')).toHaveAttribute('data', /^blob:/);
  await expect(documents.getByRole('link', { name: /Download the PDF/ })).toBeVisible();
  // The PDF viewer loads inside the object: give a refusal time to be reported.
  await page.waitForTimeout(1_000);
});

test("a hostile letter's inline handler is refused by the policy too (the sanitiser removes it as well)", async ({ page, violations }) => {
  test.info().annotations.push({ type: 'expects-violations', description: 'the letter carries <img onerror=...>' });
  const viewer = await openFromHost(page, 'hospital', '9990000042');
  await openView(viewer, 'Documents');
  await viewer
    .locator('cr-document-list')
    .getByRole('button', { name: /discharge letter: hypoglycaemia/ })
    .click();
  await expect(viewer.locator('cr-document-list cr-safe-narrative')).toContainText(/hypoglycaemia/i);
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  // Chromium reports the attribute as the sanitiser parses it in an inert document; nothing else is refused.
  for (const v of violations) {
    expect(v.directive === 'script-src-attr' || /inline event handler/.test(v.blocked), JSON.stringify(v)).toBe(true);
  }
});

test('signed link, objection and break-glass: started and ended', async ({ page }) => {
  const viewer = await openWithLink(page, 'gp', '9990000050');
  await expect(viewer.locator('cr-objection-notice')).toContainText('This person has objected to sharing their record');
  await viewer.getByRole('button', { name: 'Use emergency access' }).click();
  const dialog = viewer.getByRole('dialog', { name: /Use emergency access/ });
  await dialog.getByLabel('Other (say why)').check();
  await dialog.getByLabel(/Tell us more/).fill('Collapsed at the surgery, cannot be asked');
  await dialog.getByRole('button', { name: 'Start emergency access' }).click();
  await expect(viewer.locator('cr-break-glass-banner')).toContainText('Emergency access is on');
  await expect(viewer.locator('cr-medication-list')).not.toContainText(/Not shared|Loading/);
  await viewer.getByRole('button', { name: /End now/ }).click();
  await expect(viewer.locator('cr-objection-notice')).toContainText('This person has objected');
});

test('signed link: the smartcard session check (identity provider in a hidden frame, answered by silent.html) locks the viewer', async ({
  page,
}) => {
  await page.clock.install();
  const viewer = await openWithLink(page, 'mental-health', '9990000034');
  await expect(viewer.locator('cr-medication-list')).toContainText(/clozapine/i);
  await page.getByRole('button', { name: 'Remove smartcard' }).click();
  // The viewer checks the session every 30 seconds: bring the next check forward.
  await page.clock.fastForward(31_000);
  await expect(viewer.locator('cr-session-lock')).toContainText('The care record is locked');
});

/** A PDF letter in the acute hospital's record, through the sandbox's feed (a transaction, no token). */
async function addPdfLetter(nhsNumber: string): Promise<void> {
  const pdf =
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
  const patient = 'urn:uuid:5e1f0c1e-0000-4000-8000-000000000001';
  const nhs = `https://fhir.nhs.uk/Id/nhs-number|${nhsNumber}`;
  const response = await fetch(`${SANDBOX}/fhir/acute`, {
    method: 'POST',
    headers: { 'content-type': 'application/fhir+json' },
    body: JSON.stringify({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        // Matches the hospital's existing Patient, so the letter is filed against it.
        {
          fullUrl: patient,
          resource: { resourceType: 'Patient' },
          request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=${nhs}` },
        },
        {
          resource: {
            resourceType: 'DocumentReference',
            status: 'current',
            subject: { reference: patient },
            date: new Date().toISOString(),
            type: { text: 'Clinic letter (PDF)' },
            description: 'Clinic letter (PDF)',
            content: [
              { attachment: { contentType: 'application/pdf', title: 'Clinic letter', data: Buffer.from(pdf).toString('base64') } },
            ],
          },
          request: { method: 'POST', url: 'DocumentReference' },
        },
      ],
    }),
  });
  expect(response.ok, await response.clone().text()).toBe(true);
  const outcome = (await response.json()) as { entry: { response: { status: string } }[] };
  expect(outcome.entry[0]?.response.status).toMatch(/^200/);
}
