// The response headers the viewer is served with, derived from its
// configuration and the authorisation servers' discovered endpoints, so that
// the policy follows the configuration instead of being kept beside it.
// docs/deployment.md explains each header.

import type { ViewerConfig } from '../../src/launch-context/config';
import type { AuthorizationServer, Discovery } from './discover';

export type Directive = readonly [name: string, sources: readonly string[]];

export interface PolicyOptions {
  /** Further addresses the viewer may fetch, configured explicitly (e.g. where hosts' `smart_style_url` documents live). */
  connect?: readonly string[];
}

/** Browser features the viewer never uses, all refused to it and to anything it frames. */
export const REFUSED_FEATURES = [
  'accelerometer',
  'autoplay',
  'bluetooth',
  'camera',
  'display-capture',
  'encrypted-media',
  'fullscreen',
  'geolocation',
  'gyroscope',
  'hid',
  'idle-detection',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'picture-in-picture',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'sync-xhr',
  'usb',
  'web-share',
  'xr-spatial-tracking',
] as const;

/** A year, in seconds: what browsers' HSTS preload lists and the assets' immutable caching both use. */
export const ONE_YEAR = 31_536_000;

/**
 * The Content-Security-Policy of the viewer's pages. `silent.html` (the
 * identity provider's answer to a silent sign-in check, in a hidden iframe
 * of the viewer) is also framed by the viewer itself.
 */
export function contentSecurityPolicy(
  config: ViewerConfig,
  discovery: Discovery,
  options: PolicyOptions = {},
  page: 'viewer' | 'silent' = 'viewer',
): Directive[] {
  const hosts = config.hostOrigins ?? [];
  const idp = discovery.identityProvider;
  const ancestors = page === 'silent' ? ["'self'", ...hosts] : hosts;
  return [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    // Lit adopts constructed style sheets, which style-src does not govern; the pages link their CSS.
    ['style-src', ["'self'"]],
    ['connect-src', unique(["'self'", ...connectSources(config, discovery), ...(options.connect ?? []).map(asSource)])],
    // PDFs are shown from blob: URLs; the silent sign-in check frames the identity provider, which answers with silent.html.
    ['frame-src', unique(['blob:', ...(idp ? ["'self'", asSource(idp.authorizationEndpoint)] : [])])],
    ['object-src', ['blob:']],
    ['frame-ancestors', ancestors.length > 0 ? ancestors : ["'none'"]],
    ['base-uri', ["'none'"]],
    // Sign-in leaves by redirects, never by a form; the only forms (break-glass, filters) submit nowhere.
    ['form-action', ["'none'"]],
  ];
}

/**
 * Everything the viewer fetches: its configuration ('self'), each source and
 * allowed issuer (discovery, metadata, searches, batches), each authorisation
 * server's token (and PAR) endpoint, the identity provider's discovery
 * document and endpoints, the audit and break-glass endpoints.
 */
function connectSources(config: ViewerConfig, discovery: Discovery): string[] {
  const servers: AuthorizationServer[] = discovery.smart.map((s) => s.server);
  const idp = config.identityProvider;
  return [
    ...config.sources.flatMap((s) => base(s.fhirBaseUrl)),
    ...config.issuers.flatMap(base),
    ...servers.flatMap(fetchedEndpoints),
    ...(idp ? [asSource(`${idp.issuer}/.well-known/openid-configuration`)] : []),
    ...(discovery.identityProvider ? fetchedEndpoints(discovery.identityProvider) : []),
    ...(config.auditEndpoint ? base(config.auditEndpoint) : []),
    ...(config.breakGlassEndpoint ? base(config.breakGlassEndpoint) : []),
  ];
}

function fetchedEndpoints(server: AuthorizationServer): string[] {
  return [server.tokenEndpoint, ...(server.parEndpoint ? [server.parEndpoint] : [])].map(asSource);
}

/**
 * A base URL and everything below it: in CSP a path ending in `/` matches by
 * prefix, one without matches exactly, and an origin alone matches any path.
 */
function base(url: string): string[] {
  const source = asSource(url);
  return source.endsWith('/') || source === new URL(url).origin ? [source] : [source, `${source}/`];
}

/**
 * A URL as a CSP source expression: no query or fragment (CSP ignores them),
 * and nothing that would end or split the directive.
 */
export function asSource(url: string): string {
  const parsed = new URL(url);
  parsed.search = '';
  parsed.hash = '';
  const source = parsed.pathname === '/' ? parsed.origin : parsed.href;
  if (/[\s;,'"]/.test(source))
    throw new Error(`${url} cannot be written in a Content-Security-Policy (it contains a space, quote, ";" or ",").`);
  return source;
}

export function serialise(directives: readonly Directive[]): string {
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

export interface HeaderOptions {
  /** Served over https (directly or behind a TLS-terminating proxy or CDN): adds Strict-Transport-Security. */
  https: boolean;
}

/** Every security header except the Content-Security-Policy (which differs between pages), in the order they are served. */
export function securityHeaders({ https }: HeaderOptions): [name: string, value: string][] {
  return [
    ...(https ? [['Strict-Transport-Security', `max-age=${ONE_YEAR}; includeSubDomains`] as [string, string]] : []),
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'no-referrer'],
    ['Permissions-Policy', REFUSED_FEATURES.map((f) => `${f}=()`).join(', ')],
    // The viewer opens no pop-ups and needs no opener: sign-in uses redirects and a hidden iframe.
    ['Cross-Origin-Opener-Policy', 'same-origin'],
  ];
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
