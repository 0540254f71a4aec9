import { afterEach, describe, expect, test } from 'vitest';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, mount, visibleText } from '../test-helpers/render';
import { MENTAL_HEALTH, SOURCES, prov, section, timedOut } from '../test-helpers/source-fixtures';
import { expectLoadingEmptyFailed } from '../test-helpers/section-states';
import { nowakMentalHealth } from '../test-helpers/care-fixtures';
import './mental-health-summary';

afterEach(cleanup);

describe('<cr-mental-health-summary>', () => {
  test('NOWAK: care coordinator with phone links, crisis plan link, diagnosis, all labelled Restricted', async () => {
    const el = await mount('cr-mental-health-summary', { mentalHealth: section(nowakMentalHealth()), sources: SOURCES });
    const text = visibleText(el);
    expect(text).toContain('Mental Health Act None recorded');
    expect(text).toContain(
      'Care coordinator Nurse Alan FRASER Care coordinator · Community mental health nurse Restricted Organisation North Downs Mental Health NHS Trust Team Chalkbury Community Mental Health Team Phone 01632 960411 Mobile 07700 900411',
    );
    expect(text).toContain(
      'Crisis plan Crisis and contingency plan Current Restricted Period Since 22-Sep-2026 Author Alan FRASER Read the crisis plan',
    );
    expect(text).toContain(
      'Diagnoses from mental health services Schizophrenia Active Restricted Onset 2003 North Downs Mental Health NHS Trust · recorded 22-Nov-2006 · by Dr Helen MORRIS',
    );
    expect(text).toContain('Mental health team Dr Helen MORRIS Consultant psychiatrist');
    expect(el.shadowRoot!.querySelector('a.more')!.getAttribute('href')).toBe('#view=care-plans');
    expect(el.shadowRoot!.querySelector('a[href="tel:+441632960411"]')).not.toBeNull();
    await expectAccessible(el);
  });

  test('Mental Health Act status when recorded', async () => {
    const act = {
      kind: 'mental-health-act' as const,
      text: 'Detained under section 3 of the Mental Health Act',
      since: '2026-11-01',
      restricted: true,
      provenance: prov(MENTAL_HEALTH, 'Flag/s3', '2026-11-01'),
    };
    const el = await mount('cr-mental-health-summary', { mentalHealth: section([act]), sources: SOURCES });
    const text = visibleText(el);
    expect(text).toContain('Mental Health Act Detained under section 3 of the Mental Health Act Restricted Since 01-Nov-2026');
    expect(text).toContain('Care coordinator None recorded');
    await expectAccessible(el);
  });

  test('partial: parts that are empty say so without claiming "None recorded"', async () => {
    const el = await mount('cr-mental-health-summary', {
      mentalHealth: section(nowakMentalHealth(), { 'mental-health': timedOut(MENTAL_HEALTH) }),
      sources: SOURCES,
    });
    const text = visibleText(el);
    expect(text).toContain('Some sources could not be loaded');
    expect(text).toContain('Mental Health Act None in the sources that could be loaded');
    expect(text).not.toContain('None recorded');
    await expectAccessible(el);
  });

  test('loading, empty and failed', async () => {
    await expectLoadingEmptyFailed((mentalHealth) => mount('cr-mental-health-summary', { mentalHealth, sources: SOURCES }), {
      loading: 'Mental health Loading from',
      empty: 'Mental health None recorded',
    });
  });
});

describe('<cr-mental-health-summary> when restricted entries are withheld', () => {
  const withheld = (section: string, resourceType: string, count: number) => ({
    kind: 'withheld' as const,
    source: MENTAL_HEALTH,
    text: `${count} ${section} withheld`,
    withheld: [{ resourceType, count }],
  });
  const crisisFlag = {
    category: 'clinical' as const,
    text: 'Known to North Downs Mental Health NHS Trust, with a crisis plan. In a mental health crisis call the Crisis Resolution and Home Treatment Team on 01632 960499 (24 hours).',
    why: 'Active clinical flag recorded by North Downs Mental Health NHS Trust',
    provenance: prov(MENTAL_HEALTH, 'Flag/crisis'),
  };

  test('an A&E doctor: what is withheld, by type and source, with the medicine in the same sentence; the crisis line shown; never "None recorded"', async () => {
    const mentalHealth = section([], {}, [
      {
        ...withheld('mental health entries', 'CareTeam', 1),
        withheld: [
          { resourceType: 'CareTeam', count: 1 },
          { resourceType: 'Condition', count: 1 },
          { resourceType: 'CarePlan', count: 1 },
        ],
      },
    ]);
    const related = {
      medications: { ...section([], {}, [withheld('medicine', 'MedicationRequest', 1)]), recentlyStopped: [] },
      flags: section([crisisFlag]),
    };
    const el = await mount('cr-mental-health-summary', { mentalHealth, related, sources: SOURCES });
    const text = visibleText(el);
    expect(text).toContain('Mental health None you can see');
    expect(text).toContain(
      'Restricted 1 medicine and 3 mental health entries withheld by North Downs Mental Health NHS Trust: restricted, not shown to your role.',
    );
    expect(text).toContain('Crisis contacts Crisis Resolution and Home Treatment Team Crisis line 01632 960499');
    expect(text).not.toContain('None recorded');
    expect(el.shadowRoot!.querySelector('a[href="tel:+441632960499"]')).not.toBeNull();
    await expectAccessible(el);
  });

  test('some entries shown, some withheld: its parts say "None you can see", not "None recorded"', async () => {
    const mentalHealth = section(
      nowakMentalHealth().filter((i) => i.kind === 'diagnosis'),
      {},
      [withheld('mental health entries', 'CareTeam', 2)],
    );
    const el = await mount('cr-mental-health-summary', { mentalHealth, sources: SOURCES });
    const text = visibleText(el);
    expect(text).toContain('Care coordinator None you can see');
    expect(text).not.toContain('None recorded');
    await expectAccessible(el);
  });
});
