import { afterEach, describe, expect, test } from 'vitest';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, mount, visibleText } from '../test-helpers/render';
import { ACUTE, COMMUNITY, GP, SOURCES, failedEverywhere, loadingEverywhere, section, timedOut } from '../test-helpers/source-fixtures';
import { displayState } from './section-state';
import './record-section';

afterEach(cleanup);

const items = () => {
  const ul = document.createElement('ul');
  ul.innerHTML = '<li>Item one</li>';
  return ul;
};

async function frame(sec: Parameters<typeof displayState>[0], withItems = false) {
  const el = await mount('cr-record-section', { heading: 'Problems', section: sec, sources: SOURCES });
  if (withItems) {
    el.append(items());
    await el.updateComplete;
  }
  return el;
}

describe('displayState', () => {
  test('derives each state', () => {
    expect(displayState(undefined)).toBe('loading');
    expect(displayState(section([], loadingEverywhere()))).toBe('loading');
    expect(displayState(section([]))).toBe('empty');
    expect(displayState(section(['x']))).toBe('loaded');
    expect(displayState(section(['x'], { gp: 'loading' }))).toBe('loaded');
    expect(displayState(section([], { acute: timedOut(ACUTE) }))).toBe('partial');
    expect(displayState(section(['x'], { acute: timedOut(ACUTE) }))).toBe('partial');
    expect(displayState(section([], failedEverywhere()))).toBe('failed');
  });

  test('never empty when a source failed, even if the rest do not hold the patient', () => {
    const notHeld = { source: COMMUNITY, kind: 'not-held' as const, reason: 'Patient not found', at: '2026-11-22T14:02:00Z' };
    const s = { items: [], progress: { gp: timedOut(GP), community: notHeld }, notices: [] };
    expect(displayState(s)).toBe('partial');
    expect(displayState({ items: [], progress: { gp: 'loaded' as const, community: notHeld }, notices: [] })).toBe('empty');
  });
});

