import type { Patient, Resource } from '@medplum/fhirtypes';
import { describe, expect, it, vi } from 'vitest';
import { ACCESS_OUTCOME_SYSTEM } from '../access/outcomes';
import type { QueryResult } from '../record/model';
import { RESOURCE_QUERIES } from '../record/sections';
import { BATCH_PAGE_BUDGET, MAX_BATCH_ENTRIES } from './batch';
import { loadRecord, type LaunchPatient, type LoadRecordOptions, type SourceStatus } from './load-record';
import type { ResourceQuery } from '../record/queries';
import type { SourceConfig } from './source-config';
import { FakeFhir, NHS, bundle, outcome, patient, resource, type FakeAnswer } from './test-helpers/fake-fhir';
import { bodyOf, urlOf } from './test-helpers/fake-fetch';

const FHIR = 'http://127.0.0.1:8080/fhir';
const NAMES = ['gp', 'acute', 'community', 'mental-health', 'social-care'] as const;
type Name = (typeof NAMES)[number];

const QUERIES: ResourceQuery[] = [
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
const queryUrl = (source: Name, q: ResourceQuery, id: string) => url(source, q.query.replace('{patient}', id));

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
    launch: { issuer: `${FHIR}/${launch.source}/`, patientId: launch.patientId, getAccessToken: () => Promise.resolve('token-x') },
    queries: QUERIES,
    onResult: (r) => results.push(r),
    onStatus: (s) => statuses.push(s),
    fetch: fake.fetch,
    now: () => new Date('2025-01-02T10:30:00Z'),
    ...extra,
  });
  return { load, results, statuses };
}

/** Every request made to a source (its base, for a batch, included). */
const callsTo = (fake: FakeFhir, source: Name) =>
  fake.urls().filter((u) => u === `${FHIR}/${source}` || u.startsWith(`${FHIR}/${source}/`));
/** What was asked of a source: its GETs and the searches inside its batches. */
const askedOf = (fake: FakeFhir, source: Name) => fake.requested().filter((u) => u.startsWith(`${FHIR}/${source}/`));
const from = (results: QueryResult[], source: string) => results.filter((r) => r.source.name === source);
const problemKinds = (results: QueryResult[], source: string) =>
  from(results, source).map((r) => (r.outcome.kind === 'problem' ? r.outcome.problem.kind : 'loaded'));
const finalStatus = (statuses: SourceStatus[], source: string) => statuses.filter((s) => s.source.name === source).at(-1);

function hughes(source: Name, id: string, born = '1945-07-14', given = 'Robert'): Patient {
  return patient(id, { nhs: '9990000069', born, family: 'HUGHES', given });
}

/** The same behaviour whether a source takes FHIR batches or answers them 404 (then every query goes as its own GET). */
const MODES = [
  { mode: 'sources without batch', batch: false },
  { mode: 'sources that take batches', batch: true },
] as const;

