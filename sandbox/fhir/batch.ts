// A client's batch: a Bundle of GET reads and searches POSTed with a token,
// so the viewer asks a source for a record in one round trip. Each entry is
// answered as its GET would be, its failure confined to its own entry.
import { STATUS_CODES } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry } from '@medplum/fhirtypes';
import { FhirError, localUrl, toFhirError } from './http';
import type { Answer } from './read-search';

/** Entries in a client's batch: enough for every query of a record, small enough that one request cannot hog the server. */
export const MAX_BATCH_ENTRIES = 100;
export const BATCH_BODY_LIMIT = 1024 * 1024;

/**
 * The entries' URLs, below `baseUrl`; refuses (400) a Bundle that is not a batch
 * of at most MAX_BATCH_ENTRIES GETs, or that names another server.
 */
export function batchRequests(input: unknown, baseUrl: string): URL[] {
  const bundle = input as Bundle;
  if (typeof input !== 'object' || input === null || bundle.resourceType !== 'Bundle')
    throw FhirError.of(400, 'structure', 'Expected a Bundle');
  if (bundle.type !== 'batch') {
    throw FhirError.of(
      400,
      'not-supported',
      `With a bearer token only a batch Bundle of GET reads and searches is accepted, not "${String(bundle.type)}" (data is loaded by the feed, which takes no token)`,
    );
  }
  const entries = Array.isArray(bundle.entry) ? bundle.entry : [];
  if (entries.length === 0) throw FhirError.of(400, 'invalid', 'The batch has no entries');
  if (entries.length > MAX_BATCH_ENTRIES) {
    throw FhirError.of(400, 'too-costly', `A batch may hold at most ${MAX_BATCH_ENTRIES} entries; this one has ${entries.length}`);
  }
  return entries.map((entry, i) => {
    const where = `Bundle.entry[${i}]`;
    const method = entry?.request?.method;
    const target = entry?.request?.url;
    if (method !== 'GET') {
      throw FhirError.of(
        400,
        'not-supported',
        `${where}: this server is read-only, so a batch takes GET reads and searches only (got ${String(method ?? 'no method')} ${String(target ?? '')})`,
      );
    }
    if (typeof target !== 'string' || target === '') throw FhirError.of(400, 'invalid', `${where}: request.url is missing`);
    const local = target.startsWith(`${baseUrl}/`) ? target.slice(baseUrl.length) : target;
    if (/^[a-z][a-z0-9+.-]*:/i.test(local) || local.startsWith('//')) {
      throw FhirError.of(
        400,
        'invalid',
        `${where}: "${target}" is not at this server; use a URL relative to its base, e.g. Observation?patient=...`,
      );
    }
    return localUrl(local);
  });
}

/** The batch-response: each URL answered by `answer`, a refusal or failure becoming its entry's OperationOutcome. */
export async function answerBatch(urls: readonly URL[], answer: (url: URL) => Promise<Answer>): Promise<Bundle> {
  const entry: BundleEntry[] = [];
  // One after another, in order: the audit then reads as the same GETs would.
  for (const url of urls) {
    try {
      const answered = await answer(url);
      entry.push({ resource: answered.body, response: { status: statusLine(answered.status), ...answered.entryResponse } });
    } catch (err) {
      const error = toFhirError(err);
      entry.push({ resource: error.outcome, response: { status: statusLine(error.status) } });
    }
  }
  return { resourceType: 'Bundle', id: randomUUID(), type: 'batch-response', entry };
}

/** A batch entry's response.status: the code and its standard phrase, as the HTTP status line has them. */
function statusLine(status: number): string {
  const phrase = STATUS_CODES[status];
  return phrase ? `${status} ${phrase}` : String(status);
}
