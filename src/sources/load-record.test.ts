import type { Patient, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { QueryResult } from '../record/model';
import { loadRecord, type LoadRecordOptions, type QueryTemplate, type SourceStatus } from './load-record';
import type { SourceConfig } from './source-config';
import { FakeFhir, NHS, bundle, outcome, patient, resource, type FakeAnswer } from './test-support/fake-fhir';

const FHIR = 'http://127.0.0.1:8080/fhir';
const NAMES = ['gp', 'acute', 'community', 'mental-health', 'social-care'] as const;
type Name = (typeof NAMES)[number];

const QUERIES: QueryTemplate[] = [
  { resourceType: 'Flag', query: 'Flag?patient={patient}' },
  { resourceType: 'AllergyIntolerance', query: 'AllergyIntolerance?patient={patient}' },
  { resourceType: 'MedicationRequest', query: 'MedicationRequest?patient={patient}&_count=50' },
];

function sources(overrides: Partial<SourceConfig> = {}): SourceConfig[] {
  return NAMES.map((name) => ({
    name,
    organisation: `${name} organisation`,
    fhirBaseUrl: `${FHIR}/${name}`,
    auth: 'launch-token',
    timeoutMs: 2000,
    pageCap: 100,
    ...overrides,
  }));
}

const url = (source: Name, path: string) => new URL(path, `${FHIR}/${source}/`).href;
const INCLUDES = '&_include=Patient:general-practitioner';
const searchByNhs = (source: Name, nhs: string) => url(source, `Patient?identifier=${encodeURIComponent(`${NHS}|${nhs}`)}${INCLUDES}`);
/** The launch patient is read by a search that brings the registered practice along. */
const readById = (source: Name, id: string) => url(source, `Patient?_id=${id}${INCLUDES}`);
const queryUrl = (source: Name, q: QueryTemplate, id: string) => url(source, q.query.replace('{patient}', id));

/** A source holding `p`: readable by id, findable by NHS number, with one resource per query. */
function holds(fake: FakeFhir, source: Name, p: Patient, answers: Partial<Record<string, FakeAnswer>> = {}): void {
  fake.on(readById(source, p.id as string), { json: bundle([p]) });
  const nhs = p.identifier?.[0]?.value;
  if (nhs) fake.on(searchByNhs(source, nhs), { json: bundle([p]) });
  for (const q of QUERIES) {
    const answer = answers[q.resourceType] ?? { json: bundle([resource(q.resourceType, `${source}-${q.resourceType}`)]) };
    fake.on(queryUrl(source, q, p.id as string), answer);
  }
}

function run(fake: FakeFhir, launch: { source: Name; patientId: string }, extra: Partial<LoadRecordOptions> = {}) {
  const results: QueryResult[] = [];
  const statuses: SourceStatus[] = [];
  const load = loadRecord({
    sources: sources(),
    launch: { issuer: `${FHIR}/${launch.source}/`, patientId: launch.patientId, getAccessToken: async () => 'token-x' },
    queries: QUERIES,
    onResult: (r) => results.push(r),
    onStatus: (s) => statuses.push(s),
    fetch: fake.fetch,
    now: () => new Date('2025-01-02T10:30:00Z'),
    ...extra,
  });
  return { load, results, statuses };
}

const from = (results: QueryResult[], source: string) => results.filter((r) => r.source.name === source);
const problemKinds = (results: QueryResult[], source: string) =>
  from(results, source).map((r) => (r.outcome.kind === 'problem' ? r.outcome.problem.kind : 'loaded'));
const finalStatus = (statuses: SourceStatus[], source: string) => statuses.filter((s) => s.source.name === source).at(-1);

function hughes(source: Name, id: string, born = '1945-07-14', given = 'Robert'): Patient {
  return patient(id, { nhs: '9990000069', born, family: 'HUGHES', given });
}

describe('loadRecord', () => {
  it('loads every source that holds the patient, never fetching a URL twice', async () => {
    const fake = new FakeFhir();
    for (const name of NAMES) holds(fake, name, hughes(name, `${name}-p`));
    const { load, results, statuses } = run(fake, { source: 'gp', patientId: 'gp-p' });
    await load.done;

    expect(load.sources.map((s) => s.name)).toEqual([...NAMES]);
    for (const name of NAMES) {
      expect(problemKinds(results, name)).toEqual(['loaded', 'loaded', 'loaded', 'loaded']);
      expect(finalStatus(statuses, name)).toEqual({ state: 'loaded', source: expect.objectContaining({ name }), at: '2025-01-02T10:30:00.000Z', problems: [] });
    }
    const patients = results.filter((r) => r.resourceType === 'Patient');
    expect(patients.map((r) => (r.outcome.kind === 'loaded' ? r.outcome.resources[0]?.id : undefined)).sort()).toEqual(
      NAMES.map((n) => `${n}-p`).sort(),
    );
    expect(new Set(fake.urls()).size).toBe(fake.urls().length);
    expect(fake.calls.every((c) => c.headers.Authorization === 'Bearer token-x')).toBe(true);
  });

  it('asks the queries in the given order, alerts first', async () => {
    const fake = new FakeFhir();
    holds(fake, 'gp', hughes('gp', 'gp-p'));
    const { load } = run(fake, { source: 'gp', patientId: 'gp-p' }, { sources: [] });
    await load.done;
    const gpQueries = fake.urls().filter((u) => !u.includes('/Patient'));
    expect(gpQueries).toEqual(QUERIES.map((q) => queryUrl('gp', q, 'gp-p')));
  });

  it('leaves out a source whose patient has another date of birth, saying why (HUGHES 999 000 0069)', async () => {
    const fake = new FakeFhir();
    for (const name of ['gp', 'acute'] as const) holds(fake, name, hughes(name, `${name}-p`));
    holds(fake, 'social-care', hughes('social-care', 'sc-p', '1954-03-02', 'Roberta'));
    const { load, results, statuses } = run(fake, { source: 'gp', patientId: 'gp-p' });
    await load.done;

    expect(problemKinds(results, 'social-care')).toEqual(['identity-mismatch', 'identity-mismatch', 'identity-mismatch', 'identity-mismatch']);
    const status = finalStatus(statuses, 'social-care');
    expect(status?.state === 'problem' && status.problem.reason).toBe(
      'date of birth differs; name differs',
    );
    expect(fake.urls().filter((u) => u.includes('/social-care/') && !u.includes('Patient?'))).toEqual([]);
    expect(from(results, 'social-care').some((r) => r.outcome.kind === 'loaded')).toBe(false);
    expect(problemKinds(results, 'acute')).toEqual(['loaded', 'loaded', 'loaded', 'loaded']);
    expect(finalStatus(statuses, 'community')).toMatchObject({ state: 'problem', problem: { kind: 'not-held', reason: 'no record with NHS number 999 000 0069' } });
  });

  it('uses only the launching source when the patient has no NHS number (ACU-7731)', async () => {
    const fake = new FakeFhir();
    holds(fake, 'acute', patient('acu-7731', { born: '1985' }));
    const { load, results, statuses } = run(fake, { source: 'acute', patientId: 'acu-7731' });
    await load.done;

    expect(problemKinds(results, 'acute')).toEqual(['loaded', 'loaded', 'loaded', 'loaded']);
    for (const name of NAMES.filter((n) => n !== 'acute')) {
      expect(problemKinds(results, name)).toEqual(['no-nhs-number', 'no-nhs-number', 'no-nhs-number', 'no-nhs-number']);
      expect(finalStatus(statuses, name)).toMatchObject({ state: 'problem', problem: { kind: 'no-nhs-number' } });
    }
    expect(fake.urls().every((u) => u.includes('/acute/'))).toBe(true);
  });

  it('does not guess between two records with one NHS number in a source', async () => {
    const fake = new FakeFhir();
    holds(fake, 'gp', hughes('gp', 'gp-p'));
    fake.on(searchByNhs('community', '9990000069'), { json: bundle([hughes('community', 'c1'), hughes('community', 'c2')]) });
    const { load, statuses } = run(fake, { source: 'gp', patientId: 'gp-p' });
    await load.done;
    expect(finalStatus(statuses, 'community')).toMatchObject({ state: 'problem', problem: { kind: 'ambiguous' } });
    expect(fake.urls().some((u) => u.includes('/community/Flag'))).toBe(false);
  });

  it('carries totals, truncation and OperationOutcome warnings into the results', async () => {
    const fake = new FakeFhir();
    const many = Array.from({ length: 100 }, (_, i): Resource => resource('MedicationRequest', `m${i}`));
    holds(fake, 'gp', hughes('gp', 'gp-p'), {
      MedicationRequest: { json: bundle(many, { total: 2310, next: url('gp', 'MedicationRequest?page=2'), outcomes: ['dose text truncated'] }) },
    });
    const { load, results } = run(fake, { source: 'gp', patientId: 'gp-p' }, { sources: sources().slice(0, 1) });
    await load.done;
    const meds = results.find((r) => r.resourceType === 'MedicationRequest');
    expect(meds?.outcome).toMatchObject({ kind: 'loaded', total: 2310, truncated: true, warnings: ['dose text truncated'] });
    expect(meds?.outcome.kind === 'loaded' && meds.outcome.resources).toHaveLength(100);
  });

  it('names a source that times out and still loads the others', async () => {
    const fake = new FakeFhir();
    for (const name of NAMES) holds(fake, name, hughes(name, `${name}-p`));
    fake.on(searchByNhs('mental-health', '9990000069'), { hang: true });
    const { load, results, statuses } = run(fake, { source: 'gp', patientId: 'gp-p' }, { sources: sources({ timeoutMs: 30 }) });
    await load.done;
    expect(finalStatus(statuses, 'mental-health')).toMatchObject({
      state: 'problem',
      problem: { kind: 'timed-out', reason: 'no answer within 0.03 seconds', at: '2025-01-02T10:30:00.000Z' },
    });
    expect(problemKinds(results, 'mental-health')).toEqual(['timed-out', 'timed-out', 'timed-out', 'timed-out']);
    for (const name of ['gp', 'acute', 'community', 'social-care']) expect(finalStatus(statuses, name)).toMatchObject({ state: 'loaded' });
  });

  it('reports a failed query with its OperationOutcome text as a partial load', async () => {
    const fake = new FakeFhir();
    holds(fake, 'gp', hughes('gp', 'gp-p'), {
      AllergyIntolerance: { status: 500, statusText: 'Internal Server Error', json: outcome('error', 'allergy service down') },
    });
    const { load, results, statuses } = run(fake, { source: 'gp', patientId: 'gp-p' }, { sources: [] });
    await load.done;
    const allergies = results.find((r) => r.resourceType === 'AllergyIntolerance');
    expect(allergies?.outcome).toMatchObject({
      kind: 'problem',
      problem: { kind: 'failed', reason: 'the server answered with an error (500 Internal Server Error): allergy service down' },
    });
    expect(finalStatus(statuses, 'launching-server')).toMatchObject({ state: 'loaded', problems: [{ kind: 'failed' }] });
  });

  it('reports malformed JSON as a failed source', async () => {
    const fake = new FakeFhir();
    holds(fake, 'gp', hughes('gp', 'gp-p'));
    fake.on(searchByNhs('acute', '9990000069'), { text: '<html>gateway</html>' });
    const { load, statuses } = run(fake, { source: 'gp', patientId: 'gp-p' });
    await load.done;
    expect(finalStatus(statuses, 'acute')).toMatchObject({ state: 'problem', problem: { kind: 'failed', reason: 'the server answered with something that is not FHIR JSON' } });
  });

  it('cannot match other sources when the launch patient cannot be read', async () => {
    const fake = new FakeFhir();
    holds(fake, 'gp', hughes('gp', 'gp-p'));
    fake.on(readById('gp', 'gp-p'), { networkError: true });
    const { load, statuses } = run(fake, { source: 'gp', patientId: 'gp-p' });
    await load.done;
    expect(finalStatus(statuses, 'acute')).toMatchObject({
      state: 'problem',
      problem: { kind: 'failed', reason: "not checked: the patient's details could not be read at launch (could not be reached (network error))" },
    });
    expect(finalStatus(statuses, 'gp')).toMatchObject({ state: 'loaded', problems: [{ kind: 'failed' }] });
    expect(fake.urls().filter((u) => u === readById('gp', 'gp-p'))).toHaveLength(1);
  });

  it('refuses a launch patient whose id is not the one launched', async () => {
    const fake = new FakeFhir();
    holds(fake, 'gp', hughes('gp', 'gp-p'));
    fake.on(readById('gp', 'gp-p'), { json: bundle([hughes('gp', 'someone-else')]) });
    const { load, results } = run(fake, { source: 'gp', patientId: 'gp-p' }, { sources: [] });
    await load.done;
    expect(results.find((r) => r.resourceType === 'Patient')?.outcome).toMatchObject({ kind: 'problem', problem: { kind: 'failed' } });
  });

  it('stops everything on abort and reports nothing afterwards', async () => {
    const fake = new FakeFhir();
    for (const name of NAMES) holds(fake, name, hughes(name, `${name}-p`), { Flag: { hang: true } });
    const controller = new AbortController();
    const { load, results, statuses } = run(fake, { source: 'gp', patientId: 'gp-p' }, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const seen = { results: results.length, statuses: statuses.length };
    controller.abort();
    await load.done;
    expect(results.length).toBe(seen.results);
    expect(statuses.length).toBe(seen.statuses);
    expect(fake.calls.every((c) => c.signal?.aborted)).toBe(true);
    expect(load.status('acute')).toMatchObject({ state: 'problem', problem: { kind: 'cancelled' } });
    await load.retry('acute');
    expect(statuses.length).toBe(seen.statuses);
  });

  it('retries a failed source, fetching only what failed', async () => {
    const fake = new FakeFhir();
    for (const name of ['gp', 'acute'] as const) holds(fake, name, hughes(name, `${name}-p`));
    const failedThenOk: FakeAnswer[] = [{ status: 503, statusText: 'Service Unavailable', text: '' }, { json: bundle([]) }];
    fake.on(queryUrl('acute', QUERIES[1] as QueryTemplate, 'acute-p'), ...failedThenOk);
    const { load, results, statuses } = run(fake, { source: 'gp', patientId: 'gp-p' }, { sources: sources().slice(0, 2) });
    await load.done;
    expect(finalStatus(statuses, 'acute')).toMatchObject({ state: 'loaded', problems: [{ kind: 'failed', reason: 'the server answered with an error (503 Service Unavailable)' }] });

    const before = fake.urls().length;
    const delivered = results.length;
    await load.retry('acute');
    expect(fake.urls().slice(before)).toEqual([queryUrl('acute', QUERIES[1] as QueryTemplate, 'acute-p')]);
    expect(results.slice(delivered)).toEqual([
      expect.objectContaining({ resourceType: 'AllergyIntolerance', outcome: expect.objectContaining({ kind: 'loaded' }) }),
    ]);
    expect(load.status('acute')).toMatchObject({ state: 'loaded', problems: [] });
  });

  it('retrying the launching source retries the sources waiting for it', async () => {
    const fake = new FakeFhir();
    for (const name of ['gp', 'acute'] as const) holds(fake, name, hughes(name, `${name}-p`));
    fake.on(readById('gp', 'gp-p'), { networkError: true }, { json: bundle([hughes('gp', 'gp-p')]) });
    const { load, statuses } = run(fake, { source: 'gp', patientId: 'gp-p' }, { sources: sources().slice(0, 2) });
    await load.done;
    expect(finalStatus(statuses, 'acute')).toMatchObject({ state: 'problem' });
    await load.retry('gp');
    expect(load.status('gp')).toMatchObject({ state: 'loaded', problems: [] });
    expect(load.status('acute')).toMatchObject({ state: 'loaded', problems: [] });
    const counts = new Map<string, number>();
    for (const u of fake.urls()) counts.set(u, (counts.get(u) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n > 1).map(([u]) => u)).toEqual([readById('gp', 'gp-p')]);
  });

  it('uses the launching server alone when no sources are configured', async () => {
    const fake = new FakeFhir();
    holds(fake, 'gp', hughes('gp', 'gp-p'));
    const { load, results } = run(fake, { source: 'gp', patientId: 'gp-p' }, { sources: [] });
    await load.done;
    expect(load.sources).toEqual([{ name: 'launching-server', organisation: 'The launching system (127.0.0.1:8080)' }]);
    expect(results).toHaveLength(4);
  });

  it('never sends the token to an open source', async () => {
    const fake = new FakeFhir();
    for (const name of NAMES) holds(fake, name, hughes(name, `${name}-p`));
    const configured = sources().map((s) => (s.name === 'community' ? { ...s, auth: 'none' as const } : s));
    const { load } = run(fake, { source: 'gp', patientId: 'gp-p' }, { sources: configured });
    await load.done;
    const community = fake.calls.filter((c) => c.url.includes('/community/'));
    expect(community.length).toBeGreaterThan(0);
    expect(community.every((c) => c.headers.Authorization === undefined)).toBe(true);
  });

  it('keeps loading when a consumer callback throws', async () => {
    const fake = new FakeFhir();
    holds(fake, 'gp', hughes('gp', 'gp-p'));
    const thrown: unknown[] = [];
    const onUncaught = (e: unknown) => thrown.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      const statuses: SourceStatus[] = [];
      const load = loadRecord({
        sources: [],
        launch: { issuer: `${FHIR}/gp`, patientId: 'gp-p', getAccessToken: async () => 't' },
        queries: QUERIES,
        onResult: () => {
          throw new Error('consumer bug');
        },
        onStatus: (s) => statuses.push(s),
        fetch: fake.fetch,
      });
      await load.done;
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(statuses.at(-1)).toMatchObject({ state: 'loaded', problems: [] });
      expect(thrown).toHaveLength(4);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
