// The loader shows the alerts first: until every source has answered for them,
// only the banner and the alerts are built, the other sections saying they
// are loading; then the rest, after a frame; and never later than
// REST_WAITS_FOR_ALERTS_MS after the load began.

import type { MedicationRequest } from '@medplum/fhirtypes';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { CareRecord } from '../../src/record/model';
import { alertsSettled } from '../../src/record/sections';
import type { SourceConfig } from '../../src/sources/source-config';
import { fhirJson, urlOf } from '../../src/sources/test-helpers/fake-fetch';
import { bundle } from '../../src/sources/test-helpers/fake-fhir';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, deepQueryAll, visibleText } from '../test-helpers/render';
import { EVANS, evansLaunch } from '../test-helpers/signed-link-load';
import { loadSectionBuilders, RecordLoader, REST_WAITS_FOR_ALERTS_MS } from './record-loader';
import { deepEqual } from './share-unchanged';
import './care-record';

const FHIR = 'http://127.0.0.1:9/loader-fhir';
const SOURCES: SourceConfig[] = [
  { name: 'gp', organisation: 'Riverside Medical Practice', fhirBaseUrl: FHIR, auth: 'launch-token', timeoutMs: 5000, pageCap: 100 },
];
const ALERT_TYPES = ['Consent', 'Flag', 'Condition', 'CarePlan', 'AllergyIntolerance'];

const amlodipine: MedicationRequest = {
  resourceType: 'MedicationRequest',
  id: 'm1',
  status: 'active',
  intent: 'order',
  subject: { reference: 'Patient/evans' },
  authoredOn: '2026-11-01',
  medicationCodeableConcept: { text: 'Amlodipine 5mg tablets' },
};

/**
 * One source that takes no batches: the patient and the other searches at
 * once, the alerts' once released (or never, or failing at once), and its encounters last, once
 * finished (so the load is still running when the alerts arrive).
 */
function network({ alertsFail = false } = {}) {
  let release = (): void => {};
  let finish = (): void => {};
  const released = new Promise<void>((r) => (release = r));
  const finished = new Promise<void>((r) => (finish = r));
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = urlOf(input);
    if (init?.method === 'POST') return new Response('', { status: 404 });
    const type = new URL(url).pathname.split('/').at(-1)!;
    if (type === 'Patient') return fhirJson(bundle([EVANS]));
    if (ALERT_TYPES.includes(type) && alertsFail) return fhirJson({ resourceType: 'OperationOutcome', issue: [] }, 500);
    if (ALERT_TYPES.includes(type)) await released;
    if (type === 'Encounter') await finished;
    return fhirJson(bundle(type === 'MedicationRequest' ? [amlodipine] : []));
  });
  return { release, finish };
}

/** A loader on a bare host, keeping every record it publishes (and telling `onPublish` of each). */
function loader(onPublish: (record: CareRecord) => void = () => undefined) {
  const published: CareRecord[] = [];
  const host = {
    addController: () => undefined,
    removeController: () => undefined,
    requestUpdate: () => undefined,
    updateComplete: Promise.resolve(true),
  };
  const it = new RecordLoader(host, (record) => {
    published.push(record);
    onPublish(record);
  });
  it.hostConnected();
  return { loader: it, published };
}

