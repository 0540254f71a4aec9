import { describe, expect, it } from 'vitest';
import { ACCESS_OUTCOME_SYSTEM } from '../access/outcomes';
import {
  BATCH_PAGE_BUDGET,
  BatchUnsupported,
  MAX_BATCH_ENTRIES,
  planBatches,
  readBatchResponse,
  sendBatch,
  type EntryAnswer,
} from './batch';
import { FhirHttpClient, FhirRequestError, problemKindOf } from './fhir-http';
import { FakeFhir, bundle, outcome, resource, type FakeAnswer } from './test-helpers/fake-fhir';

const BASE = 'http://fhir.test/gp';
const at = (path: string) => `${BASE}/${path}`;

function client(fake: FakeFhir) {
  let n = 0;
  return new FhirHttpClient({
    baseUrl: `${BASE}/`,
    timeoutMs: 1000,
    fetch: fake.fetch,
    getAccessToken: () => Promise.resolve(`tok-${++n}`),
  });
}

const errorOf = (answer: EntryAnswer | undefined) => (answer && !answer.ok ? answer.error : undefined);

describe('planBatches', () => {
  const q = (type: string, count?: number) => `${type}?patient=1${count === undefined ? '' : `&_count=${count}`}`;

  it('keeps the order and cuts where the next first page would go over the budget', () => {
    const queries = [
      q('MedicationRequest', 1000),
      q('Observation', 1000),
      q('DiagnosticReport', 200),
      q('Encounter', 3000),
      q('Appointment', 500),
      q('ServiceRequest', 2000),
    ];
    const batches = planBatches(queries, (x) => x);
    expect(batches.flat()).toEqual(queries);
    expect(batches).toEqual([queries.slice(0, 3), queries.slice(3, 5), queries.slice(5)]);
    expect(
      batches.every(
        (b) => b.reduce((n, x) => n + Number(new URLSearchParams(x.split('?')[1]).get('_count') ?? 100), 0) <= BATCH_PAGE_BUDGET,
      ),
    ).toBe(true);
  });

  it('holds at most MAX_BATCH_ENTRIES, and gives a search bigger than the budget a batch of its own', () => {
    const small = Array.from({ length: MAX_BATCH_ENTRIES + 3 }, (_, i) => q(`T${i}`, 1));
    expect(planBatches(small, (x) => x).map((b) => b.length)).toEqual([MAX_BATCH_ENTRIES, 3]);
    expect(planBatches([q('Observation', 9000), q('Flag', 10)], (x) => x)).toEqual([[q('Observation', 9000)], [q('Flag', 10)]]);
    expect(planBatches([], (x: string) => x)).toEqual([]);
  });
});

describe('readBatchResponse', () => {
  const urls = [at('Flag?patient=1'), at('Condition?patient=1'), at('Patient/2')];
  const response = (...entry: unknown[]) => ({ resourceType: 'Bundle', type: 'batch-response', entry });

  it('gives each request its JSON, or the error its GET would have had, whether the outcome is the resource or response.outcome', () => {
    const searchset = bundle([resource('Flag', 'f1')]);
    const objection = {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'forbidden', details: { coding: [{ system: ACCESS_OUTCOME_SYSTEM, code: 'objection' }] } }],
    };
    const answers = readBatchResponse(
      response(
        { response: { status: '200' }, resource: searchset },
        { response: { status: '403', outcome: objection } },
        { response: { status: '404 Not Found' }, resource: outcome('error', 'Patient/2 is not known') },
      ),
      urls,
    );
    expect(answers[0]).toEqual({ ok: true, json: searchset });
    expect(problemKindOf(errorOf(answers[1]))).toBe('objection');
    expect(errorOf(answers[1])?.url).toBe(urls[1]);
    expect(errorOf(answers[2])).toMatchObject({
      kind: 'http',
      status: 404,
      message: 'the server answered with an error (404 Not Found): Patient/2 is not known',
      url: urls[2],
    });
  });

  it('says a success with no resource is not FHIR JSON, as an empty GET answer would be', () => {
    const [only] = readBatchResponse(response({ response: { status: '200 OK' } }), urls.slice(0, 1));
    expect(errorOf(only)).toMatchObject({ kind: 'invalid-response', message: 'the server answered with something that is not FHIR JSON' });
  });

  it('refuses anything that is not a batch-response with one readable entry per request', () => {
    const ok = { response: { status: '200' }, resource: bundle([]) };
    for (const json of [
      bundle([]),
      { resourceType: 'Bundle', type: 'transaction-response', entry: [ok, ok, ok] },
      response(ok, ok),
      response(ok, ok, ok, ok),
      response(ok, { resource: bundle([]) }, ok),
      response(ok, { response: { status: 'OK' } }, ok),
      'nonsense',
    ]) {
      expect(() => readBatchResponse(json, urls), JSON.stringify(json)).toThrow(BatchUnsupported);
    }
  });
});

