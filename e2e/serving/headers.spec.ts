// What nginx sends, as generated from the sandbox's configuration: the exact
// policy, the other security headers, caching, compression, no source maps;
// framing refused to an origin not in hostOrigins; and check-deployment's
// verdict on nginx (all good) and on `vite preview` (what is missing).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preview } from 'vite';
import { checkDeployment, FAILING } from '../../scripts/deployment/check-deployment';
import { nginxPath } from '../../scripts/nginx.js';
import { localConfig } from '../../scripts/serve/nginx-config';
import { SANDBOX, VIEWER, openFromHost, viewerFrame } from '../support';
import { expect, test } from './support';

const PAGES = ['/', '/index.html', '/launch.html', '/link.html', '/silent.html'];

/** The policy the sandbox's configuration gives (SANDBOX_PORT substituted). */
function expectedPolicy(ancestors: string): string {
  const fhir = ['gp', 'acute', 'community', 'mental-health', 'social-care'].flatMap((s) => [
    `${SANDBOX}/fhir/${s}`,
    `${SANDBOX}/fhir/${s}/`,
  ]);
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${[
      ...fhir,
      `${SANDBOX}/auth/token`,
      `${SANDBOX}/auth/par`,
      `${SANDBOX}/idp/.well-known/openid-configuration`,
      `${SANDBOX}/idp/token`,
      `${SANDBOX}/idp/request`,
      `${SANDBOX}/fhir/audit`,
      `${SANDBOX}/fhir/audit/`,
      `${SANDBOX}/auth/break-glass`,
      `${SANDBOX}/auth/break-glass/`,
      `${SANDBOX}/hosts/`,
    ].join(' ')}`,
    `frame-src blob: 'self' ${SANDBOX}/idp/authorize`,
    'object-src blob:',
    `frame-ancestors ${ancestors}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

test('every page carries the generated policy and security headers, and is revalidated', async () => {
  for (const path of PAGES) {
    const response = await fetch(`${VIEWER}${path}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.status, path).toBe(200);
    const headers = response.headers;
    expect(headers.get('content-security-policy'), path).toBe(expectedPolicy(path === '/silent.html' ? `'self' ${SANDBOX}` : SANDBOX));
    expect(headers.get('x-content-type-options'), path).toBe('nosniff');
    expect(headers.get('referrer-policy'), path).toBe('no-referrer');
    expect(headers.get('cross-origin-opener-policy'), path).toBe('same-origin');
    expect(headers.get('permissions-policy'), path).toMatch(/(^|, )camera=\(\), .*geolocation=\(\), .*microphone=\(\)/);
    // Served over plain http on 127.0.0.1: no HSTS (it is added when the public address is https).
    expect(headers.get('strict-transport-security'), path).toBeNull();
    expect(headers.get('cache-control'), path).toBe('no-cache');
    expect(headers.get('content-encoding'), path).toBe('gzip');
    expect(headers.get('server'), path).toBe('nginx');
  }
});

test('config.json is revalidated; hashed assets are immutable for a year and compressed; source maps and dot files are not served', async () => {
  const config = await fetch(`${VIEWER}/config.json`);
  expect(config.headers.get('cache-control')).toBe('no-cache');
  expect(config.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(((await config.json()) as { hostOrigins: string[] }).hostOrigins).toEqual([SANDBOX]);

  const html = await (await fetch(`${VIEWER}/index.html`)).text();
  const script = /<script[^>]*src="([^"]+\.js)"/.exec(html)![1]!;
  const asset = await fetch(`${VIEWER}${script}`, { headers: { 'Accept-Encoding': 'gzip' } });
  expect(asset.status).toBe(200);
  expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(asset.headers.get('content-encoding')).toBe('gzip');
  expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  expect(asset.headers.get('content-security-policy')).toBe(expectedPolicy(SANDBOX));
  expect(await asset.text()).not.toContain('sourceMappingURL');

  for (const path of [`${script}.map`, '/.gitignore', '/assets/missing-0000.js']) {
    const response = await fetch(`${VIEWER}${path}`);
    expect(response.status, path).toBe(404);
    // Error answers carry the security headers too, but are never cached for a year.
    expect(response.headers.get('content-security-policy'), path).toBe(expectedPolicy(SANDBOX));
    expect(response.headers.get('cache-control'), path).toBeNull();
  }
});

test('a page on an origin not in hostOrigins cannot frame the viewer; a listed host can', async ({ page, violations }) => {
  test.info().annotations.push({ type: 'expects-violations', description: 'the refused frame is reported' });
  const outsider = await listen((_req, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><title>Not a host</title><iframe title="viewer" src="${VIEWER}/index.html"></iframe>`);
  });
  try {
    const answered = page.waitForResponse(`${VIEWER}/index.html`);
    await page.goto(`http://127.0.0.1:${(outsider.address() as AddressInfo).port}/`);
    expect((await answered).status()).toBe(200);
    // Chromium replaces a refused frame's document with its error page.
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    await expect.poll(() => frame.url()).toBe('chrome-error://chromewebdata/');
    await expect.poll(() => violations.some((v) => /frame-ancestors/.test(v.blocked))).toBe(true);
  } finally {
    outsider.close();
  }

  violations.length = 0;
  const viewer = await openFromHost(page, 'hospital', '9990000018');
  await expect(viewer.locator('cr-alerts-strip')).toBeVisible();
  expect((await viewerFrame(page)).url()).toMatch(new RegExp(`^${VIEWER}/index.html`));
  expect(violations).toEqual([]);
});

