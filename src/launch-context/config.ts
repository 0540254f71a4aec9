// The viewer's configuration (public/config.json): which servers may launch it,
// how it registers with them, and which FHIR sources make up the shared record.
// Validated as a whole so that an administrator sees every mistake at once.

import { normaliseBaseUrl, SOURCE_DEFAULTS, type SourceAuth, type SourceConfig } from '../sources/source-config';
import { isRecord } from '../json/is-record';

export { normaliseBaseUrl, SOURCE_DEFAULTS, type SourceConfig };

export interface ViewerConfig {
  /** FHIR base URLs allowed as `iss` (normalised: no trailing slash). */
  issuers: string[];
  /** Issuer used for a standalone launch (no `iss` given); defaults to the first issuer. */
  standaloneIssuer?: string;
  clientId: string;
  /** Scopes requested; `launch` is added for EHR launches and removed for standalone ones. */
  scope: string;
  /** Absolute, or relative to the launch page. Must be registered with the authorisation server. */
  redirectUri: string;
  /** Empty: the launching server alone is the source. */
  sources: SourceConfig[];
  /** Host systems whose signed context links are accepted, each with its pinned public keys. None: no link is accepted. */
  linkIssuers?: LinkIssuer[];
  /** The OpenID Connect identity provider that signs users in for signed links (NHS CIS2 or its stand-in). */
  identityProvider?: IdentityProviderConfig;
  /** Where AuditEvents are POSTed; no auditing when absent. */
  auditEndpoint?: string;
  /** The authorisation server's break-glass endpoint; emergency access is not offered when absent. */
  breakGlassEndpoint?: string;
  /**
   * Origins of the host systems' pages allowed to frame the viewer (the served
   * `frame-ancestors`). None listed: no page may frame it.
   */
  hostOrigins?: string[];
}

/** A host system allowed to open the viewer with a signed context link. */
export interface LinkIssuer {
  /** The link's `iss`, exactly (normalised: no trailing slash). */
  issuer: string;
  /** The host's name as users know it, e.g. "Riverside Medical Practice (GP system)". */
  name: string;
  /** The host's public keys (a JWK Set), pinned here rather than fetched. */
  jwks: { keys: JsonWebKeyLike[] };
}

/** A public JWK as configured (EC P-256 for ES256). */
export interface JsonWebKeyLike {
  kty: string;
  kid?: string;
  [member: string]: unknown;
}

export interface IdentityProviderConfig {
  /** The OpenID Connect issuer (its discovery document is at `/.well-known/openid-configuration`). */
  issuer: string;
  /** The viewer's client id there (a public client with PKCE). */
  clientId: string;
  /** Scopes to ask for; defaults to `openid profile`. */
  scope?: string;
}

const MAX_TIMEOUT_MS = 120_000;
const SOURCE_NAME = /^[a-z0-9][a-z0-9-]*$/;
const VIEWER_FIELDS = [
  'issuers',
  'standaloneIssuer',
  'clientId',
  'scope',
  'redirectUri',
  'sources',
  'linkIssuers',
  'identityProvider',
  'auditEndpoint',
  'breakGlassEndpoint',
  'hostOrigins',
];
const LINK_ISSUER_FIELDS = ['issuer', 'name', 'jwks'];
const IDENTITY_PROVIDER_FIELDS = ['issuer', 'clientId', 'scope'];
const SOURCE_FIELDS = ['name', 'organisation', 'odsCode', 'fhirBaseUrl', 'auth', 'timeoutMs', 'pageCap'];
const AUTH_VALUES: readonly SourceAuth[] = ['launch-token', 'none'];

export type ConfigResult = { ok: true; config: ViewerConfig } | { ok: false; errors: string[] };

/** True when `iss` is on the allow-list (exact match after normalisation; no prefix matching). */
export function isAllowedIssuer(config: Pick<ViewerConfig, 'issuers'>, iss: string): boolean {
  const wanted = normaliseBaseUrl(iss);
  return config.issuers.some((allowed) => allowed === wanted);
}

