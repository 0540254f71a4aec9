// Views loaded on demand (lazy-chunks.ts): the loading state while a view's
// code arrives, a clear message when it cannot, prefetching at idle time, the
// first-minutes and break-glass chunks, and `record-complete`.

import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ACCESS_OUTCOME_SYSTEM } from '../../src/access/outcomes';
import type { ViewerConfig } from '../../src/launch-context/config';
import { expectAccessible } from '../test-helpers/axe';
import { thompson } from '../test-helpers/fixtures';
import { EVANS, evansLaunch } from '../test-helpers/signed-link-load';
import { cleanup, deepQuery, deepQueryAll, mount, settled, visibleText } from '../test-helpers/render';
import type { BreakGlassDialog } from '../break-glass/break-glass-dialog';
import type { CareRecordElement } from './care-record';
import { CHUNK_LOADERS, type ChunkId } from './lazy-chunks';
import './care-record';
import { fetchAnswering, fhirJson, urlOf } from '../../src/sources/test-helpers/fake-fetch';
import { bundle } from '../../src/sources/test-helpers/fake-fhir';

const launch = { needPatientBanner: true };

/** Attaches a <care-record> without waiting for it (its `updateComplete` may wait for a chunk the test holds back). */
function mountLater(props: Partial<CareRecordElement>): CareRecordElement {
  void mount('care-record', props);
  return document.querySelector<CareRecordElement>('care-record:last-of-type')!;
}

interface Gate {
  /** Lets the chunk arrive (the real module) or fail. */
  open(): void;
  fail(): void;
  calls: number;
}

/**
 * Replaces a chunk's loader with one the test lets through (or fails). A new
 * function, so the chunk counts as not loaded even if an earlier test loaded it.
 */
function gateChunk(id: ChunkId): Gate {
  const real = CHUNK_LOADERS[id];
  const gate: Gate = { open: () => {}, fail: () => {}, calls: 0 };
  vi.spyOn(CHUNK_LOADERS, id).mockImplementation(() => {
    gate.calls++;
    return new Promise((resolve, reject) => {
      gate.open = () => resolve(real());
      gate.fail = () => reject(new TypeError('Failed to fetch dynamically imported module'));
    });
  });
  return gate;
}

/** What the sections grid holds, by tag. */
const viewTags = (el: Element) => [...el.shadowRoot!.querySelector('#view .sections')!.children].map((c) => c.localName);

function resetUrl(hash = ''): void {
  history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
}

beforeEach(async () => {
  resetUrl();
  await page.viewport(1280, 900);
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  resetUrl();
});

