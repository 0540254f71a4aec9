// The package as a host developer gets it: `npm pack`, then a fresh directory
// that installs the tarball (and nothing of this repository), type-checks a
// host's code against its types, bundles a plain page that imports it, and
// shows a patient's record there with a DPoP-bound token the page holds.
// Needs the library built (npm test builds it before the end-to-end tests).
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { SANDBOX, axeViolations } from './support';

const ROOT = resolve(import.meta.dirname, '..');
const NAME = 'shared-care-record-viewer';
/** npm as a host developer runs it: without this repository's settings (npm passes them on to child processes as npm_config_*). */
const hostEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_config_/i.test(name)));
const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: hostEnv });

let work: string;
let packed: { filename: string; files: { path: string }[] };
let server: Server | undefined;

test.describe.configure({ mode: 'serial' });

test.beforeAll(() => {
  test.setTimeout(240_000);
  if (!existsSync(join(ROOT, 'dist/lib/care-record.js'))) throw new Error('The library is not built: run `npm run build` first.');
  work = mkdtempSync(join(tmpdir(), 'care-record-pack-'));
  [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', work], ROOT)) as [typeof packed];
});

test.afterAll(async () => {
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the tarball holds the library, its types and the manifest, and nothing of the app or the sandbox', () => {
  const paths = packed.files.map((f) => f.path);
  for (const wanted of [
    'package.json',
    'custom-elements.json',
    'docs/embedding.md',
    'dist/lib/index.js',
    'dist/lib/care-record.js',
    'dist/lib/types/lib/index.d.ts',
    'dist/lib/types/lib/care-record.d.ts',
    'dist/lib/types/components/events.d.ts',
  ]) {
    expect(paths, wanted).toContain(wanted);
  }
  expect(paths.some((p) => p.startsWith('dist/lib/chunks/'))).toBe(true);
  const outside = paths.filter(
    (p) => !/^(dist\/lib\/|custom-elements\.json$|docs\/embedding\.md$|package\.json$|README\.md$|LICENSE$)/.test(p),
  );
  expect(outside).toEqual([]);
  // No launch page, sandbox, source map or bundled copy of lit.
  expect(paths.filter((p) => /sandbox|^launch\/|types\/launch\/|\.map$|dist\/embed|dist\/assets|\.html$/.test(p))).toEqual([]);
});

test('a fresh directory installs the tarball, type-checks against it, and shows a record with the token it holds', async ({ page }) => {
  test.setTimeout(300_000);
  const fresh = join(work, 'host');
  execFileSync('mkdir', ['-p', fresh]);
  writeFileSync(join(fresh, 'package.json'), JSON.stringify({ name: 'fresh-host', private: true, type: 'module' }));
  // Not this repository's legacy-peer-deps: the peer dependencies (lit, @lit/context) are installed as a host would get them.
  npm(
    ['install', join(work, packed.filename), '--legacy-peer-deps=false', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
    fresh,
  );
  for (const peer of ['lit', '@lit/context']) expect(existsSync(join(fresh, 'node_modules', peer, 'package.json')), peer).toBe(true);
  expect(existsSync(join(fresh, 'node_modules/fhirclient'))).toBe(false);

  // A host's TypeScript, with Node's own module rules: the element, the helpers and the events are typed.
  writeFileSync(
    join(fresh, 'host.ts'),
    `
import { createLaunchContext, LaunchContextError, type SourceStatusDetail } from '${NAME}';
import type { CareRecordElement } from '${NAME}/care-record.js';
const record: CareRecordElement = document.createElement('care-record');
record.launchContext = createLaunchContext({ fhirBaseUrl: 'https://fhir.example.nhs.uk', patientId: 'p1', accessToken: 't' });
record.urlState = 'none';
record.addEventListener('source-status-change', (event) => {
  const detail: SourceStatusDetail = event.detail;
  const state: 'loading' | 'loaded' | 'problem' = detail.state;
  console.log(state);
});
record.addEventListener('view-change', (event) => console.log(event.detail.view.toUpperCase()));
export const problems = (error: unknown) => (error instanceof LaunchContextError ? error.problems.join(' ') : '');
`,
  );
  // Every declaration file checked too (no skipLibCheck): the package's own, lit's and @medplum/fhirtypes'.
  writeFileSync(
    join(fresh, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        noEmit: true,
        strict: true,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        lib: ['es2023', 'dom', 'dom.iterable'],
        types: [],
      },
      files: ['host.ts'],
    }),
  );
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: fresh, encoding: 'utf8' });

  // A plain page importing the package, bundled as a host's build would (Vite, from this repository's copy).
  writeFileSync(
    join(fresh, 'index.html'),
    `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Fresh host</title></head>
<body><main><h1>Fresh host</h1><care-record url-state="none"></care-record></main>
<script type="module" src="./main.js"></script></body></html>`,
  );
  writeFileSync(
    join(fresh, 'main.js'),
    `
import { createLaunchContext } from '${NAME}/care-record.js';
const algorithm = { name: 'ECDSA', namedCurve: 'P-256' };
window.showRecord = async ({ privateJwk, publicJwk, ...options }) => {
  // The key the token is bound to, made non-extractable again here.
  const privateKey = await crypto.subtle.importKey('jwk', privateJwk, algorithm, false, ['sign']);
  const publicKey = await crypto.subtle.importKey('jwk', publicJwk, algorithm, true, ['verify']);
  document.querySelector('care-record').launchContext = createLaunchContext({ ...options, dpopKey: { privateKey, publicKey } });
};
`,
  );
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: fresh,
    encoding: 'utf8',
  });
  const origin = await serve(join(fresh, 'dist'));

  const session = await signInAsCommunityApp('9990000018');
  await page.goto(`${origin}/index.html`);
  await page.evaluate((options) => (window as unknown as { showRecord(o: unknown): Promise<void> }).showRecord(options), {
    fhirBaseUrl: session.iss,
    patientId: session.patient,
    nhsNumber: session.nhsNumber,
    accessToken: session.accessToken,
    privateJwk: session.privateJwk,
    publicJwk: session.publicJwk,
    user: { name: 'Nurse Mei LEE', role: 'community-nurse', organisation: 'ZZ003' },
    sources: ['gp', 'acute', 'community', 'mental-health', 'social-care'].map((name) => ({
      name,
      organisation: name,
      fhirBaseUrl: `${SANDBOX}/fhir/${name}`,
      auth: 'launch-token',
    })),
  });
  const record = page.locator('care-record');
  await expect(record).toHaveAttribute('record-complete', '', { timeout: 30_000 });
  await expect(record.locator('cr-alerts-strip')).toContainText('Not for CPR');
  await expect(record.locator('cr-patient-banner')).toContainText('THOMPSON, Margaret (Mrs)');
  await expect(record.locator('cr-medication-list')).toContainText(/amlodipine/i);
  expect(await axeViolations(page)).toEqual([]);
});