/** Checks a parsed config.json and fills in defaults; lists every problem found. */
export function parseViewerConfig(json: unknown): ConfigResult {
  const errors: string[] = [];
  if (!isRecord(json)) {
    return { ok: false, errors: ['The configuration must be a JSON object.'] };
  }
  checkUnknownFields(json, VIEWER_FIELDS, '', errors);
  const issuers = readIssuers(json.issuers, errors);
  const standaloneIssuer = readOptionalUrl(json.standaloneIssuer, 'standaloneIssuer', errors);
  if (standaloneIssuer && !issuers.includes(standaloneIssuer)) {
    errors.push(`standaloneIssuer (${standaloneIssuer}) must also be listed in issuers.`);
  }
  const clientId = readText(json.clientId, 'clientId', errors);
  const scope = readText(json.scope, 'scope', errors);
  const redirectUri = readRedirectUri(json.redirectUri, errors);
  const sources = readSources(json.sources, errors);
  const linkIssuers = readLinkIssuers(json.linkIssuers, errors);
  const identityProvider = readIdentityProvider(json.identityProvider, errors);
  if (linkIssuers.length > 0 && !identityProvider) {
    errors.push('identityProvider is needed when linkIssuers are listed: signed links sign the user in with it.');
  }
  const auditEndpoint = readOptionalUrl(json.auditEndpoint, 'auditEndpoint', errors);
  const breakGlassEndpoint = readOptionalUrl(json.breakGlassEndpoint, 'breakGlassEndpoint', errors);
  const hostOrigins = readHostOrigins(json.hostOrigins, errors);
  if (errors.length > 0) return { ok: false, errors };
  const config: ViewerConfig = { issuers, clientId, scope, redirectUri, sources };
  if (standaloneIssuer) config.standaloneIssuer = standaloneIssuer;
  if (linkIssuers.length > 0) config.linkIssuers = linkIssuers;
  if (identityProvider) config.identityProvider = identityProvider;
  if (auditEndpoint) config.auditEndpoint = auditEndpoint;
  if (breakGlassEndpoint) config.breakGlassEndpoint = breakGlassEndpoint;
  if (hostOrigins) config.hostOrigins = hostOrigins;
  return { ok: true, config };
}

/** Fetches and validates the configuration; never throws. */
export async function loadViewerConfig(url: string, fetchFn: typeof fetch = fetch): Promise<ConfigResult> {
  let response: Response;
  try {
    response = await fetchFn(url, { headers: { Accept: 'application/json' } });
  } catch {
    return { ok: false, errors: [`The configuration (${url}) could not be fetched.`] };
  }
  if (!response.ok) {
    return { ok: false, errors: [`The configuration (${url}) could not be fetched: ${response.status} ${response.statusText}.`.trim()] };
  }
  try {
    return parseViewerConfig(JSON.parse(await response.text()));
  } catch {
    return { ok: false, errors: [`The configuration (${url}) is not valid JSON.`] };
  }
}

// ---------------------------------------------------------------- readers

function readIssuers(value: unknown, errors: string[]): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    errors.push('issuers must be a non-empty list of FHIR base URLs allowed to launch the viewer.');
    return [];
  }
  const issuers = value.map((item, i) => readUrl(item, `issuers[${i}]`, errors));
  return issuers.filter((iss): iss is string => iss !== undefined);
}

export function readSources(value: unknown, errors: string[]): SourceConfig[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    errors.push('sources must be a list (it may be empty: then the launching server alone is the source).');
    return [];
  }
  const sources = value.map((item, i) => readSource(item, `sources[${i}]`, errors));
  const valid = sources.filter((s): s is SourceConfig => s !== undefined);
  reportDuplicates(
    valid.map((s) => s.name),
    'name',
    errors,
  );
  reportDuplicates(
    valid.map((s) => s.fhirBaseUrl),
    'fhirBaseUrl',
    errors,
  );
  return valid;
}

