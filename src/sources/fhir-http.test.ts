import { describe, expect, it } from 'vitest';
import { FhirHttpClient, RequestCache, problemKindOf } from './fhir-http';
import { FakeFhir, failure, outcome } from './test-helpers/fake-fhir';

const BASE = 'http://fhir.test/gp';

function client(fake: FakeFhir, options: { token?: boolean; timeoutMs?: number; cache?: RequestCache } = {}) {
  return new FhirHttpClient({
    baseUrl: `${BASE}/`,
    timeoutMs: options.timeoutMs ?? 1000,
    fetch: fake.fetch,
    ...(options.token === false ? {} : { getAccessToken: async () => 'tok-1' }),
    ...(options.cache ? { cache: options.cache } : {}),
  });
}

describe('FhirHttpClient', () => {
  it('sends the bearer token and asks for FHIR JSON', async () => {
    const fake = new FakeFhir().on(`${BASE}/Patient/1`, { json: { resourceType: 'Patient', id: '1' } });
    await expect(client(fake).getJson('Patient/1')).resolves.toEqual({ resourceType: 'Patient', id: '1' });
    expect(fake.calls[0]?.headers).toEqual({ Accept: 'application/fhir+json', Authorization: 'Bearer tok-1' });
  });

  it('never sends a token to an open source', async () => {
    const fake = new FakeFhir().on(`${BASE}/Patient/1`, { json: {} });
    await client(fake, { token: false }).getJson('Patient/1');
    expect(fake.calls[0]?.headers).toEqual({ Accept: 'application/fhir+json' });
  });

  it('reports an HTTP error with the OperationOutcome text', async () => {
    const fake = new FakeFhir().on(`${BASE}/Flag?patient=1`, {
      status: 500,
      statusText: 'Internal Server Error',
      json: outcome('error', 'database unavailable'),
    });
    const error = await failure(client(fake).getJson('Flag?patient=1'));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(500);
    expect(error.message).toBe('the server answered with an error (500 Internal Server Error): database unavailable');
    expect(problemKindOf(error)).toBe('failed');
  });

  it('names refusals', async () => {
    const fake = new FakeFhir().on(`${BASE}/Flag`, { status: 403, statusText: 'Forbidden', text: '' });
    const error = await failure(client(fake).getJson('Flag'));
    expect(error.message).toBe('access refused (403 Forbidden)');
  });

  it('reports a network failure', async () => {
    const fake = new FakeFhir().on(`${BASE}/Flag`, { networkError: true });
    const error = await failure(client(fake).getJson('Flag'));
    expect(error.kind).toBe('network');
    expect(error.message).toBe('could not be reached (network error)');
  });

  it('times out a slow request', async () => {
    const fake = new FakeFhir().on(`${BASE}/Flag`, { hang: true });
    const error = await failure(client(fake, { timeoutMs: 20 }).getJson('Flag'));
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('no answer within 0.02 seconds');
    expect(problemKindOf(error)).toBe('timed-out');
  });

  it('tells cancellation apart from a timeout', async () => {
    const fake = new FakeFhir().on(`${BASE}/Flag`, { hang: true });
    const controller = new AbortController();
    const pending = client(fake, { timeoutMs: 5000 }).getJson('Flag', controller.signal);
    setTimeout(() => controller.abort(), 5);
    const error = await failure(pending);
    expect(error.kind).toBe('cancelled');
    expect(problemKindOf(error)).toBe('cancelled');
  });

  it('does not start a request once cancelled', async () => {
    const fake = new FakeFhir();
    const error = await failure(client(fake).getJson('Flag', AbortSignal.abort()));
    expect(error.kind).toBe('cancelled');
    expect(fake.calls).toHaveLength(0);
  });

  it('reports malformed JSON clearly', async () => {
    const fake = new FakeFhir().on(`${BASE}/Flag`, { text: '{"resourceType": "Bundle", ' });
    const error = await failure(client(fake).getJson('Flag'));
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toBe('the server answered with something that is not FHIR JSON');
  });

  it('reports a failed token refresh as an ended session', async () => {
    const fake = new FakeFhir();
    const http = new FhirHttpClient({
      baseUrl: BASE,
      timeoutMs: 1000,
      fetch: fake.fetch,
      getAccessToken: () => Promise.reject(new Error('expired')),
    });
    const error = await failure(http.getJson('Flag'));
    expect(error.kind).toBe('auth');
    expect(fake.calls).toHaveLength(0);
  });

  it('fetches a URL once however often it is asked for, but again after a failure', async () => {
    const fake = new FakeFhir()
      .on(`${BASE}/Patient/1`, { json: { resourceType: 'Patient', id: '1' } })
      .on(`${BASE}/Flag`, { networkError: true }, { json: { resourceType: 'Bundle' } });
    const cache = new RequestCache();
    const a = client(fake, { cache });
    const b = client(fake, { cache });
    await Promise.all([a.getJson('Patient/1'), b.getJson(`${BASE}/Patient/1`), a.getJson('Patient/1')]);
    expect(fake.urls()).toEqual([`${BASE}/Patient/1`]);
    await failure(a.getJson('Flag'));
    await expect(a.getJson('Flag')).resolves.toEqual({ resourceType: 'Bundle' });
    await a.getJson('Flag');
    expect(fake.urls()).toEqual([`${BASE}/Patient/1`, `${BASE}/Flag`, `${BASE}/Flag`]);
  });
});
