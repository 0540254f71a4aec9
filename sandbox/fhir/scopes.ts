// SMART scopes as the FHIR server enforces them: which resource types a token
// may read or search, and (for v2 granular scopes such as
// `patient/Observation.rs?category=laboratory`) which resources of that type.
import { matchesSearchRequest, parseSearchRequest, type SearchRequest } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';

/** `r` read by id (and receive as an included resource), `s` search. */
export type Permission = 'r' | 's';

export interface ResourceScope {
  /** A resource type, or `*`. */
  type: string;
  permissions: ReadonlySet<string>;
  /** The v2 granular query after `?`, if any: only resources matching it are covered. */
  query?: string;
}

const SCOPE = /^(?:patient|user|system)\/(\*|[A-Z][A-Za-z]{1,63})\.([a-z*]+)(?:\?(.+))?$/;

/** Parses the resource scopes among a grant's scopes; context scopes (openid, launch...) are skipped. */
export function parseResourceScopes(scopes: readonly string[]): ResourceScope[] {
  const result: ResourceScope[] = [];
  for (const scope of scopes) {
    const match = SCOPE.exec(scope);
    if (!match) continue;
    const [, type, access, query] = match as unknown as [string, string, string, string | undefined];
    const permissions = permissionsOf(access);
    if (!permissions) continue;
    result.push({ type, permissions, ...(query ? { query } : {}) });
  }
  return result;
}

function permissionsOf(access: string): Set<string> | undefined {
  // v1
  if (access === 'read') return new Set(['r', 's']);
  if (access === '*') return new Set(['c', 'r', 'u', 'd', 's']);
  if (access === 'write') return new Set(['c', 'u', 'd']);
  // v2: a subset of c, r, u, d, s in that order
  if (!/^c?r?u?d?s?$/.test(access) || access === '') return undefined;
  return new Set(access);
}

/** Scopes of `type` granting any of `permissions`. */
function scopesFor(scopes: readonly ResourceScope[], type: string, permissions: readonly Permission[]): ResourceScope[] {
  return scopes.filter((s) => (s.type === '*' || s.type === type) && permissions.some((p) => s.permissions.has(p)));
}

/** True when some scope lets the token do this to some resources of this type. */
export function allowsType(scopes: readonly ResourceScope[], type: string, permissions: readonly Permission[]): boolean {
  return scopesFor(scopes, type, permissions).length > 0;
}

const parsedQueries = new Map<string, SearchRequest>();

/**
 * True when the scopes cover this very resource: an unrestricted scope for its
 * type, or a granular one whose query it matches (matched by medplum's engine).
 */
export function allowsResource(scopes: readonly ResourceScope[], resource: Resource, permissions: readonly Permission[]): boolean {
  for (const scope of scopesFor(scopes, resource.resourceType, permissions)) {
    if (!scope.query) return true;
    const key = `${resource.resourceType}?${scope.query}`;
    let request = parsedQueries.get(key);
    if (!request) {
      try {
        request = parseSearchRequest(key);
      } catch {
        continue; // a query the engine cannot read covers nothing
      }
      parsedQueries.set(key, request);
    }
    if (matchesSearchRequest(resource, request)) return true;
  }
  return false;
}
