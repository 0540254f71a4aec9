// A hand-made FHIR network for unit tests: canned answers by URL, a record of
// every request, and requests that hang until aborted (for timeouts).

import type { Patient, Resource } from '@medplum/fhirtypes';
import { expect } from 'vitest';
import { FhirRequestError } from '../fhir-http';

export type FakeAnswer =
  | { status?: number; statusText?: string; json: unknown }
  | { status?: number; statusText?: string; text: string }
  | { networkError: true }
  | { hang: true };

export interface FakeCall {
  url: string;
  headers: Record<string, string>;
  signal?: AbortSignal;
}

export class FakeFhir {
  readonly calls: FakeCall[] = [];
  private readonly answers = new Map<string, FakeAnswer[]>();

  /** Answers `url`; several answers are given in turn (the last one repeats). */
  on(url: string, ...answers: FakeAnswer[]): this {
    this.answers.set(url, answers);
    return this;
  }

  urls(): string[] {
    return this.calls.map((c) => c.url);
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const url = String(input);
    const signal = init?.signal ?? undefined;
    this.calls.push({ url, headers: { ...(init?.headers as Record<string, string>) }, ...(signal ? { signal } : {}) });
    const queue = this.answers.get(url);
    const answer = queue && queue.length > 1 ? queue.shift() : queue?.[0];
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
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
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
    link: options.next ? [{ relation: 'self', url: 'self' }, { relation: 'next', url: options.next }] : [],
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
