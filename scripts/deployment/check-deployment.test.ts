// check-deployment against a deployment faked from the generator's own
// headers (over https, which the end-to-end pass on 127.0.0.1 cannot show),
// then against the same deployment weakened one way at a time.
import { describe, expect, it } from 'vitest';
import { parseViewerConfig } from '../../src/launch-context/config';
import type { Discovery } from '../serve/discover';
import { contentSecurityPolicy, securityHeaders, serialise } from '../serve/policy';
import { checkDeployment, FAILING, type Finding } from './check-deployment';
import { fetchAnswering } from '../../src/sources/test-helpers/fake-fetch';

const VIEWER = 'https://viewer.region.nhs.uk';
const configJson = {
  issuers: ['https://ehr.trust.nhs.uk/fhir/r4'],
  clientId: 'care-record-viewer',
  scope: 'openid fhirUser launch patient/*.rs',
  redirectUri: 'index.html',
  sources: [{ name: 'acute', organisation: 'Acute Trust', fhirBaseUrl: 'https://ehr.trust.nhs.uk/fhir/r4', auth: 'launch-token' }],
  auditEndpoint: 'https://audit.region.nhs.uk/fhir/AuditEvent',
  hostOrigins: ['https://ehr.trust.nhs.uk'],
};
const parsed = parseViewerConfig(configJson);
if (!parsed.ok) throw new Error(parsed.errors.join());
const discovery: Discovery = {
  smart: [
    {
      issuer: 'https://ehr.trust.nhs.uk/fhir/r4',
      server: { authorizationEndpoint: 'https://auth.trust.nhs.uk/authorize', tokenEndpoint: 'https://auth.trust.nhs.uk/token' },
    },
  ],
};
const smartConfiguration = {
  authorization_endpoint: 'https://auth.trust.nhs.uk/authorize',
  token_endpoint: 'https://auth.trust.nhs.uk/token',
};
const SCRIPT = '/assets/index-abc123.js';

type Headers = Record<string, string>;
interface Deployment {
  page: Headers;
  asset: Headers;
  config: Headers;
  /** The source map's answer. */
  map?: { status: number; body: string };
}

function generated(): Deployment {
  const security = Object.fromEntries(securityHeaders({ https: true }));
  const csp = serialise(contentSecurityPolicy(parsed.ok ? parsed.config : (undefined as never), discovery));
  const base = { ...security, 'Content-Security-Policy': csp };
  return {
    page: { ...base, 'Content-Type': 'text/html', 'Cache-Control': 'no-cache' },
    asset: {
      ...base,
      'Content-Type': 'text/javascript',
      'Cache-Control': 'public, max-age=31536000, immutable',
      'Content-Encoding': 'gzip',
    },
    config: { ...base, 'Content-Type': 'application/json', 'Cache-Control': 'no-cache' },
  };
}

function fakeFetch(d: Deployment): typeof fetch {
  return fetchAnswering((url) => {
    if (url === 'https://ehr.trust.nhs.uk/fhir/r4/.well-known/smart-configuration') return Response.json(smartConfiguration);
    if (!url.startsWith(VIEWER)) throw new TypeError('fetch failed');
    const path = new URL(url).pathname;
    if (path.endsWith('.html')) return new Response(`<script type="module" crossorigin src="${SCRIPT}"></script>`, { headers: d.page });
    if (path === '/config.json') return new Response(JSON.stringify(configJson), { headers: d.config });
    if (path === SCRIPT) return new Response('export{};', { headers: d.asset });
    if (path === `${SCRIPT}.map`) return new Response(d.map?.body ?? 'Not found', { status: d.map?.status ?? 404 });
    return new Response('Not found', { status: 404 });
  });
}

async function failing(d: Deployment): Promise<string[]> {
  const findings: Finding[] = await checkDeployment(VIEWER, fakeFetch(d));
  return findings.filter((f) => FAILING.includes(f.status)).map((f) => `${f.status} ${f.check}: ${f.detail}`);
}

function withCsp(d: Deployment, edit: (csp: string) => string): Deployment {
  const csp = edit(d.page['Content-Security-Policy']!);
  return { ...d, page: { ...d.page, 'Content-Security-Policy': csp } };
}

