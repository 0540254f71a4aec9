// Which SMART App Launch scopes the sandbox grants. The viewer is read-only, so
// only read permissions are granted: v2 `r`, `s` or `rs` (optionally narrowed by a
// query such as `?category=laboratory`) and v1 `read`. Anything else requested is
// left out of the grant, and the token response's `scope` says what was granted.

/** Scopes that are not about FHIR resources: identity, launch context, refresh. */
export const CONTEXT_SCOPES = ['openid', 'fhirUser', 'profile', 'launch', 'launch/patient', 'offline_access', 'online_access'] as const;

const contextScopes: ReadonlySet<string> = new Set(CONTEXT_SCOPES);

const RESOURCE_TYPE = String.raw`(?:\*|[A-Z][A-Za-z]{1,63})`;
const V2_READ = new RegExp(String.raw`^(?:patient|user)/${RESOURCE_TYPE}\.(?:rs|r|s)(?:\?[^\s?]+)?$`);
const V1_READ = new RegExp(String.raw`^(?:patient|user)/${RESOURCE_TYPE}\.read$`);

export function isContextScope(scope: string): boolean {
  return contextScopes.has(scope);
}

export function isResourceReadScope(scope: string): boolean {
  return V2_READ.test(scope) || V1_READ.test(scope);
}

export function isGrantableScope(scope: string): boolean {
  return isContextScope(scope) || isResourceReadScope(scope);
}

/** Patient-level access means nothing without a patient, so such a request gets a patient picker. */
export function needsPatientContext(scopes: readonly string[]): boolean {
  return scopes.some((scope) => scope === 'launch/patient' || scope.startsWith('patient/'));
}

export function splitScope(scope: unknown): string[] {
  return typeof scope === 'string' ? [...new Set(scope.split(' ').filter(Boolean))] : [];
}

/**
 * OpenID Connect drops `offline_access` from a request without `prompt=consent`;
 * SMART apps ask for it without one, and every launch here ends in a consent step
 * (the patient picker, or the host's launch) anyway.
 */
export function keepOfflineAccess(search: URLSearchParams): void {
  if (splitScope(search.get('scope')).includes('offline_access') && !search.has('prompt')) search.set('prompt', 'consent');
}

/** Examples for discovery; the grammar above accepts any resource type. */
export const SCOPES_SUPPORTED = [...CONTEXT_SCOPES, 'patient/*.rs', 'patient/*.read', 'user/*.rs', 'user/*.read'];
