import { describe, expect, it } from 'vitest';
import type { AllergyIntolerance } from '@medplum/fhirtypes';
import { buildAllergies, noKnownKind, substanceKey } from './allergies';
import { ACUTE, COMMUNITY, context, GP, input, problem, raw, SOCIAL, SUBJECT } from './fixtures';

const SCT = 'http://snomed.info/sct';

function allergy(overrides: Partial<AllergyIntolerance> = {}): AllergyIntolerance {
  return {
    resourceType: 'AllergyIntolerance',
    id: 'a1',
    patient: SUBJECT,
    clinicalStatus: { coding: [{ code: 'active' }] },
    verificationStatus: { coding: [{ code: 'confirmed' }] },
    category: ['medication'],
    criticality: 'high',
    code: { coding: [{ system: SCT, code: '764146007', display: 'Penicillin' }] },
    reaction: [{ manifestation: [{ coding: [{ system: SCT, code: '39579001', display: 'Anaphylaxis' }] }], severity: 'severe' }],
    recordedDate: '2015-04-01',
    recorder: { display: 'Dr Sarah Ahmed' },
    ...overrides,
  };
}

const nkda = (id = 'nkda'): AllergyIntolerance =>
  allergy({
    id,
    code: { coding: [{ system: SCT, code: '409137002', display: 'No known drug allergy' }] },
    reaction: undefined,
    criticality: undefined,
  });
const nka = (): AllergyIntolerance =>
  allergy({ id: 'nka', code: { coding: [{ system: SCT, code: '716186003' }] }, reaction: undefined, criticality: undefined });

describe('buildAllergies entries', () => {
  it('builds an entry with reactions and provenance', () => {
    const { items } = buildAllergies([input(GP, [allergy()])], context());
    expect(items).toEqual([
      {
        key: 'sct|764146007',
        substance: 'Penicillin',
        conflicts: [],
        entries: [
          {
            substance: 'Penicillin',
            code: { system: SCT, code: '764146007' },
            category: 'medication',
            criticality: 'high',
            reactions: [{ manifestations: ['Anaphylaxis'], severity: 'severe' }],
            clinicalStatus: 'active',
            verificationStatus: 'confirmed',
            onset: undefined,
            provenance: {
              source: GP,
              resource: 'AllergyIntolerance/a1',
              recorded: '2015-04-01',
              lastUpdated: undefined,
              author: 'Dr Sarah Ahmed',
            },
          },
        ],
      },
    ]);
  });

  it('leaves out entered-in-error and refuted entries', () => {
    const { items, statuses } = buildAllergies(
      [
        input(GP, [
          allergy({ id: 'err', verificationStatus: { coding: [{ code: 'entered-in-error' }] } }),
          allergy({ id: 'ref', verificationStatus: { coding: [{ code: 'refuted' }] } }),
        ]),
      ],
      context(),
    );
    expect(items).toEqual([]);
    expect(statuses).toEqual([{ kind: 'not-recorded', source: GP }]);
  });

  it('keeps unknown values unknown rather than guessing', () => {
    const odd = allergy({
      code: undefined,
      criticality: 'extreme' as never,
      category: ['weird' as never],
      reaction: [{ manifestation: [{}], severity: 'awful' as never }],
    });
    const [group] = buildAllergies([input(GP, [odd])], context()).items;
    expect(group?.substance).toBe('Not Known');
    expect(group?.key).toBe('resource:gp/AllergyIntolerance/a1');
    expect(group?.entries[0]).toMatchObject({
      criticality: undefined,
      category: undefined,
      reactions: [{ manifestations: [], severity: undefined }],
    });
  });
});

