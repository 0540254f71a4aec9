// A hand-made FHIR network for unit tests: canned answers by URL, a record of
// every request, and requests that hang until aborted (for timeouts). With
// `batch: true` it also answers a batch POSTed to a base the way a server does:
// each entry gets the answer its GET would have had.

import type { Patient, Resource } from '@medplum/fhirtypes';
import { expect } from 'vitest';
import { FhirRequestError } from '../fhir-http';
import { urlOf } from './fake-fetch';

export type FakeAnswer =
  | { status?: number; statusText?: string; json: unknown }
  | { status?: number; statusText?: string; text: string }
  | { networkError: true }
  | { hang: true };

export interface FakeCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** The GET URLs a batch carried (absolute), when this call was one the fake answered as a batch. */
  batched?: string[];
}

export class FakeFhir {
  readonly calls: FakeCall[] = [];
  private readonly answers = new Map<string, FakeAnswer[]>();
  private readonly postAnswers = new Map<string, FakeAnswer[]>();

  /** `batch`: answer batch Bundles POSTed to any URL from the GET answers (else a POST finds nothing: 404). */
  constructor(private readonly options: { batch?: boolean } = {}) {}

  /** Answers `url`; several answers are given in turn (the last one repeats). */
  on(url: string, ...answers: FakeAnswer[]): this {
    this.answers.set(url, answers);
    return this;
  }

  /** Answers a POST to `url` (e.g. a batch refused), instead of answering it as a batch. */
  onPost(url: string, ...answers: FakeAnswer[]): this {
    this.postAnswers.set(url, answers);
    return this;
  }

  /** Stops answering POSTs to `url` from canned answers: batches are answered as batches again. */
  offPost(url: string): this {
    this.postAnswers.delete(url);
    return this;
  }

  /** Every request's URL, a batch's own (its base) included. */
  urls(): string[] {
    return this.calls.map((c) => c.url);
  }

  /** What was asked for: each GET's URL, and each GET inside a batch the fake answered, in the order sent. */
  requested(): string[] {
    return this.calls.flatMap((c) => c.batched ?? (c.method === 'GET' ? [c.url] : []));
  }

  /** The batches answered, as lists of the URLs they carried. */
  batches(): string[][] {
    return this.calls.flatMap((c) => (c.batched ? [c.batched] : []));
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const url = urlOf(input);
    const method = init?.method ?? 'GET';
    const signal = init?.signal ?? undefined;
    const body = typeof init?.body === 'string' ? init.body : undefined;
    const call: FakeCall = {
      method,
      url,
      headers: { ...(init?.headers as Record<string, string>) },
      ...(body === undefined ? {} : { body }),
      ...(signal ? { signal } : {}),
    };
    this.calls.push(call);
    if (method === 'POST' && !this.postAnswers.has(url)) {
      const entries = this.options.batch ? batchEntries(body, url) : undefined;
      await Promise.resolve();
      if (signal?.aborted) throw signal.reason;
      if (!entries) return jsonResponse(404, 'Not Found', outcome('error', `no batch here: ${url}`));
      call.batched = entries;
      return this.batchResponse(entries, signal);
    }
    const answer = this.take(method === 'POST' ? this.postAnswers : this.answers, url);
    await Promise.resolve();
    if (signal?.aborted) throw signal.reason;
    if (!answer) return unknown(url);
    if ('hang' in answer) return hang(signal);
    if ('networkError' in answer) throw new TypeError('fetch failed');
    const status = answer.status ?? 200;
    const statusText = answer.statusText ?? (status === 200 ? 'OK' : '');
    if ('text' in answer) return new Response(answer.text, { status, statusText });
    return jsonResponse(status, statusText, answer.json);
  };

  private take(answers: Map<string, FakeAnswer[]>, url: string): FakeAnswer | undefined {
    const queue = answers.get(url);
    return queue && queue.length > 1 ? queue.shift() : queue?.[0];
  }