describe('views loaded on demand', () => {
  test('a view shows its loading state until its code arrives; updateComplete waits for it', async () => {
    const gate = gateChunk('documents');
    const el = await mount('care-record', { record: thompson(), launchContext: launch, urlState: 'none' });
    expect(gate.calls).toBe(0);
    el.showView('documents');
    // Rendered at once: the section's heading and "Loading", never a blank area.
    await vi.waitFor(() => expect(viewTags(el)).toEqual(['cr-record-section']));
    expect(gate.calls).toBe(1);
    expect(visibleText(el.shadowRoot!.querySelector('#view')!)).toContain('Documents Loading');
    await expectAccessible(el);

    const done = el.updateComplete;
    let finished = false;
    void done.then(() => (finished = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(finished).toBe(false);
    gate.open();
    await done;
    await settled(el);
    expect(viewTags(el)).toEqual(['cr-document-list']);
    expect(visibleText(el)).toContain('Discharge summary');
  });

  test('a chunk that cannot be fetched says so, with Try again', async () => {
    const gate = gateChunk('care-plans');
    const el = await mount('care-record', { record: thompson(), launchContext: launch, urlState: 'none' });
    el.showView('care-plans');
    await vi.waitFor(() => expect(gate.calls).toBe(1));
    gate.fail();
    await settled(el);
    const view = el.shadowRoot!.querySelector('#view')!;
    expect(visibleText(view)).toContain('Care plans This part of the record could not be opened');
    expect(view.querySelector('[role="alert"]')).not.toBeNull();
    await expectAccessible(el);

    await userEvent.click(deepQuery(el, '.chunk-failed button'));
    expect(gate.calls).toBe(2);
    gate.open();
    await settled(el);
    expect(viewTags(el)).toEqual(['cr-care-plan-list']);
    expect(visibleText(el)).toContain('End of life care plan');
  });

  test("opened on another view (a shared link), that view's code loads first", async () => {
    const gate = gateChunk('social-care');
    resetUrl('#view=social-care');
    const pending = mount('care-record', { record: thompson(), launchContext: launch });
    await vi.waitFor(() => expect(gate.calls).toBe(1));
    gate.open();
    const el = await pending;
    expect(viewTags(el)).toEqual(['cr-social-care-summary']);
    expect(visibleText(el)).toContain('Residential care package: Oakview Care Home');
  });

  test("once the summary has rendered, the other views' code is fetched at idle time (not first-minutes or break-glass)", async () => {
    const calls = new Set<string>();
    for (const id of Object.keys(CHUNK_LOADERS) as ChunkId[]) {
      const real = CHUNK_LOADERS[id];
      vi.spyOn(CHUNK_LOADERS, id).mockImplementation(() => {
        calls.add(id);
        return real();
      });
    }
    await mount('care-record', { record: thompson(), launchContext: launch, urlState: 'none' });
    await vi.waitFor(() =>
      expect([...calls].sort()).toEqual([
        'care-plans',
        'documents',
        'mental-health',
        'people',
        'results',
        'social-care',
        'summary',
        'timeline',
      ]),
    );
  });

  test("the summary's sections are asked for on connecting; the banner and alerts show while they arrive", async () => {
    const gate = gateChunk('summary');
    const el = mountLater({ record: thompson(), launchContext: launch, urlState: 'none' });
    expect(gate.calls).toBe(1);
    await vi.waitFor(() =>
      expect(viewTags(el)).toEqual([
        'cr-alerts-strip',
        'cr-patient-context',
        'cr-record-section',
        'cr-record-section',
        'cr-record-section',
        'cr-record-section',
        'cr-record-section',
      ]),
    );
    const view = el.shadowRoot!.querySelector('#view')!;
    expect(visibleText(view)).toContain('Medications Loading');
    expect(visibleText(view)).toContain('Recent contacts Loading');
    // Nothing that is not yet shown reads as "none recorded".
    expect(visibleText(view)).not.toMatch(/No (current )?(medic|problem|allerg)/i);
    expect(visibleText(el)).toContain('THOMPSON');
    expect(visibleText(el)).toContain('DNACPR');
    await expectAccessible(el);

    gate.open();
    await el.updateComplete;
    await settled(el);
    expect(viewTags(el)).toEqual([
      'cr-alerts-strip',
      'cr-patient-context',
      'cr-current-location',
      'cr-recent-contacts',
      'cr-medication-list',
      'cr-allergy-list',
      'cr-problem-list',
    ]);
    expect(visibleText(el)).toContain('Amlodipine');
  });

  test("when the summary's sections cannot be fetched, each says so once, with Try again", async () => {
    const gate = gateChunk('summary');
    const el = mountLater({ record: thompson(), launchContext: launch, urlState: 'none' });
    gate.fail();
    await vi.waitFor(() => expect(el.shadowRoot!.querySelectorAll('.chunk-failed')).toHaveLength(5));
    const ids = [...el.shadowRoot!.querySelectorAll('.chunk-failed h2')].map((h) => h.id);
    expect(new Set(ids).size).toBe(5);
    await expectAccessible(el);
    await userEvent.click(deepQuery(el, '.chunk-failed button'));
    gate.open();
    await settled(el);
    expect(viewTags(el)).toContain('cr-medication-list');
  });

  test('an emergency launch fetches first-minutes at once, and shows its loading state until it arrives', async () => {
    await page.viewport(768, 1024);
    const gate = gateChunk('first-minutes');
    const pending = mount('care-record', { record: thompson(), launchContext: { ...launch, intent: 'emergency' } });
    await vi.waitFor(() => expect(gate.calls).toBe(1));
    const el = document.querySelector('care-record')!;
    await vi.waitFor(() => expect(visibleText(el)).toContain('First minutes Loading'));
    gate.open();
    await pending;
    expect(el.shadowRoot!.querySelector('cr-first-minutes')).not.toBeNull();
    expect(visibleText(el)).toContain('Not for CPR');
  });
});

// ------------------------------------------------------------ record-complete

const FHIR = 'http://fhir.test/gp';
const config: ViewerConfig = {
  issuers: [FHIR],
  clientId: 'care-record-viewer',
  scope: 'openid',
  redirectUri: 'index.html',
  sources: [
    { name: 'gp', organisation: 'Riverside Medical Practice', fhirBaseUrl: FHIR, auth: 'launch-token', timeoutMs: 5000, pageCap: 100 },
  ],
};

/** The GP source: the patient at once, every other query only once `release()` is called. */
function network() {
  let release = (): void => {};
  const released = new Promise<void>((r) => (release = r));
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = urlOf(input);
    if (url.startsWith(`${FHIR}/Patient?identifier=`)) return fhirJson(bundle([EVANS]));
    await released;
    return fhirJson(bundle([]));
  });
  return { release };
}

