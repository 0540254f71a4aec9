import { afterEach, describe, expect, test } from 'vitest';
import type { SourceStatus } from '../../src/sources/load-record';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, deepQuery, mount, visibleText } from '../test-helpers/render';
import { ACUTE, COMMUNITY, GP, SOCIAL_CARE, SOURCES } from '../test-helpers/source-fixtures';
import './source-status';

afterEach(cleanup);

const at = '2026-11-22T11:38:00Z';

describe('<cr-source-status>', () => {
  test('names every source with what happened: loaded, failed with reason and time, left out, still loading', async () => {
    const statuses = new Map<string, SourceStatus>([
      ['gp', { state: 'loaded', source: GP, at, problems: [] }],
      [
        'acute',
        { state: 'problem', source: ACUTE, problem: { source: ACUTE, kind: 'failed', reason: 'server error (500): Injected fault', at } },
      ],
      [
        'community',
        {
          state: 'problem',
          source: COMMUNITY,
          problem: { source: COMMUNITY, kind: 'timed-out', reason: 'no answer within 8 seconds', at },
        },
      ],
    ]);
    const el = await mount('cr-source-status', { sources: SOURCES, statuses });
    const text = visibleText(el);
    expect(text).toContain('Sources (2 with problems)');
    expect(text).toContain('Riverside Medical Practice Loaded 11:38');
    expect(text).toContain('Weald General Hospital NHS Trust Could not be loaded (tried 11:38) server error (500): Injected fault');
    expect(text).toContain('Timed out (tried 11:38) no answer within 8 seconds');
    expect(text).toMatch(/Waiting to load/);
    await expectAccessible(el);
  });

  test('a source cut short is never a plain green "Loaded": it says what was not loaded', async () => {
    const statuses = new Map<string, SourceStatus>([
      ['gp', { state: 'loaded', source: GP, at, problems: [] }],
      ['acute', { state: 'loaded', source: ACUTE, at, problems: [] }],
    ]);
    const incomplete = new Map([['gp', ['Riverside Medical Practice: showing 2,000 of 9,000 results; the oldest were not loaded.']]]);
    const el = await mount('cr-source-status', { sources: SOURCES, statuses, incomplete });
    const text = visibleText(el);
    expect(text).toContain(
      'Riverside Medical Practice Loaded 11:38, not all of it showing 2,000 of 9,000 results; the oldest were not loaded.',
    );
    expect(text).toContain('Weald General Hospital NHS Trust Loaded 11:38');
    const lines = [...el.shadowRoot!.querySelectorAll('li')];
    expect(lines[0]!.className).toBe('incomplete');
    expect(lines[1]!.className).toBe('loaded');
    await expectAccessible(el);
  });

  test('a source left out for identity reads differently from one that failed, with no retry', async () => {
    const social = SOCIAL_CARE;
    const statuses = new Map<string, SourceStatus>([
      [
        social.name,
        {
          state: 'problem',
          source: social,
          problem: { source: social, kind: 'identity-mismatch', reason: 'date of birth differs; name differs', at },
        },
      ],
    ]);
    const el = await mount('cr-source-status', { sources: [social], statuses });
    const text = visibleText(el);
    expect(text).toContain('Left out: the record there does not match this patient date of birth differs');
    expect(text).not.toContain('Could not be loaded');
    expect(el.shadowRoot!.querySelector('button')).toBeNull();
    await expectAccessible(el);
  });

  test('retry asks the record to load that source again', async () => {
    const statuses = new Map<string, SourceStatus>([
      ['acute', { state: 'problem', source: ACUTE, problem: { source: ACUTE, kind: 'failed', reason: 'network error', at } }],
    ]);
    const el = await mount('cr-source-status', { sources: [ACUTE], statuses });
    const asked: string[] = [];
    el.addEventListener('source-retry', (e) => asked.push((e as CustomEvent<{ source: string }>).detail.source));
    const button = deepQuery<HTMLButtonElement>(el, 'button');
    expect(button.textContent).toContain('Try again');
    button.click();
    expect(asked).toEqual(['acute']);
  });
});
