// The conformance corpus, end to end: each case's resources stored in a
// sandbox source as a server would hold them (one patient per case), the
// viewer launched for that patient from the source's system (SMART EHR launch,
// DPoP-bound token), the record fetched by the viewer's loader over HTTP from
// all five sources (batches, paging, _include, validation), assembled, and
// the section compared with what the case says it shows. The unit pass
// (src/record/corpus/*.test.ts) runs the same cases through the builders alone.
import type { Bundle, BundleEntry, Patient, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODED_CORPUS, CORPUS_NOW, MEDICATION_CORPUS, medicationsDisplay } from '../../src/record/corpus';
import type { CodedCase } from '../../src/record/corpus/coded-case';
import type { MedicationsDisplay } from '../../src/record/corpus/medications';
import type { CorpusCase } from '../../src/record/corpus/corpus';
import { assembleRecord } from '../../src/record/assemble';
import { DATA_QUERIES } from '../../src/record/sections';
import type { CareRecord, QueryResult } from '../../src/record/model';
import { dpopProofMaker } from '../../src/sources/dpop';
import { isValidNhsNumber } from '../../src/format/nhs-number';
import { loadRecord, type SourceStatus } from '../../src/sources/load-record';
import { NHS_NUMBER_SYSTEM, SOURCES, type SourceName } from '../config';
import { startSandbox, type RunningSandbox } from '../server';
import { smartLaunch } from '../test-helpers/access-flows';
import { keyOf } from '../test-helpers/dpop-client';
import { Browser } from '../test-helpers/smart-flow';

const VIEWER = 'http://127.0.0.1:5173';

/** One stored case: the source it launches from and the patient it is about there. */
interface Stored {
  launchSource: SourceName;
  patientId: string;
}

let sandbox: RunningSandbox;
beforeAll(async () => {
  // An empty sandbox: the corpus's patients are the only ones in it.
  sandbox = await startSandbox({ port: 0, viewerOrigin: VIEWER, seed: false });
});
afterAll(async () => {
  await sandbox?.close();
});

const base = (source: SourceName) => `${sandbox.origin}/fhir/${source}`;

/** A valid NHS number in the 999 test range, a different one per case: the case's index, then the check digit. */
function nhsNumberFor(index: number): string {
  for (const range of ['9993', '9994']) {
    for (let digit = 0; digit <= 9; digit++) {
      const candidate = `${range}${String(index).padStart(5, '0')}${digit}`;
      if (isValidNhsNumber(candidate)) return candidate;
    }
  }
  throw new Error(`No valid NHS number for case ${index}`);
}

/**
 * The case's resources with ids made unique to the case (`c7-…`) and every
 * reference to them, and to the case's patient, rewritten to match: cases
 * reuse ids such as `p1`, and the sandbox is one store.
 */
function ownIds(resources: Resource[], prefix: string, patientId: string): Resource[] {
  const ids = new Set(resources.map((r) => `${r.resourceType}/${r.id}`));
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => {
        if (key === 'reference' && typeof value === 'string') {
          if (/^Patient\/[^/]+$/.test(value)) return [key, `Patient/${patientId}`];
          if (ids.has(value)) return [key, value.replace('/', `/${prefix}`)];
          // A Synthea bundle's encounter, not among the case's resources: as the server that took the bundle would store it.
          if (value.startsWith('urn:uuid:')) return [key, `Encounter/${prefix}${value.slice('urn:uuid:'.length)}`];
        }
        return [key, rewrite(value)];
      }),
    );
  };
  return resources.map((r) => ({ ...(rewrite(r) as Resource), id: r.resourceType === 'Patient' ? patientId : `${prefix}${r.id}` }));
}

