// The feed: how a source system puts data into a sandbox source. A transaction
// or batch Bundle of creates, updates, patches and deletes, checked whole
// before anything is stored (the in-memory store has no rollback), applied by
// medplum's router, and answered with the entries' statuses only.
import { randomUUID } from 'node:crypto';
import { getStatus, isOk } from '@medplum/core';
import type { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, BundleEntry, OperationOutcome, Resource, ResourceType } from '@medplum/fhirtypes';
import { FhirError } from './http';
import { isFhirId, isResourceType } from './search';

/** The largest Bundle the feed reads from a request. */
export const FEED_LIMIT = 512 * 1024 * 1024;
/** medplum rewrites only these (lowercase) forms of local references. */
const URN_UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FEED_INTERACTIONS: ReadonlySet<string> = new Set(['create', 'update', 'delete', 'patch']);

export class Feed {
  /** Resource types ever loaded, for the CapabilityStatement. */
  readonly types = new Set<ResourceType>();
  readonly #repo: MemoryRepository;
  readonly #router: FhirRouter;
  readonly #onChange: () => void;
  #loading: Promise<unknown> = Promise.resolve();

  /** `onChange` is called after every load, whether or not it was applied whole, so what is cached from the data is dropped. */
  constructor(repo: MemoryRepository, router: FhirRouter, onChange: () => void) {
    this.#repo = repo;
    this.#router = router;
    this.#onChange = onChange;
  }

  /** Loads a transaction or batch Bundle (urn:uuid: references resolved); returns the response Bundle, without the resources. */
  load(bundle: Bundle): Promise<Bundle> {
    // One load at a time: medplum's batch awaits between entries.
    const result = this.#loading.then(() => this.#load(bundle));
    this.#loading = result.catch(() => undefined);
    return result;
  }

  async #load(input: Bundle): Promise<Bundle> {
    if (typeof input !== 'object' || input === null || input.resourceType !== 'Bundle') {
      throw FhirError.of(400, 'structure', 'Expected a Bundle');
    }
    if (input.type !== 'transaction' && input.type !== 'batch') {
      throw FhirError.of(400, 'invalid', `Expected a transaction or batch Bundle, not "${String(input.type)}"`);
    }
    // medplum assigns ids into the bundle it is given; keep the caller's intact.
    const bundle = structuredClone(input);
    this.#check(bundle);
    let outcome: OperationOutcome;
    let result: Resource | undefined;
    try {
      [outcome, result] = await this.#repo.withSeeding(() =>
        this.#router.handleRequest({ method: 'POST', url: '', pathname: '', body: bundle, params: {}, query: {} }, this.#repo),
      );
    } finally {
      this.#onChange();
    }
    if (!isOk(outcome) || !result) throw new FhirError(getStatus(outcome), outcome);

    // Only the response parts: echoing 24,000 resources back helps nobody (and a
    // conditional create would echo an existing record to an unauthenticated caller).
    const entries = ((result as Bundle).entry ?? []).map((e): BundleEntry => {
      const status = e.response?.status ?? '500';
      const failed = !/^2/.test(status);
      return {
        response: {
          status,
          ...(e.response?.location ? { location: e.response.location } : {}),
          ...(failed && e.response?.outcome ? { outcome: e.response.outcome } : {}),
        },
      };
    });
    const failures = entries.map((e, i) => [i, e] as const).filter(([, e]) => !/^2/.test(e.response?.status ?? ''));
    if (bundle.type === 'transaction' && failures.length) {
      // The in-memory store has no rollback; entries were checked up front so this is rare.
      const detail = failures
        .slice(0, 5)
        .map(([i, e]) => `entry[${i}]: ${e.response?.outcome?.issue?.[0]?.diagnostics ?? e.response?.status}`)
        .join('; ');
      throw FhirError.of(
        400,
        'processing',
        `${failures.length} of ${entries.length} transaction entries failed (the others were applied): ${detail}`,
      );
    }
    return {
      resourceType: 'Bundle',
      id: randomUUID(),
      type: bundle.type === 'transaction' ? 'transaction-response' : 'batch-response',
      entry: entries,
    };
  }

  /** Refuses, before anything is stored, entries the feed does not take and local references that would not resolve. */
  #check(bundle: Bundle): void {
    const entries = bundle.entry ?? [];
    if (!entries.length) throw FhirError.of(400, 'invalid', 'The Bundle has no entries');
    const fullUrls = new Set<string>();
    entries.forEach((entry, i) => {
      const where = `Bundle.entry[${i}]`;
      const method = entry.request?.method;
      const url = entry.request?.url ?? '';
      const route = method ? this.#router.find(method, url) : undefined;
      if (!method || !route?.data || !FEED_INTERACTIONS.has(route.data.interaction)) {
        const hint = method === 'GET' ? '; a batch of reads and searches needs a bearer token' : '';
        throw FhirError.of(
          400,
          'not-supported',
          `${where}: the feed takes create, update, patch and delete entries only (got ${method ?? 'no method'} ${url})${hint}`,
        );
      }
      const type = route.params.resourceType ?? '';
      if (!isResourceType(type)) throw FhirError.of(400, 'invalid', `${where}: unknown resource type "${type}"`);
      const resource = entry.resource;
      if (method === 'POST' || method === 'PUT') {
        if (!resource || resource.resourceType !== type) {
          throw FhirError.of(400, 'invalid', `${where}: expected a ${type} resource for ${method} ${url}`);
        }
        const id = route.params.id;
        if (method === 'PUT' && id) {
          if (resource.id !== undefined && resource.id !== id)
            throw FhirError.of(400, 'invalid', `${where}: resource id "${resource.id}" differs from the URL's "${id}"`);
          if (!isFhirId(id)) throw FhirError.of(400, 'invalid', `${where}: invalid id "${id}"`);
          resource.id = id;
        }
        this.types.add(type);
      }
      if (entry.fullUrl?.startsWith('urn:')) {
        if (!URN_UUID.test(entry.fullUrl))
          throw FhirError.of(400, 'invalid', `${where}: fullUrl "${entry.fullUrl}" must be urn:uuid: and a lowercase UUID`);
        fullUrls.add(entry.fullUrl);
      }
    });
    const unresolved = new Set<string>();
    findLocalReferences(entries, unresolved, fullUrls);
    if (unresolved.size) {
      throw FhirError.of(400, 'invalid', `References to no entry of the Bundle: ${[...unresolved].slice(0, 5).join(', ')}`);
    }
  }
}

/** Collects urn: references (in resources and request URLs) that name no entry's fullUrl. */
function findLocalReferences(node: unknown, unresolved: Set<string>, fullUrls: ReadonlySet<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) findLocalReferences(item, unresolved, fullUrls);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'reference' && typeof value === 'string' && value.startsWith('urn:') && !fullUrls.has(value)) unresolved.add(value);
    else if (typeof value === 'object') findLocalReferences(value, unresolved, fullUrls);
  }
}
