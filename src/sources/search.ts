// Paged FHIR search: follows Bundle.link[next] up to the source's cap and says
// when it stopped early, so that truncation is never silent.

import type { Resource } from '@medplum/fhirtypes';
import { FhirHttpClient, FhirRequestError, issueText, outcomeText } from './fhir-http';
import { accessCodeOfIssue, withheldCountOfIssue } from '../access/outcomes';
import { isUnderBase } from './token-scope';
import { isRecord } from '../json/is-record';

export interface SearchResult {
  resources: Resource[];
  /** Bundle.total of the first page, when the server gave it. */
  total?: number;
  /** Paging stopped (cap reached, or a next link that could not be followed) before the end. */
  truncated: boolean;
  /** OperationOutcome issues found in the Bundles, and notes about paging. */
  warnings: string[];
  /** The server said it left out restricted resources (access outcome `restricted-withheld`). */
  restrictedWithheld?: boolean;
  /** How many, when the server said (the same on every page: counted before paging). */
  restrictedWithheldCount?: number;
}

/** One page of a search, read defensively. */
export interface BundlePage {
  resources: Resource[];
  warnings: string[];
  restrictedWithheld?: boolean;
  restrictedWithheldCount?: number;
  total?: number;
  next?: string;
}

export interface SearchOptions {
  /** Stop following next links once this many resources have arrived. */
  pageCap: number;
  signal?: AbortSignal;
  /** Urgency of every page of this search, for the client's scheduler: lower goes first. */
  priority?: number;
  /** The first page's JSON when it has been asked for already (in a batch); later pages are fetched as usual. */
  firstPage?: () => Promise<unknown>;
}

export async function searchAll(http: FhirHttpClient, query: string, options: SearchOptions): Promise<SearchResult> {
  const result: SearchResult = { resources: [], truncated: false, warnings: [] };
  const visited = new Set<string>();
  let url: string | undefined = http.resolve(query);
  let given = options.firstPage;
  while (url) {
    visited.add(url);
    const json = given ? await given() : await http.getJson(url, options.signal, options.priority);
    given = undefined;
    const page = readSearchBundle(json, url);
    result.resources.push(...page.resources);
    result.warnings.push(...page.warnings);
    if (page.restrictedWithheld) result.restrictedWithheld = true;
    if (page.restrictedWithheldCount !== undefined)
      result.restrictedWithheldCount = Math.max(result.restrictedWithheldCount ?? 0, page.restrictedWithheldCount);
    if (result.total === undefined && page.total !== undefined) result.total = page.total;
    url = nextUrl(page, url, http, visited, result, options.pageCap);
  }
  return result;
}

/** The next page to fetch, or undefined; records why paging stopped early. */
function nextUrl(
  page: BundlePage,
  current: string,
  http: FhirHttpClient,
  visited: Set<string>,
  result: SearchResult,
  pageCap: number,
): string | undefined {
  if (!page.next) return undefined;
  const next = URL.canParse(page.next, current) ? new URL(page.next, current).href : undefined;
  if (result.resources.length >= pageCap) {
    result.truncated = true;
    return undefined;
  }
  // The token is only ever sent under the source's base: a next link elsewhere (even on its host) is not followed.
  if (!next || !isUnderBase(next, http.baseUrl)) {
    return stopPaging(result, 'paging stopped: the next page link points outside this source');
  }
  if (visited.has(next)) {
    return stopPaging(result, 'paging stopped: the server repeated a page link');
  }
  return next;
}

function stopPaging(result: SearchResult, warning: string): undefined {
  result.truncated = true;
  result.warnings.push(warning);
  return undefined;
}

/**
 * Reads a searchset Bundle: resources, the next link, total, and warnings
 * (entries with `search.mode = outcome` or OperationOutcome resources).
 */
export function readSearchBundle(json: unknown, url: string): BundlePage {
  if (!isRecord(json) || json.resourceType !== 'Bundle') {
    throw new FhirRequestError('invalid-response', notABundle(json), url);
  }
  const page: BundlePage = { resources: [], warnings: [] };
  for (const entry of Array.isArray(json.entry) ? json.entry : []) {
    readEntry(entry, page);
  }
  if (typeof json.total === 'number' && Number.isInteger(json.total) && json.total >= 0) page.total = json.total;
  const next: unknown = Array.isArray(json.link) ? json.link.find((l) => isRecord(l) && l.relation === 'next') : undefined;
  if (isRecord(next) && typeof next.url === 'string' && next.url) page.next = next.url;
  return page;
}

function readEntry(entry: unknown, page: BundlePage): void {
  if (!isRecord(entry) || !isRecord(entry.resource) || typeof entry.resource.resourceType !== 'string') return;
  const resource = entry.resource;
  const isOutcome = (isRecord(entry.search) && entry.search.mode === 'outcome') || resource.resourceType === 'OperationOutcome';
  if (!isOutcome) {
    page.resources.push(resource as unknown as Resource);
    return;
  }
  for (const issue of Array.isArray(resource.issue) ? resource.issue : []) {
    // Told apart from other warnings: the section says it in the viewer's own words.
    if (accessCodeOfIssue(issue) === 'restricted-withheld') {
      page.restrictedWithheld = true;
      const count = withheldCountOfIssue(issue);
      if (count !== undefined) page.restrictedWithheldCount = (page.restrictedWithheldCount ?? 0) + count;
      continue;
    }
    const text = issueText(issue);
    if (text) page.warnings.push(text);
  }
}

function notABundle(json: unknown): string {
  const type = isRecord(json) && typeof json.resourceType === 'string' ? json.resourceType : undefined;
  if (type === 'OperationOutcome') {
    const text = outcomeText(json);
    return `the server answered with an OperationOutcome instead of results${text ? `: ${text}` : ''}`;
  }
  return type
    ? `the server answered with a ${type} instead of a search Bundle`
    : 'the server answered with something that is not a FHIR Bundle';
}