describe('record-complete', () => {
  test('set (attribute and one event) once every source has finished and the view has rendered; cleared when a new load starts', async () => {
    const net = network();
    const events: Event[] = [];
    /** At each event, what the view shows: the states of its sections and the banner's text. */
    const seen: { states: (string | null)[]; text: string }[] = [];
    const listen = (e: Event) => {
      events.push(e);
      const view = (e.target as Element).shadowRoot!.querySelector('#view')!;
      seen.push({
        states: deepQueryAll(view, 'cr-record-section').map((s) => s.getAttribute('state')),
        text: visibleText(e.target as Element),
      });
    };
    document.addEventListener('record-complete', listen);
    const el: CareRecordElement = await mount('care-record', { launchContext: evansLaunch(FHIR), config, urlState: 'none' });
    await new Promise((r) => setTimeout(r, 50));
    expect(el.hasAttribute('record-complete')).toBe(false);
    expect(events).toHaveLength(0);

    net.release();
    await vi.waitFor(() => expect(el.hasAttribute('record-complete')).toBe(true));
    expect(events).toHaveLength(1);
    expect(events[0]!.composed).toBe(true);
    // When it fires, the record on screen is final: no section still loading.
    expect(seen[0]!.text).toContain('EVANS, Gwen (Mrs)');
    expect(seen[0]!.states.length).toBeGreaterThan(3);
    expect(seen[0]!.states.filter((s) => s === 'loading')).toEqual([]);
    expect(seen[0]!.text).not.toMatch(/Loading|Still loading/);

    // A new launch: cleared at once, set again when it is complete.
    el.launchContext = evansLaunch(FHIR);
    await el.updateComplete;
    expect(el.hasAttribute('record-complete')).toBe(false);
    await vi.waitFor(() => expect(el.hasAttribute('record-complete')).toBe(true));
    expect(events).toHaveLength(2);
    document.removeEventListener('record-complete', listen);
  });

  test('waits for the code of the view shown', async () => {
    network().release();
    const gate = gateChunk('timeline');
    const pending = mount('care-record', { launchContext: evansLaunch(FHIR), config, urlState: 'none', view: 'timeline' });
    const record = document.querySelector('care-record')!;
    await vi.waitFor(() => expect(gate.calls).toBe(1));
    await new Promise((r) => setTimeout(r, 100));
    expect(record.hasAttribute('record-complete')).toBe(false);
    gate.open();
    await vi.waitFor(() => expect(record.hasAttribute('record-complete')).toBe(true));
    expect(record.shadowRoot!.querySelector('cr-record-timeline')).not.toBeNull();
    await pending;
  });

  test("while the record is still loading, the other views' code waits; it is fetched at idle once the load has finished", async () => {
    const timeline = vi.spyOn(CHUNK_LOADERS, 'timeline');
    const net = network();
    const el = mountLater({ launchContext: evansLaunch(FHIR), config, urlState: 'none' });
    await vi.waitFor(() => expect(visibleText(el)).toContain('Loading patient details'));
    expect(el.record).toBeDefined();
    // Longer than an idle callback's timeout (2 s): the first screen is shown, the load is not finished.
    await new Promise((r) => setTimeout(r, 2500));
    expect(timeline).not.toHaveBeenCalled();

    net.release();
    await vi.waitFor(() => expect(el.hasAttribute('record-complete')).toBe(true));
    await vi.waitFor(() => expect(timeline).toHaveBeenCalled());
  });

  test('not set when the record is given from outside (the element does not load it)', async () => {
    const el = await mount('care-record', { record: thompson(), launchContext: launch });
    await new Promise((r) => setTimeout(r, 50));
    expect(el.hasAttribute('record-complete')).toBe(false);
  });
});

describe('break-glass dialog', () => {
  test('fetched when an objection notice offers it; if it cannot be, asking fetches it again and says if that fails', async () => {
    const gate = gateChunk('break-glass');
    const objection = {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'forbidden', details: { coding: [{ system: ACCESS_OUTCOME_SYSTEM, code: 'objection' }] } }],
    };
    vi.spyOn(globalThis, 'fetch').mockImplementation(
      fetchAnswering((url) => {
        return url.startsWith(`${FHIR}/Patient?identifier=`) ? fhirJson(bundle([EVANS])) : fhirJson(objection, 403);
      }),
    );
    const el = mountLater({
      launchContext: evansLaunch(FHIR),
      config: { ...config, breakGlassEndpoint: 'http://bg.test' },
      urlState: 'none',
    });
    await vi.waitFor(() => expect(visibleText(el)).toContain('This person has objected to sharing their record'));
    await vi.waitFor(() => expect(gate.calls).toBe(1));
    gate.fail();
    await settled(el);

    // Asking fetches it again; that fails too.
    await userEvent.click(deepQuery(deepQuery(el, 'cr-objection-notice'), 'button'));
    expect(gate.calls).toBe(2);
    gate.fail();
    await vi.waitFor(() => expect(visibleText(el)).toContain('The emergency access form could not be opened'));
    expect(deepQuery(el, '.load-failed').getAttribute('role')).toBe('alert');
    await expectAccessible(el);

    await userEvent.click(deepQuery(deepQuery(el, 'cr-objection-notice'), 'button'));
    expect(gate.calls).toBe(3);
    gate.open();
    await vi.waitFor(() => expect(deepQuery<BreakGlassDialog>(el, 'cr-break-glass-dialog').open).toBe(true));
    expect(visibleText(el)).not.toContain('The emergency access form could not be opened');
  });

  test('its code is not fetched for a record without an objection or restricted information', async () => {
    const calls = vi.spyOn(CHUNK_LOADERS, 'break-glass');
    network().release();
    const el = await mount('care-record', {
      launchContext: evansLaunch(FHIR),
      config: { ...config, breakGlassEndpoint: 'http://bg.test' },
      urlState: 'none',
    });
    await vi.waitFor(() => expect(el.hasAttribute('record-complete')).toBe(true));
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).not.toHaveBeenCalled();
  });
});