function readSource(value: unknown, path: string, errors: string[]): SourceConfig | undefined {
  if (!isRecord(value)) {
    errors.push(`${path} must be an object.`);
    return undefined;
  }
  const before = errors.length;
  checkUnknownFields(value, SOURCE_FIELDS, `${path}.`, errors);
  const name = readText(value.name, `${path}.name`, errors);
  if (name && !SOURCE_NAME.test(name)) {
    errors.push(`${path}.name "${name}" may contain only lower-case letters, digits and hyphens.`);
  }
  const organisation = readText(value.organisation, `${path}.organisation`, errors);
  const odsCode = value.odsCode === undefined ? undefined : readText(value.odsCode, `${path}.odsCode`, errors);
  const fhirBaseUrl = readUrl(value.fhirBaseUrl, `${path}.fhirBaseUrl`, errors) ?? '';
  const auth = readAuth(value.auth, `${path}.auth`, errors);
  const timeoutMs = readPositiveInt(value.timeoutMs, `${path}.timeoutMs`, SOURCE_DEFAULTS.timeoutMs, MAX_TIMEOUT_MS, errors);
  const pageCap = readPositiveInt(value.pageCap, `${path}.pageCap`, SOURCE_DEFAULTS.pageCap, Number.MAX_SAFE_INTEGER, errors);
  if (errors.length > before) return undefined;
  const source: SourceConfig = { name, organisation, fhirBaseUrl, auth, timeoutMs, pageCap };
  if (odsCode) source.odsCode = odsCode;
  return source;
}

/** Origins only (scheme, host, port), each exactly: the server turns them into `frame-ancestors`, where a path or wildcard would mean something else. */
function readHostOrigins(value: unknown, errors: string[]): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    errors.push('hostOrigins must be a list of origins (it may be empty: then no page may frame the viewer).');
    return undefined;
  }
  const origins: string[] = [];
  value.forEach((item, i) => {
    const path = `hostOrigins[${i}]`;
    if (typeof item === 'string' && item.includes('*')) {
      errors.push(`${path} (${item}) must name one origin exactly: no wildcards.`);
      return;
    }
    const url = readUrl(item, path, errors);
    if (url === undefined) return;
    const { origin, pathname, username, password } = new URL(url);
    if ((pathname !== '/' && pathname !== '') || username || password) {
      errors.push(`${path} (${item}) must be an origin only (scheme, host and port, e.g. https://ehr.example.nhs.uk).`);
    } else if (origins.includes(origin)) {
      errors.push(`hostOrigins lists "${origin}" twice.`);
    } else {
      origins.push(origin);
    }
  });
  return origins;
}

function readLinkIssuers(value: unknown, errors: string[]): LinkIssuer[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    errors.push('linkIssuers must be a list (it may be empty: then no signed link is accepted).');
    return [];
  }
  const issuers = value.map((item, i) => readLinkIssuer(item, `linkIssuers[${i}]`, errors));
  const valid = issuers.filter((s): s is LinkIssuer => s !== undefined);
  const seen = new Set<string>();
  for (const { issuer } of valid) {
    if (seen.has(issuer)) errors.push(`Two linkIssuers have the same issuer "${issuer}".`);
    seen.add(issuer);
  }
  return valid;
}

function readLinkIssuer(value: unknown, path: string, errors: string[]): LinkIssuer | undefined {
  if (!isRecord(value)) {
    errors.push(`${path} must be an object.`);
    return undefined;
  }
  const before = errors.length;
  checkUnknownFields(value, LINK_ISSUER_FIELDS, `${path}.`, errors);
  const issuer = readUrl(value.issuer, `${path}.issuer`, errors) ?? '';
  const name = readText(value.name, `${path}.name`, errors);
  const jwks = readJwks(value.jwks, `${path}.jwks`, errors);
  return errors.length > before || !jwks ? undefined : { issuer, name, jwks };
}