describe('sendBatch', () => {
  const urls = [at('Flag?patient=p%201&_count=1000'), at('AllergyIntolerance?patient=p%201')];

  it('POSTs one batch of relative GETs to the base, with the token and FHIR JSON, never cached', async () => {
    const fake = new FakeFhir({ batch: true }).on(urls[0]!, { json: bundle([resource('Flag', 'f')]) });
    const http = client(fake);
    const answers = await sendBatch(http, urls);
    expect(answers.map((a) => a.ok)).toEqual([true, true]);
    await sendBatch(http, urls);
    expect(fake.calls).toHaveLength(2);
    const [call] = fake.calls;
    expect([call?.method, call?.url]).toEqual(['POST', BASE]);
    expect(call?.headers).toEqual({
      Accept: 'application/fhir+json',
      'Content-Type': 'application/fhir+json',
      Authorization: 'Bearer tok-1',
    });
    expect(fake.calls[1]?.headers.Authorization).toBe('Bearer tok-2');
    expect(JSON.parse(call?.body ?? '')).toEqual({
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        { request: { method: 'GET', url: 'Flag?patient=p%201&_count=1000' } },
        { request: { method: 'GET', url: 'AllergyIntolerance?patient=p%201' } },
      ],
    });
  });

  it.each([
    [400, 'Bad Request'],
    [404, 'Not Found'],
    [405, 'Method Not Allowed'],
    [413, 'Payload Too Large'],
    [415, 'Unsupported Media Type'],
    [422, 'Unprocessable Entity'],
    [501, 'Not Implemented'],
  ])('takes %i to mean the source does not do batch', async (status, statusText) => {
    const fake = new FakeFhir().onPost(BASE, { status, statusText, json: outcome('error', 'no') });
    await expect(sendBatch(client(fake), urls)).rejects.toThrow(BatchUnsupported);
  });

  it.each<[string, FakeAnswer, string]>([
    [
      '500',
      { status: 500, statusText: 'Internal Server Error', json: outcome('error', 'Injected fault') },
      'the server answered with an error (500 Internal Server Error): Injected fault',
    ],
    ['401', { status: 401, statusText: 'Unauthorized', text: '' }, 'not authorised (401 Unauthorized)'],
    ['a network failure', { networkError: true }, 'could not be reached (network error)'],
  ])('fails as a whole on %s, with the error each GET would have had', async (_, answer, message) => {
    const fake = new FakeFhir().onPost(BASE, answer);
    const error = await sendBatch(client(fake), urls).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FhirRequestError);
    expect((error as FhirRequestError).message).toBe(message);
  });

  it("is cancelled by the caller's signal", async () => {
    const fake = new FakeFhir({ batch: true }).on(urls[0]!, { hang: true });
    const controller = new AbortController();
    const pending = sendBatch(client(fake), urls, { signal: controller.signal }).then(
      () => undefined,
      (e: unknown) => e,
    );
    setTimeout(() => controller.abort(), 5);
    expect(problemKindOf(await pending)).toBe('cancelled');
  });
});
