// FHIR search over medplum's MemoryRepository: medplum parses the query and
// matches resources; this module checks the query is one the engine really
// answers (so an unsupported parameter is a 400, never a silently empty
// result), sorts once, and pages from a cached list of matches.
import {
  convertToSearchableDates,
  convertToSearchableNumbers,
  convertToSearchableQuantities,
  convertToSearchableReferences,
  convertToSearchableStrings,
  convertToSearchableTokens,
  convertToSearchableUris,
  evalFhirPathTyped,
  globalSchema,
  LRUCache,
  parseSearchRequest,
  toTypedValue,
  type FhirPathAtom,
  type SearchRequest,
  type SortRule,
} from '@medplum/core';
import { getExtraEntries, type MemoryRepository } from '@medplum/fhir-router';
import type { BundleEntry, Resource, ResourceType, SearchParameter } from '@medplum/fhirtypes';
import { isRestricted } from '../../src/access/confidentiality';
import { collectPatientLinks, emptyLinks, type PatientLinks } from './compartment';
import { FhirError } from './http';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

/** Parameter types medplum's in-memory matcher evaluates; it answers every other type with "no match". */
const FILTER_TYPES: ReadonlySet<string> = new Set(['reference', 'string', 'token', 'date', 'uri']);
const SORT_TYPES: ReadonlySet<string> = new Set([...FILTER_TYPES, 'number', 'quantity']);
/** Modifiers the matcher honours, per parameter type (it treats any other as plain equality). */
const MODIFIERS: Readonly<Record<string, ReadonlySet<string>>> = {
  token: new Set(['', 'not', 'missing']),
  string: new Set(['', 'contains', 'missing']),
  reference: new Set(['', 'missing']),
  date: new Set(['', 'missing']),
  uri: new Set(['', 'missing']),
};
/** medplum's own parameters, meaningless here. */
const ENGINE_PARAMS: ReadonlySet<string> = new Set(['_compartment', '_project']);
/** Accepted and ignored: the answer is always full JSON with a total. */
const IGNORED_PARAMS: ReadonlySet<string> = new Set(['_format', '_pretty', '_total', '_elements']);

export interface SearchPlan {
  resourceType: ResourceType;
  /** Filters, sort rules and includes as medplum parsed them; no paging. */
  request: SearchRequest;
  count: number;
  offset: number;
  /** The client's parameters other than paging, to build links from. */
  linkParams: [string, string][];
  /** Identifies the set of matches (filters and sort), whatever the page. */
  key: string;
}

export function isResourceType(type: string): type is ResourceType {
  return (
    /^[A-Z][A-Za-z]+$/.test(type) &&
    globalSchema.types[type]?.searchParams !== undefined &&
    type !== 'Resource' &&
    type !== 'DomainResource'
  );
}

/** A FHIR logical id: up to 64 letters, digits, '-' and '.'. */
export function isFhirId(id: string): boolean {
  return /^[A-Za-z0-9\-.]{1,64}$/.test(id);
}

/** The search parameters of a type that this server answers correctly. */
export function supportedSearchParams(resourceType: string): SearchParameter[] {
  const params = globalSchema.types[resourceType]?.searchParams ?? {};
  return Object.values(params).filter((p) => FILTER_TYPES.has(p.type) && !ENGINE_PARAMS.has(p.code));
}

function searchParam(resourceType: string, code: string): SearchParameter | undefined {
  if (ENGINE_PARAMS.has(code)) return undefined;
  return globalSchema.types[resourceType]?.searchParams?.[code];
}

const bad = (message: string): FhirError => FhirError.of(400, 'invalid', message);

/** Checks a query and turns it into a plan; throws a 400 FhirError for anything the engine would not answer truly. */
export function planSearch(resourceType: ResourceType, params: Iterable<[string, string]>, baseUrl: string): SearchPlan {
  const engineParams: [string, string][] = [];
  const linkParams: [string, string][] = [];
  let count = DEFAULT_PAGE_SIZE;
  let offset = 0;
  for (const [key, value] of params) {
    const colon = key.indexOf(':');
    const code = colon < 0 ? key : key.slice(0, colon);
    const modifier = colon < 0 ? '' : key.slice(colon + 1);
    if (code === '_count' || code === '_offset') {
      const n = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
      if (Number.isNaN(n)) throw bad(`${code} must be a non-negative integer`);
      if (code === '_count') count = Math.min(n, MAX_PAGE_SIZE);
      else offset = n;
      continue;
    }
    linkParams.push([key, value]);
    if (IGNORED_PARAMS.has(code)) continue;
    if (code === '_summary') {
      if (value === 'count') count = 0;
      continue;
    }
    if (code === '_sort') {
      checkSort(resourceType, value);
      engineParams.push([key, value]);
    } else if (code === '_include' || code === '_revinclude') {
      if (modifier !== '' && modifier !== 'iterate') throw bad(`Unknown modifier :${modifier} on ${code}`);
      checkInclude(code, value);
      engineParams.push([key, value]);
    } else if (key.includes('.')) {
      checkChain(resourceType, key, value);
      engineParams.push([key, value]);
    } else {
      engineParams.push(checkFilter(resourceType, code, modifier, value, baseUrl));
    }
  }

  let request: SearchRequest;
  try {
    request = parseSearchRequest(`${resourceType}?${new URLSearchParams(engineParams).toString()}`);
  } catch (err) {
    throw bad(err instanceof Error ? err.message : String(err));
  }
  const key = JSON.stringify([resourceType, request.filters ?? [], request.sortRules ?? []]);
  return { resourceType, request, count, offset, linkParams, key };
}