describe('checkDeployment', () => {
  it('finds nothing to fix in what the generator serves over https', async () => {
    const findings = await checkDeployment(VIEWER, fakeFetch(generated()));
    expect(findings.filter((f) => f.status !== 'ok')).toEqual([]);
    expect(findings.map((f) => f.check)).toContain('strict-transport-security');
  });

  it('names a weak or missing header, on the pages that have it', async () => {
    const d = generated();
    const { 'Strict-Transport-Security': _hsts, ...noHsts } = d.page;
    expect(await failing({ ...d, page: { ...noHsts, 'Referrer-Policy': 'origin', 'Cross-Origin-Opener-Policy': 'unsafe-none' } })).toEqual([
      'missing strict-transport-security: not sent: a browser may be sent to the viewer over plain http (/index.html, /launch.html, /link.html, /silent.html)',
      'weak referrer-policy: origin: no-referrer is expected (/index.html, /launch.html, /link.html, /silent.html)',
      'weak cross-origin-opener-policy: unsafe-none: same-origin is expected (/index.html, /launch.html, /link.html, /silent.html)',
    ]);
    expect(
      await failing({ ...d, page: { ...d.page, 'Strict-Transport-Security': 'max-age=300', 'Permissions-Policy': 'camera=()' } }),
    ).toEqual([
      'weak strict-transport-security: max-age=300: at least 15768000 (half a year) is expected (/index.html, /launch.html, /link.html, /silent.html)',
      'weak permissions-policy: does not refuse microphone, geolocation, payment, usb (/index.html, /launch.html, /link.html, /silent.html)',
    ]);
  });

  it('reads the policy against the configuration: unsafe scripts, framing, what the viewer must reach', async () => {
    const weakened = withCsp(generated(), (csp) =>
      csp
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace('frame-ancestors https://ehr.trust.nhs.uk', 'frame-ancestors https://other.example')
        .replace(' https://auth.trust.nhs.uk/token', '')
        .replace("base-uri 'none'; ", ''),
    );
    expect(await failing(weakened)).toEqual([
      "weak content-security-policy script-src: allows 'unsafe-inline': 'self' only is expected",
      'missing content-security-policy base-uri: not set (it does not fall back to default-src)',
      'problem content-security-policy frame-ancestors: does not allow https://ehr.trust.nhs.uk (in hostOrigins): that host cannot show the viewer',
      'weak content-security-policy frame-ancestors: allows https://other.example, which hostOrigins does not list',
      'problem content-security-policy connect-src: does not allow what the configuration needs: https://auth.trust.nhs.uk/token (token endpoint for https://ehr.trust.nhs.uk/fhir/r4)',
    ]);
    expect(
      await failing(
        withCsp(generated(), (csp) =>
          csp.replace(/connect-src [^;]+/, 'connect-src *').replace(/frame-ancestors [^;]+/, 'frame-ancestors *'),
        ),
      ),
    ).toEqual([
      'weak content-security-policy frame-ancestors: allows *: list each host origin exactly',
      'weak content-security-policy connect-src: allows *: any address, not only the configured ones',
    ]);
  });

  it('checks caching, compression and source maps on a hashed asset', async () => {
    const d = generated();
    const { 'Content-Encoding': _gzip, ...uncompressed } = d.asset;
    expect(
      await failing({
        ...d,
        asset: { ...uncompressed, 'Cache-Control': 'max-age=600' },
        config: { ...d.config, 'Cache-Control': 'max-age=3600' },
        map: { status: 200, body: '{"version":3,"mappings":";;"}' },
      }),
    ).toEqual([
      'weak cache-control (hashed assets): /assets/index-abc123.js: max-age=600; "public, max-age=31536000, immutable" is expected (their names change with their content)',
      'missing compression: /assets/index-abc123.js is sent uncompressed',
      'problem source maps: /assets/index-abc123.js.map is served: keep source maps as build artefacts',
      'weak cache-control (config.json): not revalidated (/config.json: max-age=3600): users may keep an old release or configuration',
    ]);
    // A single-page fallback answering 200 with HTML is not a served source map.
    expect(await failing({ ...d, map: { status: 200, body: '<!doctype html>' } })).toEqual([]);
  });
});