  /** One entry per GET, answered as the GET would be; an entry that hangs or cannot connect takes the whole batch with it. */
  private batchResponse(urls: string[], signal: AbortSignal | undefined): Promise<Response> | Response {
    const entry: unknown[] = [];
    for (const url of urls) {
      const answer = this.take(this.answers, url);
      if (answer && 'hang' in answer) return hang(signal);
      if (answer && 'networkError' in answer) throw new TypeError('fetch failed');
      const alone = answer
        ? answer
        : url.includes('?')
          ? { json: bundle([], { total: 0 }) }
          : { status: 404, statusText: 'Not Found', json: outcome('error', `no such resource: ${url}`) };
      const status = alone.status ?? 200;
      const statusText = alone.statusText ?? (status === 200 ? 'OK' : '');
      const resource = 'json' in alone ? alone.json : tryJson(alone.text);
      entry.push({
        response: { status: statusText ? `${status} ${statusText}` : String(status) },
        ...(resource === undefined ? {} : { resource }),
      });
    }
    return jsonResponse(200, 'OK', { resourceType: 'Bundle', type: 'batch-response', entry });
  }
}

/** The absolute GET URLs of a batch Bundle POSTed to `base`; undefined for anything else. */
function batchEntries(body: string | undefined, base: string): string[] | undefined {
  const json = tryJson(body ?? '') as
    { resourceType?: string; type?: string; entry?: { request?: { method?: string; url?: string } }[] } | undefined;
  if (json?.resourceType !== 'Bundle' || json.type !== 'batch' || !Array.isArray(json.entry)) return undefined;
  const urls = json.entry.map((e) => (e.request?.method === 'GET' && e.request.url ? new URL(e.request.url, `${base}/`).href : undefined));
  return urls.every((u): u is string => u !== undefined) ? urls : undefined;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Like a real server: a search nobody set up finds nothing; a read finds no resource. */
function unknown(url: string): Response {
  if (url.includes('?')) return jsonResponse(200, 'OK', bundle([], { total: 0 }));
  return jsonResponse(404, 'Not Found', outcome('error', `no such resource: ${url}`));
}

function jsonResponse(status: number, statusText: string, json: unknown): Response {
  return new Response(JSON.stringify(json), { status, statusText, headers: { 'content-type': 'application/fhir+json' } });
}

function hang(signal: AbortSignal | undefined): Promise<Response> {
  return new Promise((_, reject) => {
    // As fetch does: with the signal's reason (an AbortError unless the caller gave another).
    const aborted = () => {
      const reason: unknown = signal?.reason;
      reject(reason instanceof Error ? reason : new Error('aborted', { cause: reason }));
    };
    signal?.addEventListener('abort', aborted, { once: true });
  });
}

// ---------------------------------------------------------------- FHIR builders

export const NHS = 'https://fhir.nhs.uk/Id/nhs-number';

export function patient(id: string, options: { nhs?: string; born?: string; family?: string; given?: string } = {}): Patient {
  const p: Patient = { resourceType: 'Patient', id };
  if (options.nhs) p.identifier = [{ system: NHS, value: options.nhs }];
  if (options.born) p.birthDate = options.born;
  if (options.family) p.name = [{ use: 'official', family: options.family, given: options.given ? [options.given] : [] }];
  return p;
}

export function bundle(resources: Resource[], options: { next?: string; total?: number; outcomes?: string[] } = {}): unknown {
  const entry: unknown[] = resources.map((resource) => ({ resource, search: { mode: 'match' } }));
  for (const text of options.outcomes ?? []) {
    entry.push({ resource: outcome('warning', text), search: { mode: 'outcome' } });
  }
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    ...(options.total === undefined ? {} : { total: options.total }),
    link: options.next
      ? [
          { relation: 'self', url: 'self' },
          { relation: 'next', url: options.next },
        ]
      : [],
    entry,
  };
}

export function outcome(severity: string, text: string): unknown {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code: 'processing', diagnostics: text }] };
}

export function resource(resourceType: string, id: string): Resource {
  return { resourceType, id } as Resource;
}

/** The FhirRequestError a request fails with (the test fails if it succeeds or fails otherwise). */
export async function failure(promise: Promise<unknown>): Promise<FhirRequestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FhirRequestError);
  return error as FhirRequestError;
}
