// Checks a running deployment of the viewer from outside, as a browser sees
// it: the pages' security headers, their Content-Security-Policy against what
// the served configuration needs, caching, compression, source maps, and the
// configuration itself (config-rules.ts). docs/deployment.md explains each.

import type { ViewerConfig } from '../../src/launch-context/config';
import { discover, type Discovery } from '../serve/discover';
import { ONE_YEAR } from '../serve/policy';
import { checkConfig } from './config-rules';
import { allows, effective, parsePolicy, type Policy } from './csp';

export type Status = 'ok' | 'missing' | 'weak' | 'problem' | 'note';

export interface Finding {
  status: Status;
  /** What was checked, e.g. `Content-Security-Policy frame-ancestors`. */
  check: string;
  detail: string;
}

export const FAILING: readonly Status[] = ['missing', 'weak', 'problem'];

const PAGES = ['index.html', 'launch.html', 'link.html', 'silent.html'];
const HALF_A_YEAR = ONE_YEAR / 2;

interface Fetched {
  path: string;
  response: Response;
  body: string;
}

export async function checkDeployment(baseUrl: string, fetchFn: typeof fetch = fetch): Promise<Finding[]> {
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  const findings: Finding[] = [];
  const add = (status: Status, check: string, detail: string) => findings.push({ status, check, detail });
  const get = async (path: string): Promise<Fetched | undefined> => {
    try {
      const response = await fetchFn(new URL(path, base), { headers: { 'Accept-Encoding': 'gzip, br' }, redirect: 'follow' });
      return { path: `/${path}`, response, body: await response.text() };
    } catch (error) {
      add('problem', `/${path}`, `could not be fetched (${error instanceof Error ? error.message : String(error)})`);
      return undefined;
    }
  };

  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname);
  const https = base.protocol === 'https:';
  if (https) add('ok', 'TLS', 'served over https');
  else if (loopback) add('note', 'TLS', 'served over plain http on this machine: a trial only (HSTS is checked over https)');
  else add('problem', 'TLS', 'served over plain http: serve the viewer over https only');

  const pages = (await Promise.all(PAGES.map(get))).filter((p): p is Fetched => p !== undefined);
  for (const page of pages) {
    if (!page.response.ok) add('problem', page.path, `answered ${page.response.status}`);
    else if (!/^text\/html/.test(page.response.headers.get('content-type') ?? ''))
      add('problem', page.path, `is served as ${page.response.headers.get('content-type')}, not text/html`);
  }
  const served = pages.filter((p) => p.response.ok);
  const configFile = await get('config.json');
  const config = configFile ? checkServedConfig(configFile, loopback, add) : undefined;

  checkHeaders(served, https, add);
  const viewerPage = served.find((p) => p.path === '/index.html');
  if (viewerPage) {
    const discovery = config
      ? await discover(config, fetchFn).catch((error: unknown) => {
          add(
            'problem',
            'authorisation servers',
            `${error instanceof Error ? error.message : String(error)} (so connect-src cannot be checked against their token endpoints)`,
          );
          return undefined;
        })
      : undefined;
    checkPolicies(served, config, discovery, base.origin, add);
    await checkAssets(viewerPage, get, add);
  }
  if (configFile?.response.ok) checkRevalidated([configFile], 'config.json', add);
  return findings;
}

type Add = (status: Status, check: string, detail: string) => void;

function checkServedConfig(file: Fetched, loopback: boolean, add: Add): ViewerConfig | undefined {
  if (!file.response.ok) {
    add('problem', 'config.json', `answered ${file.response.status}`);
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(file.body);
  } catch {
    add('problem', 'config.json', 'is not JSON');
    return undefined;
  }
  const report = checkConfig(json, { loopbackTrial: loopback });
  for (const problem of report.problems) add('problem', 'config.json', problem);
  for (const note of report.notes) add('note', 'config.json', note);
  if (report.problems.length === 0) add('ok', 'config.json', "valid by the viewer's rules and production's");
  return report.config;
}

