// Access end to end (docs/access.md): single sign-on from the hosts' signed
// context links, every refused link, what each role sees (and what the servers
// refuse it directly), objection and break-glass with its audit trail, the
// audit queue surviving an endpoint that is down, and the paramedic's
// first-minutes view (the session lock is in security.spec.ts).
import { expect, test, type Frame, type FrameLocator, type Page } from '@playwright/test';
import type { Bundle, OperationOutcome } from '@medplum/fhirtypes';
import { SANDBOX, VIEWER, axeViolations, clearFaults, setFaults } from './support';
import { requestAsViewer, tokenResponseField, type Answer } from './viewer-token';
import { openPrivacyPage, viewerAuditEvents } from './audit-log';

type LinkHost = 'gp' | 'mental-health' | 'paramedic';
const ACCESS_OUTCOME = 'https://sandbox.example.nhs.uk/CodeSystem/access-outcome';

/** Opens a patient in a host that launches with a signed link (inserting the smartcard first); the viewer inside it. */
async function openWithLink(page: Page, host: LinkHost, patient: string, demo?: string): Promise<FrameLocator> {
  const demoParam = demo ? `&demo=${demo}` : '';
  await page.goto(`${SANDBOX}/hosts/${host}?patient=${encodeURIComponent(patient)}${demoParam}`);
  return page.frameLocator('iframe[title="Shared care record"]');
}

/** A standalone launch as a given user (the only way in for roles without a host simulator). */
async function standaloneAs(page: Page, user: RegExp, patient: RegExp): Promise<void> {
  await page.goto(`${VIEWER}/launch.html`);
  await page.getByLabel(user).check();
  await page.getByRole('button', { name: /sign in|continue/i }).click();
  await page.getByRole('link', { name: patient }).or(page.getByLabel(patient)).first().click();
  const submit = page.getByRole('button', { name: /open|continue|select/i });
  if (await submit.count()) await submit.first().click();
  await expect(page.locator('care-record')).toBeVisible();
}

/** A FHIR request with the viewer's token, made in its page with a proof by its key (the token is bound to it). */
async function fhir(target: Page | Frame, path: string): Promise<Answer> {
  return (await requestAsViewer(target, `${SANDBOX}/fhir/${path}`)) as Answer;
}

const accessCode = (body: Bundle | OperationOutcome): string | undefined => {
  const outcomes =
    body.resourceType === 'OperationOutcome'
      ? [body]
      : (body.entry ?? []).map((e) => e.resource).filter((r) => r?.resourceType === 'OperationOutcome');
  return outcomes
    .flatMap((o) => o.issue ?? [])
    .flatMap((i) => i.details?.coding ?? [])
    .find((c) => c.system === ACCESS_OUTCOME)?.code;
};

/** The viewer's frame once a launch has landed on the record page. */
async function recordFrame(page: Page) {
  await expect.poll(() => page.frames().some((f) => f.url().startsWith(`${VIEWER}/index.html`)), { timeout: 20_000 }).toBe(true);
  return page.frames().find((f) => f.url().startsWith(`${VIEWER}/index.html`))!;
}

test.afterEach(async () => {
  await clearFaults();
});

