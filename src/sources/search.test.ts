import { describe, expect, it } from 'vitest';
import { FhirHttpClient, FhirRequestError } from './fhir-http';
import { readSearchBundle, searchAll } from './search';
import { FakeFhir, bundle, outcome, resource } from './test-helpers/fake-fhir';

const BASE = 'http://fhir.test/acute';

function http(fake: FakeFhir): FhirHttpClient {
  return new FhirHttpClient({ baseUrl: BASE, timeoutMs: 1000, fetch: fake.fetch, getAccessToken: () => Promise.resolve('t') });
}

function observations(from: number, count: number) {
  return Array.from({ length: count }, (_, i) => resource('Observation', `o${from + i}`));
}

describe('searchAll', () => {
  it('follows next links to the end', async () => {
    const fake = new FakeFhir()
      .on(`${BASE}/Observation?patient=1`, { json: bundle(observations(0, 2), { total: 5, next: `${BASE}/Observation?patient=1&page=2` }) })
      .on(`${BASE}/Observation?patient=1&page=2`, { json: bundle(observations(2, 2), { next: 'Observation?patient=1&page=3' }) })
      .on(`${BASE}/Observation?patient=1&page=3`, { json: bundle(observations(4, 1)) });
    const result = await searchAll(http(fake), 'Observation?patient=1', { pageCap: 100 });
    expect(result.resources.map((r) => r.id)).toEqual(['o0', 'o1', 'o2', 'o3', 'o4']);
    expect(result.total).toBe(5);
    expect(result.truncated).toBe(false);
    expect(fake.calls).toHaveLength(3);
  });

  it('stops at the cap and says so, with the total', async () => {
    const fake = new FakeFhir()
      .on(`${BASE}/Observation?patient=1`, { json: bundle(observations(0, 500), { total: 2310, next: `${BASE}/Observation?page=2` }) })
      .on(`${BASE}/Observation?page=2`, { json: bundle(observations(500, 500), { next: `${BASE}/Observation?page=3` }) });
    const result = await searchAll(http(fake), 'Observation?patient=1', { pageCap: 1000 });
    expect(result.resources).toHaveLength(1000);
    expect(result.total).toBe(2310);
    expect(result.truncated).toBe(true);
    expect(fake.urls()).not.toContain(`${BASE}/Observation?page=3`);
  });

  it('is not truncated when the cap is reached on the last page', async () => {
    const fake = new FakeFhir().on(`${BASE}/Flag`, { json: bundle(observations(0, 3), { total: 3 }) });
    const result = await searchAll(http(fake), 'Flag', { pageCap: 3 });
    expect(result.truncated).toBe(false);
  });

  it('surfaces OperationOutcome warnings from outcome entries and OperationOutcome resources', async () => {
    const json = bundle([resource('Condition', 'c1')], { outcomes: ['code system unknown: local codes shown as text'] }) as {
      entry: unknown[];
    };
    json.entry.push({ resource: outcome('information', 'results limited to 10 years') });
    const fake = new FakeFhir().on(`${BASE}/Condition`, { json });
    const result = await searchAll(http(fake), 'Condition', { pageCap: 100 });
    expect(result.resources.map((r) => r.resourceType)).toEqual(['Condition']);
    expect(result.warnings).toEqual(['code system unknown: local codes shown as text', 'results limited to 10 years']);
  });

  it('does not follow a next link to another server (the token stays with its source)', async () => {
    const fake = new FakeFhir().on(`${BASE}/Flag`, { json: bundle(observations(0, 1), { next: 'https://elsewhere.test/Flag?page=2' }) });
    const result = await searchAll(http(fake), 'Flag', { pageCap: 100 });
    expect(fake.calls).toHaveLength(1);
    expect(result.truncated).toBe(true);
    expect(result.warnings).toEqual(['paging stopped: the next page link points outside this source']);
  });

  it('stops when a server repeats a page link instead of looping', async () => {
    const fake = new FakeFhir()
      .on(`${BASE}/Flag`, { json: bundle(observations(0, 1), { next: `${BASE}/Flag?page=2` }) })
      .on(`${BASE}/Flag?page=2`, { json: bundle(observations(1, 1), { next: `${BASE}/Flag` }) });
    const result = await searchAll(http(fake), 'Flag', { pageCap: 100 });
    expect(result.resources).toHaveLength(2);
    expect(result.truncated).toBe(true);
    expect(fake.calls).toHaveLength(2);
  });
});

describe('readSearchBundle', () => {
  it('rejects a resource that is not a Bundle', () => {
    expect(() => readSearchBundle({ resourceType: 'Patient', id: '1' }, 'u')).toThrow(
      'the server answered with a Patient instead of a search Bundle',
    );
    expect(() => readSearchBundle([1, 2], 'u')).toThrow(FhirRequestError);
  });

  it('reads an OperationOutcome answered instead of results', () => {
    expect(() => readSearchBundle(outcome('error', 'unknown search parameter "patient"'), 'u')).toThrow(
      'the server answered with an OperationOutcome instead of results: unknown search parameter "patient"',
    );
  });

  it('skips malformed entries and odd totals', () => {
    const page = readSearchBundle(
      { resourceType: 'Bundle', total: -1, entry: [null, {}, { resource: { id: 'x' } }, { resource: { resourceType: 'Flag', id: 'f' } }] },
      'u',
    );
    expect(page.resources).toEqual([{ resourceType: 'Flag', id: 'f' }]);
    expect(page.total).toBeUndefined();
  });
});
