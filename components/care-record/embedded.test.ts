// <care-record> given a session by a host page that holds its own SMART token
// (createLaunchContext), as the community nursing host does: the element loads
// the record itself with the host's token and DPoP key, and tells the host how
// it went through its typed events.
import type { Patient } from '@medplum/fhirtypes';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { createLaunchContext } from '../../src/launch-context/embedded-launch';
import { createDpopKeys } from '../../src/sources/dpop';
import { beginRecordLoad } from '../../src/sources/started-load';
import { fire, type SourceStatusDetail } from '../events';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, mount, visibleText } from '../test-helpers/render';
import './care-record';
import { batchResponseTo, fetchAnswering, fhirJson } from '../../src/sources/test-helpers/fake-fetch';
import { bundle } from '../../src/sources/test-helpers/fake-fhir';

const COMMUNITY = 'https://fhir.test/community';
const GP = 'https://fhir.test/gp';

const thompson = (id: string): Patient => ({
  resourceType: 'Patient',
  id,
  identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000018' }],
  name: [{ family: 'Thompson', given: ['Margaret'], prefix: ['Mrs'] }],
  gender: 'female',
  birthDate: '1938-03-02',
});

/** The sources a host was told have loaded, by name. */
const loadedSources = (statuses: { state: string; source: string }[]) =>
  statuses
    .filter((s) => s.state === 'loaded')
    .map((s) => s.source)
    .sort();