test.describe('single sign-on with signed context links', () => {
  test('from the GP system: silent sign-in, the record for the linked patient, no link left in the address', async ({ page }) => {
    const viewer = await openWithLink(page, 'gp', '9990000018');
    await expect(viewer.locator('cr-alerts-strip')).toContainText('Not for CPR');
    await expect(viewer.locator('cr-medication-list')).toContainText(/amlodipine/i);
    const frame = await recordFrame(page);
    const url = new URL(frame.url());
    expect(url.hash).toBe('');
    expect(url.search).toBe('');
    expect(await axeViolations(frame)).toEqual([]);
    await expect.poll(() => viewerAuditEvents('9990000018', 'record-opened').then((e) => e.length)).toBeGreaterThan(0);
  });

  test('from the mental health system: the nurse sees the restricted crisis data, and opening it is audited', async ({ page }) => {
    const viewer = await openWithLink(page, 'mental-health', '9990000034');
    await expect(viewer.locator('cr-medication-list')).toContainText(/clozapine/i);
    await expect(viewer.locator('cr-role-notice')).toHaveText('');
    await expect.poll(() => viewerAuditEvents('9990000034', 'restricted-opened').then((e) => e.length)).toBeGreaterThan(0);
  });

  test('with no smartcard session, the viewer says to sign in with the smartcard', async ({ page }) => {
    await page.goto(`${SANDBOX}/hosts/gp`);
    // The card is pulled at the identity provider, while the host page is still open.
    await page.request.post(`${SANDBOX}/idp/smartcard/remove`);
    const viewer = await openWithLink(page, 'gp', '9990000018');
    await expect(viewer.getByRole('heading', { level: 1 })).toHaveText('You are not signed in with your smartcard');
    await expect(viewer.locator('body')).toContainText('Insert your smartcard');
  });
});

test.describe('refused links, each on a clear page and audited', () => {
  const REFUSALS: [demo: string, heading: string][] = [
    ['expired', 'The link has expired'],
    ['replayed', 'This link has already been used'],
    ['tampered', 'The link that opened the viewer could not be trusted'],
    ['wrong-audience', 'The link was made for a different viewer'],
    ['unknown-issuer', 'This system is not allowed to open the care record'],
    ['user-mismatch', 'The link was made for someone else'],
    ['too-long-lived', 'The link that opened the viewer is not valid'],
    ['patient-not-found', 'The patient could not be found'],
  ];
  for (const [demo, heading] of REFUSALS) {
    test(`${demo}`, async ({ page }) => {
      // A tampered link is audited against what it claimed (the sandbox's tampering swaps in 999 000 0026).
      const claimed = demo === 'tampered' ? '9990000026' : '9990000042';
      const before = (await viewerAuditEvents(claimed, 'launch-refused')).length;
      const viewer = await openWithLink(page, 'gp', '9990000042', demo);
      await expect(viewer.getByRole('heading', { level: 1 })).toHaveText(heading);
      await expect(viewer.locator('body')).toContainText(/What to do/);
      await expect(viewer.locator('body')).not.toContainText(/PATEL|at .*\.js:\d+/);
      await expect(viewer.locator('care-record')).toHaveCount(0);
      await expect.poll(() => viewerAuditEvents(claimed, 'launch-refused').then((e) => e.length)).toBeGreaterThan(before);
      const frame = page.frames().find((f) => f.url().startsWith(VIEWER))!;
      expect(new URL(frame.url()).hash).toBe('');
      expect(await axeViolations(frame)).toEqual([]);
    });
  }
});

