// Every view of <care-record> in every state the gallery shows (the same
// records, from the component tests' fixtures): axe finds nothing, and the
// words tell the states apart (loading never reads as empty, failed never as
// "None recorded", a withheld source and a timed-out one are each named).
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import { expectAccessible } from '../test-helpers/axe';
import { GALLERY_STATES, GALLERY_VIEWS, recordIn, type GalleryState } from '../test-helpers/gallery-states';
import { cleanup, mount, settled, visibleText } from '../test-helpers/render';
import '../care-record/care-record';

afterEach(cleanup);
beforeAll(async () => {
  await page.viewport(1280, 900);
});

const READS: Record<GalleryState, (text: string) => void> = {
  loading: (text) => {
    expect(text).toMatch(/Loading/);
    expect(text).not.toContain('None recorded');
    expect(text).not.toContain('Could not be loaded');
  },
  empty: (text) => {
    expect(text).not.toMatch(/Loading from/);
    expect(text).not.toContain('Could not be loaded');
  },
  partial: (text) => {
    expect(text).toContain('Weald General Hospital NHS Trust');
    expect(text).toContain('No answer within 10 seconds');
  },
  failed: (text) => {
    expect(text).toContain('Could not be loaded');
    expect(text).not.toContain('None recorded');
  },
  withheld: (text) => {
    expect(text).toMatch(/withheld/i);
    expect(text).toContain('North Downs Mental Health NHS Trust');
  },
  conflict: (text) => {
    expect(text).not.toContain('Could not be loaded');
    expect(text).not.toMatch(/Loading from/);
  },
};

describe.each(GALLERY_VIEWS.map((v) => [v.label, v.id] as const))("the gallery's %s view", (_label, view) => {
  test.each(GALLERY_STATES)('%s: reads as such, and axe finds nothing', async (state) => {
    const el = await mount(
      'care-record',
      { record: recordIn(state), launchContext: { needPatientBanner: true } },
      { 'url-state': 'none', view },
    );
    await el.updateComplete;
    await settled(el);
    READS[state](visibleText(el));
    await expectAccessible(el);
  });
});

test('the conflict state shows both doses of amlodipine, each with its source', async () => {
  const el = await mount(
    'care-record',
    { record: recordIn('conflict'), launchContext: { needPatientBanner: true } },
    { 'url-state': 'none', view: 'medications' },
  );
  await el.updateComplete;
  await settled(el);
  const text = visibleText(el);
  expect(text).toMatch(/Amlodipine/);
  expect(text).toMatch(/5 mg/);
  expect(text).toMatch(/10 mg/);
});
