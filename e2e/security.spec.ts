// Attacks on the viewer end to end (docs/security.md lists each with the test
// that tries it): the next user at a shared workstation (a card swapped or
// pulled, the identity provider gone), what is left in the browser afterwards,
// a token taken out of the page, and secrets in addresses.
import { expect, test, type Frame, type FrameLocator, type Page, type Request } from '@playwright/test';
import { SANDBOX, clearFaults, openFromHost, setFaults, viewerFrame } from './support';
import { accessToken } from './viewer-token';

/** Opens a patient from a host that launches with a signed link; the viewer in its frame. */
async function openWithLink(page: Page, host: 'gp' | 'mental-health' | 'paramedic', patient: string): Promise<FrameLocator> {
  await page.goto(`${SANDBOX}/hosts/${host}?patient=${patient}`);
  return page.frameLocator('iframe[title="Shared care record"]');
}

/** Everything the viewer's origin keeps in the browser: local and session storage, and the names of its IndexedDB keys. */
async function storedByViewer(frame: Frame): Promise<{ local: string; session: string; keys: number }> {
  return frame.evaluate(async () => {
    const dump = (storage: Storage) => JSON.stringify(Object.fromEntries(Object.keys(storage).map((k) => [k, storage.getItem(k)])));
    const keys = await new Promise<number>((resolve) => {
      const open = indexedDB.open('care-record-viewer', 1);
      open.onerror = () => resolve(0);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('dpop-keys')) return resolve(0);
        const count = db.transaction('dpop-keys').objectStore('dpop-keys').count();
        count.onsuccess = () => resolve(count.result);
        count.onerror = () => resolve(0);
      };
    });
    return { local: dump(localStorage), session: dump(sessionStorage), keys };
  });
}

/** Waits for the lock screen and checks that nothing of the record or its session is left behind. */
async function expectLocked(viewer: FrameLocator, page: Page, reason: RegExp): Promise<void> {
  // One check interval (30 s) and the silent sign-in's own time limit (10 s).
  await expect(viewer.locator('cr-session-lock')).toContainText('The care record is locked', { timeout: 45_000 });
  await expect(viewer.locator('cr-session-lock')).toContainText(reason);
  await expect(viewer.locator('care-record')).toHaveCount(0);
  await expect(viewer.locator('body')).not.toContainText(/THOMPSON|Not for CPR/);
  const frame = await viewerFrame(page);
  await expect.poll(async () => (await storedByViewer(frame)).keys).toBe(0);
  const stored = await storedByViewer(frame);
  expect(stored.session).toBe('{}');
}

test.afterEach(async () => {
  await clearFaults();
});

