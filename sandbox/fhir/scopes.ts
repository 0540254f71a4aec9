// SMART scopes as the FHIR server enforces them: which resource types a token
// may read or search, and (for v2 granular scopes such as
// `patient/Observation.rs?category=laboratory`) which resources of that type.
import { matchesSearchRequest, parseSearchRequest, type SearchRequest } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import type { AccessGrant } from '../auth/grant';
import { FhirError } from './http';

/** `r` read by id (and receive as an included resource), `s` search. */
export type Permission = 'r' | 's';

export interface ResourceScope {
  /** A resource type, or `*`. */
  type: string;
  permissions: ReadonlySet<string>;
  /** The v2 granular query after `?`, if any: only resources matching it are covered. */
  query?: string;
}

/** Who a request is answered for: the grant behind its token, and the resource scopes among the grant's. */
export interface Caller {
  grant: AccessGrant;
  scopes: ResourceScope[];
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

/** A 403 for want of a scope, with the challenge that tells a SMART client so. */
export function forbiddenScope(message: string): FhirError {
  return FhirError.of(403, 'forbidden', message, { 'WWW-Authenticate': 'Bearer error="insufficient_scope"' });
}

/** Refuses (403) a type no scope lets the caller read or search: `what` names the interaction. */
export function requireScope(caller: Caller, type: string, permissions: readonly Permission[], what: string): void {
  if (!allowsType(caller.scopes, type, permissions)) {
    throw forbiddenScope(`The token has no scope allowing ${what} of ${type} (granted: ${caller.grant.scopes.join(' ') || 'none'})`);
  }
}

/**
 * With only granular scopes (e.g. Observation.rs?category=laboratory) for the type, every match
 * of a search must fit one: a search is refused, never filtered. `matches` are all of them, every page.
 */
export async function requireGranularScopes(
  caller: Caller,
  type: string,
  total: number,
  matches: () => Promise<Resource[]>,
): Promise<void> {
  if (total === 0 || scopesFor(caller.scopes, type, ['s']).some((s) => !s.query)) return;
  if (!(await matches()).every((r) => allowsResource(caller.scopes, r, ['s']))) {
    throw forbiddenScope(`Some ${type} matches fall outside the token's scopes; add the scope's criteria to the search`);
  }
}