describe.each(MODES)('loadRecord ($mode)', ({ batch }) => {
  const network = () => new FakeFhir({ batch });

  it('loads every source that holds the patient, never fetching a URL twice', async () => {
    const fake = network();
    for (const name of NAMES) holds(fake, name, hughes(name, `${name}-p`));
    const { load, results, statuses } = run(fake, { source: 'gp', patientId: 'gp-p' });
    await load.done;

    expect(load.sources.map((s) => s.name)).toEqual([...NAMES]);
    for (const name of NAMES) {
      expect(problemKinds(results, name)).toEqual(['loaded', 'loaded', 'loaded', 'loaded']);
      expect(finalStatus(statuses, name)).toEqual({
        state: 'loaded',
        source: { name, organisation: `${name} organisation` },
        at: '2025-01-02T10:30:00.000Z',
        problems: [],
      });
    }
    const patients = results.filter((r) => r.resourceType === 'Patient');
    expect(patients.map((r) => (r.outcome.kind === 'loaded' ? r.outcome.resources[0]?.id : undefined)).sort()).toEqual(
      NAMES.map((n) => `${n}-p`).sort(),
    );
    expect(new Set(fake.requested()).size).toBe(fake.requested().length);
    for (const name of NAMES) expect(fake.requested()).toEqual(expect.arrayContaining(QUERIES.map((q) => queryUrl(name, q, `${name}-p`))));
    expect(fake.calls.every((c) => c.headers.Authorization === 'Bearer token-x')).toBe(true);
  });

  it('leaves out a source whose patient has another date of birth, saying why (HUGHES 999 000 0069)', async () => {
    const fake = network();
    for (const name of ['gp', 'acute'] as const) holds(fake, name, hughes(name, `${name}-p`));
    holds(fake, 'social-care', hughes('social-care', 'sc-p', '1954-03-02', 'Roberta'));
    const { load, results, statuses } = run(fake, { source: 'gp', patientId: 'gp-p' });
    await load.done;

    expect(problemKinds(results, 'social-care')).toEqual([
      'identity-mismatch',
      'identity-mismatch',
      'identity-mismatch',
      'identity-mismatch',
    ]);
    const status = finalStatus(statuses, 'social-care');
    expect(status?.state === 'problem' && status.problem.reason).toBe('date of birth differs; name differs');
    expect(askedOf(fake, 'social-care')).toEqual([searchByNhs('social-care', '9990000069')]);
    expect(from(results, 'social-care').some((r) => r.outcome.kind === 'loaded')).toBe(false);
    expect(problemKinds(results, 'acute')).toEqual(['loaded', 'loaded', 'loaded', 'loaded']);
    expect(finalStatus(statuses, 'community')).toMatchObject({
      state: 'problem',
      problem: { kind: 'not-held', reason: 'no record with NHS number 999 000 0069' },
    });
  });

  it('uses only the launching source when the patient has no NHS number (ACU-7731)', async () => {
    const fake = network();
    holds(fake, 'acute', patient('acu-7731', { born: '1985' }));
    const { load, results, statuses } = run(fake, { source: 'acute', patientId: 'acu-7731' });
    await load.done;

    expect(problemKinds(results, 'acute')).toEqual(['loaded', 'loaded', 'loaded', 'loaded']);
    for (const name of NAMES.filter((n) => n !== 'acute')) {
      expect(problemKinds(results, name)).toEqual(['no-nhs-number', 'no-nhs-number', 'no-nhs-number', 'no-nhs-number']);
      expect(finalStatus(statuses, name)).toMatchObject({ state: 'problem', problem: { kind: 'no-nhs-number' } });
    }
    expect(fake.urls().every((u) => u.startsWith(`${FHIR}/acute/`) || u === `${FHIR}/acute`)).toBe(true);
  });

  it('searches the other sources at once when the launch states the NHS number, and fetches their data ahead, holding it until the launch patient is read and matched', async () => {
    const fake = network();
    for (const name of NAMES) holds(fake, name, hughes(name, `${name}-p`));
    let release!: () => void;
    const launchRead = new Promise<void>((resolve) => (release = resolve));
    const held: typeof fetch = async (input, init) => {
      if (urlOf(input) === readById('gp', 'gp-p')) await launchRead;
      return fake.fetch(input, init);
    };
    const launch = {
      issuer: `${FHIR}/gp/`,
      patientId: 'gp-p',
      nhsNumber: '999 000 0069',
      getAccessToken: () => Promise.resolve('token-x'),
    };
    const { load, results } = run(fake, { source: 'gp', patientId: 'gp-p' }, { fetch: held, launch });
    const others = NAMES.filter((n) => n !== 'gp');
    // Each source's data waits for its own search only, not for the launch patient's read...
    const data = others.flatMap((n) => QUERIES.map((q) => queryUrl(n, q, `${n}-p`)));
    await vi.waitFor(() => expect(fake.requested()).toEqual(expect.arrayContaining(data)), { timeout: 2000 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    // ...but nothing of it is delivered (shown or merged) until the launch patient is known and matches.
    expect(results.filter((r) => r.source.name !== 'gp')).toEqual([]);
    release();
    await load.done;
    for (const name of NAMES) expect(problemKinds(results, name)).toEqual(['loaded', 'loaded', 'loaded', 'loaded']);
    // Each source's Patient first, then its data, and every URL fetched once.
    for (const name of others) expect(from(results, name)[0]?.resourceType).toBe('Patient');
    expect(new Set(fake.requested()).size).toBe(fake.requested().length);
  });

  it('never delivers data fetched ahead for a record that the match then refuses (another date of birth), and cancels what is in flight', async () => {
    const fake = network();
    holds(fake, 'gp', hughes('gp', 'gp-p'));
    holds(fake, 'acute', hughes('acute', 'acute-p'));
    // Social care holds the NHS number for someone born on another day: its data answers slowly.
    holds(fake, 'social-care', hughes('social-care', 'sc-p', '1954-03-02', 'Roberta'));
    let release!: () => void;
    const launchRead = new Promise<void>((resolve) => (release = resolve));
    const signals: AbortSignal[] = [];
    const slow: typeof fetch = async (input, init) => {
      const target = urlOf(input);
      if (target === readById('gp', 'gp-p')) await launchRead;
      const socialData = target.startsWith(`${FHIR}/social-care`) && !(bodyOf(init) || target).includes('Patient');
      if (socialData && init?.signal) {
        signals.push(init.signal);
        if (bodyOf(init).includes('MedicationRequest') || target.includes('MedicationRequest')) {
          await new Promise((resolve) => init.signal!.addEventListener('abort', resolve));
        }
      }
      return fake.fetch(input, init);
    };
    const launch = { issuer: `${FHIR}/gp/`, patientId: 'gp-p', nhsNumber: '9990000069', getAccessToken: () => Promise.resolve('token-x') };
    const { load, results, statuses } = run(fake, { source: 'gp', patientId: 'gp-p' }, { fetch: slow, launch });
    await vi.waitFor(() => expect(askedOf(fake, 'social-care').length).toBeGreaterThan(1), { timeout: 2000 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await load.done;
    expect(problemKinds(results, 'social-care')).toEqual([
      'identity-mismatch',
      'identity-mismatch',
      'identity-mismatch',
      'identity-mismatch',
    ]);
    expect(from(results, 'social-care').some((r) => r.outcome.kind === 'loaded')).toBe(false);
    expect(finalStatus(statuses, 'social-care')).toMatchObject({
      state: 'problem',
      problem: { kind: 'identity-mismatch', reason: 'date of birth differs; name differs' },
    });
    expect(signals.length).toBeGreaterThan(0);
    expect(signals.every((signal) => signal.aborted)).toBe(true);
    // Nothing held comes out later either.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(from(results, 'social-care').some((r) => r.outcome.kind === 'loaded')).toBe(false);
    expect(problemKinds(results, 'acute')).toEqual(['loaded', 'loaded', 'loaded', 'loaded']);
  });

  it('fetches nothing ahead where the search finds two records: the match decides, and it does not guess', async () => {
    const fake = network();
    holds(fake, 'gp', hughes('gp', 'gp-p'));
    fake.on(searchByNhs('community', '9990000069'), { json: bundle([hughes('community', 'c1'), hughes('community', 'c2')]) });
    const launch = { issuer: `${FHIR}/gp/`, patientId: 'gp-p', nhsNumber: '9990000069', getAccessToken: () => Promise.resolve('token-x') };
    const { load, statuses } = run(fake, { source: 'gp', patientId: 'gp-p' }, { launch });
    await load.done;
    expect(finalStatus(statuses, 'community')).toMatchObject({ state: 'problem', problem: { kind: 'ambiguous' } });
    expect(askedOf(fake, 'community')).toEqual([searchByNhs('community', '9990000069')]);
  });

  it("stops every other source when the NHS number the launch states is not the launching source's", async () => {
    const fake = network();
    for (const name of NAMES) holds(fake, name, hughes(name, `${name}-p`));
    const launch = { issuer: `${FHIR}/gp/`, patientId: 'gp-p', nhsNumber: '9990000018', getAccessToken: () => Promise.resolve('token-x') };
    const { load, results } = run(fake, { source: 'gp', patientId: 'gp-p' }, { launch });
    await load.done;
    expect(problemKinds(results, 'gp')).toEqual(['loaded', 'loaded', 'loaded', 'loaded']);
    for (const name of NAMES.filter((n) => n !== 'gp')) {
      expect(problemKinds(results, name)).toEqual(['identity-mismatch', 'identity-mismatch', 'identity-mismatch', 'identity-mismatch']);
      expect(fake.requested().filter((u) => u.startsWith(`${FHIR}/${name}/`) && !u.includes('/Patient?'))).toEqual([]);
    }
  });

  it('does not guess between two records with one NHS number in a source', async () => {
    const fake = network();
    holds(fake, 'gp', hughes('gp', 'gp-p'));
    fake.on(searchByNhs('community', '9990000069'), { json: bundle([hughes('community', 'c1'), hughes('community', 'c2')]) });
    const { load, statuses } = run(fake, { source: 'gp', patientId: 'gp-p' });
    await load.done;
    expect(finalStatus(statuses, 'community')).toMatchObject({ state: 'problem', problem: { kind: 'ambiguous' } });
    expect(askedOf(fake, 'community')).toEqual([searchByNhs('community', '9990000069')]);
  });

  it('carries totals, truncation and OperationOutcome warnings into the results', async () => {
    const fake = network();
    const many = Array.from({ length: 100 }, (_, i): Resource => resource('MedicationRequest', `m${i}`));
    holds(fake, 'gp', hughes('gp', 'gp-p'), {
      MedicationRequest: {
        json: bundle(many, { total: 2310, next: url('gp', 'MedicationRequest?page=2'), outcomes: ['dose text truncated'] }),
      },
    });
    const { load, results } = run(fake, { source: 'gp', patientId: 'gp-p' }, { sources: sources().slice(0, 1) });
    await load.done;
    const meds = results.find((r) => r.resourceType === 'MedicationRequest');
    expect(meds?.outcome).toMatchObject({ kind: 'loaded', total: 2310, truncated: true, warnings: ['dose text truncated'] });
    expect(meds?.outcome.kind === 'loaded' && meds.outcome.resources).toHaveLength(100);
  });

  it('names a source that times out and still loads the others', async () => {
    const fake = network();
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
    const fake = network();
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
    const fake = network();
    holds(fake, 'gp', hughes('gp', 'gp-p'));
    fake.on(searchByNhs('acute', '9990000069'), { text: '<html>gateway</html>' });
    const { load, statuses } = run(fake, { source: 'gp', patientId: 'gp-p' });
    await load.done;
    expect(finalStatus(statuses, 'acute')).toMatchObject({
      state: 'problem',
      problem: { kind: 'failed', reason: 'the server answered with something that is not FHIR JSON' },
    });
  });

  it('cannot match other sources when the launch patient cannot be read', async () => {
    const fake = network();
    holds(fake, 'gp', hughes('gp', 'gp-p'));
    fake.on(readById('gp', 'gp-p'), { networkError: true });
    const { load, statuses } = run(fake, { source: 'gp', patientId: 'gp-p' });
    await load.done;
    expect(finalStatus(statuses, 'acute')).toMatchObject({
      state: 'problem',
      problem: {
        kind: 'failed',
        reason: "not checked: the patient's details could not be read at launch (could not be reached (network error))",
      },
    });
    expect(finalStatus(statuses, 'gp')).toMatchObject({ state: 'loaded', problems: [{ kind: 'failed' }] });
    expect(fake.urls().filter((u) => u === readById('gp', 'gp-p'))).toHaveLength(1);
  });

  it('refuses a launch patient whose id is not the one launched', async () => {
    const fake = network();
    holds(fake, 'gp', hughes('gp', 'gp-p'));
    fake.on(readById('gp', 'gp-p'), { json: bundle([hughes('gp', 'someone-else')]) });
    const { load, results } = run(fake, { source: 'gp', patientId: 'gp-p' }, { sources: [] });
    await load.done;
    expect(results.find((r) => r.resourceType === 'Patient')?.outcome).toMatchObject({ kind: 'problem', problem: { kind: 'failed' } });
  });

  it("says when every source has sent its alerts' request, before any has answered", async () => {
    const fake = network();
    const hanging = { Flag: { hang: true }, AllergyIntolerance: { hang: true }, MedicationRequest: { hang: true } } as const;
    for (const name of NAMES) holds(fake, name, hughes(name, `${name}-p`), hanging);
    let giveToken = (_token: string): void => undefined;
    const token = new Promise<string>((resolve) => (giveToken = resolve));
    const controller = new AbortController();
    const { load } = run(
      fake,
      { source: 'gp', patientId: 'gp-p' },
      {
        signal: controller.signal,
        launch: { issuer: `${FHIR}/gp/`, patientId: 'gp-p', nhsNumber: '9990000069', getAccessToken: () => token },
      },
    );
    const said: string[] = [];
    void load.alertsAsked.then(() => said.push('alerts'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // No token yet: nothing has left, so nothing may be said to have.
    expect(fake.calls).toHaveLength(0);
    expect(said).toEqual([]);
    giveToken('token-x');
    await load.alertsAsked;
    expect(said).toEqual(['alerts']);
    // The alerts' queries come first: every source has asked for its flags, none has had an answer.
    for (const name of NAMES) expect(askedOf(fake, name)).toContain(queryUrl(name, QUERIES[0]!, `${name}-p`));
    controller.abort();
    await load.done;
  });

  it('does not count a Patient search as the alerts asked for', async () => {
    const fake = network();
    for (const name of NAMES) holds(fake, name, hughes(name, `${name}-p`), { Flag: { hang: true } });
    fake.on(searchByNhs('community', '9990000069'), { hang: true });
    const controller = new AbortController();
    const { load } = run(
      fake,
      { source: 'gp', patientId: 'gp-p' },
      {
        signal: controller.signal,
        launch: { issuer: `${FHIR}/gp/`, patientId: 'gp-p', nhsNumber: '9990000069', getAccessToken: () => Promise.resolve('t') },
      },
    );
    let asked = false;
    void load.alertsAsked.then(() => (asked = true));
    await vi.waitFor(() => expect(askedOf(fake, 'social-care')).toContain(queryUrl('social-care', QUERIES[0]!, 'social-care-p')));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The community's search has left but not been answered: its data has not, so the alerts are not all asked for.
    expect(askedOf(fake, 'community')).toEqual([searchByNhs('community', '9990000069')]);
    expect(asked).toBe(false);
    // A source that finishes (here, cancelled) counts.
    controller.abort();
    await load.alertsAsked;
    await load.done;
  });

  it('counts a source that finishes without asking anything as having sent', async () => {
    const fake = network();
    const { load } = run(
      fake,
      { source: 'gp', patientId: 'gp-p' },
      { launch: { issuer: `${FHIR}/gp/`, getAccessToken: () => Promise.resolve('t') } },
    );
    await load.alertsAsked;
    await load.done;
    expect(fake.calls).toHaveLength(0);
  });

  it('stops everything on abort and reports nothing afterwards', async () => {
    const fake = network();
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
    const fake = network();
    for (const name of ['gp', 'acute'] as const) holds(fake, name, hughes(name, `${name}-p`));
    const failedThenOk: FakeAnswer[] = [{ status: 503, statusText: 'Service Unavailable', text: '' }, { json: bundle([]) }];
    fake.on(queryUrl('acute', QUERIES[1] as ResourceQuery, 'acute-p'), ...failedThenOk);
    const { load, results, statuses } = run(fake, { source: 'gp', patientId: 'gp-p' }, { sources: sources().slice(0, 2) });
    await load.done;
    expect(finalStatus(statuses, 'acute')).toMatchObject({
      state: 'loaded',
      problems: [{ kind: 'failed', reason: 'the server answered with an error (503 Service Unavailable)' }],
    });

    const before = fake.urls().length;
    const delivered = results.length;
    await load.retry('acute');
    expect(fake.urls().slice(before)).toEqual([queryUrl('acute', QUERIES[1] as ResourceQuery, 'acute-p')]);
    expect(results.slice(delivered)).toMatchObject([{ resourceType: 'AllergyIntolerance', outcome: { kind: 'loaded' } }]);
    expect(load.status('acute')).toMatchObject({ state: 'loaded', problems: [] });
  });

  it('retrying the launching source retries the sources waiting for it', async () => {
    const fake = network();
    for (const name of ['gp', 'acute'] as const) holds(fake, name, hughes(name, `${name}-p`));
    fake.on(readById('gp', 'gp-p'), { networkError: true }, { json: bundle([hughes('gp', 'gp-p')]) });
    const { load, statuses } = run(fake, { source: 'gp', patientId: 'gp-p' }, { sources: sources().slice(0, 2) });
    await load.done;
    expect(finalStatus(statuses, 'acute')).toMatchObject({ state: 'problem' });
    await load.retry('gp');
    expect(load.status('gp')).toMatchObject({ state: 'loaded', problems: [] });
    expect(load.status('acute')).toMatchObject({ state: 'loaded', problems: [] });
    const counts = new Map<string, number>();
    for (const u of fake.requested()) counts.set(u, (counts.get(u) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n > 1).map(([u]) => u)).toEqual([readById('gp', 'gp-p')]);
  });

  it('uses the launching server alone when no sources are configured', async () => {
    const fake = network();
    holds(fake, 'gp', hughes('gp', 'gp-p'));
    const { load, results } = run(fake, { source: 'gp', patientId: 'gp-p' }, { sources: [] });
    await load.done;
    expect(load.sources).toEqual([{ name: 'launching-server', organisation: 'The launching system (127.0.0.1:8080)' }]);
    expect(results).toHaveLength(4);
  });

  it('never sends the token to an open source', async () => {
    const fake = network();
    for (const name of NAMES) holds(fake, name, hughes(name, `${name}-p`));
    const configured = sources().map((s) => (s.name === 'community' ? { ...s, auth: 'none' as const } : s));
    const { load } = run(fake, { source: 'gp', patientId: 'gp-p' }, { sources: configured });
    await load.done;
    const community = fake.calls.filter((c) => c.url.startsWith(`${FHIR}/community`));
    expect(community.length).toBeGreaterThan(0);
    expect(community.every((c) => c.headers.Authorization === undefined)).toBe(true);
  });

  it('keeps loading when a consumer callback throws', async () => {
    const fake = network();
    holds(fake, 'gp', hughes('gp', 'gp-p'));
    const thrown: unknown[] = [];
    const onUncaught = (e: unknown) => thrown.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      const statuses: SourceStatus[] = [];
      const load = loadRecord({
        sources: [],
        launch: { issuer: `${FHIR}/gp`, patientId: 'gp-p', getAccessToken: () => Promise.resolve('t') },
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

describe("loadRecord: each source's queries as FHIR batches", () => {
  /** What the viewer asks every source for (record/queries), the Patient aside. */
  const DATA: ResourceQuery[] = RESOURCE_QUERIES.filter((q) => q.resourceType !== 'Patient');
  const ALERTS = ['Consent', 'Flag', 'Condition', 'CarePlan', 'AllergyIntolerance'];
  const dataUrl = (source: Name, q: ResourceQuery) => queryUrl(source, q, `${source}-p`);
  const typeOf = (url: string) => /\/fhir\/[^/]+\/([A-Za-z]+)/.exec(url)?.[1];
  const pageOf = (url: string) => Number(new URL(url).searchParams.get('_count') ?? 100);

  /** Two sources holding the patient, each answering every query (and `answers`, by source and type). */
  function world(batch: boolean, answers: Partial<Record<Name, Partial<Record<string, FakeAnswer[]>>>> = {}) {
    const fake = new FakeFhir({ batch });
    for (const name of ['gp', 'acute'] as const) {
      const p = hughes(name, `${name}-p`);
      fake.on(readById(name, p.id!), { json: bundle([p]) }).on(searchByNhs(name, '9990000069'), { json: bundle([p]) });
      for (const q of DATA)
        fake.on(
          dataUrl(name, q),
          ...(answers[name]?.[q.resourceType] ?? [{ json: bundle([resource(q.resourceType, `${name}-${q.resourceType}`)], { total: 1 }) }]),
        );
    }
    return fake;
  }

  function load(fake: FakeFhir, extra: Partial<LoadRecordOptions> = {}) {
    return run(fake, { source: 'gp', patientId: 'gp-p' }, { sources: sources().slice(0, 2), queries: DATA, ...extra });
  }

  /** Results in a stable order: delivery order differs between batches and single GETs. */
  const sorted = (results: QueryResult[]) =>
    [...results].sort((a, b) => `${a.source.name} ${a.resourceType}`.localeCompare(`${b.source.name} ${b.resourceType}`));

  it("sends the alerts' queries as one batch, then the rest in a few of bounded size, each query once", async () => {
    const fake = world(true);
    const { load: loading, results } = load(fake);
    await loading.done;
    for (const name of ['gp', 'acute'] as const) {
      const all = fake.batches().filter((b) => b[0]!.startsWith(`${FHIR}/${name}/`));
      // Another source's Patient search is a batch of its own, sent first (see the next test but one).
      const batches = all.filter((b) => typeOf(b[0]!) !== 'Patient');
      expect(all.length - batches.length).toBe(name === 'gp' ? 0 : 1);
      expect(batches[0]?.map(typeOf)).toEqual(ALERTS);
      expect(batches.length).toBeLessThanOrEqual(4);
      for (const b of batches) {
        expect(b.length).toBeLessThanOrEqual(MAX_BATCH_ENTRIES);
        expect(b.map(pageOf).reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(BATCH_PAGE_BUDGET);
      }
      expect(batches.flat().sort()).toEqual(DATA.map((q) => dataUrl(name, q)).sort());
      // The source's requests: its Patient (the launching source's read; another's search, batched), then its batches; no single search.
      expect(callsTo(fake, name)).toEqual([
        name === 'gp' ? readById('gp', 'gp-p') : `${FHIR}/acute`,
        ...batches.map(() => `${FHIR}/${name}`),
      ]);
      if (name === 'acute') expect(all[0]).toEqual([searchByNhs('acute', '9990000069')]);
    }
    expect(results.filter((r) => r.outcome.kind === 'loaded')).toHaveLength(2 * (DATA.length + 1));
  });

  it('sends a search that two queries share once, and gives both its answer', async () => {
    const fake = world(true);
    const flag = DATA.find((q) => q.resourceType === 'Flag')!;
    const queries = [...DATA, { resourceType: 'FlagAgain', query: flag.query }];
    const { load: loading, results } = load(fake, { queries });
    await loading.done;
    expect(fake.requested().filter((u) => u === dataUrl('gp', flag))).toHaveLength(1);
    const gp = (type: string) => results.find((r) => r.source.name === 'gp' && r.resourceType === type)?.outcome;
    expect(gp('FlagAgain')).toEqual(gp('Flag'));
    expect(gp('Flag')).toMatchObject({ kind: 'loaded', resources: [{ id: 'gp-Flag' }] });
  });

  const token = (): Promise<string> => Promise.resolve('t');
  it.each<[string, LaunchPatient]>([
    [
      "an EHR launch (the launching source's batches start beside its Patient read)",
      { issuer: `${FHIR}/gp/`, patientId: 'gp-p', getAccessToken: token },
    ],
    [
      "a signed link (every source's batches wait for its Patient search)",
      { issuer: `${FHIR}/gp/`, identity: { nhsNumber: '9990000069', birthDate: '1945-07-14' }, getAccessToken: token },
    ],
  ])("sends every source's alerts batch before any other batch when requests must wait: %s", async (_, launch) => {
    const fake = world(true);
    const { load: loading } = load(fake, { requestsPerOrigin: 1, launch });
    await loading.done;
    const kindOf = (urls: string[]) => {
      const alerts = urls.filter((u) => ALERTS.includes(typeOf(u)!)).length;
      return alerts === urls.length ? 'alerts' : alerts === 0 ? 'rest' : 'mixed';
    };
    // Patient searches (batches of one) come first of all: they are not data.
    const kinds = fake.calls.filter((c) => c.batched && typeOf(c.batched[0]!) !== 'Patient').map((c) => kindOf(c.batched!));
    expect(kinds.slice(0, 2)).toEqual(['alerts', 'alerts']);
    expect(kinds.slice(2).every((k) => k === 'rest')).toBe(true);
  });

  it('makes of each entry the result its own GET gives: withheld, restricted, failed, malformed, paged, truncated', async () => {
    const accessOutcome = (code: string, severity = 'error') => ({
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity,
          code: severity === 'error' ? 'forbidden' : 'suppressed',
          details: { coding: [{ system: ACCESS_OUTCOME_SYSTEM, code }], text: code },
        },
      ],
    });
    const restricted = bundle([resource('Condition', 'c1')]) as { entry: unknown[] };
    restricted.entry.push({ search: { mode: 'outcome' }, resource: accessOutcome('restricted-withheld', 'warning') });
    const page2 = url('gp', 'Observation?patient=gp-p&_count=1000&_offset=1000');
    const many = Array.from({ length: 60 }, (_, i) => resource('Observation', `o${i}`));
    const answers = {
      gp: {
        Condition: [{ json: restricted }],
        MedicationRequest: [{ status: 403, statusText: 'Forbidden', json: accessOutcome('role-withheld') }],
        AllergyIntolerance: [{ status: 500, statusText: 'Internal Server Error', json: outcome('error', 'allergy service down') }],
        Observation: [{ json: bundle(many.slice(0, 50), { total: 60, next: page2, outcomes: ['some values truncated'] }) }],
        Immunization: [{ json: outcome('error', 'not a Bundle') }],
        DocumentReference: [{ status: 404, statusText: 'Not Found', json: outcome('error', 'no such type here') }],
      },
      acute: {
        Consent: [{ status: 403, statusText: 'Forbidden', json: accessOutcome('objection') }],
        Encounter: [{ json: bundle(many, { total: 900, next: url('acute', 'Encounter?page=2') }) }],
      },
    } as const;
    const outcomes: QueryResult[][] = [];
    for (const batch of [false, true]) {
      const fake = world(batch, answers as never);
      fake.on(page2, { json: bundle(many.slice(50), { total: 60 }) });
      const { load: loading, results } = load(fake, { sources: sources({ pageCap: 55 }).slice(0, 2) });
      await loading.done;
      expect(fake.batches().length > 0).toBe(batch);
      outcomes.push(sorted(results));
    }
    expect(outcomes[1]).toEqual(outcomes[0]);
    const gp = (type: string) => outcomes[1]!.find((r) => r.source.name === 'gp' && r.resourceType === type)?.outcome;
    expect(gp('Condition')).toMatchObject({ kind: 'loaded', restrictedWithheld: true, warnings: [] });
    expect(gp('MedicationRequest')).toMatchObject({ kind: 'problem', problem: { kind: 'withheld' } });
    expect(gp('AllergyIntolerance')).toMatchObject({
      kind: 'problem',
      problem: { kind: 'failed', reason: 'the server answered with an error (500 Internal Server Error): allergy service down' },
    });
    expect(gp('Observation')).toMatchObject({ kind: 'loaded', total: 60, truncated: false, warnings: ['some values truncated'] });
    expect(gp('Observation')?.kind === 'loaded' && gp('Observation')).toHaveProperty('resources.length', 60);
    expect(gp('Immunization')).toMatchObject({
      kind: 'problem',
      problem: { kind: 'failed', reason: 'the server answered with an OperationOutcome instead of results: not a Bundle' },
    });
    expect(gp('DocumentReference')).toMatchObject({ kind: 'problem', problem: { kind: 'failed' } });
    expect(gp('Flag')).toMatchObject({ kind: 'loaded' });
    const acute = outcomes[1]!.filter((r) => r.source.name === 'acute');
    expect(acute.find((r) => r.resourceType === 'Consent')?.outcome).toMatchObject({ kind: 'problem', problem: { kind: 'objection' } });
    expect(acute.find((r) => r.resourceType === 'Encounter')?.outcome).toMatchObject({ kind: 'loaded', truncated: true, total: 900 });
  });

  it("follows a batch entry's next link with a GET, and fails only that query if the page fails", async () => {
    const next = url('gp', 'Flag?patient=gp-p&_count=1000&_offset=1000');
    const fake = world(true, { gp: { Flag: [{ json: bundle([resource('Flag', 'f1')], { total: 2, next }) }] } });
    fake.on(next, { status: 503, statusText: 'Service Unavailable', text: '' }, { json: bundle([resource('Flag', 'f2')], { total: 2 }) });
    const { load: loading, results, statuses } = load(fake);
    await loading.done;
    const gpCalls = fake.calls.filter((c) => c.url.startsWith(`${FHIR}/gp`));
    expect(gpCalls.map((c) => c.method)).toEqual([
      'GET',
      ...fake
        .batches()
        .filter((b) => b[0]!.includes('/gp/'))
        .map(() => 'POST'),
      'GET',
    ]);
    expect(gpCalls.at(-1)?.url).toBe(next);
    const flag = results.find((r) => r.source.name === 'gp' && r.resourceType === 'Flag');
    expect(flag?.outcome).toMatchObject({
      kind: 'problem',
      problem: { kind: 'failed', reason: 'the server answered with an error (503 Service Unavailable)' },
    });
    expect(results.filter((r) => r.source.name === 'gp' && r.outcome.kind === 'loaded')).toHaveLength(DATA.length);
    expect(finalStatus(statuses, 'gp')).toMatchObject({ state: 'loaded', problems: [{ kind: 'failed' }] });

    // A retry asks for the failed query again, from its first page.
    const before = fake.calls.length;
    await loading.retry('gp');
    expect(fake.calls.slice(before).map((c) => c.url)).toEqual([
      dataUrl(
        'gp',
        DATA.find((q) => q.resourceType === 'Flag')!,
      ),
      next,
    ]);
    expect(results.at(-1)?.outcome).toMatchObject({ kind: 'loaded', resources: [{ id: 'f1' }, { id: 'f2' }] });
  });

  it.each([
    ['405 Method Not Allowed', { status: 405, statusText: 'Method Not Allowed', json: outcome('error', 'read-only') }],
    ['404 Not Found', { status: 404, statusText: 'Not Found', text: '' }],
    ['501 Not Implemented', { status: 501, statusText: 'Not Implemented', text: 'nope' }],
    ['400 Bad Request', { status: 400, statusText: 'Bad Request', json: outcome('error', 'batch not supported') }],
    ['422 Unprocessable Entity', { status: 422, statusText: 'Unprocessable Entity', json: outcome('error', 'no') }],
    ['a searchset instead of a batch-response', { json: bundle([]) }],
    ['a batch-response with too few entries', { json: { resourceType: 'Bundle', type: 'batch-response', entry: [] } }],
    [
      'a batch-response entry with no status',
      { json: { resourceType: 'Bundle', type: 'batch-response', entry: Array.from({ length: 20 }, () => ({ resource: bundle([]) })) } },
    ],
    ['something that is not JSON', { text: '<html>proxy</html>' }],
  ] as [string, FakeAnswer][])(
    'falls back to one GET per query, for the rest of the load, when a source answers a batch with %s',
    async (_, refusal) => {
      const fake = world(true, { acute: { Flag: [{ status: 503, statusText: 'Service Unavailable', text: '' }, { json: bundle([]) }] } });
      fake.onPost(`${FHIR}/acute`, refusal);
      const { load: loading, results, statuses } = load(fake);
      await loading.done;
      const acute = results.filter((r) => r.source.name === 'acute');
      expect(
        acute
          .map((r) => (r.outcome.kind === 'problem' ? `${r.resourceType} ${r.outcome.problem.reason}` : 'loaded'))
          .filter((k) => k !== 'loaded'),
      ).toEqual(['Flag the server answered with an error (503 Service Unavailable)']);
      expect(acute).toHaveLength(DATA.length + 1);
      // Each query asked once by GET: nothing lost, nothing repeated; gp still batched.
      expect(
        fake
          .requested()
          .filter((u) => u.startsWith(`${FHIR}/acute/`))
          .sort(),
      ).toEqual([searchByNhs('acute', '9990000069'), ...DATA.map((q) => dataUrl('acute', q))].sort());
      expect(fake.batches().every((b) => b[0]!.startsWith(`${FHIR}/gp/`))).toBe(true);
      expect(finalStatus(statuses, 'acute')).toMatchObject({ state: 'loaded', problems: [{ kind: 'failed' }] });

      const posts = fake.calls.filter((c) => c.method === 'POST' && c.url === `${FHIR}/acute`).length;
      const before = fake.calls.length;
      await loading.retry('acute');
      expect(fake.calls.slice(before).map((c) => `${c.method} ${c.url}`)).toEqual([
        `GET ${dataUrl(
          'acute',
          DATA.find((q) => q.resourceType === 'Flag')!,
        )}`,
      ]);
      expect(fake.calls.filter((c) => c.method === 'POST' && c.url === `${FHIR}/acute`)).toHaveLength(posts);
      expect(loading.status('acute')).toMatchObject({ state: 'loaded', problems: [] });
    },
  );

  it('fails every query of a batch that failed as a whole, as their GETs would, and sends the batch again on retry', async () => {
    const fake = world(true);
    fake.onPost(`${FHIR}/acute`, { status: 500, statusText: 'Internal Server Error', json: outcome('error', 'Injected fault') });
    const { load: loading, results, statuses } = load(fake);
    await loading.done;
    const acute = results.filter((r) => r.source.name === 'acute' && r.resourceType !== 'Patient');
    expect(acute).toHaveLength(DATA.length);
    expect(new Set(acute.map((r) => r.outcome.kind === 'problem' && r.outcome.problem.reason))).toEqual(
      new Set(['the server answered with an error (500 Internal Server Error): Injected fault']),
    );
    expect(finalStatus(statuses, 'acute')).toMatchObject({ state: 'problem', problem: { kind: 'failed' } });

    // Not a refusal of batch: the retry batches again (the fake now answers it as a batch).
    const before = fake.calls.length;
    fake.offPost(`${FHIR}/acute`);
    await loading.retry('acute');
    expect(fake.calls.slice(before).every((c) => c.method === 'POST' && c.batched)).toBe(true);
    expect(loading.status('acute')).toMatchObject({ state: 'loaded', problems: [] });
  });

  it('asks for the token before each batch, and cancels a batch in flight', async () => {
    const fake = world(true, { acute: { Consent: [{ hang: true }] } });
    let issued = 0;
    const controller = new AbortController();
    const { load: loading, results } = load(fake, {
      signal: controller.signal,
      launch: { issuer: `${FHIR}/gp/`, patientId: 'gp-p', getAccessToken: () => Promise.resolve(`token-${++issued}`) },
    });
    await vi.waitFor(() => expect(fake.batches().some((b) => b[0]!.includes('/acute/Consent'))).toBe(true));
    // Asked again at sending (headers made while a batch waits are remade when the token has changed since).
    expect(issued).toBeGreaterThanOrEqual(fake.calls.length);
    expect(new Set(fake.calls.map((c) => c.headers.Authorization)).size).toBe(fake.calls.length);
    const seen = results.length;
    controller.abort();
    await loading.done;
    expect(results.length).toBe(seen);
    expect(results.some((r) => r.source.name === 'acute' && ALERTS.includes(r.resourceType))).toBe(false);
    expect(loading.status('acute')).toMatchObject({ state: 'problem', problem: { kind: 'cancelled' } });
  });
});
