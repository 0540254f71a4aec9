import { describe, expect, it, vi } from 'vitest';
import { FhirHttpClient, RequestCache, problemKindOf } from './fhir-http';
import { RequestScheduler } from './scheduler';
import { FakeFhir, failure, outcome } from './test-helpers/fake-fhir';
import { urlOf } from './test-helpers/fake-fetch';

const BASE = 'http://fhir.test/gp';

function client(fake: FakeFhir, options: { token?: boolean; timeoutMs?: number; cache?: RequestCache } = {}) {
  return new FhirHttpClient({
    baseUrl: `${BASE}/`,
    timeoutMs: options.timeoutMs ?? 1000,
    fetch: fake.fetch,
    ...(options.token === false ? {} : { getAccessToken: () => Promise.resolve('tok-1') }),
    ...(options.cache ? { cache: options.cache } : {}),
  });
}

describe('FhirHttpClient', () => {
  it('sends the bearer token and asks for FHIR JSON', async () => {
    const fake = new FakeFhir().on(`${BASE}/Patient/1`, { json: { resourceType: 'Patient', id: '1' } });
    await expect(client(fake).getJson('Patient/1')).resolves.toEqual({ resourceType: 'Patient', id: '1' });
    expect(fake.calls[0]?.headers).toEqual({ Accept: 'application/fhir+json', Authorization: 'Bearer tok-1' });
  });

  it('tells onSend as each request leaves, with its urgency, once its headers are made, before any answer', async () => {
    const fake = new FakeFhir().on(`${BASE}/Patient/1`, { hang: true });
    const sentWith: [calls: number, priority: number][] = [];
    const http = new FhirHttpClient({
      baseUrl: BASE,
      timeoutMs: 1000,
      fetch: fake.fetch,
      getAccessToken: () => Promise.resolve('tok-1'),
      onSend: (priority) => sentWith.push([fake.calls.length, priority]),
    });
    const controller = new AbortController();
    const answer = http.getJson('Patient/1', controller.signal, 3);
    expect(sentWith).toEqual([]);
    await vi.waitFor(() => expect(sentWith).toEqual([[1, 3]]));
    controller.abort();
    await expect(answer).rejects.toMatchObject({ kind: 'cancelled' });
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

  describe('behind a scheduler', () => {
    /** One place per origin; the first request holds it until `release` is called. */
    function queued(tokens: { current: string }) {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const sent: { url: string; headers: Record<string, string> }[] = [];
      const proofs: { url: string; token: string }[] = [];
      const http = new FhirHttpClient({
        baseUrl: BASE,
        timeoutMs: 1000,
        scheduler: new RequestScheduler(1),
        getAccessToken: () => Promise.resolve(tokens.current),
        proveToken: (method, url, token) => {
          proofs.push({ url, token });
          return Promise.resolve(`proof-${proofs.length}`);
        },
        fetch: async (input, init) => {
          const url = urlOf(input);
          sent.push({ url, headers: { ...(init?.headers as Record<string, string>) } });
          if (url.endsWith('/first')) await held;
          return new Response('{}', { status: 200 });
        },
      });
      return { http, sent, proofs, release: () => release() };
    }

    it("makes a waiting request's proof while it waits, and sends it the moment it has its place", async () => {
      const tokens = { current: 'tok-1' };
      const { http, sent, proofs, release } = queued(tokens);
      const first = http.getJson('first');
      const second = http.getJson('second');
      await vi.waitFor(() => expect(sent.map((s) => s.url)).toEqual([`${BASE}/first`]));
      // The second is still waiting for its place, but its proof is made.
      expect(proofs.map((p) => p.url)).toEqual([`${BASE}/first`, `${BASE}/second`]);
      release();
      await Promise.all([first, second]);
      expect(sent[1]).toEqual({
        url: `${BASE}/second`,
        headers: { Accept: 'application/fhir+json', Authorization: 'DPoP tok-1', DPoP: 'proof-2' },
      });
      expect(proofs).toHaveLength(2);
    });

    it('makes them again when the token changed while it waited (a refresh): never an old token or its proof', async () => {
      const tokens = { current: 'tok-1' };
      const { http, sent, proofs, release } = queued(tokens);
      const first = http.getJson('first');
      const second = http.getJson('second');
      await vi.waitFor(() => expect(proofs).toHaveLength(2));
      tokens.current = 'tok-2';
      release();
      await Promise.all([first, second]);
      expect(sent[1]?.headers).toMatchObject({ Authorization: 'DPoP tok-2', DPoP: 'proof-3' });
      expect(proofs[2]).toEqual({ url: `${BASE}/second`, token: 'tok-2' });
    });

    it('makes them again when they have waited more than a few seconds (a proof is dated)', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        const tokens = { current: 'tok-1' };
        const { http, sent, proofs, release } = queued(tokens);
        const first = http.getJson('first');
        const second = http.getJson('second');
        await vi.waitFor(() => expect(proofs).toHaveLength(2));
        vi.setSystemTime(Date.now() + 10_000);
        release();
        await Promise.all([first, second]);
        expect(sent[1]?.headers.DPoP).toBe('proof-3');
      } finally {
        vi.useRealTimers();
      }
    });
  });
});
