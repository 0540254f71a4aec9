// A source's reads and searches, answered for a caller whose token is already
// checked: each access rule in turn (scopes, role, patient compartment,
// objection, restricted data), the resource or the searchset with its paging
// links, and the audit of what was released or refused. The same code answers
// a GET, a POST to _search and a batch entry.
import type { OutgoingHttpHeaders } from 'node:http';
import { randomUUID } from 'node:crypto';
import { getStatus, isOk } from '@medplum/core';
import type { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, BundleEntry, CapabilityStatement, Resource, ResourceType } from '@medplum/fhirtypes';
import type { SourceName } from '../config';
import type { AccessGrant } from '../auth/grant';
import {
  AccessRefused,
  readableByRole,
  requireNoObjection,
  requireRole,
  requireUnrestricted,
  seesRestricted,
  withheldEntry,
} from './access';
import {
  allowedPatients,
  collectPatientLinks,
  emptyLinks,
  notYours,
  requireCompartment,
  requireSearchedPatients,
  UNPINNED_TYPES,
  type AllowedPatients,
} from './compartment';
import { decodeSegments, FhirError } from './http';
import { releaseEvent, requestParty, type RefusalEvent, type ReleaseEvent } from './release-events';
import { allowsResource, forbiddenScope, requireGranularScopes, requireScope, type Caller } from './scopes';
import { isFhirId, isResourceType, planSearch, type SearchEngine, type SearchPlan } from './search';

/** A read or search answered: as an HTTP response, or as a batch entry. */
export interface Answer {
  status: number;
  body: Resource;
  headers?: OutgoingHttpHeaders;
  /** What a batch entry's `response` carries instead of the headers. */
  entryResponse?: Pick<NonNullable<BundleEntry['response']>, 'etag' | 'lastModified'>;
}

export interface ReadSearchOptions {
  source: SourceName;
  /** The source's absolute base: fullUrls and paging links are built on it. */
  baseUrl: string;
  repo: MemoryRepository;
  router: FhirRouter;
  search: SearchEngine;
  /** The ids of this source's Patients with an NHS number (without spaces). */
  patientIdsByNhsNumber: (nhsNumber: string) => Promise<string[]>;
  /** Whether the patient has objected to sharing. */
  hasObjection: (patient: NonNullable<AccessGrant['patient']>) => Promise<boolean>;
  /** The source's CapabilityStatement, which a batch entry may ask for. */
  capabilityStatement: () => CapabilityStatement;
  onRelease?: (event: ReleaseEvent) => void;
  onRefusal?: (event: RefusalEvent) => void;
}

export class ReadSearch {
  readonly #options: ReadSearchOptions;

  constructor(options: ReadSearchOptions) {
    this.#options = options;
  }