function transaction(resources: Resource[]): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: resources.map((resource): BundleEntry => ({
      resource,
      request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` },
    })),
  };
}

/** Stores one case at its sources: its own Patient when it has one (the patient cases), else a patient made for it. */
async function store(index: number, parts: { source: SourceName; resources: Resource[] }[]): Promise<Stored> {
  const prefix = `c${index}-`;
  const patientId = `${prefix}patient`;
  const nhsNumber = nhsNumberFor(index);
  for (const part of parts) {
    const own = ownIds(part.resources, prefix, patientId);
    const patient: Patient = own.some((r) => r.resourceType === 'Patient')
      ? (own.find((r) => r.resourceType === 'Patient') as Patient)
      : {
          resourceType: 'Patient',
          id: patientId,
          identifier: [{ system: NHS_NUMBER_SYSTEM, value: nhsNumber }],
          name: [{ family: 'CORPUS', given: [`Case ${index}`] }],
          birthDate: '1950-01-01',
        };
    const resources = [patient, ...own.filter((r) => r.resourceType !== 'Patient')];
    const response = await sandbox.sources.get(part.source)!.load(transaction(resources));
    const failed = (response.entry ?? []).filter((e) => !e.response?.status?.startsWith('2'));
    expect(failed, `case ${index} stored at ${part.source}`).toEqual([]);
  }
  return { launchSource: parts[0]!.source, patientId };
}

/** The viewer's launch from the source's system and its load of the whole record, assembled as of the corpus's "now". */
async function viewRecord(stored: Stored): Promise<{ record: CareRecord; statuses: SourceStatus[] }> {
  const launch = sandbox.auth.createLaunch({
    source: stored.launchSource,
    patientId: stored.patientId,
    userId: 'kwame.osei',
    needPatientBanner: false,
  });
  const { tokens } = await smartLaunch(new Browser(VIEWER), sandbox.origin, VIEWER, { launch, aud: base(stored.launchSource) });
  if (!tokens?.patient) throw new Error('The launch gave no token and patient');
  const token = tokens.access_token;
  const key = keyOf(token);
  if (!key) throw new Error('The token is not bound to a key');
  const results: QueryResult[] = [];
  const statuses = new Map<string, SourceStatus>();
  const configured = SOURCES.map((s) => ({
    name: s.name,
    organisation: s.organisation,
    odsCode: s.odsCode,
    fhirBaseUrl: base(s.name),
    auth: 'launch-token' as const,
    timeoutMs: 10_000,
    pageCap: 2000,
  }));
  const load = loadRecord({
    sources: configured,
    launch: {
      issuer: base(stored.launchSource),
      patientId: tokens.patient,
      getAccessToken: () => Promise.resolve(token),
      proveToken: dpopProofMaker(key),
    },
    queries: DATA_QUERIES,
    onResult: (r) => results.push(r),
    onStatus: (s) => statuses.set(s.source.name, s),
    now: () => CORPUS_NOW,
  });
  await load.done;
  const refs = configured.map(({ name, organisation, odsCode }) => ({ name, organisation, odsCode }));
  return { record: assembleRecord(refs, results, CORPUS_NOW), statuses: [...statuses.values()] };
}

/**
 * The sources holding the case answered in full; the others that they hold no
 * such patient, or that they cannot be asked (no NHS number to search by): a
 * case is about reading, not failing.
 */
function expectLoaded(statuses: SourceStatus[], holding: SourceName[], record: CareRecord): void {
  const state = (s: SourceStatus) =>
    s.state === 'loaded' ? `loaded ${s.problems.length} problems` : s.state === 'problem' ? s.problem.kind : s.state;
  const elsewhere = record.patient.items.some((p) => p.nhsNumber) ? 'not-held' : 'no-nhs-number';
  expect(Object.fromEntries(statuses.map((s) => [s.source.name, state(s)]))).toEqual(
    Object.fromEntries(SOURCES.map((s) => [s.name, holding.includes(s.name) ? 'loaded 0 problems' : elsewhere])),
  );
}

const codedCases = CODED_CORPUS.flatMap(([section, cases]) => cases.map((c) => [section, c] as const));
const servable = MEDICATION_CORPUS.filter((c) => !c.unitOnly);
const named = <T extends { profile: string; name: string }>(c: T) => `${c.profile}: ${c.name}`;

describe('conformance corpus, end to end through the sandbox and the loader', () => {
  it.each(codedCases.map(([section, c], i) => [`${section}: ${named(c)}`, section, c, i] as const))(
    '%s',
    async (_name, section, c: CodedCase<unknown>, index) => {
      // The unit pass builds each coded case as the acute trust's records.
      const stored = await store(index, [{ source: 'acute', resources: c.resources }]);
      const { record, statuses } = await viewRecord(stored);
      expectLoaded(statuses, ['acute'], record);
      const items = record[section].items;
      expect(items).toHaveLength(c.expected.length);
      expect(items).toMatchObject(c.expected);
      if (c.statuses) expect(record.allergies.statuses.map((s) => s.kind)).toEqual(c.statuses);
    },
  );

  it.each(servable.map((c, i) => [`medications: ${named(c)}`, c, codedCases.length + i] as const))(
    '%s',
    async (_name, c: CorpusCase<MedicationsDisplay>, index) => {
      const parts = [
        { source: c.source.name as SourceName, resources: c.resources },
        ...(c.others ?? []).map((o) => ({ source: o.source.name as SourceName, resources: o.resources })),
      ];
      const stored = await store(index, parts);
      const { record, statuses } = await viewRecord(stored);
      expectLoaded(
        statuses,
        parts.map((p) => p.source),
        record,
      );
      expect(medicationsDisplay(record.medications, c.display)).toEqual(c.display);
    },
  );

  it('leaves out only the cases no R4 server can hold, each saying why', () => {
    const left = MEDICATION_CORPUS.filter((c) => c.unitOnly).map((c) => c.name);
    expect(left).toEqual(['medication resources of a kind this viewer cannot show are counted, never "None recorded"']);
  });
});