/** Static files of the fresh host's build, on a port of its own (a loopback origin, which the sandbox's sources allow). */
async function serve(dir: string): Promise<string> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  server = createServer((req, res) => {
    const path = join(dir, new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(dir) || !existsSync(path)) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const b64url = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString('base64url');

/**
 * Node's fetch, tried once more when the connection itself failed: after the
 * minute of installing and building above, a kept-alive socket to the sandbox
 * can be closed by the server just as it is reused (a loaded machine's timers
 * run late). A second failure is reported with its cause.
 */
async function request(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (first) {
    try {
      return await fetch(url, init);
    } catch (second) {
      throw new Error(
        `${url} could not be fetched: ${String((second as Error).cause ?? second)} (first: ${String((first as Error).cause ?? first)})`,
      );
    }
  }
}

/**
 * A token as a host app holds one: the sandbox's community nursing client's
 * EHR launch for the patient, PKCE, the code exchanged with a DPoP proof by a
 * key made here (extractable only so the test can hand it to the page).
 */
async function signInAsCommunityApp(nhsNumber: string) {
  const html = await (await request(`${SANDBOX}/hosts/community?patient=${nhsNumber}`)).text();
  const config = JSON.parse(/<script type="application\/json" id="community-config">([\s\S]*?)<\/script>/.exec(html)![1]!) as {
    iss: string;
    launch: string;
    clientId: string;
    redirectUri: string;
    scope: string;
    state: string;
  };
  const smart = (await (await request(`${config.iss}/.well-known/smart-configuration`)).json()) as {
    authorization_endpoint: string;
    token_endpoint: string;
  };
  const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const publicJwk = await webcrypto.subtle.exportKey('jwk', keys.publicKey);
  const { kty, crv, x, y } = publicJwk;
  const thumbprint = b64url(createHash('sha256').update(JSON.stringify({ crv, kty, x, y })).digest());
  const verifier = b64url(randomBytes(32));
  const authorize = new URL(smart.authorization_endpoint);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: config.scope,
    state: config.state,
    aud: config.iss,
    launch: config.launch,
    code_challenge: b64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
    dpop_jkt: thumbprint,
  }).toString();

  // Redirects followed by hand, with the authorisation server's cookies, until it sends the browser back to the app.
  const cookies = new Map<string, string>();
  let next = authorize.href;
  let code: string | null = null;
  for (let hop = 0; hop < 10 && !code; hop++) {
    const response = await request(next, { redirect: 'manual', headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    const location = new URL(response.headers.get('location') ?? '', next);
    if (location.pathname === '/hosts/community/callback') code = location.searchParams.get('code');
    else next = location.href;
  }
  if (!code) throw new Error('The sandbox did not send the community app a code');

  const { dpopKeyOf, dpopProof } = await import('../src/sources/dpop');
  const proof = await dpopProof(await dpopKeyOf(keys), 'POST', smart.token_endpoint);
  const token = (await (
    await request(smart.token_endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', DPoP: proof },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: config.redirectUri,
        client_id: config.clientId,
        code_verifier: verifier,
      }),
    })
  ).json()) as { access_token: string; token_type: string; patient: string; patient_nhs_number: string };
  expect(token.token_type).toBe('DPoP');
  return {
    iss: config.iss,
    accessToken: token.access_token,
    patient: token.patient,
    nhsNumber: token.patient_nhs_number,
    privateJwk: await webcrypto.subtle.exportKey('jwk', keys.privateKey),
    publicJwk,
  };
}