  /**
   * Answers one read or search (a GET, a POST to _search, or a batch entry): every
   * access check, the audit of what was released or refused, and the answer itself.
   * Throws a FhirError (or AccessRefused) for anything refused.
   */
  async answer(caller: Caller, method: string, url: URL, form: [string, string][] = []): Promise<Answer> {
    const segments = decodeSegments(url.pathname);
    // Public, so reached here only from a batch entry.
    if (segments.length === 1 && segments[0] === 'metadata' && method === 'GET') {
      return { status: 200, body: this.#options.capabilityStatement() };
    }
    if (segments.length === 0)
      throw FhirError.of(
        400,
        'not-supported',
        'Search across all resource types is not supported; search one type, e.g. Observation?patient=...',
      );
    const [type = '', second] = segments;
    if (!isResourceType(type)) throw FhirError.of(404, 'not-supported', `Unknown resource type "${type}"`);
    const isSearchPost = method === 'POST' && segments.length === 2 && second === '_search';
    const interaction = segments.length === 2 && !isSearchPost ? 'read' : 'search';
    try {
      if (segments.length === 1) return await this.#search(caller, type, url.searchParams, `${method} ${url.pathname}${url.search}`);
      if (isSearchPost) return await this.#search(caller, type, [...url.searchParams, ...form], `${method} ${url.pathname}${url.search}`);
      if (segments.length === 2 && second !== undefined) return await this.#read(caller, type, second, `${method} ${url.pathname}`);
    } catch (err) {
      if (err instanceof AccessRefused) {
        const party = requestParty(this.#options.source, caller.grant, interaction, `${method} ${url.pathname}${url.search}`);
        this.#options.onRefusal?.({ ...party, code: err.code });
      }
      throw err;
    }
    throw FhirError.of(404, 'not-supported', `Unsupported request: ${url.pathname} (only read and search are supported)`);
  }

  async #read(caller: Caller, type: ResourceType, id: string, request: string): Promise<Answer> {
    const { repo, router, baseUrl } = this.#options;
    requireScope(caller, type, ['r'], 'read');
    requireRole(caller.grant, type);
    if (!isFhirId(id)) throw FhirError.of(400, 'invalid', `Invalid id "${id}"`);
    const [outcome, resource] = await router.handleRequest(
      { method: 'GET', url: `${type}/${id}`, pathname: '', body: undefined, params: {}, query: {} },
      repo,
    );
    // Not found and not yours answer alike for record data: a 404 would say that another patient's id exists.
    if (!isOk(outcome) || !resource) {
      if (getStatus(outcome) === 404 && !UNPINNED_TYPES.has(type)) throw notYours();
      throw new FhirError(getStatus(outcome), outcome);
    }
    if (!allowsResource(caller.scopes, resource, ['r'])) throw forbiddenScope(`The token's scopes do not cover this ${type}`);
    requireCompartment(collectPatientLinks(resource, baseUrl, emptyLinks()), await this.#allowedPatients(caller));
    await requireNoObjection(caller.grant, type, this.#options.hasObjection);
    requireUnrestricted(caller.grant, resource);
    const etag = resource.meta?.versionId ? `W/"${resource.meta.versionId}"` : undefined;
    const lastModified = resource.meta?.lastUpdated;
    this.#release(caller, 'read', request, [resource]);
    return {
      status: 200,
      body: resource,
      headers: { ...(etag ? { ETag: etag } : {}), ...(lastModified ? { 'Last-Modified': new Date(lastModified).toUTCString() } : {}) },
      entryResponse: { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) },
    };
  }

  async #search(caller: Caller, type: ResourceType, params: Iterable<[string, string]>, request: string): Promise<Answer> {
    const { repo, baseUrl, hasObjection } = this.#options;
    const { grant } = caller;
    const plan = planSearch(type, params, baseUrl);
    requireScope(caller, type, ['s'], 'search');
    requireRole(grant, type);
    const allowed = await this.#allowedPatients(caller);
    requireSearchedPatients(type, plan.request.filters, allowed);
    await requireNoObjection(grant, type, hasObjection);
    if (type === 'Patient' && (plan.request.include || plan.request.revInclude)) await requireNoObjection(grant, 'Resource', hasObjection);
    const found = await this.#options.search.run(plan, { withholdRestricted: !seesRestricted(grant) });
    requireCompartment(found.links, allowed);
    await requireGranularScopes(caller, type, found.total, () =>
      repo.searchResources({ resourceType: type, filters: plan.request.filters }),
    );
    const included = emptyLinks();
    for (const resource of found.included) {
      if (!allowsResource(caller.scopes, resource, ['r', 's'])) {
        throw forbiddenScope(`The token's scopes do not cover the included ${resource.resourceType}`);
      }
      collectPatientLinks(resource, baseUrl, included);
    }
    requireCompartment(included, allowed);
    // An _include may reach types outside the role's profile: those are left out, and said to be.
    const shownIncluded = readableByRole(grant, found.included);
    const roleWithheld = found.included.length - shownIncluded.length;

    const entry: BundleEntry[] = [
      ...found.matches.map((resource) => this.#entry(resource, 'match')),
      ...shownIncluded.map((resource) => this.#entry(resource, 'include')),
      ...(found.withheld ? [withheldEntry('restricted-withheld', found.withheld, 'resources')] : []),
      ...(roleWithheld ? [withheldEntry('role-withheld', roleWithheld, 'resources')] : []),
    ];
    const bundle: Bundle = {
      resourceType: 'Bundle',
      id: randomUUID(),
      meta: { lastUpdated: new Date().toISOString() },
      type: 'searchset',
      total: found.total,
      link: this.#links(plan, found.total),
      ...(entry.length ? { entry } : {}),
    };
    this.#release(caller, 'search', request, [...found.matches, ...shownIncluded], found.withheld + roleWithheld);
    return { status: 200, body: bundle };
  }

  #entry(resource: Resource, mode: 'match' | 'include'): BundleEntry {
    return { fullUrl: `${this.#options.baseUrl}/${resource.resourceType}/${resource.id}`, resource, search: { mode } };
  }

  /** self, first, previous and next, absolute at this base, paging by _offset over the cached matches. */
  #links(plan: SearchPlan, total: number): Bundle['link'] {
    const at = (offset: number): string => {
      const query = new URLSearchParams(plan.linkParams);
      query.set('_count', String(plan.count));
      if (offset > 0) query.set('_offset', String(offset));
      return `${this.#options.baseUrl}/${plan.resourceType}?${query.toString()}`;
    };
    const links = [
      { relation: 'self', url: at(plan.offset) },
      { relation: 'first', url: at(0) },
    ];
    if (plan.offset > 0 && plan.count > 0) links.push({ relation: 'previous', url: at(Math.max(0, plan.offset - plan.count)) });
    if (plan.count > 0 && plan.offset + plan.count < total) links.push({ relation: 'next', url: at(plan.offset + plan.count) });
    return links;
  }

  #allowedPatients(caller: Caller): Promise<AllowedPatients> {
    return allowedPatients(caller.grant, this.#options.source, this.#options.patientIdsByNhsNumber);
  }

  #release(caller: Caller, interaction: ReleaseEvent['interaction'], request: string, resources: Resource[], withheld = 0): void {
    this.#options.onRelease?.(releaseEvent(requestParty(this.#options.source, caller.grant, interaction, request), resources, withheld));
  }
}