describe('allergy status per source', () => {
  it('turns NKDA and NKA into statuses, not entries', () => {
    const { items, statuses } = buildAllergies([input(GP, [nkda()]), input(COMMUNITY, [nka()])], context());
    expect(items).toEqual([]);
    expect(statuses).toMatchObject([
      { kind: 'no-known-drug-allergies', source: GP, provenance: { resource: 'AllergyIntolerance/nkda' } },
      { kind: 'no-known-allergies', source: COMMUNITY, provenance: { resource: 'AllergyIntolerance/nka' } },
    ]);
  });

  it('keeps the three states apart: recorded none, not recorded, could not load', () => {
    const failed = problem(SOCIAL, 'timed-out');
    const { statuses } = buildAllergies([input(GP, [nkda()]), input(ACUTE, []), input(SOCIAL, [], failed)], context());
    expect(statuses).toEqual([
      expect.objectContaining({ kind: 'no-known-drug-allergies', source: GP }),
      { kind: 'not-recorded', source: ACUTE },
      { kind: 'could-not-load', source: SOCIAL, problem: failed },
    ]);
  });

  it('says nothing yet for a source still loading or one that does not hold the patient', () => {
    const { statuses } = buildAllergies([input(GP, [], 'loading'), input(ACUTE, [], problem(ACUTE, 'not-held'))], context());
    expect(statuses).toEqual([]);
  });

  it('reports has-entries, and shows a contradictory NKDA alongside rather than hiding either', () => {
    const { items, statuses } = buildAllergies([input(GP, [allergy(), nkda()])], context());
    expect(items).toHaveLength(1);
    expect(statuses.map((s) => s.kind)).toEqual(['no-known-drug-allergies', 'has-entries']);
  });

  it('ignores a resolved NKDA and other "no known" statements', () => {
    const resolved = allergy({ ...nkda(), clinicalStatus: { coding: [{ code: 'resolved' }] } });
    const food = allergy({ id: 'nkfa', code: { coding: [{ system: SCT, code: '429625007' }] } });
    const { items, statuses } = buildAllergies([input(GP, [resolved, food])], context());
    expect(items).toEqual([]);
    expect(statuses).toEqual([{ kind: 'not-recorded', source: GP }]);
  });

  it('does not call a source "not recorded" when its records could not be read', () => {
    const skipped: string[] = [];
    const broken = raw({ ...allergy({ id: 'broken' }), reaction: 'rash' });
    const { statuses } = buildAllergies([input(GP, [broken]), { ...input(ACUTE, []), skipped: 2 }], context(skipped));
    expect(skipped).toEqual(['gp:AllergyIntolerance/broken']);
    expect(statuses).toMatchObject([
      {
        kind: 'could-not-load',
        source: GP,
        problem: { kind: 'failed', reason: '1 allergy record from Riverside Medical Practice could not be read' },
      },
      {
        kind: 'could-not-load',
        source: ACUTE,
        problem: { reason: '2 allergy records from Weald General Hospital NHS Trust could not be read' },
      },
    ]);
  });
});