test.describe('what each role sees, and what the servers refuse it', () => {
  test('social worker: alerts and care, not medicines or results; the server refuses them too', async ({ page }) => {
    await standaloneAs(page, /Priya KHAN/i, /THOMPSON/);
    await expect(page.locator('cr-alerts-strip')).toContainText('Not for CPR');
    await expect(page.locator('cr-medication-list')).toContainText('Not available to your role');
    await expect(page.locator('cr-medication-list')).not.toContainText(/None recorded|amlodipine/i);
    await expect(page.locator('cr-role-notice')).toContainText('Viewing as a social worker');
    const meds = await fhir(page, 'gp/MedicationRequest?patient=' + (await patientId(page)));
    expect(meds.status).toBe(403);
    expect(accessCode(meds.body)).toBe('role-withheld');
    const results = await fhir(page, 'gp/Observation?patient=' + (await patientId(page)));
    expect(results.status).toBe(403);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('administrator: personal details, appointments and care team only', async ({ page }) => {
    await standaloneAs(page, /Gail PRICE/i, /THOMPSON/);
    await expect(page.locator('cr-patient-banner')).toContainText('THOMPSON, Margaret (Mrs)');
    await expect(page.locator('cr-alerts-strip')).toContainText('Not available to your role');
    await expect(page.locator('cr-alerts-strip')).not.toContainText('Not for CPR');
    await expect(page.locator('cr-role-notice')).toContainText('Viewing as an administrator');
    const id = await patientId(page);
    for (const type of ['AllergyIntolerance', 'Consent', 'Flag', 'MedicationRequest', 'Condition']) {
      const answer = await fhir(page, `gp/${type}?patient=${id}`);
      expect(answer.status, type).toBe(403);
      expect(accessCode(answer.body), type).toBe('role-withheld');
    }
    expect((await fhir(page, `gp/Appointment?patient=${id}`)).status).toBe(200);
  });

  for (const [user, role] of [
    [/Sarah AHMED/i, 'gp'],
    [/Kwame OSEI/i, 'ae-doctor'],
    [/Mei LEE/i, 'community-nurse'],
    [/Tom JONES/i, 'paramedic'],
  ] as const) {
    test(`${role}: the clinical record of 999 000 0018, but not NOWAK's restricted data (999 000 0034)`, async ({ page }) => {
      await standaloneAs(page, user, /THOMPSON/);
      await expect(page.locator('cr-medication-list')).toContainText(/amlodipine/i);
      await expect(page.locator('cr-role-notice')).toHaveText('');
      await standaloneAs(page, user, /NOWAK/);
      await expect(page.locator('cr-medication-list')).not.toContainText(/Loading/);
      await expect(page.locator('cr-medication-list')).not.toContainText(/clozapine/i);
      await expect(page.locator('care-record')).toContainText(/restricted information is not shown to your role/i);
      const mh = await fhir(page, `mental-health/MedicationRequest?patient=${await patientIdAt(page, 'mental-health', '9990000034')}`);
      expect(mh.status).toBe(200);
      expect(JSON.stringify(mh.body)).not.toMatch(/clozapine/i);
      expect(accessCode(mh.body)).toBe('restricted-withheld');
    });
  }

  test("mental health nurse: NOWAK's restricted data, from the server as well", async ({ page }) => {
    await standaloneAs(page, /Alan FRASER/i, /NOWAK/);
    await expect(page.locator('cr-medication-list')).toContainText(/clozapine/i);
    const mh = await fhir(page, `mental-health/MedicationRequest?patient=${await patientIdAt(page, 'mental-health', '9990000034')}`);
    expect(JSON.stringify(mh.body)).toMatch(/clozapine/i);
  });
});

/** The patient's id at the record's launching (gp) source, from the token response. */
function patientId(page: Page): Promise<string> {
  return tokenResponseField(page, 'patient');
}

async function patientIdAt(page: Page, source: string, nhsNumber: string): Promise<string> {
  const found = await fhir(page, `${source}/Patient?identifier=${encodeURIComponent(`https://fhir.nhs.uk/Id/nhs-number|${nhsNumber}`)}`);
  const id = (found.body as Bundle).entry?.[0]?.resource?.id;
  if (!id) throw new Error(`${nhsNumber} not found at ${source}`);
  return id;
}

test.describe('objection and break-glass (EVANS, 999 000 0050)', () => {
  test('none of her shared record; the GP breaks the glass, sees it, ends it; the privacy officer sees why', async ({ page }) => {
    const viewer = await openWithLink(page, 'gp', '9990000050');
    await expect(viewer.locator('cr-objection-notice')).toContainText('This person has objected to sharing their record');
    await expect(viewer.locator('nav')).toBeHidden();
    const frame = await recordFrame(page);
    expect(await axeViolations(frame)).toEqual([]);

    await viewer.getByRole('button', { name: 'Use emergency access' }).click();
    const dialog = viewer.getByRole('dialog', { name: /Use emergency access/ });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Other (say why)').check();
    await dialog.getByLabel(/Tell us more/).fill('Collapsed at the surgery, cannot be asked');
    await dialog.getByRole('button', { name: 'Start emergency access' }).click();
    await expect(viewer.locator('cr-break-glass-banner')).toContainText('Emergency access is on');
    await expect(viewer.locator('cr-break-glass-banner')).toContainText(/\d+ minutes left/);
    await expect(viewer.locator('cr-objection-notice')).toHaveCount(0);
    await expect(viewer.locator('cr-medication-list')).not.toContainText(/Not shared|Loading/);
    expect(await axeViolations(frame)).toEqual([]);

    await viewer.getByRole('button', { name: /End now/ }).click();
    await expect(viewer.locator('cr-break-glass-banner')).toHaveCount(0);
    await expect(viewer.locator('cr-objection-notice')).toContainText('This person has objected');

    await expect.poll(() => viewerAuditEvents('9990000050', 'break-glass-end').then((e) => e.length)).toBeGreaterThan(0);
    const start = (await viewerAuditEvents('9990000050', 'break-glass-start'))[0]!;
    expect(start.purposeOfEvent?.[0]?.coding?.[0]?.code).toBe('BTG');
    await openPrivacyPage(page, '9990000050');
    await expect(page.locator('table')).toContainText(/Break-glass/);
    // The explanation is recorded by the authorisation server; the viewer's own events carry only the reason code.
    await expect(page.locator('table')).toContainText('Collapsed at the surgery, cannot be asked');
    await expect(page.locator('table')).toContainText(/AHMED/);
  });

  test('a social worker is told of the objection, is not offered break-glass, and the server refuses it', async ({ page }) => {
    await standaloneAs(page, /Priya KHAN/i, /EVANS/);
    await expect(page.locator('cr-objection-notice')).toContainText('Emergency access is for clinical staff only');
    await expect(page.getByRole('button', { name: 'Use emergency access' })).toHaveCount(0);
    const response = await requestAsViewer(page, `${SANDBOX}/auth/break-glass`, {
      method: 'POST',
      body: 'reason=emergency-care',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(response.status).toBe(403);
  });
});

test('audit events survive an audit endpoint that is down, and arrive once when it is back', async ({ page }) => {
  await setFaults({ audit: { fail: 500 } });
  const viewer = await openWithLink(page, 'gp', '9990000069');
  await expect(viewer.locator('cr-patient-banner, cr-alerts-strip').first()).toBeVisible();
  const frame = await recordFrame(page);
  await expect
    .poll(() => frame.evaluate(() => (JSON.parse(sessionStorage.getItem('care-record-viewer:audit-queue') ?? '[]') as unknown[]).length))
    .toBeGreaterThan(0);
  await clearFaults();
  await expect.poll(() => viewerAuditEvents('9990000069', 'record-opened').then((e) => e.length), { timeout: 30_000 }).toBe(1);
  await expect
    .poll(() => frame.evaluate(() => (JSON.parse(sessionStorage.getItem('care-record-viewer:audit-queue') ?? '[]') as unknown[]).length))
    .toBe(0);
  // Still one: nothing sent twice.
  await page.waitForTimeout(3000);
  expect(await viewerAuditEvents('9990000069', 'record-opened')).toHaveLength(1);
});

test('the paramedic lands on the first minutes view on the tablet', async ({ page }) => {
  const viewer = await openWithLink(page, 'paramedic', '9990000018');
  const first = viewer.locator('cr-first-minutes');
  await expect(first).toContainText('Not for CPR');
  await expect(first).toContainText(/penicillin/i);
  await expect(first.getByRole('link', { name: /^Call .*Helen/ })).toHaveAttribute('href', /^tel:/);
  await first.getByRole('button', { name: 'Show the full record' }).click();
  await expect(viewer.locator('nav')).toBeVisible();
});