function checkFilter(resourceType: string, code: string, modifier: string, value: string, baseUrl: string): [string, string] {
  const param = searchParam(resourceType, code);
  if (!param) throw bad(`Unknown search parameter "${code}" for ${resourceType}`);
  if (!FILTER_TYPES.has(param.type))
    throw FhirError.of(400, 'not-supported', `Search parameter "${code}" (${param.type}) is not supported`);
  if (modifier === 'missing') {
    if (value !== 'true' && value !== 'false') throw bad(`${code}:missing must be true or false`);
    return [`${code}:missing`, value];
  }
  if (value === '') throw bad(`Search parameter "${code}" has no value`);
  if (param.type === 'reference') return [code, referenceValues(param, modifier, value, `${baseUrl}/`)];
  if (!MODIFIERS[param.type]?.has(modifier))
    throw FhirError.of(400, 'not-supported', `Modifier :${modifier} is not supported on "${code}"`);
  return [modifier ? `${code}:${modifier}` : code, value];
}

/**
 * Rewrites reference values into the form medplum matches: `Type/id`. Accepts
 * `subject:Patient=1`, `subject=1` (any target type) and absolute URLs at this base.
 */
function referenceValues(param: SearchParameter, modifier: string, value: string, basePrefix: string): string {
  const targets = param.target ?? [];
  if (modifier && !targets.includes(modifier as ResourceType)) {
    throw FhirError.of(400, 'not-supported', `Modifier :${modifier} is not supported on "${param.code}"`);
  }
  return value
    .split(',')
    .flatMap((v) => {
      const local = v.startsWith(basePrefix) ? v.slice(basePrefix.length) : v;
      if (local.includes('/')) return [local];
      if (modifier) return [`${modifier}/${local}`];
      return targets.length === 1 ? [local] : targets.map((t) => `${t}/${local}`);
    })
    .join(',');
}

function checkSort(resourceType: string, value: string): void {
  for (const field of value.split(',')) {
    const code = field.startsWith('-') ? field.slice(1) : field;
    const param = searchParam(resourceType, code);
    if (!param || !SORT_TYPES.has(param.type)) throw bad(`Cannot sort ${resourceType} by "${code}"`);
  }
}

function checkInclude(code: string, value: string): void {
  const [type = '', name = '', target, ...rest] = value.split(':');
  const param = searchParam(type, name);
  if (rest.length || !param || param.type !== 'reference' || (target && !param.target?.includes(target as ResourceType))) {
    throw bad(`Invalid ${code} "${value}": expected ResourceType:reference-parameter[:TargetType]`);
  }
}

function checkChain(resourceType: string, key: string, value: string): void {
  const dot = key.indexOf('.');
  const [code = '', typeModifier] = key.slice(0, dot).split(':');
  const chained = key.slice(dot + 1);
  const param = searchParam(resourceType, code);
  if (!param || param.type !== 'reference') throw bad(`Cannot chain through "${code}" on ${resourceType}`);
  const target = typeModifier ?? (param.target?.length === 1 ? param.target[0] : undefined);
  if (!target || !param.target?.includes(target as ResourceType)) {
    throw bad(`Chained parameter "${key}" needs a target type, e.g. ${code}:Patient.${chained}`);
  }
  const [chainedCode = '', chainedModifier = ''] = chained.split(':');
  if (chained.includes('.')) throw FhirError.of(400, 'not-supported', 'Only one level of chaining is supported');
  checkFilter(target, chainedCode, chainedModifier, value, '');
}

// ---- sorting --------------------------------------------------------------

const sortExpressions = new LRUCache<FhirPathAtom>(500);
type SortKey = string | number | undefined;

/**
 * Sorts in place by the rules, first rule first (medplum applies them one after
 * another, so its last rule wins), computing each resource's key once.
 * Resources with no value sort last in either direction; ties keep load order.
 */