/** One finding per header: the pages lacking it, or how its value is weak. */
function checkHeaders(pages: Fetched[], https: boolean, add: Add): void {
  const each = (header: string, judge: (value: string | null) => [Status, string] | undefined, okDetail: string) => {
    const failures = pages.map((p) => [p.path, judge(p.response.headers.get(header))] as const).filter(([, verdict]) => verdict);
    if (failures.length === 0) {
      add('ok', header, okDetail);
      return;
    }
    const [status, detail] = failures[0]![1]!;
    add(status, header, `${detail} (${failures.map(([path]) => path).join(', ')})`);
  };

  each(
    'content-security-policy',
    (v) => (v ? undefined : ['missing', 'not sent: nothing limits what the pages load, or who may frame them']),
    'sent on every page',
  );
  if (https) {
    each(
      'strict-transport-security',
      (v) => {
        if (!v) return ['missing', 'not sent: a browser may be sent to the viewer over plain http'];
        const maxAge = Number(/max-age=(\d+)/i.exec(v)?.[1] ?? 0);
        return maxAge < HALF_A_YEAR ? ['weak', `max-age=${maxAge}: at least ${HALF_A_YEAR} (half a year) is expected`] : undefined;
      },
      'sent on every page',
    );
  }
  each(
    'x-content-type-options',
    (v) => (v?.toLowerCase() === 'nosniff' ? undefined : ['missing', 'not nosniff: a browser may guess content types']),
    'nosniff',
  );
  each(
    'referrer-policy',
    (v) => {
      if (!v) return ['missing', "not sent: the viewer's address (with a launch's parameters) may be sent to other sites"];
      return v.toLowerCase() === 'no-referrer' ? undefined : ['weak', `${v}: no-referrer is expected`];
    },
    'no-referrer',
  );
  each(
    'permissions-policy',
    (v) => {
      if (!v) return ['missing', 'not sent: the pages (and anything they frame) may ask for the camera, microphone, location...'];
      const open = ['camera', 'microphone', 'geolocation', 'payment', 'usb'].filter((f) => !new RegExp(`(^|,)\\s*${f}=\\(\\)`).test(v));
      return open.length > 0 ? ['weak', `does not refuse ${open.join(', ')}`] : undefined;
    },
    'refuses the features the viewer does not use',
  );
  each(
    'cross-origin-opener-policy',
    (v) => {
      if (!v) return ['missing', 'not sent: a page that opens the viewer keeps a handle on it'];
      return ['same-origin', 'same-origin-allow-popups'].includes(v.trim()) ? undefined : ['weak', `${v}: same-origin is expected`];
    },
    'same-origin',
  );
  checkRevalidated(pages, 'pages', add);
  const server = pages[0]?.response.headers.get('server');
  if (server && /\d/.test(server)) add('note', 'server', `"${server}" names its version (nginx: server_tokens off)`);
}

/** HTML and config.json must be revalidated so that a release or configuration change reaches users at once. */
function checkRevalidated(files: Fetched[], what: string, add: Add): void {
  const stale = files.filter((f) => {
    const value = (f.response.headers.get('cache-control') ?? '').toLowerCase();
    return !/(no-cache|no-store|max-age=0\b)/.test(value);
  });
  if (stale.length === 0) add('ok', `cache-control (${what})`, 'revalidated on every use');
  else
    add(
      'weak',
      `cache-control (${what})`,
      `not revalidated (${stale.map((f) => `${f.path}: ${f.response.headers.get('cache-control') ?? 'none'}`).join(', ')}): users may keep an old release or configuration`,
    );
}

