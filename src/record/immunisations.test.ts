import { describe, expect, it } from 'vitest';
import type { Immunization } from '@medplum/fhirtypes';
import { buildImmunisations } from './immunisations';
import { COMMUNITY, context, GP, input, raw, SUBJECT } from './fixtures';
import { malformedReason } from './validate';

const SCT = 'http://snomed.info/sct';

function immunisation(id: string, overrides: Partial<Immunization> = {}): Immunization {
  return {
    resourceType: 'Immunization',
    id,
    status: 'completed',
    vaccineCode: { text: 'DTaP/IPV/Hib/HepB vaccine (6-in-1)' },
    patient: SUBJECT,
    occurrenceDateTime: '2020-07-01T10:00:00Z',
    recorded: '2020-07-01T10:30:00Z',
    primarySource: true,
    route: { coding: [{ code: 'IM', display: 'Injection, intramuscular' }] },
    performer: [{ actor: { display: 'Nurse J DAWSON' } }],
    protocolApplied: [
      {
        series: 'UK routine immunisation schedule',
        targetDisease: [{ coding: [{ system: SCT, code: '397430003', display: 'Diphtheria' }] }, { text: 'Tetanus' }],
        doseNumberPositiveInt: 1,
      },
    ],
    ...overrides,
  };
}

describe('buildImmunisations', () => {
  it('shows vaccine, date, status, dose, what it protects against and provenance', () => {
    expect(buildImmunisations([input(COMMUNITY, [immunisation('i1')])], context())).toEqual([
      {
        vaccine: 'DTaP/IPV/Hib/HepB vaccine (6-in-1)',
        code: undefined,
        status: 'completed',
        reason: undefined,
        date: '2020-07-01T10:00:00Z',
        futureDated: false,
        dose: '1',
        series: 'UK routine immunisation schedule',
        targetDiseases: ['Diphtheria', 'Tetanus'],
        route: 'Injection, intramuscular',
        site: undefined,
        lotNumber: undefined,
        reported: false,
        alsoFrom: [],
        provenance: {
          source: COMMUNITY,
          resource: 'Immunization/i1',
          recorded: '2020-07-01T10:30:00Z',
          lastUpdated: undefined,
          author: 'Nurse J DAWSON',
        },
      },
    ]);
  });

  it('shows not-done with its reason, leaves out entered-in-error, and says "2 of 3"', () => {
    const items = buildImmunisations(
      [
        input(GP, [
          immunisation('declined', { status: 'not-done', statusReason: { text: 'Parent declined' }, occurrenceDateTime: '2024-10-01' }),
          immunisation('eie', { status: 'entered-in-error', occurrenceDateTime: '2025-01-01' }),
          immunisation('dose2', {
            occurrenceDateTime: '2020-09-01',
            protocolApplied: [{ doseNumberPositiveInt: 2, seriesDosesPositiveInt: 3 }],
          }),
          immunisation('booster', {
            occurrenceDateTime: '2023-09-01',
            protocolApplied: [{ doseNumberString: 'Booster' }],
            primarySource: false,
          }),
        ]),
      ],
      context(),
    );
    expect(items.map((i) => [i.provenance.resource, i.status, i.reason, i.dose, i.reported])).toEqual([
      ['Immunization/declined', 'not-done', 'Parent declined', '1', false],
      ['Immunization/booster', 'completed', undefined, 'Booster', true],
      ['Immunization/dose2', 'completed', undefined, '2 of 3', false],
    ]);
  });

  it('orders newest first with partial dates by their start, marks the future, and keeps undated last', () => {
    const items = buildImmunisations(
      [
        input(GP, [
          immunisation('undated', { occurrenceDateTime: undefined, occurrenceString: 'In childhood' }),
          immunisation('year', { occurrenceDateTime: '1965' }),
          immunisation('month', { occurrenceDateTime: '1965-04' }),
          immunisation('future', { occurrenceDateTime: '2027-01-01' }),
        ]),
      ],
      context(),
    );
    expect(items.map((i) => [i.provenance.resource, i.date, i.futureDated])).toEqual([
      ['Immunization/future', '2027-01-01', true],
      ['Immunization/month', '1965-04', false],
      ['Immunization/year', '1965', false],
      ['Immunization/undated', 'In childhood', false],
    ]);
  });

  it('shows one dose recorded by two sources once, naming both; two records at one source stay apart', () => {
    const items = buildImmunisations(
      [input(COMMUNITY, [immunisation('c1'), immunisation('c2')]), input(GP, [immunisation('g1', { occurrenceDateTime: '2020-07-01' })])],
      context(),
    );
    expect(items.map((i) => [i.provenance.resource, i.alsoFrom.map((p) => p.resource)])).toEqual([
      ['Immunization/c1', ['Immunization/g1']],
      ['Immunization/c2', []],
    ]);
  });

  it('never takes two vaccines sent under a degraded code on one day for one dose: their names tell them apart', () => {
    const degraded = (id: string, text: string, source = 'gp') =>
      immunisation(`${source}-${id}`, { vaccineCode: { coding: [{ system: SCT, code: '196411000000103' }], text } });
    const items = buildImmunisations(
      [
        input(GP, [degraded('a', 'Hepatitis A vaccine'), degraded('b', 'Typhoid vaccine')]),
        input(COMMUNITY, [degraded('c', 'Typhoid vaccine', 'community')]),
      ],
      context(),
    );
    expect(items.map((i) => [i.vaccine, i.code, i.alsoFrom.map((p) => p.source.name)])).toEqual([
      ['Hepatitis A vaccine', undefined, []],
      ['Typhoid vaccine', undefined, ['community']],
    ]);
  });

  it('says when it was recorded only from `recorded`, never from the day it was given', () => {
    const [item] = buildImmunisations(
      [input(GP, [immunisation('i1', { recorded: undefined, meta: { lastUpdated: '2026-07-15T08:00:00Z' } })])],
      context(),
    );
    expect(item?.date).toBe('2020-07-01T10:00:00Z');
    expect(item?.provenance).toMatchObject({ recorded: undefined, lastUpdated: '2026-07-15T08:00:00Z' });
  });

  it('skips and reports an immunisation that cannot be read; the rest still shows', () => {
    const skipped: string[] = [];
    const broken = raw({ ...immunisation('broken'), protocolApplied: 'first dose' });
    const items = buildImmunisations([input(GP, [broken, immunisation('ok')])], context(skipped));
    expect(items.map((i) => i.provenance.resource)).toEqual(['Immunization/ok']);
    expect(skipped).toEqual(['gp:Immunization/broken']);
  });

  it('rejects malformed immunisations before building', () => {
    const ok = immunisation('ok') as unknown as Record<string, unknown>;
    expect(malformedReason(ok)).toBeUndefined();
    expect(malformedReason({ ...ok, vaccineCode: undefined })).toBe('missing vaccineCode');
    expect(malformedReason({ ...ok, protocolApplied: [{ doseNumberPositiveInt: '1' }] })).toBe('protocolApplied has the wrong type');
    expect(malformedReason({ ...ok, primarySource: 'yes' })).toBe('primarySource has the wrong type');
  });
});
