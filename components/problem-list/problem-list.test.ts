import { afterEach, describe, expect, test } from 'vitest';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, mount, visibleText } from '../test-helpers/render';
import { ACUTE, SOURCES, section, thompson, timedOut } from '../test-helpers/fixtures';
import { expectLoadingEmptyFailed } from '../test-helpers/section-states';
import './problem-list';

afterEach(cleanup);

describe('<problem-list>', () => {
  test('active and significant past apart, with dates and source', async () => {
    const r = thompson();
    const el = await mount('problem-list', { problems: r.problems, sources: r.sources });
    const text = visibleText(el);
    expect(text).toContain(
      'Active Heart failure Onset 10-Feb-2023 Riverside Medical Practice · recorded 10-Feb-2023 · by Dr S AHMED',
    );
    expect(text).toContain(
      'Significant past Fracture of neck of femur Onset 11-Feb-2019 Resolved Jun-2019 Weald General Hospital NHS Trust · recorded 11-Feb-2019',
    );
    expect(text.indexOf('Active')).toBeLessThan(text.indexOf('Significant past'));
    await expectAccessible(el);
  });

  test('partial: an empty sub-list does not claim "None recorded"', async () => {
    const r = thompson();
    const problems = section([r.problems.items[0]!], { acute: timedOut(ACUTE) });
    const el = await mount('problem-list', { problems, sources: SOURCES });
    const text = visibleText(el);
    expect(text).toContain('Significant past None in the sources that could be loaded');
    expect(text).not.toContain('None recorded');
    await expectAccessible(el);
  });

  test('loading, empty and failed', async () => {
    await expectLoadingEmptyFailed((problems) => mount('problem-list', { problems, sources: SOURCES }), { loading: 'Loading from', empty: 'None recorded' });
  });
});