function checkPolicies(
  pages: Fetched[],
  config: ViewerConfig | undefined,
  discovery: Discovery | undefined,
  origin: string,
  add: Add,
): void {
  const policyOf = (path: string): Policy | undefined => {
    const header = pages.find((p) => p.path === path)?.response.headers.get('content-security-policy');
    return header ? parsePolicy(header) : undefined;
  };
  const viewer = policyOf('/index.html');
  if (!viewer) return;
  const csp = (name: string) => `content-security-policy ${name}`;

  const defaults = viewer.get('default-src');
  if (!defaults) add('missing', csp('default-src'), 'not set: anything not listed falls back to allowing everything');
  else if (defaults.join(' ') !== "'none'") add('weak', csp('default-src'), `${defaults.join(' ')}: 'none' is expected`);
  else add('ok', csp('default-src'), "'none'");

  const scripts = effective(viewer, 'script-src');
  const unsafe = (scripts ?? []).filter((s) =>
    ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*', 'data:', 'blob:', 'http:', 'https:'].includes(s.toLowerCase()),
  );
  if (!scripts) add('missing', csp('script-src'), 'not set');
  else if (unsafe.length > 0) add('weak', csp('script-src'), `allows ${unsafe.join(' ')}: 'self' only is expected`);
  else add('ok', csp('script-src'), scripts.join(' '));

  const styles = effective(viewer, 'style-src') ?? [];
  if (styles.includes("'unsafe-inline'")) add('note', csp('style-src'), "allows 'unsafe-inline' styles, which the viewer does not need");

  for (const [name, expected] of [
    ['base-uri', ["'none'", "'self'"]],
    ['form-action', ["'none'", "'self'"]],
  ] as const) {
    const value = viewer.get(name);
    if (!value) add('missing', csp(name), 'not set (it does not fall back to default-src)');
    else if (!value.every((v) => (expected as readonly string[]).includes(v)))
      add('weak', csp(name), `${value.join(' ')}: 'none' is expected`);
    else add('ok', csp(name), value.join(' '));
  }

  const objects = effective(viewer, 'object-src');
  if (!objects || objects.some((s) => ['*', 'http:', 'https:', 'data:'].includes(s)))
    add('weak', csp('object-src'), `${objects?.join(' ') ?? 'not set'}: blob: only is expected`);
  else add('ok', csp('object-src'), objects.join(' '));

  checkAncestors(viewer, policyOf('/silent.html'), config, origin, add);
  if (!config) return;

  // Documents (PDF) open from blob: URLs; the smartcard session check frames the identity provider.
  const framed = [
    ...(discovery?.identityProvider
      ? [
          [`${origin}/silent.html`, "the smartcard session check's answer"],
          [discovery.identityProvider.authorizationEndpoint, 'the smartcard session check'],
        ]
      : []),
  ];
  const frames = effective(viewer, 'frame-src') ?? [];
  const blocked = framed.filter(([url]) => !allows(frames, url!, origin));
  if (!(objects ?? []).includes('blob:')) add('problem', csp('object-src'), 'does not allow blob:: PDF documents cannot be shown');
  if (blocked.length > 0) add('problem', csp('frame-src'), `does not allow ${blocked.map(([url, why]) => `${url} (${why})`).join(', ')}`);
  else add('ok', csp('frame-src'), frames.join(' '));

  const connect = effective(viewer, 'connect-src') ?? [];
  const broad = connect.filter((s) => ['*', 'http:', 'https:'].includes(s));
  const unreachable = neededFetches(config, discovery, origin).filter(([url]) => !allows(connect, url, origin));
  if (broad.length > 0) add('weak', csp('connect-src'), `allows ${broad.join(' ')}: any address, not only the configured ones`);
  if (unreachable.length > 0) {
    add(
      'problem',
      csp('connect-src'),
      `does not allow what the configuration needs: ${unreachable.map(([url, why]) => `${url} (${why})`).join(', ')}`,
    );
  } else if (broad.length === 0) {
    add('ok', csp('connect-src'), 'allows every configured source, authorisation server, identity provider and endpoint');
  }
}

function checkAncestors(viewer: Policy, silent: Policy | undefined, config: ViewerConfig | undefined, self: string, add: Add): void {
  const check = 'content-security-policy frame-ancestors';
  const ancestors = viewer.get('frame-ancestors');
  if (!ancestors) {
    add('missing', check, 'not set: any page on any site may frame the viewer');
    return;
  }
  const wild = ancestors.filter((s) => s === '*' || s.endsWith(':') || s.includes('*'));
  if (wild.length > 0) add('weak', check, `allows ${wild.join(' ')}: list each host origin exactly`);
  if (!config?.hostOrigins) return;
  const listed = ancestors.filter((a) => a !== "'none'");
  const missing = config.hostOrigins.filter((o) => !allows(listed, o, self));
  const extra = listed.filter((a) => !wild.includes(a) && !config.hostOrigins!.includes(a));
  if (missing.length > 0) add('problem', check, `does not allow ${missing.join(', ')} (in hostOrigins): that host cannot show the viewer`);
  if (extra.length > 0) add('weak', check, `allows ${extra.join(', ')}, which hostOrigins does not list`);
  if (missing.length === 0 && extra.length === 0 && wild.length === 0)
    add('ok', check, `exactly hostOrigins (${listed.join(' ') || "'none'"})`);
  if (silent && !(silent.get('frame-ancestors') ?? []).includes("'self'") && config.identityProvider) {
    add('problem', `${check} (silent.html)`, "does not include 'self': the viewer cannot check the smartcard session");
  }
}