describe('<cr-record-section>', () => {
  test('loading: busy, says which sources it is waiting for', async () => {
    const el = await frame(section([], loadingEverywhere()));
    expect(el.state).toBe('loading');
    expect(el.shadowRoot?.querySelector('section')?.getAttribute('aria-busy')).toBe('true');
    expect(visibleText(el)).toContain('Loading from Riverside Medical Practice, Weald General Hospital NHS Trust');
    expect(visibleText(el)).not.toContain('None recorded');
    await expectAccessible(el);
  });

  test('empty: "None recorded" and the sources checked', async () => {
    const el = await frame(section([]));
    expect(el.state).toBe('empty');
    const text = visibleText(el);
    expect(text).toContain('None recorded');
    expect(text).toContain('Checked Riverside Medical Practice');
    expect(text).not.toContain('could not');
    await expectAccessible(el);
  });

  test('partial without items: names each failed source with reason and time, never "None recorded"', async () => {
    const el = await frame(section([], { acute: timedOut(ACUTE) }));
    const text = visibleText(el);
    expect(el.state).toBe('partial');
    expect(text).toContain('Some sources could not be loaded');
    expect(text).toContain('Weald General Hospital NHS Trust: No answer within 10 seconds (tried 22-Nov-2026 14:02)');
    expect(text).toContain('Nothing recorded by Riverside Medical Practice');
    expect(text).not.toContain('None recorded');
    await expectAccessible(el);
  });

  test('partial with items: items shown with the failure', async () => {
    const el = await frame(section(['x'], { acute: timedOut(ACUTE) }), true);
    const text = visibleText(el);
    expect(text).toContain('Some sources could not be loaded');
    expect(text).toContain('Item one');
    await expectAccessible(el);
  });

  test('failed: "Could not be loaded", naming every source, no items and no "None recorded"', async () => {
    const el = await frame(section([], failedEverywhere()), true);
    const text = visibleText(el);
    expect(el.state).toBe('failed');
    expect(text).toContain('Could not be loaded');
    expect(text).not.toContain('Some sources');
    for (const s of SOURCES) expect(text).toContain(`${s.organisation}: No answer within 10 seconds`);
    expect(text).not.toContain('None recorded');
    expect(text).not.toContain('Item one');
    await expectAccessible(el);
  });

  test('failed and empty read differently', async () => {
    const empty = visibleText(await frame(section([])));
    const failedText = visibleText(await frame(section([], failedEverywhere())));
    expect(empty).not.toEqual(failedText);
    expect(empty).toContain('None recorded');
    expect(failedText).toContain('Could not be loaded');
  });

  test('loaded: items, still-loading sources named, notices visible', async () => {
    const el = await frame(
      section(['x'], { gp: 'loading' }, [
        {
          kind: 'truncated',
          source: ACUTE,
          text: 'Weald General Hospital NHS Trust: showing 500 of 2,310 problems and diagnoses; the rest were not loaded.',
        },
        { kind: 'skipped', source: GP, text: '2 records could not be read and are not shown.' },
        { kind: 'warning', text: 'Search parameter _sort ignored' },
      ]),
      true,
    );
    const text = visibleText(el);
    expect(el.state).toBe('loaded');
    expect(text).toContain('Item one');
    expect(text).toContain('Still loading from Riverside Medical Practice');
    expect(text).toContain(
      'Incomplete Weald General Hospital NHS Trust: showing 500 of 2,310 problems and diagnoses; the rest were not loaded.',
    );
    expect(text).toContain('Left out 2 records could not be read and are not shown. (Riverside Medical Practice)');
    expect(text).toContain('Warning Search parameter _sort ignored');
    await expectAccessible(el);
  });

  test('a region labelled by its heading, at the level asked for', async () => {
    const el = await mount('cr-record-section', { heading: 'Flags', level: 3, section: section([]), sources: SOURCES });
    const region = el.shadowRoot?.querySelector('section');
    const h = el.shadowRoot?.querySelector('h3');
    expect(h?.textContent).toBe('Flags');
    expect(region?.getAttribute('aria-labelledby')).toBe(h?.id);
  });
});

describe('<cr-record-section> naming the sources checked once', () => {
  test('an empty card whose message already names the sources does not name them again', async () => {
    const el = await mount('cr-record-section', { heading: 'ReSPECT', section: section([]), sources: SOURCES, namesSources: true });
    const none = document.createElement('p');
    none.slot = 'none';
    none.textContent = 'No decision found in: Riverside Medical Practice';
    el.append(none);
    await el.updateComplete;
    expect(visibleText(el)).toBe('ReSPECT No decision found in: Riverside Medical Practice');
    await expectAccessible(el);
  });

  test('brief: "Checked all 5 sources" when every source answered; each named when not', async () => {
    const all = await mount('cr-record-section', { heading: 'Safeguarding', section: section([]), sources: SOURCES, briefSources: true });
    expect(visibleText(all)).toBe('Safeguarding None recorded Checked all 5 sources');
    await expectAccessible(all);
    const notHeld = (source: (typeof SOURCES)[number]) => ({
      source,
      kind: 'not-held' as const,
      reason: 'Patient not found',
      at: '2026-11-22T14:02:00Z',
    });
    const progress = { community: notHeld(SOURCES[2]!), 'mental-health': notHeld(SOURCES[3]!), 'social-care': notHeld(SOURCES[4]!) };
    const some = await mount('cr-record-section', {
      heading: 'Safeguarding',
      section: section([], progress),
      sources: SOURCES,
      briefSources: true,
    });
    expect(visibleText(some)).toBe('Safeguarding None recorded Checked Riverside Medical Practice, Weald General Hospital NHS Trust');
    const most = await mount('cr-record-section', {
      heading: 'Safeguarding',
      section: section([], { 'social-care': notHeld(SOURCES[4]!) }),
      sources: SOURCES,
      briefSources: true,
    });
    expect(visibleText(most)).toBe('Safeguarding None recorded Checked all 4 sources that hold a record for this person');
  });
});
