// The embeddable library through nginx: served with CORS to the configured
// host origins only (a module script from another origin needs it), and the
// community nursing app placing <care-record> in its own page with no
// Content-Security-Policy violation, its own policy or the viewer's.
import { SANDBOX, VIEWER } from '../support';
import { expect, test } from './support';

test('the library answers the configured host origins with CORS, any other without, and the npm flavour is not served', async () => {
  const fromHost = await fetch(`${VIEWER}/embed/care-record.js`, { headers: { Origin: SANDBOX, 'Accept-Encoding': 'gzip' } });
  expect(fromHost.status).toBe(200);
  expect(fromHost.headers.get('access-control-allow-origin')).toBe(SANDBOX);
  expect(fromHost.headers.get('vary')).toContain('Origin');
  expect(fromHost.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  expect(fromHost.headers.get('cache-control')).toBe('no-cache');
  expect(fromHost.headers.get('x-content-type-options')).toBe('nosniff');

  const fromElsewhere = await fetch(`${VIEWER}/embed/care-record.js`, { headers: { Origin: 'https://elsewhere.example' } });
  expect(fromElsewhere.status).toBe(200);
  expect(fromElsewhere.headers.get('access-control-allow-origin')).toBeNull();

  for (const path of ['/lib/index.js', '/lib/care-record.js', '/lib/types/lib/index.d.ts']) {
    expect((await fetch(`${VIEWER}${path}`)).status, path).toBe(404);
  }
});

test('the community nursing app shows the record from the library served by nginx, with no policy violation', async ({ page }) => {
  await page.goto(`${SANDBOX}/hosts/community?patient=9990000042`);
  const record = page.locator('care-record');
  await expect(record).toHaveAttribute('record-complete', '', { timeout: 30_000 });
  await expect(page.locator('iframe')).toHaveCount(0);
  await expect(record.locator('cr-allergy-list')).toContainText(/No known drug allergies/i);
  await record.getByRole('navigation').getByRole('link', { name: 'Results', exact: true }).click();
  await expect(record.locator('cr-results-list')).toContainText(/HbA1c/i);
});