/** Public keys only: a private member (`d`, ...) in the configuration is a leaked key and is refused. */
function readJwks(value: unknown, path: string, errors: string[]): LinkIssuer['jwks'] | undefined {
  const keys = isRecord(value) && Array.isArray(value.keys) ? value.keys : undefined;
  if (!keys || keys.length === 0) {
    errors.push(`${path} must be a JWK Set with at least one key ({ "keys": [...] }).`);
    return undefined;
  }
  const before = errors.length;
  keys.forEach((key, i) => {
    if (!isRecord(key) || typeof key.kty !== 'string') errors.push(`${path}.keys[${i}] must be a JWK with a kty.`);
    else if (['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'].some((m) => m in key)) {
      errors.push(`${path}.keys[${i}] holds private key material: pin the public key only (and replace the leaked key).`);
    }
  });
  return errors.length > before ? undefined : { keys: keys as JsonWebKeyLike[] };
}

function readIdentityProvider(value: unknown, errors: string[]): IdentityProviderConfig | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    errors.push('identityProvider must be an object.');
    return undefined;
  }
  const before = errors.length;
  checkUnknownFields(value, IDENTITY_PROVIDER_FIELDS, 'identityProvider.', errors);
  const issuer = readUrl(value.issuer, 'identityProvider.issuer', errors) ?? '';
  const clientId = readText(value.clientId, 'identityProvider.clientId', errors);
  const scope = value.scope === undefined ? undefined : readText(value.scope, 'identityProvider.scope', errors);
  if (errors.length > before) return undefined;
  return scope ? { issuer, clientId, scope } : { issuer, clientId };
}

function readAuth(value: unknown, path: string, errors: string[]): SourceAuth {
  if (typeof value === 'string' && (AUTH_VALUES as readonly string[]).includes(value)) return value as SourceAuth;
  errors.push(`${path} must be one of ${AUTH_VALUES.map((a) => `"${a}"`).join(', ')}.`);
  return 'none';
}

function readText(value: unknown, path: string, errors: string[]): string {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  errors.push(`${path} must be a non-empty text.`);
  return '';
}

function readPositiveInt(value: unknown, path: string, fallback: number, max: number, errors: string[]): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= max) return value;
  errors.push(`${path} must be a whole number from 1 to ${max}.`);
  return fallback;
}

export function readOptionalUrl(value: unknown, path: string, errors: string[]): string | undefined {
  return value === undefined ? undefined : readUrl(value, path, errors);
}

/** http(s) only, and plain http only on the loopback interface: tokens must not cross a network unencrypted. */
export function readUrl(value: unknown, path: string, errors: string[]): string | undefined {
  if (typeof value !== 'string' || !URL.canParse(value)) {
    errors.push(`${path} must be an absolute URL.`);
    return undefined;
  }
  const url = new URL(value);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    errors.push(`${path} (${value}) must use https (plain http is allowed only for 127.0.0.1 or localhost).`);
    return undefined;
  }
  if (url.search || url.hash) {
    errors.push(`${path} (${value}) must not contain a query or fragment.`);
    return undefined;
  }
  return normaliseBaseUrl(url.href);
}

function readRedirectUri(value: unknown, errors: string[]): string {
  const text = readText(value, 'redirectUri', errors);
  if (text && /^[a-z][a-z0-9+.-]*:/i.test(text)) readUrl(text, 'redirectUri', errors);
  return text;
}

function isLoopback(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

export function checkUnknownFields(record: Record<string, unknown>, known: string[], prefix: string, errors: string[]): void {
  for (const key of Object.keys(record)) {
    if (known.includes(key)) continue;
    const near = known.find((k) => k.toLowerCase() === key.toLowerCase());
    errors.push(`${prefix}${key} is not a known setting${near ? ` (did you mean ${near}?)` : ''}.`);
  }
}

function reportDuplicates(values: string[], field: string, errors: string[]): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) errors.push(`Two sources have the same ${field} "${value}".`);
    seen.add(value);
  }
}
