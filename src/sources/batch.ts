// Several searches of one source as one FHIR `batch` (POST to its base, one GET
// entry per search), and the answer read back into one answer per search, each
// what its own GET would have given: the JSON of a success, or the same error.
// A browser sends every request with a token through at most six connections
// per origin, after a CORS preflight per distinct URL; a batch turns a source's
// 25-30 searches into a handful of requests to one URL.

import { FhirHttpClient, FhirRequestError, errorForStatus, notFhirJson } from './fhir-http';
import { isRecord } from '../json/is-record';

/** What a search in a batch got: its first page's JSON, or the error its GET would have failed with. */
export type EntryAnswer = { ok: true; json: unknown } | { ok: false; error: FhirRequestError };

/** A batch entry's answer as a search's first page: its JSON, or the error its GET would have failed with. */
export function firstPageOf(answer: EntryAnswer): () => Promise<unknown> {
  return () => (answer.ok ? Promise.resolve(answer.json) : Promise.reject(answer.error));
}

/** The source does not do batch (or not this one): its searches must be sent one by one. */
export class BatchUnsupported extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'BatchUnsupported';
  }
}

/** Entries per batch: well under what servers take (the sandbox: 100; many: 100-1000). */
export const MAX_BATCH_ENTRIES = 20;
/**
 * Resources a batch's first pages may hold at most, by their `_count`: an answer
 * stays a few MB even for a 50-year record, and a record's searches make a few
 * batches rather than one that arrives last.
 */
export const BATCH_PAGE_BUDGET = 5000;
/** A search without `_count` gets the server's default page, which is unknown: assume this. */
const UNSTATED_PAGE = 100;

/**
 * Statuses of the batch request itself that mean the server does not take it
 * (not found, not allowed, not implemented, refused as a request), as opposed to
 * failing it (500, 503, 401...), which its searches would have met one by one too.
 */
const UNSUPPORTED_STATUSES: ReadonlySet<number> = new Set([400, 404, 405, 413, 415, 422, 501]);

/**
 * Cuts searches (in priority order) into batches of at most MAX_BATCH_ENTRIES
 * whose first pages add up to at most BATCH_PAGE_BUDGET resources, keeping the
 * order: the first batch holds the most urgent.
 */
export function planBatches<T>(items: readonly T[], queryOf: (item: T) => string): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const item of items) {
    const page = pageSizeOf(queryOf(item));
    if (current.length > 0 && (current.length >= MAX_BATCH_ENTRIES || size + page > BATCH_PAGE_BUDGET)) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += page;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function pageSizeOf(query: string): number {
  const count = new URLSearchParams(query.slice(query.indexOf('?') + 1)).get('_count');
  return count !== null && /^\d+$/.test(count) ? Number(count) : UNSTATED_PAGE;
}

export interface BatchOptions {
  signal?: AbortSignal;
  /** For the client's scheduler: lower goes first. */
  priority?: number;
}

/**
 * Sends `urls` (absolute, at this source) as one batch. Resolves to one answer per
 * URL, in order; rejects with BatchUnsupported when the source does not do batch,
 * or with the FhirRequestError of the batch request when it failed as a whole
 * (which is then every search's failure, as it would have been one by one).
 */
export async function sendBatch(http: FhirHttpClient, urls: readonly string[], options: BatchOptions = {}): Promise<EntryAnswer[]> {
  const base = `${http.baseUrl}/`;
  const bundle = {
    resourceType: 'Bundle',
    type: 'batch',
    entry: urls.map((url) => ({ request: { method: 'GET', url: url.startsWith(base) ? url.slice(base.length) : url } })),
  };
  let json: unknown;
  try {
    json = await http.postJson(http.baseUrl, bundle, options.signal, options.priority);
  } catch (error) {
    if (
      error instanceof FhirRequestError &&
      error.kind === 'http' &&
      error.status !== undefined &&
      UNSUPPORTED_STATUSES.has(error.status)
    ) {
      throw new BatchUnsupported(`the batch was refused: ${error.message}`);
    }
    if (error instanceof FhirRequestError && error.kind === 'invalid-response')
      throw new BatchUnsupported(`the batch was answered with ${error.message}`);
    throw error;
  }
  return readBatchResponse(json, urls);
}

/** One answer per URL from a batch-response; BatchUnsupported for anything else (wrong type, entries missing or unreadable). */
export function readBatchResponse(json: unknown, urls: readonly string[]): EntryAnswer[] {
  if (!isRecord(json) || json.resourceType !== 'Bundle' || json.type !== 'batch-response') {
    throw new BatchUnsupported('the answer to the batch is not a batch-response Bundle');
  }
  const entries = Array.isArray(json.entry) ? json.entry : [];
  if (entries.length !== urls.length) {
    throw new BatchUnsupported(`the batch-response has ${entries.length} entries for ${urls.length} requests`);
  }
  return entries.map((entry, i) => readEntry(entry, urls[i]!));
}

function readEntry(entry: unknown, url: string): EntryAnswer {
  const response = isRecord(entry) && isRecord(entry.response) ? entry.response : undefined;
  // "200", "200 OK", "403 Forbidden": the code, then (optionally) the reason phrase.
  const status = typeof response?.status === 'string' ? /^\s*(\d{3})(?:\s+(.*?))?\s*$/.exec(response.status) : null;
  if (!isRecord(entry) || !response || !status) throw new BatchUnsupported('a batch-response entry has no status');
  const code = Number(status[1]);
  // Servers put an entry's OperationOutcome in `resource` or in `response.outcome`.
  const body = entry.resource ?? response.outcome;
  if (code >= 200 && code < 300) return body === undefined ? { ok: false, error: notFhirJson(url) } : { ok: true, json: body };
  return { ok: false, error: errorForStatus(code, status[2] ?? '', body, url) };
}