test('check-deployment: all good through nginx; against vite preview it names what is missing', async () => {
  const served = await checkDeployment(VIEWER);
  expect(served.filter((f) => FAILING.includes(f.status))).toEqual([]);
  expect(served.filter((f) => f.status === 'ok').map((f) => f.check)).toEqual(
    expect.arrayContaining([
      'content-security-policy frame-ancestors',
      'content-security-policy connect-src',
      'cache-control (hashed assets)',
      'compression',
      'source maps',
    ]),
  );

  const port = await freePort();
  // The project's own preview (its config.json pointed at this sandbox), as `npm run build && vite preview` serves it.
  const vite = await preview({ logLevel: 'silent', preview: { host: '127.0.0.1', port, strictPort: true } });
  try {
    const findings = await checkDeployment(`http://127.0.0.1:${port}`);
    const failing = findings.filter((f) => FAILING.includes(f.status)).map((f) => `${f.status} ${f.check}`);
    expect(failing).toEqual(
      expect.arrayContaining([
        'missing content-security-policy',
        'missing x-content-type-options',
        'missing referrer-policy',
        'missing permissions-policy',
        'missing cross-origin-opener-policy',
        'weak cache-control (hashed assets)',
      ]),
    );
    // config.json is not listed: how vite preview caches it depends on whether the
    // port-rewriting middleware (SANDBOX_PORT other than 8080) or its static handler answers.
  } finally {
    await vite.close();
  }
});

test('npm run server-config writes a site file for an https deployment that nginx accepts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'server-config-'));
  try {
    writeFileSync(join(dir, 'config.json'), await (await fetch(`${VIEWER}/config.json`)).text());
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/server-config.ts',
        '--config',
        join(dir, 'config.json'),
        '--public-url',
        'https://localhost',
        '--root',
        join(dir, 'www'),
        '--out',
        dir,
      ],
      { encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`frame-ancestors ${SANDBOX}`);
    const site = readFileSync(join(dir, 'care-record-viewer.conf'), 'utf8');
    expect(site).toContain('add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;');
    expect(site).toContain('server_name localhost;');
    writeFileSync(join(dir, 'nginx.conf'), localConfig({ prefix: dir, siteFile: join(dir, 'care-record-viewer.conf') }));
    const check = spawnSync(nginxPath(), ['-t', '-p', dir, '-c', join(dir, 'nginx.conf'), '-e', 'stderr'], { encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    expect(check.stderr).toContain('test is successful');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function listen(handler: Parameters<typeof createServer>[1]): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

async function freePort(): Promise<number> {
  const server = await listen(() => undefined);
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}
