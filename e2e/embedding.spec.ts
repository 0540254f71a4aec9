// The viewer as a component in a host's own page, no iframe: the sandbox's
// community nursing app signs in with SMART itself (its own client, PKCE, its
// own DPoP key), imports the library from the viewer's origin and places
// <care-record> among its own content, styled to match.
import { expect, test, type Page } from '@playwright/test';
import { SANDBOX, VIEWER, axeInEveryDocument, axeViolations } from './support';

async function openCommunity(page: Page, patient: string): Promise<void> {
  // The app's policy refuses injected scripts: axe comes in with the document.
  await axeInEveryDocument(page);
  await page.goto(`${SANDBOX}/hosts/community?patient=${patient}`);
  await expect(page.locator('care-record')).toHaveAttribute('record-complete', '', { timeout: 30_000 });
}

/** The element focused, through shadow roots: its tag, and its text or label. */
function deepFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    const path: string[] = [];
    while (active) {
      path.push(active.tagName.toLowerCase());
      const inner: Element | null | undefined = active.shadowRoot?.activeElement;
      if (!inner) break;
      active = inner;
    }
    const label = (active?.getAttribute('aria-label') ?? active?.textContent ?? '').trim().replace(/\s+/g, ' ');
    return `${path.join(' > ')}: ${label}`;
  });
}

test('the community nursing app shows the shared record in its own page, with no iframe', async ({ page }) => {
  const libraryRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(`${VIEWER}/`)) libraryRequests.push(new URL(request.url()).pathname);
  });
  await openCommunity(page, '9990000018');
  // The host's address again, with no code or state in it; the record is an element of the host's document.
  expect(page.url()).toBe(`${SANDBOX}/hosts/community?patient=9990000018`);
  await expect(page.locator('iframe')).toHaveCount(0);
  const record = page.locator('care-record');
  await expect(record.locator('cr-alerts-strip')).toContainText('Not for CPR');
  await expect(record.locator('cr-alerts-strip')).toContainText(/penicillin/i);
  await expect(record.locator('cr-medication-list')).toContainText(/amlodipine/i);
  // Every source answered (the community trust launched it; the others were found by NHS number).
  await expect(record.locator('cr-source-status')).toContainText('Riverside Medical Practice');
  await expect(page.locator('#record-status')).toHaveText('Shared care record: every source has answered.');
  // The host shows the patient, so the record's banner is off.
  await expect(record.locator('cr-patient-banner')).toHaveCount(0);
  await expect(page.locator('.patient-banner')).toContainText('THOMPSON, Margaret (Mrs)');
  // Only the library's modules came from the viewer: no page of it.
  expect(libraryRequests.length).toBeGreaterThan(0);
  expect(libraryRequests.every((path) => path.startsWith('/embed/'))).toBe(true);
  expect(await axeViolations(page)).toEqual([]);
});

test("host styles stay out of the record, the record's stay out of the host, and the host themes it through its API", async ({ page }) => {
  await openCommunity(page, '9990000018');
  const styles = await page.evaluate(() => {
    const record = document.querySelector('care-record')!;
    const deep = (root: ParentNode, selector: string): Element | null => {
      const found = root.querySelector(selector);
      if (found) return found;
      for (const el of root.querySelectorAll('*')) {
        const inner = el.shadowRoot ? deep(el.shadowRoot, selector) : null;
        if (inner) return inner;
      }
      return null;
    };
    const style = (el: Element | null) => (el ? getComputedStyle(el) : undefined);
    const recordHeading = style(deep(record.shadowRoot!, 'h2'));
    const recordButton = style(deep(record.shadowRoot!, '.print button'));
    const hostHeading = style(document.querySelector('#visit-heading'));
    const hostButton = style(document.querySelector('.app-button'));
    const nav = style(record.shadowRoot!.querySelector('[part~="nav"]'));
    const navLink = style(record.shadowRoot!.querySelector('[part~="nav"] a:not([aria-current])'));
    return {
      recordHeading: { transform: recordHeading?.textTransform, colour: recordHeading?.color },
      recordButton: { background: recordButton?.backgroundColor, radius: recordButton?.borderTopLeftRadius },
      hostHeading: { transform: hostHeading?.textTransform, colour: hostHeading?.color },
      hostButton: { background: hostButton?.backgroundColor, radius: hostButton?.borderTopLeftRadius },
      navBackground: nav?.backgroundColor,
      navLinkColour: navLink?.color,
      navLinkFont: navLink?.fontFamily,
    };
  });
  // The host's broad rules (h2 upper case and purple, round purple buttons) do not reach inside.
  expect(styles.recordHeading.transform).toBe('none');
  expect(styles.recordHeading.colour).not.toBe('rgb(90, 45, 130)');
  expect(styles.recordButton.background).not.toBe('rgb(90, 45, 130)');
  expect(styles.recordButton.radius).not.toBe('22px');
  // The record's own styles do not reach the host's elements.
  expect(styles.hostHeading).toEqual({ transform: 'uppercase', colour: 'rgb(90, 45, 130)' });
  expect(styles.hostButton).toEqual({ background: 'rgb(90, 45, 130)', radius: '22px' });
  // What the host may change it changes: CSS custom properties and ::part(nav).
  expect(styles.navLinkColour).toBe('rgb(90, 45, 130)');
  expect(styles.navLinkFont).toContain('Georgia');
  expect(styles.navBackground).toBe('rgb(240, 234, 246)');
});

test("focus moves from the host's content into the record and on to the host's footer, in reading order", async ({ page }) => {
  await openCommunity(page, '9990000018');
  await page.locator('.app-button').focus();
  const order: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const focused = await deepFocus(page);
    order.push(focused);
    if (focused.startsWith('a: Back to the caseload')) break;
  }
  const firstInRecord = order.findIndex((f) => f.startsWith('care-record'));
  const lastInRecord = order.findLastIndex((f) => f.startsWith('care-record'));
  // Straight from the host's button into the record's navigation, then through the record, then out to the host's footer.
  expect(firstInRecord).toBe(0);
  expect(order[0]).toMatch(/^care-record > a: Summary$/);
  expect(order.slice(firstInRecord, lastInRecord + 1).every((f) => f.startsWith('care-record'))).toBe(true);
  expect(order[lastInRecord]).toMatch(/Print this summary/);
  expect(order[lastInRecord + 1]).toBe('a: Back to the caseload');
  // And back again.
  await page.keyboard.press('Shift+Tab');
  expect(await deepFocus(page)).toMatch(/Print this summary/);
});

test('the community app asks for what it needs only: its sign-in ends on its own page, and a stale return is refused', async ({ page }) => {
  // Returning to the callback with a state this page never started: refused, and said.
  await axeInEveryDocument(page);
  const response = await page.goto(`${SANDBOX}/hosts/community/callback?code=forged&state=forged`);
  expect(response?.status()).toBe(400);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Patient not opened');
  await expect(page.locator('main')).toContainText('expired or was already used');
  expect(await axeViolations(page)).toEqual([]);
  // The app's own policy: scripts from itself and the viewer only, fetches to itself only.
  const policy = response?.headers()['content-security-policy'] ?? '';
  expect(policy).toContain(`script-src 'self' ${VIEWER}`);
  expect(policy).toContain("connect-src 'self'");
  expect(policy).not.toContain('unsafe');
});