/** Two sources: the community trust (the host's own, by id) and the GP (by NHS number), whose searches find nothing else. */
function network(options: { gpFails?: boolean } = {}) {
  const requests: { url: string; authorization: string | null; dpop: string | null; signal?: AbortSignal | null }[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(
    fetchAnswering((url, init) => {
      const headers = new Headers(init?.headers);
      requests.push({ url, authorization: headers.get('Authorization'), dpop: headers.get('DPoP'), signal: init?.signal });
      if (options.gpFails && url.startsWith(GP)) return fhirJson({ resourceType: 'OperationOutcome', issue: [] }, 500);
      const answer = (target: string): unknown => {
        // The launching source's patient by id, the others' by NHS number.
        if (target.includes('Patient?_id=cm-1')) return bundle([thompson('cm-1')]);
        if (target.includes('Patient?identifier=')) return bundle([thompson(url.startsWith(GP) ? 'gp-1' : 'cm-1')]);
        return bundle([]);
      };
      if (init?.method === 'POST') return fhirJson(batchResponseTo(init, (target) => [answer(target)]));
      return fhirJson(answer(url));
    }),
  );
  return requests;
}

function launch(dpopKey: CryptoKeyPair) {
  return createLaunchContext({
    fhirBaseUrl: COMMUNITY,
    patientId: 'cm-1',
    nhsNumber: '9990000018',
    getAccessToken: () => Promise.resolve('host-token'),
    dpopKey,
    user: { name: 'Mei LEE', role: 'community-nurse', organisation: 'ZZ003' },
    sources: [
      { name: 'community', organisation: 'Downs Community Health NHS Trust', fhirBaseUrl: COMMUNITY, auth: 'launch-token' },
      { name: 'gp', organisation: 'Riverside Medical Practice', fhirBaseUrl: GP, auth: 'launch-token', timeoutMs: 2000 },
    ],
  });
}

beforeEach(() => {
  sessionStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

test("loads the record with the host's token and key, and reports each source and the end to the host", async () => {
  const requests = network();
  const statuses: SourceStatusDetail[] = [];
  let completed = 0;
  // Listened for above the element, as a host page would: the events bubble out of it.
  const onStatus = (event: CustomEvent<SourceStatusDetail>) => statuses.push(event.detail);
  const onComplete = () => completed++;
  document.body.addEventListener('source-status-change', onStatus);
  document.body.addEventListener('record-complete', onComplete);
  try {
    const el = await mount('care-record', { launchContext: launch(await createDpopKeys()) }, { 'url-state': 'none' });
    await vi.waitFor(() => expect(el.hasAttribute('record-complete')).toBe(true), { timeout: 10_000 });
    expect(completed).toBe(1);
    expect(visibleText(el)).toContain('THOMPSON, Margaret (Mrs)');
    expect(visibleText(el)).toContain('NHS number 999 000 0018');
    // Every request carries the host's token as a DPoP token with a proof for that request.
    const fhir = requests.filter((r) => r.url.startsWith('https://fhir.test/'));
    expect(fhir.length).toBeGreaterThan(2);
    for (const r of fhir) {
      expect(r.authorization).toBe('DPoP host-token');
      expect(r.dpop?.split('.')).toHaveLength(3);
    }
    expect(new Set(fhir.map((r) => r.dpop)).size).toBe(fhir.length);
    expect(loadedSources(statuses)).toEqual(['community', 'gp']);
    expect(statuses[0]).toMatchObject({ state: 'loading' });
    await expectAccessible(el);
  } finally {
    document.body.removeEventListener('source-status-change', onStatus);
    document.body.removeEventListener('record-complete', onComplete);
  }
});

test('a failing source is reported to the host as a problem while the rest of the record shows', async () => {
  network({ gpFails: true });
  const statuses: SourceStatusDetail[] = [];
  const el = await mount('care-record', { launchContext: launch(await createDpopKeys()) }, { 'url-state': 'none' });
  el.addEventListener('source-status-change', (event) => statuses.push(event.detail));
  await vi.waitFor(() => expect(el.hasAttribute('record-complete')).toBe(true), { timeout: 10_000 });
  expect(statuses.find((s) => s.source === 'gp' && s.state !== 'loading')).toMatchObject({
    source: 'gp',
    organisation: 'Riverside Medical Practice',
    state: 'problem',
    problem: 'failed',
  });
  expect(visibleText(el)).toContain('THOMPSON, Margaret (Mrs)');
  expect(visibleText(el)).toContain('Riverside Medical Practice');
  await expectAccessible(el);
});

test('takes over the load begun for its launch before it existed (as the record page does), asking each source once', async () => {
  const requests = network();
  const context = launch(await createDpopKeys());
  beginRecordLoad(context, context.config.sources);
  await vi.waitFor(() => expect(requests.length).toBeGreaterThan(0));
  const statuses: SourceStatusDetail[] = [];
  document.body.addEventListener('source-status-change', (event) => statuses.push(event.detail));
  const el = await mount('care-record', { launchContext: context }, { 'url-state': 'none' });
  await vi.waitFor(() => expect(el.hasAttribute('record-complete')).toBe(true), { timeout: 10_000 });
  expect(visibleText(el)).toContain('THOMPSON, Margaret (Mrs)');
  // The launch patient was read once: by the begun load, not again by the element.
  expect(requests.filter((r) => r.url.includes('Patient?_id=cm-1'))).toHaveLength(1);
  // What happened before the element listened is still told to the host.
  expect(loadedSources(statuses)).toEqual(['community', 'gp']);
});

test('a load begun for another launch is not taken: the element loads its own, and the other is cancelled', async () => {
  const requests = network();
  const keys = await createDpopKeys();
  const other = launch(keys);
  beginRecordLoad(other, other.config.sources);
  const el = await mount('care-record', { launchContext: launch(keys) }, { 'url-state': 'none' });
  await vi.waitFor(() => expect(el.hasAttribute('record-complete')).toBe(true), { timeout: 10_000 });
  expect(visibleText(el)).toContain('THOMPSON, Margaret (Mrs)');
  // Whatever the begun load had sent was cancelled: only the element's own read stands.
  const reads = requests.filter((r) => r.url.includes('Patient?_id=cm-1'));
  expect(reads.filter((r) => !r.signal?.aborted)).toHaveLength(1);
});

test('fire() sends a typed event that bubbles out of shadow roots', () => {
  const outer = document.createElement('div');
  const root = outer.attachShadow({ mode: 'open' });
  const inner = document.createElement('span');
  root.append(inner);
  document.body.append(outer);
  const heard: unknown[] = [];
  document.body.addEventListener('view-change', (e) => heard.push(e.detail.view), { once: true });
  document.body.addEventListener('break-glass-open', (e) => heard.push(e.detail), { once: true });
  fire(inner, 'view-change', { view: 'results' });
  fire(inner, 'break-glass-open');
  outer.remove();
  expect(heard).toEqual(['results', null]);
});