describe('grouping across sources', () => {
  it('groups the same substance by code and marks differing reaction and criticality', () => {
    const acute = allergy({
      id: 'a2',
      code: { coding: [{ system: 'https://dmd.nhs.uk', code: '764146007' }], text: 'Penicillins' },
      criticality: 'low',
      reaction: [{ manifestation: [{ text: 'Rash' }], severity: 'mild' }],
    });
    const { items } = buildAllergies([input(GP, [allergy()]), input(ACUTE, [acute])], context());
    expect(items).toHaveLength(1);
    expect(items[0]?.entries.map((e) => e.provenance.source.name)).toEqual(['gp', 'acute']);
    expect(items[0]?.conflicts).toEqual([
      'Reaction differs: Anaphylaxis (Riverside Medical Practice); Rash (Weald General Hospital NHS Trust)',
      'Severity differs: severe (Riverside Medical Practice); mild (Weald General Hospital NHS Trust)',
      'Criticality differs: high (Riverside Medical Practice); low (Weald General Hospital NHS Trust)',
    ]);
  });

  it('groups by normalised text when there is no code, and agrees when the facts match', () => {
    const coded = allergy({ code: { coding: [{ system: SCT, code: '91936005' }], text: 'Allergy to penicillin' } });
    const textOnly = allergy({
      id: 'a2',
      code: { text: 'PENICILLIN allergy' },
      reaction: [{ manifestation: [{ text: 'anaphylaxis' }], severity: 'severe' }],
    });
    const { items } = buildAllergies([input(GP, [coded]), input(ACUTE, [textOnly])], context());
    expect(items).toHaveLength(1);
    expect(items[0]?.conflicts).toEqual([]);
  });

  it('does not group penicillin with amoxicillin, and says amoxicillin is a penicillin', () => {
    const amoxicillin = allergy({ id: 'a2', code: { coding: [{ system: SCT, code: '372687004', display: 'Amoxicillin' }] } });
    const { items } = buildAllergies([input(GP, [allergy()]), input(ACUTE, [amoxicillin])], context());
    expect(items.map((g) => [g.substance, g.drugClass?.member])).toEqual([
      ['Amoxicillin', 'a penicillin'],
      ['Penicillin', undefined],
    ]);
  });

  it('never merges allergies sent under a transfer-degraded code: each is named by its own words', () => {
    const degraded = (id: string, text: string) =>
      allergy({ id, code: { coding: [{ system: SCT, code: '196461000000101', display: 'Transfer-degraded drug allergy' }], text } });
    const { items } = buildAllergies(
      [input(GP, [degraded('d1', 'Septrin'), degraded('d2', '9339101000001105 | Co-codamol'), degraded('d3', 'Aspirin')])],
      context(),
    );
    expect(items.map((g) => [g.substance, g.entries.length, g.entries[0]?.code])).toEqual([
      ['Aspirin', 1, undefined],
      ['Co-codamol', 1, undefined],
      ['Septrin', 1, undefined],
    ]);
  });

  it('groups a degraded allergy with the same allergen written the same way elsewhere, and a bare degrade code with nothing', () => {
    const degraded = allergy({ id: 'd1', code: { coding: [{ system: SCT, code: '196461000000101' }], text: 'Penicillin' } });
    const bare = (id: string) =>
      allergy({ id, code: { coding: [{ system: SCT, code: '196461000000101', display: 'Transfer-degraded drug allergy' }] } });
    const { items } = buildAllergies([input(GP, [degraded, bare('b1'), bare('b2')]), input(ACUTE, [allergy({ id: 'a2' })])], context());
    expect(items.map((g) => [g.substance, g.entries.map((e) => e.provenance.resource)])).toEqual([
      ['Penicillin', ['AllergyIntolerance/d1', 'AllergyIntolerance/a2']],
      ['Transfer-degraded drug allergy', ['AllergyIntolerance/b1']],
      ['Transfer-degraded drug allergy', ['AllergyIntolerance/b2']],
    ]);
  });

  it('never merges allergies coded only as unknown or data absent', () => {
    const unknown = (id: string, text: string) =>
      allergy({ id, code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor', code: 'UNK' }], text } });
    const { items } = buildAllergies([input(GP, [unknown('u1', 'Elastoplast'), unknown('u2', 'Nickel')])], context());
    expect(items.map((g) => g.substance)).toEqual(['Elastoplast', 'Nickel']);
  });

  it('marks a resolved entry against an active one', () => {
    const resolved = allergy({ id: 'a2', clinicalStatus: { coding: [{ code: 'resolved' }] } });
    const { items } = buildAllergies([input(GP, [allergy()]), input(ACUTE, [resolved])], context());
    expect(items[0]?.conflicts).toEqual([
      'Clinical status differs: active (Riverside Medical Practice); resolved (Weald General Hospital NHS Trust)',
    ]);
  });
});

describe('order', () => {
  it('puts high criticality first, then the worst reaction, current before resolved, then by name', () => {
    const named = (id: string, text: string, overrides: Partial<AllergyIntolerance>) => allergy({ id, code: { text }, ...overrides });
    const rash = [{ manifestation: [{ text: 'Rash' }], severity: 'mild' as const }];
    const { items } = buildAllergies(
      [
        input(GP, [
          named('a', 'Amoxicillin', { criticality: 'low', reaction: rash }),
          named('b', 'Aspirin', { criticality: undefined, reaction: rash }),
          named('c', 'Penicillin', { criticality: 'high' }),
          named('d', 'Latex', { criticality: 'unable-to-assess', reaction: rash }),
          named('e', 'Cefalexin', { criticality: 'high', clinicalStatus: { coding: [{ code: 'resolved' }] } }),
          named('f', 'Codeine', { criticality: undefined, reaction: [{ manifestation: [{ text: 'Vomiting' }], severity: 'severe' }] }),
        ]),
      ],
      context(),
    );
    expect(items.map((g) => g.substance)).toEqual(['Penicillin', 'Latex', 'Codeine', 'Aspirin', 'Amoxicillin', 'Cefalexin']);
  });

  it('ranks a group by the highest criticality any source gave it', () => {
    const lowHere = allergy({ id: 'x', code: { text: 'Amoxicillin' }, criticality: 'low' });
    const highThere = allergy({ id: 'y', code: { text: 'Amoxicillin' }, criticality: 'high' });
    const aspirin = allergy({ id: 'z', code: { text: 'Aspirin' }, criticality: undefined });
    const { items } = buildAllergies([input(GP, [aspirin, lowHere]), input(ACUTE, [highThere])], context());
    expect(items.map((g) => g.substance)).toEqual(['Amoxicillin', 'Aspirin']);
  });
});

describe('helpers', () => {
  it('reads NKDA and NKA from text as well as codes', () => {
    expect(noKnownKind({ text: 'No known drug allergies' })).toBe('no-known-drug-allergies');
    expect(noKnownKind({ text: 'NKDA' })).toBe('no-known-drug-allergies');
    expect(noKnownKind({ text: 'No known allergies' })).toBe('no-known-allergies');
    expect(noKnownKind({ text: 'No known food allergy' })).toBe('other');
    expect(noKnownKind({ text: 'Penicillin' })).toBeUndefined();
  });

  it('names one substance by its allergy phrasing', () => {
    expect(substanceKey('Allergy to penicillin')).toBe('penicillin');
    expect(substanceKey('Penicillin allergy')).toBe('penicillin');
    expect(substanceKey('H/O: penicillin allergy')).toBe('penicillin');
  });
});
