import { afterEach, describe, expect, test } from 'vitest';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, mount, visibleText } from '../test-helpers/render';
import { thompson } from '../test-helpers/fixtures';
import { ACUTE, SOURCES, section, timedOut } from '../test-helpers/source-fixtures';
import { expectLoadingEmptyFailed } from '../test-helpers/section-states';
import './problem-list';

afterEach(cleanup);

describe('<cr-problem-list>', () => {
  test('active and significant past apart, with dates and source', async () => {
    const r = thompson();
    const el = await mount('cr-problem-list', { problems: r.problems, sources: r.sources });
    const text = visibleText(el);
    expect(text).toContain('Active Heart failure Onset 10-Feb-2023 Riverside Medical Practice · recorded 10-Feb-2023 · by Dr S AHMED');
    expect(text).toContain(
      'Significant past Fracture of neck of femur Onset 11-Feb-2019 Resolved Jun-2019 Weald General Hospital NHS Trust · recorded 11-Feb-2019',
    );
    expect(text.indexOf('Active')).toBeLessThan(text.indexOf('Significant past'));
    await expectAccessible(el);
  });

  test('partial: an empty sub-list does not claim "None recorded"', async () => {
    const r = thompson();
    const problems = section([r.problems.items[0]!], { acute: timedOut(ACUTE) });
    const el = await mount('cr-problem-list', { problems, sources: SOURCES });
    const text = visibleText(el);
    expect(text).toContain('Significant past None in the sources that could be loaded');
    expect(text).not.toContain('None recorded');
    await expectAccessible(el);
  });

  test('loading, empty and failed', async () => {
    await expectLoadingEmptyFailed((problems) => mount('cr-problem-list', { problems, sources: SOURCES }), {
      loading: 'Loading from',
      empty: 'None recorded',
    });
  });
});

describe('<cr-problem-list> for a long record', () => {
  const GP = SOURCES[0]!;
  const episode = (name: string, status: 'active' | 'past', year: number, extra = {}) => ({
    name,
    status,
    onset: `${year}-03-01`,
    ...(status === 'past' ? { resolved: `${year}-06-01` } : {}),
    provenance: { source: GP, resource: `Condition/${name}-${year}` },
    ...extra,
  });
  const long = () =>
    section([
      ...[2011, 2013, 2015, 2017, 2019].map((y) => episode('Asthma', 'past', y)),
      episode('Essential hypertension', 'past', 2017),
      episode('Chest pain', 'active', 2026),
      episode('Sprained ankle', 'past', 2020, { significance: 'minor' }),
    ]);
  const amlodipine = { key: 'amlodipine', genericName: 'Amlodipine', lines: [], conflicts: [] };

  test('summary: one line per active problem, a long-term condition "resolved" while its medicine continues flagged, past ones grouped by name', async () => {
    const el = await mount('cr-problem-list', { problems: long(), sources: SOURCES, medicines: [amlodipine], summary: true });
    const text = visibleText(el);
    expect(text).toContain(
      'Active Chest pain since 01-Mar-2026 Essential hypertension since 01-Mar-2017 Conflict: recorded as resolved 01-Jun-2017 (Riverside Medical Practice) but Amlodipine continues',
    );
    expect(text).toContain('Significant past Asthma (5 episodes, last 2019)');
    expect(text).toContain('Other past (recorded as minor) Sprained ankle (2020)');
    expect(text).toContain('Recorded by Riverside Medical Practice All 8 problem records, every episode with its dates');
    expect(el.shadowRoot!.querySelector('a[part="all"]')!.getAttribute('href')).toBe('#view=problems');
    await expectAccessible(el);
  });

  test('the Problems view: each problem once, its latest episode shown and the earlier ones one click away', async () => {
    const el = await mount('cr-problem-list', { problems: long(), sources: SOURCES, medicines: [] });
    const text = visibleText(el);
    expect(text).toContain(
      'Significant past Asthma 5 episodes, last 2019 Onset 01-Mar-2019 Resolved 01-Jun-2019 Riverside Medical Practice',
    );
    expect(text).toContain('4 earlier episodes');
    expect(text).not.toContain('01-Mar-2011');
    // Without amlodipine among current medicines, hypertension is past as recorded.
    expect(text).toContain('Essential hypertension Onset 01-Mar-2017 Resolved 01-Jun-2017');
    expect(text).not.toContain('Conflict');
    await expectAccessible(el);
  });
});
