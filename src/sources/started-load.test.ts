import { describe, expect, it, vi } from 'vitest';
import type { QueryResult } from '../record/model';
import type { LaunchPatient, SourceStatus } from './record-load';
import type { SourceConfig } from './source-config';
import { beginRecordLoad, startRecordLoad, takeBegunLoad, type LoadListener } from './started-load';
import { FakeFhir, bundle, patient } from './test-helpers/fake-fhir';

const BASE = 'http://127.0.0.1:8080/fhir/gp';
const SOURCES: SourceConfig[] = [
  { name: 'gp', organisation: 'The surgery', fhirBaseUrl: BASE, auth: 'launch-token', timeoutMs: 2000, pageCap: 100 },
];

function launchOf(patientId: string): LaunchPatient {
  return { issuer: BASE, patientId, getAccessToken: () => Promise.resolve('token') };
}

/** A source holding patient `id`; every section's batch is answered (empty) by the fake. */
function network(id: string): FakeFhir {
  return new FakeFhir({ batch: true }).on(`${BASE}/Patient?_id=${id}&_include=Patient:general-practitioner`, {
    json: bundle([patient(id)]),
  });
}

/** What a listener was told, in order, as short lines. */
function recorder(): LoadListener & { heard: string[] } {
  const heard: string[] = [];
  const line = (r: QueryResult): string => `result ${r.resourceType} ${r.outcome.kind}`;
  return {
    heard,
    onResult: (r) => heard.push(line(r)),
    onStatus: (s: SourceStatus) => heard.push(`status ${s.state}`),
  };
}

describe('a record load begun before it is shown', () => {
  it('hands over what arrived before anyone listened, in order, as a listener from the start would have heard it', async () => {
    const early = startRecordLoad(launchOf('p1'), SOURCES, { fetch: network('p1').fetch });
    await early.load.done;
    const late = recorder();
    early.listen(late);

    const fromStart = recorder();
    const direct = startRecordLoad(launchOf('p1'), SOURCES, { fetch: network('p1').fetch });
    direct.listen(fromStart);
    await direct.load.done;

    expect(late.heard).toEqual(fromStart.heard);
    expect(late.heard[0]).toBe('status loading');
    expect(late.heard).toContain('result Patient loaded');
    expect(late.heard.at(-1)).toBe('status loaded');
  });

  it('hands over what arrives after it listens too', async () => {
    const started = startRecordLoad(launchOf('p1'), SOURCES, { fetch: network('p1').fetch });
    const listener = recorder();
    started.listen(listener);
    await started.load.done;
    expect(listener.heard).toContain('result Patient loaded');
    expect(listener.heard.at(-1)).toBe('status loaded');
  });

  it('has one listener', () => {
    const started = startRecordLoad(launchOf('p1'), SOURCES, { fetch: network('p1').fetch });
    started.listen(recorder());
    expect(() => started.listen(recorder())).toThrow(/one listener/);
    started.abort();
  });

  it('is taken by the same launch and sources, once', () => {
    const launch = launchOf('p1');
    beginRecordLoad(launch, SOURCES, { fetch: network('p1').fetch });
    const taken = takeBegunLoad(launch, SOURCES);
    expect(taken).toBeDefined();
    expect(takeBegunLoad(launch, SOURCES)).toBeUndefined();
    taken?.abort();
  });

  it('is never handed to another launch (another patient or session): it is aborted and nothing of it is told', async () => {
    const fake = network('p1');
    const first = launchOf('p1');
    beginRecordLoad(first, SOURCES, { fetch: fake.fetch });
    await vi.waitFor(() => expect(fake.calls.length).toBeGreaterThan(0));
    // The same patient, but another launch object (a new session): not taken either.
    expect(takeBegunLoad(launchOf('p1'), SOURCES)).toBeUndefined();
    expect(fake.calls.every((call) => call.signal?.aborted)).toBe(true);
    expect(takeBegunLoad(first, SOURCES)).toBeUndefined();
  });

  it('is not taken with other sources', async () => {
    const launch = launchOf('p1');
    const fake = network('p1');
    beginRecordLoad(launch, SOURCES, { fetch: fake.fetch });
    await vi.waitFor(() => expect(fake.calls.length).toBeGreaterThan(0));
    expect(takeBegunLoad(launch, [...SOURCES])).toBeUndefined();
    expect(fake.calls.every((call) => call.signal?.aborted)).toBe(true);
  });

  it('tells nothing more once aborted, not even what it kept', async () => {
    const started = startRecordLoad(launchOf('p1'), SOURCES, { fetch: network('p1').fetch });
    await started.load.done;
    started.abort();
    const listener = recorder();
    started.listen(listener);
    expect(listener.heard).toEqual([]);
  });
});
