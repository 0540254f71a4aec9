import { afterEach, describe, expect, test } from 'vitest';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, mount, visibleText } from '../test-helpers/render';
import { loadingRecord, thompson } from '../test-helpers/fixtures';
import { ACUTE, SOURCES, failedEverywhere, section, timedOut } from '../test-helpers/source-fixtures';
import { careCoordinator, districtNurse, helen } from '../test-helpers/care-fixtures';
import './care-team-list';

afterEach(cleanup);

const links = (el: Element) =>
  [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('a')].map((a) => [a.textContent?.trim(), a.getAttribute('href')]);

describe('<cr-care-team-list>', () => {
  test('THOMPSON: who is involved across organisations, and her daughter with LPA, each number a tel: link', async () => {
    const r = thompson();
    const el = await mount('cr-care-team-list', { careTeam: r.careTeam, relatedPersons: r.relatedPersons, sources: r.sources });
    const text = visibleText(el);
    expect(text).toContain(
      'Nurse Mei LEE District nurse (named nurse) · District nurse Organisation Downs Community Health NHS Trust Team District nursing team (Chalkbury North) Since 22-Sep-2025 Phone 01632 960311 Mobile 07700 900311',
    );
    expect(text).toContain('Priya KHAN Named social worker · Social worker (adult social care) Organisation County Council Social Care');
    expect(text).toContain('Oakview Care Home Care provider');
    expect(text).toContain(
      'THOMPSON, Helen (Ms) Next of kin Lasting power of attorney for health and welfare Relationship Daughter Address 7 Elm Grove, Chalkbury, ME15 7HT Mobile 07700 900123',
    );
    expect(text).toContain('Weald General Hospital NHS Trust · updated 20-Nov-2026 (no lasting power of attorney recorded here)');
    expect(links(el)).toEqual([
      ['01632 960311', 'tel:+441632960311'],
      ['07700 900311', 'tel:+447700900311'],
      ['01632 960511', 'tel:+441632960511'],
      ['priya.khan@county-council.example.gov.uk', 'mailto:priya.khan@county-council.example.gov.uk'],
      ['01632 960700', 'tel:+441632960700'],
      ['07700 900123', 'tel:+447700900123'],
    ]);
    await expectAccessible(el);
  });

  test('contact links are targets of at least 24 by 24 CSS px', async () => {
    const r = thompson();
    const el = await mount('cr-care-team-list', { careTeam: r.careTeam, relatedPersons: r.relatedPersons, sources: r.sources });
    for (const a of el.shadowRoot!.querySelectorAll('ul.contacts a')) {
      const box = a.getBoundingClientRect();
      expect(box.height).toBeGreaterThanOrEqual(24);
      expect(box.width).toBeGreaterThanOrEqual(24);
    }
  });

  test('restricted members are labelled; people no longer involved are listed apart; conflicts shown', async () => {
    const ended = { ...districtNurse(), name: 'Sam PATEL', status: 'ended' as const, period: { start: '2024-01-01', end: '2025-01-31' } };
    const group = {
      ...helen(),
      conflicts: ['Phone differs: 07700 900123 (Riverside Medical Practice); 07700 900999 (Weald General Hospital NHS Trust)'],
    };
    const el = await mount('cr-care-team-list', {
      careTeam: section([careCoordinator(), ended]),
      relatedPersons: section([group]),
      sources: SOURCES,
    });
    const text = visibleText(el);
    expect(text).toContain('Nurse Alan FRASER Care coordinator · Community mental health nurse Restricted');
    expect(text).toContain('No longer involved Sam PATEL');
    expect(text).toContain('Since 01-Jan-2024 Until 31-Jan-2025');
    expect(text).toContain(
      'Conflict: Phone differs: 07700 900123 (Riverside Medical Practice); 07700 900999 (Weald General Hospital NHS Trust)',
    );
    await expectAccessible(el);
  });

  test('partial, loading, empty and failed, each section on its own', async () => {
    const partial = await mount('cr-care-team-list', {
      careTeam: section([districtNurse()], { acute: timedOut(ACUTE) }),
      relatedPersons: section([]),
      sources: SOURCES,
    });
    const text = visibleText(partial);
    expect(text).toContain('Some sources could not be loaded');
    expect(text).toContain('Next of kin, carers and representatives None recorded');
    await expectAccessible(partial);
    cleanup();

    const loading = await mount('cr-care-team-list', {
      careTeam: loadingRecord().careTeam,
      relatedPersons: loadingRecord().relatedPersons,
      sources: SOURCES,
    });
    expect(visibleText(loading)).toContain('Care team Loading from');
    await expectAccessible(loading);
    cleanup();

    const failed = await mount('cr-care-team-list', {
      careTeam: section([], failedEverywhere()),
      relatedPersons: section([], failedEverywhere()),
      sources: SOURCES,
    });
    expect(visibleText(failed)).toContain('Care team Could not be loaded');
    expect(visibleText(failed)).not.toContain('None recorded');
    await expectAccessible(failed);
  });
});
