import { afterEach, describe, expect, test } from 'vitest';
import type { CareRecord } from '../../src/record/model';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, mount, visibleText } from '../test-helpers/render';
import { loadingRecord, patel, thompson } from '../test-helpers/fixtures';
import { ACUTE, COMMUNITY, GP, PATEL_SOURCES, failedEverywhere, prov, section, timedOut } from '../test-helpers/source-fixtures';
import { amoxicillinAndPenicillin } from '../test-helpers/coded-fixtures';
import { allergyStatusText } from './allergy-text';
import './allergy-list';

afterEach(cleanup);

const list = (allergies: CareRecord['allergies'], sources = PATEL_SOURCES) => mount('cr-allergy-list', { allergies, sources });

describe('allergyStatusText', () => {
  test('keeps the three answers apart, per source', () => {
    expect(
      allergyStatusText([
        { kind: 'no-known-drug-allergies', source: GP, provenance: prov(GP, 'AllergyIntolerance/1') },
        { kind: 'not-recorded', source: ACUTE },
      ]),
    ).toBe('No known drug allergies (Riverside Medical Practice); not recorded (Weald General Hospital NHS Trust)');
    expect(allergyStatusText([{ kind: 'could-not-load', source: COMMUNITY, problem: timedOut(COMMUNITY) }])).toBe(
      'Could not be loaded (Downs Community Health NHS Trust)',
    );
    expect(allergyStatusText([])).toBe('');
  });
});

describe('<cr-allergy-list>', () => {
  test('high criticality first, said in words, and amoxicillin named as a penicillin', async () => {
    const el = await list(amoxicillinAndPenicillin());
    const groups = [...el.shadowRoot!.querySelectorAll('[part~="group"]')];
    expect(groups.map((g) => visibleText(g).split(' Reaction')[0])).toEqual(['Penicillin High criticality', 'Amoxicillin (a penicillin)']);
    expect(groups[0]?.classList.contains('high')).toBe(true);
    expect(getComputedStyle(groups[0]!).borderInlineStartWidth).toBe('6px');
    expect(getComputedStyle(groups[1]!).borderInlineStartWidth).toBe('0px');
    await expectAccessible(el);
  });

  test('groups with reactions, severity, criticality, conflicts and every entry’s provenance', async () => {
    const r = thompson();
    const el = await list(r.allergies, r.sources);
    const text = visibleText(el);
    expect(text).toContain('Penicillin');
    expect(text).toContain('Conflict: Reaction differs');
    expect(text).toContain('Reaction Anaphylaxis (severe) Criticality High Type Medication Status active, confirmed Onset 1978');
    expect(text).toContain('Riverside Medical Practice · recorded 04-May-2010 · by Dr S AHMED');
    expect(text).toContain('Recorded as Amoxicillin Reaction Urticaria (moderate)');
    expect(text).toContain('Weald General Hospital NHS Trust · recorded 20-Nov-2026 · by Dr K OSEI');
    await expectAccessible(el);
  });

  test('"No known drug allergies", "not recorded" and "could not be loaded" read differently', async () => {
    const r = patel();
    r.allergies = {
      ...section([], { community: timedOut(COMMUNITY) }, [], PATEL_SOURCES),
      statuses: [
        r.allergies.statuses[0]!,
        { kind: 'not-recorded', source: ACUTE },
        { kind: 'could-not-load', source: COMMUNITY, problem: timedOut(COMMUNITY) },
      ],
    };
    const el = await list(r.allergies);
    const text = visibleText(el);
    expect(text).toContain(
      'No known drug allergies (Riverside Medical Practice); not recorded (Weald General Hospital NHS Trust); could not be loaded (Downs Community Health NHS Trust)',
    );
    expect(text).toContain('Some sources could not be loaded');
    expect(text).not.toContain('None recorded');
    await expectAccessible(el);
  });

  test('PATEL: no known drug allergies at the GP, not recorded at the hospital', async () => {
    const el = await list(patel().allergies);
    const text = visibleText(el);
    expect(text).toContain(
      'No known drug allergies (Riverside Medical Practice); not recorded (Weald General Hospital NHS Trust, Downs Community Health NHS Trust)',
    );
    expect(text).not.toContain('None recorded');
    await expectAccessible(el);
  });

  test('empty with no status from any source: "None recorded"', async () => {
    const el = await list({ ...section([], {}, [], PATEL_SOURCES), statuses: [] });
    expect(visibleText(el)).toContain('None recorded');
    await expectAccessible(el);
  });

  test('loading and failed', async () => {
    const loading = await list(loadingRecord(PATEL_SOURCES).allergies);
    expect(visibleText(loading)).toContain('Loading from Riverside Medical Practice');
    await expectAccessible(loading);

    const failed = await list({ ...section([], failedEverywhere(PATEL_SOURCES), [], PATEL_SOURCES), statuses: [] });
    expect(visibleText(failed)).toContain('Could not be loaded');
    expect(visibleText(failed)).not.toContain('None recorded');
    await expectAccessible(failed);
  });
});
