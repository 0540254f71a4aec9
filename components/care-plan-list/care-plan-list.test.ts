import { afterEach, describe, expect, test } from 'vitest';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, mount, visibleText } from '../test-helpers/render';
import { thompson } from '../test-helpers/fixtures';
import { ACUTE, SOURCES, section, timedOut } from '../test-helpers/source-fixtures';
import { expectLoadingEmptyFailed } from '../test-helpers/section-states';
import { childProtectionPlan, crisisPlan, thompsonEndOfLifePlan } from '../test-helpers/care-fixtures';
import './care-plan-list';

afterEach(cleanup);

const telLinks = (el: Element) =>
  [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('a[href^="tel:"]')].map((a) => [a.textContent?.trim(), a.getAttribute('href')]);

describe('<cr-care-plan-list>', () => {
  test('THOMPSON: the end of life plan and the care package, with their content, not just titles', async () => {
    const r = thompson();
    const el = await mount('cr-care-plan-list', { carePlans: r.carePlans, sources: r.sources });
    const text = visibleText(el);
    expect(text).toContain('Current plans End of life care plan Active Period From 22-Jul-2026 Author Dr Sarah AHMED');
    expect(text).toContain('The aim is comfort at Oakview Care Home');
    expect(text).toContain('What to do Preferred place of care: Oakview Care Home.');
    expect(text).toContain('Goals Comfortable and free of distress');
    expect(text).toContain('Notes ReSPECT form completed on the same day: Not for CPR.');
    expect(text).toContain('Riverside Medical Practice · recorded 22-Jul-2026 · by Dr Sarah AHMED');
    expect(text).toContain('Residential care package: Oakview Care Home Social care package Active Period From 22-Sep-2025');
    expect(text).toContain(
      'Long-term residential care · 24-hour residential care, long term · By Oakview Care Home · At Oakview Care Home',
    );
    expect(text).toContain('Completed or revoked None recorded');
    expect(telLinks(el)).toEqual([
      ['07700 900123', 'tel:+447700900123'],
      ['01632 960700', 'tel:+441632960700'],
    ]);
    await expectAccessible(el);
  });

  test('NOWAK: the crisis plan says who to call, each number a tel: link, and is labelled Restricted', async () => {
    const el = await mount('cr-care-plan-list', { carePlans: section([crisisPlan()]), sources: SOURCES });
    const text = visibleText(el);
    expect(text).toContain('Crisis and contingency plan Mental health crisis plan Active Restricted');
    expect(text).toContain(
      'Who to call: care coordinator Alan FRASER, 01632 960411 (Monday to Friday); Crisis Resolution and Home Treatment Team, 01632 960499 (24 hours)',
    );
    expect(telLinks(el)).toEqual([
      ['01632 960411', 'tel:+441632960411'],
      ['01632 960499', 'tel:+441632960499'],
      ['07700 900335', 'tel:+447700900335'],
    ]);
    await expectAccessible(el);
  });

  test('OKAFOR: the child protection plan with its category of abuse; ended plans kept apart', async () => {
    const ended = { ...thompsonEndOfLifePlan(), status: 'revoked' as const, title: 'Earlier end of life plan' };
    const el = await mount('cr-care-plan-list', { carePlans: section([childProtectionPlan(), ended]), sources: SOURCES });
    const text = visibleText(el);
    expect(text).toContain(
      'Current plans Child protection plan Active Period From 22-Jun-2026 Author Joanne REID Category Category of abuse: Neglect',
    );
    expect(text).toContain('Review child protection conference due 2026-12-20. Scheduled');
    expect(text).toContain('Completed or revoked Earlier end of life plan End of life care plan Revoked');
    expect(text.indexOf('Child protection plan')).toBeLessThan(text.indexOf('Earlier end of life plan'));
    await expectAccessible(el);
  });

  test('a plan with only a narrative shows it, sanitised', async () => {
    const bare = {
      ...thompsonEndOfLifePlan(),
      description: undefined,
      activities: [],
      goals: [],
      notes: [],
      narrative: '<div><p>Comfort care <img src=x onerror="alert(1)"></p></div>',
    };
    const el = await mount('cr-care-plan-list', { carePlans: section([bare]), sources: SOURCES });
    expect(visibleText(el)).toContain('Comfort care');
    expect(el.shadowRoot!.querySelector('cr-safe-narrative')!.shadowRoot!.querySelector('img')).toBeNull();
    await expectAccessible(el);
  });

  test('partial: plans shown with the failed source; an empty list does not claim "None recorded"', async () => {
    const el = await mount('cr-care-plan-list', { carePlans: section([crisisPlan()], { acute: timedOut(ACUTE) }), sources: SOURCES });
    const text = visibleText(el);
    expect(text).toContain('Some sources could not be loaded');
    expect(text).toContain('Completed or revoked None in the sources that could be loaded');
    expect(text).not.toContain('None recorded');
    await expectAccessible(el);
  });

  test('loading, empty and failed read differently', async () => {
    await expectLoadingEmptyFailed((carePlans) => mount('cr-care-plan-list', { carePlans, sources: SOURCES }), {
      loading: 'Loading from',
      empty: 'None recorded',
    });
  });
});