const medicationsShown = (record: CareRecord | undefined) =>
  record?.medications.progress.gp === 'loaded' && record.medications.items.length > 0;

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('RecordLoader: the alerts first', () => {
  test('holds the other sections while the alerts wait for a source, and builds them after the alerts are shown', async () => {
    await loadSectionBuilders();
    const net = network();
    const { loader: load, published } = loader();
    load.start(evansLaunch(FHIR), { sources: SOURCES });
    // The patient and the medicines have been answered; the alerts have not.
    await vi.waitFor(() => expect(published.at(-1)?.patient.items).toHaveLength(1));
    await vi.waitFor(() => expect(vi.mocked(fetch).mock.calls.some(([input]) => urlOf(input).includes('MedicationRequest'))).toBe(true));
    await new Promise((r) => setTimeout(r, 100));
    expect(alertsSettled(published.at(-1)!)).toBe(false);
    // Loading, never "none recorded", although its answer is in.
    expect(published.every((record) => record.medications.progress.gp === 'loading' && record.medications.items.length === 0)).toBe(true);

    net.release();
    await vi.waitFor(() => expect(medicationsShown(published.at(-1))).toBe(true));
    const firstSettled = published.findIndex(alertsSettled);
    // The alerts were published on their own first, the rest after.
    expect(medicationsShown(published[firstSettled])).toBe(false);
    expect(published.slice(firstSettled + 1).some(medicationsShown)).toBe(true);
    net.finish();
    await load.done;
    expect(medicationsShown(published.at(-1))).toBe(true);
    load.stop();
  });

  test("builds nothing for the other sections' answers while the alerts wait: each record published shows something new", async () => {
    await loadSectionBuilders();
    network();
    const { loader: load, published } = loader();
    load.start(evansLaunch(FHIR), { sources: SOURCES });
    await vi.waitFor(() => expect(published.at(-1)?.patient.items).toHaveLength(1));
    // Every other answer but the encounters' is in meanwhile; the alerts' are held.
    await vi.waitFor(() => expect(load.results.some((r) => r.resourceType === 'MedicationRequest')).toBe(true));
    await new Promise((r) => setTimeout(r, 100));
    expect(load.results.length).toBeGreaterThan(5);
    expect(published.length).toBeGreaterThan(1);
    published.slice(1).forEach((record, i) => expect(deepEqual(record, published[i])).toBe(false));
    load.stop();
  });

  test('says the load is done only once everything is built, even when it ends just after the alerts', async () => {
    await loadSectionBuilders();
    const net = network();
    // The last answer comes the moment the alerts are shown, before the frame the rest waits for.
    const { loader: load, published } = loader((record) => {
      if (alertsSettled(record)) net.finish();
    });
    load.start(evansLaunch(FHIR), { sources: SOURCES });
    await vi.waitFor(() => expect(published.at(-1)?.patient.items).toHaveLength(1));
    net.release();
    await load.done;
    expect(medicationsShown(published.at(-1))).toBe(true);
    expect(published.at(-1)!.timeline.progress.gp).toBe('loaded');
    load.stop();
  });

  test('a source that fails for the alerts has been heard from: the rest is built at once, the failure shown', async () => {
    await loadSectionBuilders();
    network({ alertsFail: true });
    const { loader: load, published } = loader();
    load.start(evansLaunch(FHIR), { sources: SOURCES });
    // Well before the cap: the failure settles the alerts as an answer would.
    await vi.waitFor(() => expect(medicationsShown(published.at(-1))).toBe(true), { timeout: REST_WAITS_FOR_ALERTS_MS / 2 });
    const record = published.at(-1)!;
    expect(alertsSettled(record)).toBe(true);
    // Said as a problem with that source, never as nothing recorded.
    expect(record.allergies.progress.gp).toMatchObject({ source: { name: 'gp' } });
    expect(record.allergies.items).toHaveLength(0);
    load.stop();
  });

  test('builds the rest anyway once the alerts have waited too long for a source', async () => {
    await loadSectionBuilders();
    network();
    const { loader: load, published } = loader();
    const began = performance.now();
    load.start(evansLaunch(FHIR), { sources: SOURCES });
    await vi.waitFor(() => expect(medicationsShown(published.at(-1))).toBe(true), { timeout: REST_WAITS_FOR_ALERTS_MS + 2000 });
    expect(performance.now() - began).toBeGreaterThanOrEqual(REST_WAITS_FOR_ALERTS_MS - 50);
    // The alerts still say they are loading.
    expect(alertsSettled(published.at(-1)!)).toBe(false);
    load.stop();
  });
});

describe('<care-record> while the alerts are shown alone', () => {
  test("the summary's other sections are their loading state, their elements made once the rest is built", async () => {
    await loadSectionBuilders();
    const net = network();
    const el = document.createElement('care-record');
    Object.assign(el, { launchContext: evansLaunch(FHIR), config: { sources: SOURCES }, urlState: 'none' });
    document.body.append(el);
    await vi.waitFor(() => expect(visibleText(el)).toContain('EVANS, Gwen (Mrs)'));
    await new Promise((r) => setTimeout(r, 100));
    const view = el.shadowRoot!.querySelector('#view')!;
    expect(visibleText(view)).toContain('Medications Loading');
    expect(deepQueryAll(view, 'cr-medication-list')).toEqual([]);
    await expectAccessible(el);

    net.release();
    await vi.waitFor(() => expect(deepQueryAll(view, 'cr-medication-list')).toHaveLength(1));
    await vi.waitFor(() => expect(visibleText(view)).toContain('Amlodipine'));
    net.finish();
    el.remove();
  });
});