/** What the viewer fetches, with why: the configuration, each source and issuer, the authorisation servers, the endpoints. */
function neededFetches(config: ViewerConfig, discovery: Discovery | undefined, origin: string): [string, string][] {
  const idp = config.identityProvider;
  return [
    [`${origin}/config.json`, 'the configuration'],
    ...config.sources.flatMap((s): [string, string][] => [
      [s.fhirBaseUrl, `source ${s.name}`],
      [`${s.fhirBaseUrl}/Patient`, `source ${s.name}`],
    ]),
    ...config.issuers.map((iss): [string, string] => [`${iss}/.well-known/smart-configuration`, 'SMART discovery']),
    ...(discovery?.smart ?? []).map(({ issuer, server }): [string, string] => [server.tokenEndpoint, `token endpoint for ${issuer}`]),
    ...(idp ? [[`${idp.issuer}/.well-known/openid-configuration`, 'identity provider discovery'] as [string, string]] : []),
    ...(discovery?.identityProvider
      ? [[discovery.identityProvider.tokenEndpoint, 'identity provider token endpoint'] as [string, string]]
      : []),
    ...(config.auditEndpoint ? [[config.auditEndpoint, 'audit endpoint'] as [string, string]] : []),
    ...(config.breakGlassEndpoint ? [[config.breakGlassEndpoint, 'break-glass endpoint'] as [string, string]] : []),
  ];
}

async function checkAssets(viewerPage: Fetched, get: (path: string) => Promise<Fetched | undefined>, add: Add): Promise<void> {
  const script = /<script[^>]*\bsrc="\/?([^"]+\.js)"/.exec(viewerPage.body)?.[1];
  if (!script) {
    add('problem', 'assets', 'index.html names no script');
    return;
  }
  const asset = await get(script);
  if (!asset) return;
  if (!asset.response.ok) {
    add('problem', `/${script}`, `answered ${asset.response.status}`);
    return;
  }
  const headers = asset.response.headers;
  const cache = (headers.get('cache-control') ?? '').toLowerCase();
  const maxAge = Number(/max-age=(\d+)/.exec(cache)?.[1] ?? 0);
  if (maxAge >= ONE_YEAR && cache.includes('immutable')) add('ok', 'cache-control (hashed assets)', `immutable for a year (/${script})`);
  else
    add(
      'weak',
      'cache-control (hashed assets)',
      `/${script}: ${cache || 'none'}; "public, max-age=${ONE_YEAR}, immutable" is expected (their names change with their content)`,
    );
  const encoding = headers.get('content-encoding');
  if (encoding && /gzip|br/.test(encoding)) add('ok', 'compression', `${encoding} (/${script})`);
  else add('missing', 'compression', `/${script} is sent uncompressed`);
  if (!/javascript/.test(headers.get('content-type') ?? ''))
    add('problem', `/${script}`, `is served as ${headers.get('content-type')}: module scripts need a JavaScript type`);
  if (headers.get('x-content-type-options')?.toLowerCase() !== 'nosniff')
    add('missing', 'x-content-type-options (assets)', `not nosniff on /${script}`);

  const map = await get(`${script}.map`);
  // A page served in place of a missing file (a single-page fallback) is not a source map.
  if (map?.response.ok && /"mappings"\s*:/.test(map.body))
    add('problem', 'source maps', `/${script}.map is served: keep source maps as build artefacts`);
  else add('ok', 'source maps', 'not served');
  if (/\/\/# sourceMappingURL=/.test(asset.body))
    add('note', 'source maps', `/${script} still names a source map (build with sourcemap: 'hidden')`);
}