export function sortResources(resources: Resource[], rules: readonly SortRule[] | undefined): void {
  if (!rules?.length) return;
  const keyed = resources.map((resource, index) => ({ resource, index, keys: rules.map((rule) => sortKey(resource, rule)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < rules.length; i++) {
      const c = compareKeys(a.keys[i], b.keys[i], rules[i]?.descending ?? false);
      if (c !== 0) return c;
    }
    return a.index - b.index;
  });
  keyed.forEach((k, i) => (resources[i] = k.resource));
}

function sortKey(resource: Resource, rule: SortRule): SortKey {
  const param = searchParam(resource.resourceType, rule.code);
  if (!param?.expression) return undefined;
  const values = evalFhirPathTyped(param.expression, [toTypedValue(resource)], {}, sortExpressions);
  let keys: (string | number | undefined)[];
  switch (param.type) {
    case 'date':
      keys = convertToSearchableDates(values).map((p) => p.start ?? p.end);
      break;
    case 'number':
      keys = convertToSearchableNumbers(values).map(([low, high]) => low ?? high);
      break;
    case 'quantity':
      keys = convertToSearchableQuantities(values).map((q) => q.value);
      break;
    case 'token':
      keys = convertToSearchableTokens(values).map((t) => t.value);
      break;
    case 'reference':
      keys = convertToSearchableReferences(values);
      break;
    case 'uri':
      keys = convertToSearchableUris(values);
      break;
    default:
      keys = convertToSearchableStrings(values).map((s) => s.toLowerCase());
  }
  const present = keys.filter((k): k is string | number => k !== undefined);
  if (!present.length) return undefined;
  return present.reduce((best, k) => ((rule.descending ? k > best : k < best) ? k : best));
}

function compareKeys(a: SortKey, b: SortKey, descending: boolean): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  const c = a < b ? -1 : 1;
  return descending ? -c : c;
}

// ---- execution ------------------------------------------------------------

export interface SearchOutcome {
  /** Number of matches (included resources not counted). */
  total: number;
  matches: Resource[];
  included: Resource[];
  /** The patients the whole set of matches is about (every page, not just this one), withheld ones included. */
  links: PatientLinks;
  /** Restricted resources left out: matches (all pages) and included resources (this page). */
  withheld: number;
}

export interface RunOptions {
  /** Leave out resources with the restricted label, before paging, so totals and pages agree. */
  withholdRestricted?: boolean;
}

interface MatchSet {
  ids: string[];
  /** Ids among `ids` of resources with the restricted label. */
  restricted: ReadonlySet<string>;
  /** `ids` without the restricted ones, made when first asked for. */
  unrestricted?: string[];
  links: PatientLinks;
}

const CACHED_SEARCHES = 32;

/**
 * Runs plans against a repository. The sorted ids of each search's matches are
 * cached until the data changes, so following `next` links costs a slice and a
 * few reads rather than a new scan and sort per page.
 */
export class SearchEngine {
  #generation = 0;
  readonly #cache = new Map<string, MatchSet>();

  constructor(
    private readonly repo: MemoryRepository,
    private readonly baseUrl: string,
  ) {}

  /** Call whenever the data changes. */
  invalidate(): void {
    this.#generation++;
    this.#cache.clear();
  }

  async run(plan: SearchPlan, options: RunOptions = {}): Promise<SearchOutcome> {
    const { resourceType, count, offset } = plan;
    const withhold = options.withholdRestricted ?? false;
    let set = this.#cache.get(plan.key);
    let page: Resource[];
    let ids: string[];
    if (set) {
      this.#cache.delete(plan.key); // most recently used goes last
      this.#cache.set(plan.key, set);
      ids = withhold ? unrestrictedIds(set) : set.ids;
      page = await Promise.all(ids.slice(offset, offset + count).map((id) => this.repo.readResource(resourceType, id)));
    } else {
      const generation = this.#generation;
      const bundle = await this.repo.search({ resourceType, filters: plan.request.filters });
      const all = (bundle.entry ?? []).map((e) => e.resource as Resource);
      sortResources(all, plan.request.sortRules);
      const links = emptyLinks();
      for (const resource of all) collectPatientLinks(resource, this.baseUrl, links);
      set = { ids: all.map((r) => r.id as string), restricted: new Set(all.filter(isRestricted).map((r) => r.id as string)), links };
      if (generation === this.#generation) {
        this.#cache.set(plan.key, set);
        if (this.#cache.size > CACHED_SEARCHES) this.#cache.delete(this.#cache.keys().next().value as string);
      }
      const shown = withhold && set.restricted.size ? all.filter((r) => !set!.restricted.has(r.id as string)) : all;
      ids = withhold ? unrestrictedIds(set) : set.ids;
      page = shown.slice(offset, offset + count);
    }

    const included: BundleEntry[] = [];
    if (page.length && (plan.request.include || plan.request.revInclude)) {
      try {
        await getExtraEntries(
          this.repo,
          { resourceType, include: plan.request.include, revInclude: plan.request.revInclude },
          page,
          included,
          {
            maxResults: 5 * MAX_PAGE_SIZE,
          },
        );
      } catch (err) {
        if (err instanceof Error && /scope limit/.test(err.message)) throw FhirError.of(400, 'too-costly', err.message);
        throw err;
      }
    }
    let extra = included.map((e) => e.resource as Resource);
    const withheldIncluded = withhold ? extra.filter(isRestricted).length : 0;
    if (withheldIncluded) extra = extra.filter((r) => !isRestricted(r));
    const withheld = (withhold ? set.restricted.size : 0) + withheldIncluded;
    return { total: ids.length, matches: page, included: extra, links: set.links, withheld };
  }
}

function unrestrictedIds(set: MatchSet): string[] {
  if (!set.restricted.size) return set.ids;
  set.unrestricted ??= set.ids.filter((id) => !set.restricted.has(id));
  return set.unrestricted;
}