test.describe('the record left open to the next user', () => {
  test.setTimeout(120_000);

  test("another user's smartcard locks the viewer within one check interval, saying so", async ({ page }) => {
    const viewer = await openWithLink(page, 'gp', '9990000018');
    await expect(viewer.locator('cr-alerts-strip')).toContainText('Not for CPR');
    // Dr OSEI's card goes into the reader of the workstation where Dr AHMED's record is open.
    const swapped = await page.request.get(`${SANDBOX}/idp/smartcard?user=kwame.osei`);
    expect(swapped.ok()).toBe(true);
    await expectLocked(viewer, page, /different person's smartcard/);
  });

  test('pulling the smartcard locks the viewer, saying so', async ({ page }) => {
    const viewer = await openWithLink(page, 'mental-health', '9990000034');
    await expect(viewer.locator('cr-medication-list')).toContainText(/clozapine/i);
    await page.getByRole('button', { name: 'Remove smartcard' }).click();
    await expect(viewer.locator('cr-session-lock')).toContainText('The care record is locked', { timeout: 45_000 });
    await expect(viewer.locator('cr-session-lock')).toContainText(/card was removed/);
    await expect(viewer.locator('body')).not.toContainText(/NOWAK|clozapine/i);
  });

  test('an identity provider that cannot be asked locks the viewer: unknown is not "still signed in"', async ({ page }) => {
    const viewer = await openWithLink(page, 'gp', '9990000018');
    await expect(viewer.locator('cr-alerts-strip')).toContainText('Not for CPR');
    await setFaults({ idp: { fail: 500 } });
    await expectLocked(viewer, page, /could not check your smartcard session/);
  });
});

test('nothing sensitive is left in the browser after a session with the audit endpoint down', async ({ page }) => {
  test.setTimeout(120_000);
  await setFaults({ audit: { fail: 500 } });
  const viewer = await openWithLink(page, 'gp', '9990000050');
  await expect(viewer.locator('cr-objection-notice')).toContainText('This person has objected to sharing their record');
  // Break the glass with words of one's own: they are audited by the authorisation server, not kept here.
  await viewer.getByRole('button', { name: 'Use emergency access' }).click();
  const dialog = viewer.getByRole('dialog', { name: /Use emergency access/ });
  await dialog.getByLabel('Other (say why)').check();
  await dialog.getByLabel(/Tell us more/).fill('Unresponsive in the waiting room');
  await dialog.getByRole('button', { name: 'Start emergency access' }).click();
  await expect(viewer.locator('cr-break-glass-banner')).toContainText('Emergency access is on');
  const frame = await viewerFrame(page);
  // The events wait (the endpoint is down), holding ids, codes and times only.
  await expect
    .poll(async () => {
      const queue: unknown = JSON.parse((await frame.evaluate(() => sessionStorage.getItem('care-record-viewer:audit-queue'))) ?? '[]');
      return Array.isArray(queue) ? queue.length : 0;
    })
    .toBeGreaterThan(1);
  // Names as shown (the sandbox's SDS user ids are lower-case words, such as sarah.ahmed: ids, which an AuditEvent needs).
  const SENSITIVE = /9990000050|999 000 0050|EVANS|Gwen|AHMED|Unresponsive|Riverside|waiting room/;
  const queued = await frame.evaluate(() => sessionStorage.getItem('care-record-viewer:audit-queue'));
  expect(queued).not.toMatch(SENSITIVE);
  expect((await storedByViewer(frame)).local).not.toMatch(SENSITIVE);

  await page.getByRole('button', { name: 'Remove smartcard' }).click();
  await expect(viewer.locator('cr-session-lock')).toContainText('The care record is locked', { timeout: 45_000 });
  const after = await storedByViewer(frame);
  expect(after.local).not.toMatch(SENSITIVE);
  expect(after.local).not.toContain('audit-queue');
  expect(after.session).toBe('{}');
  expect(after.keys).toBe(0);
});

test("a token taken out of the viewer is refused by the servers on its own; the launch's state is unguessable", async ({ page }) => {
  const states: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/auth/authorize') states.push(url.searchParams.get('state') ?? '');
  });
  const viewer = await openFromHost(page, 'hospital', '9990000018');
  await expect(viewer.locator('cr-alerts-strip')).toContainText('Not for CPR');
  // 32 random bytes from crypto.getRandomValues, not fhirclient's Math.random string.
  expect(states).toHaveLength(1);
  expect(states[0]).toMatch(/^[\w-]{43}$/);
  const token = await accessToken(await viewerFrame(page));
  const url = `${SANDBOX}/fhir/acute/Patient?identifier=${encodeURIComponent('https://fhir.nhs.uk/Id/nhs-number|9990000018')}`;
  for (const authorization of [`Bearer ${token}`, `DPoP ${token}`]) {
    const response = await fetch(url, { headers: { Authorization: authorization } });
    expect(response.status, authorization.split(' ')[0]).toBe(401);
  }
});

test('no secret in an address: the signed link and id_token are pushed, and state is unguessable', async ({ page }) => {
  const authorizeUrls: string[] = [];
  const pushed: Request[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/auth/authorize') authorizeUrls.push(request.url());
    if (url.pathname === '/auth/par') pushed.push(request);
  });
  const viewer = await openWithLink(page, 'gp', '9990000018');
  await expect(viewer.locator('cr-alerts-strip')).toContainText('Not for CPR');
  expect(pushed).toHaveLength(1);
  const body = new URLSearchParams(pushed[0]!.postData() ?? '');
  expect(body.get('launch')).toMatch(/^ey[\w-]+\.ey[\w-]+\.[\w-]+$/);
  expect(body.get('id_token_hint')).toMatch(/^ey/);
  expect(body.get('state')).toMatch(/^[\w-]{43}$/);
  expect(authorizeUrls).toHaveLength(1);
  const address = new URL(authorizeUrls[0]!);
  expect([...address.searchParams.keys()].sort()).toEqual(['client_id', 'request_uri']);
  expect(authorizeUrls[0]).not.toContain(body.get('launch')!);
});

test('an unauthenticated read of the audit log is refused', async () => {
  const response = await fetch(`${SANDBOX}/fhir/audit?patient=9990000018`);
  expect(response.status).toBe(401);
  const page = await fetch(`${SANDBOX}/audit/?patient=9990000018`, { redirect: 'manual' });
  expect(page.status).toBe(303);
  expect(page.headers.get('location')).toMatch(/\/idp\/authorize\?/);
});
