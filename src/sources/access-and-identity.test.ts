// Launch by identity (a signed link: no launching source) and the servers'
// access outcomes (docs/access.md sections 3 and 4) as the fetching layer sees them.
import type { Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { ACCESS_OUTCOME_SYSTEM } from '../access/outcomes';
import type { QueryResult } from '../record/model';
import { FhirHttpClient, FhirRequestError, problemKindOf } from './fhir-http';
import { loadRecord, type SourceStatus } from './load-record';
import type { ResourceQuery } from '../record/queries';
import { searchAll } from './search';
import type { SourceConfig } from './source-config';
import { FakeFhir, NHS, bundle, patient, resource } from './test-helpers/fake-fhir';

const FHIR = 'http://127.0.0.1:8080/fhir';
const NAMES = ['gp', 'acute', 'social-care'] as const;
type Name = (typeof NAMES)[number];
const QUERIES: ResourceQuery[] = [
  { resourceType: 'Flag', query: 'Flag?patient={patient}' },
  { resourceType: 'MedicationRequest', query: 'MedicationRequest?patient={patient}' },
];
const INCLUDES = '&_include=Patient:general-practitioner';
const url = (source: Name, path: string) => new URL(path, `${FHIR}/${source}/`).href;
const byNhs = (source: Name, nhs: string) => url(source, `Patient?identifier=${encodeURIComponent(`${NHS}|${nhs}`)}${INCLUDES}`);

const sources: SourceConfig[] = NAMES.map((name) => ({
  name,
  organisation: `${name} organisation`,
  fhirBaseUrl: `${FHIR}/${name}`,
  auth: 'launch-token',
  timeoutMs: 2000,
  pageCap: 100,
}));

const issue = (code: string, severity = 'error') => ({
  severity,
  code: severity === 'error' ? 'forbidden' : 'suppressed',
  details: { coding: [{ system: ACCESS_OUTCOME_SYSTEM, code }], text: `server text for ${code}` },
});
const denied = (code: string) => ({
  status: 403,
  statusText: 'Forbidden',
  json: { resourceType: 'OperationOutcome', issue: [issue(code)] },
});

function hughes(id: string, born = '1945-07-14'): Patient {
  return patient(id, { nhs: '9990000069', born, family: 'HUGHES', given: 'Robert' });
}

function holds(fake: FakeFhir, source: Name, p: Patient, answers: Record<string, Parameters<FakeFhir['on']>[1]> = {}): void {
  fake.on(byNhs(source, '9990000069'), { json: bundle([p]) });
  for (const q of QUERIES) {
    fake.on(
      url(source, q.query.replace('{patient}', p.id!)),
      answers[q.resourceType] ?? { json: bundle([resource(q.resourceType, `${source}-${q.resourceType}`)]) },
    );
  }
}

function runByIdentity(fake: FakeFhir, identity: { nhsNumber: string; birthDate: string }) {
  const results: QueryResult[] = [];
  const statuses: SourceStatus[] = [];
  const load = loadRecord({
    sources,
    launch: { issuer: `${FHIR}/gp`, identity, getAccessToken: () => Promise.resolve('link-token') },
    queries: QUERIES,
    onResult: (r) => results.push(r),
    onStatus: (s) => statuses.push(s),
    fetch: fake.fetch,
    now: () => new Date('2025-01-02T10:30:00Z'),
  });
  return { load, results, statuses };
}

const kinds = (results: QueryResult[], source: string) =>
  results.filter((r) => r.source.name === source).map((r) => (r.outcome.kind === 'problem' ? r.outcome.problem.kind : 'loaded'));

describe('loadRecord by identity (signed link)', () => {
  it("matches every source, the token's own included, by NHS number and date of birth; never reads a Patient by id", async () => {
    const fake = new FakeFhir();
    holds(fake, 'gp', hughes('gp-p'));
    holds(fake, 'acute', hughes('acute-p'));
    holds(fake, 'social-care', hughes('sc-p', '1954-03-02'));
    const { load, results } = runByIdentity(fake, { nhsNumber: '9990000069', birthDate: '1945-07-14' });
    await load.done;
    expect(kinds(results, 'gp')).toEqual(['loaded', 'loaded', 'loaded']);
    expect(kinds(results, 'acute')).toEqual(['loaded', 'loaded', 'loaded']);
    expect(kinds(results, 'social-care')).toEqual(['identity-mismatch', 'identity-mismatch', 'identity-mismatch']);
    expect(fake.urls().some((u) => u.includes('Patient?_id='))).toBe(false);
    expect(fake.urls()).toContain(byNhs('gp', '9990000069'));
    expect(fake.calls.every((c) => c.headers.Authorization === 'Bearer link-token')).toBe(true);
  });

  it('uses no source when the date of birth differs everywhere', async () => {
    const fake = new FakeFhir();
    for (const name of NAMES) holds(fake, name, hughes(`${name}-p`));
    const { load, results } = runByIdentity(fake, { nhsNumber: '9990000069', birthDate: '1946-01-01' });
    await load.done;
    for (const name of NAMES) expect(kinds(results, name).every((k) => k === 'identity-mismatch')).toBe(true);
  });

  it('searches nothing without a valid NHS number or a date of birth', async () => {
    const fake = new FakeFhir();
    const bad = runByIdentity(fake, { nhsNumber: '9990000068', birthDate: '1945-07-14' });
    await bad.load.done;
    expect(kinds(bad.results, 'gp')).toEqual(['no-nhs-number', 'no-nhs-number', 'no-nhs-number']);
    const noBirth = runByIdentity(fake, { nhsNumber: '9990000069', birthDate: '' });
    await noBirth.load.done;
    expect(kinds(noBirth.results, 'acute')).toEqual(['identity-mismatch', 'identity-mismatch', 'identity-mismatch']);
    expect(fake.calls).toHaveLength(0);
  });

  it('says "withheld" (not failed) for a role refusal, and "objection" for an objection, without retry fodder', async () => {
    const fake = new FakeFhir();
    holds(fake, 'gp', hughes('gp-p'), { MedicationRequest: denied('role-withheld') });
    holds(fake, 'acute', hughes('acute-p'), { Flag: denied('objection'), MedicationRequest: denied('objection') });
    holds(fake, 'social-care', hughes('sc-p'));
    const { load, results, statuses } = runByIdentity(fake, { nhsNumber: '9990000069', birthDate: '1945-07-14' });
    await load.done;
    expect(kinds(results, 'gp')).toEqual(['loaded', 'loaded', 'withheld']);
    const withheld = results.find((r) => r.source.name === 'gp' && r.resourceType === 'MedicationRequest');
    expect(withheld?.outcome).toMatchObject({ kind: 'problem', problem: { kind: 'withheld', reason: 'Not available to your role' } });
    expect(kinds(results, 'acute')).toEqual(['loaded', 'objection', 'objection']);
    const acute = statuses.filter((s) => s.source.name === 'acute').at(-1);
    expect(acute).toMatchObject({
      state: 'problem',
      problem: { kind: 'objection', reason: 'This person has objected to sharing their record' },
    });
  });
});

describe('access outcomes in the fetching layer', () => {
  const client = (fake: FakeFhir) => new FhirHttpClient({ baseUrl: `${FHIR}/gp`, timeoutMs: 1000, fetch: fake.fetch });

  it('maps coded 403s to withheld/objection and keeps other 403s failures', async () => {
    const fake = new FakeFhir()
      .on(`${FHIR}/gp/Observation`, denied('role-withheld'))
      .on(`${FHIR}/gp/Consent`, denied('objection'))
      .on(`${FHIR}/gp/Flag`, {
        status: 403,
        json: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden', diagnostics: 'wrong patient' }] },
      });
    const errorOf = async (path: string) =>
      client(fake)
        .getJson(path)
        .then(
          () => undefined,
          (e: unknown) => e as FhirRequestError,
        );
    const role = await errorOf('Observation');
    expect([problemKindOf(role), role?.message, role?.access]).toEqual(['withheld', 'Not available to your role', 'role-withheld']);
    expect(problemKindOf(await errorOf('Consent'))).toBe('objection');
    const other = await errorOf('Flag');
    expect([problemKindOf(other), other?.message]).toEqual(['failed', 'access refused (403): wrong patient']);
  });

  it("reads a restricted-withheld search warning as a flag, not as the server's text", async () => {
    const json = bundle([resource('Condition', 'c1')]) as { entry: unknown[] };
    json.entry.push({
      search: { mode: 'outcome' },
      resource: { resourceType: 'OperationOutcome', issue: [issue('restricted-withheld', 'warning')] },
    });
    const fake = new FakeFhir().on(`${FHIR}/gp/Condition?patient=p`, { json });
    const result = await searchAll(client(fake), 'Condition?patient=p', { pageCap: 10 });
    expect(result.restrictedWithheld).toBe(true);
    expect(result.restrictedWithheldCount).toBeUndefined();
    expect(result.warnings).toEqual([]);
    expect(result.resources.map((r) => r.id)).toEqual(['c1']);
  });

  it("reads how many were withheld from the outcome's count extension, once for a search of several pages", async () => {
    const counted = {
      ...issue('restricted-withheld', 'warning'),
      extension: [{ url: 'https://sandbox.example.nhs.uk/StructureDefinition/withheld-count', valueInteger: 3 }],
    };
    const page = (id: string, next?: string) => {
      const json = bundle([resource('Condition', id)]) as { entry: unknown[]; link?: unknown[] };
      json.entry.push({ search: { mode: 'outcome' }, resource: { resourceType: 'OperationOutcome', issue: [counted] } });
      if (next) json.link = [{ relation: 'next', url: next }];
      return json;
    };
    const fake = new FakeFhir()
      .on(`${FHIR}/gp/Condition?patient=p`, { json: page('c1', `${FHIR}/gp/Condition?patient=p&page=2`) })
      .on(`${FHIR}/gp/Condition?patient=p&page=2`, { json: page('c2') });
    const result = await searchAll(client(fake), 'Condition?patient=p', { pageCap: 10 });
    expect([result.restrictedWithheld, result.restrictedWithheldCount, result.resources.length]).toEqual([true, 3, 2]);
  });
});
