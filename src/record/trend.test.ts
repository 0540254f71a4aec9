import { describe, expect, it } from 'vitest';
import type { Observation } from '@medplum/fhirtypes';
import { buildResults } from './results/results';
import type { TestResults } from './results/types';
import { trendOf } from './trend';
import { ACUTE, context, GP, input, SUBJECT } from './fixtures';

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';

/** PATEL's quarterly HbA1c, oldest first (docs/sandbox-patients.md): 21 values over five years, the latest 86. */
const PATEL_HBA1C = [62, 58, 55, 52, 48, 51, 57, 60, 64, 59, 56, 61, 66, 70, 67, 63, 68, 72, 77, 81, 86];

function observation(id: string, date: string, value: Partial<Observation>, code = '59261-8', text = 'HbA1c (IFCC)'): Observation {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { coding: [{ system: LOINC, code }], text },
    subject: SUBJECT,
    effectiveDateTime: date,
    ...value,
  };
}

const mmolMol = (value: number, comparator?: '<' | '>') => ({ value, comparator, unit: 'mmol/mol', system: UCUM, code: 'mmol/mol' });
const range = [{ low: mmolMol(20), high: mmolMol(41) }];

function hba1cSeries(): TestResults {
  const observations = PATEL_HBA1C.map((v, i) => {
    const month = i * 3;
    const date = new Date(Date.UTC(2021, 6 + month, 15, 9, 10)).toISOString();
    return observation(`h${i}`, date, { valueQuantity: mmolMol(v), referenceRange: range, interpretation: [{ coding: [{ code: 'H' }] }] });
  });
  const [test] = buildResults([input(GP, observations)], context());
  return test as TestResults;
}

describe('trendOf', () => {
  it('draws PATEL’s HbA1c oldest first with the reference range as a band, and says so in one sentence', () => {
    const trend = trendOf(hba1cSeries());
    expect(trend.series).toHaveLength(1);
    expect(trend.series[0]?.points.map((p) => p.value)).toEqual(PATEL_HBA1C);
    expect(trend.series[0]?.unit).toBe('mmol/mol');
    expect(trend.band).toEqual({ low: 20, high: 41, display: '20 to 41 mmol/mol' });
    expect(trend.notPlotted).toBe(0);
    expect(trend.summary).toBe(
      'HbA1c (IFCC), 21 results from 15-Jul-2021 to 15-Jul-2026. HbA1c (IFCC): latest 86 mmol/mol, High on 15-Jul-2026, up from 81; lowest 48, highest 86 mmol/mol. Reference range 20 to 41 mmol/mol.',
    );
  });

  it('leaves values with < or >, in another unit, or undated to the table, and counts them', () => {
    const [test] = buildResults(
      [
        input(GP, [
          observation('a', '2026-01-01', { valueQuantity: mmolMol(50) }),
          observation('b', '2026-02-01', { valueQuantity: mmolMol(120, '>') }),
          observation('c', '2026-03-01', { valueQuantity: { value: 7.1, unit: '%', system: UCUM, code: '%' } }),
          observation('d', '2026-04-01', { valueString: 'Sample clotted' }),
          observation('e', '2026-05-01', { valueQuantity: mmolMol(55) }),
          observation('f', '', { valueQuantity: mmolMol(60), effectiveDateTime: undefined }),
        ]),
      ],
      context(),
    );
    const trend = trendOf(test as TestResults);
    expect(trend.series[0]?.points.map((p) => p.value)).toEqual([50, 55]);
    expect(trend.notPlotted).toBe(4);
    expect(trend.band).toBeUndefined();
  });

  it('draws a blood pressure as one line per part', () => {
    const mmHg = (value: number) => ({ value, unit: 'mmHg', system: UCUM, code: 'mm[Hg]' });
    const bp = (id: string, date: string, s: number, d: number) =>
      observation(
        id,
        date,
        {
          component: [
            { code: { coding: [{ system: LOINC, code: '8480-6' }], text: 'Systolic' }, valueQuantity: mmHg(s) },
            { code: { coding: [{ system: LOINC, code: '8462-4' }], text: 'Diastolic' }, valueQuantity: mmHg(d) },
          ],
        },
        '85354-9',
        'Blood pressure',
      );
    const [test] = buildResults([input(ACUTE, [bp('1', '2026-01-01', 150, 90), bp('2', '2026-02-01', 134, 78)])], context());
    const trend = trendOf(test as TestResults);
    expect(trend.series.map((s) => [s.name, s.unit, s.points.map((p) => p.value)])).toEqual([
      ['Systolic', 'mmHg', [150, 134]],
      ['Diastolic', 'mmHg', [90, 78]],
    ]);
    expect(trend.summary).toContain('Systolic: latest 134 mmHg on 01-Feb-2026, down from 150');
  });

  it('says when nothing can be drawn', () => {
    const [test] = buildResults([input(GP, [observation('t', '2026-01-01', { valueString: 'Positive' }, 'x', 'Covid-19 PCR')])], context());
    const trend = trendOf(test as TestResults);
    expect(trend.series).toEqual([]);
    expect(trend.summary).toBe('Covid-19 PCR: no values that can be drawn.');
  });
});

describe('trendOf: targets and duplicates', () => {
  const TREATMENT = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/referencerange-meaning', code: 'treatment' }] };

  it('the treatment target the sender gives is a target, not the reference range', () => {
    const target = { high: mmolMol(48), type: TREATMENT, text: 'Target 48 mmol/mol or below' };
    const observations = [
      observation('a', '2026-01-15T09:00:00Z', { valueQuantity: mmolMol(70), referenceRange: [target, ...range] }),
      observation('b', '2026-04-15T09:00:00Z', { valueQuantity: mmolMol(86), referenceRange: [target, ...range] }),
    ];
    const [test] = buildResults([input(GP, observations)], context());
    const trend = trendOf(test as TestResults);
    expect(trend.band).toEqual({ low: 20, high: 41, display: '20 to 41 mmol/mol' });
    expect(trend.target).toEqual({ low: undefined, high: 48, display: 'up to 48 mmol/mol' });
    expect(trend.summary).toContain('Reference range 20 to 41 mmol/mol. Target up to 48 mmol/mol.');
    // A target alone is never taken for the normal range.
    const [alone] = buildResults(
      [input(GP, [observation('c', '2026-04-15T09:00:00Z', { valueQuantity: mmolMol(86), referenceRange: [target] })])],
      context(),
    );
    expect((alone as TestResults).values[0]?.range).toBeUndefined();
  });

  it('one sample sent by two sources is one point; two values at one time both stay', () => {
    const at = '2026-04-15T09:00:00Z';
    const [test] = buildResults(
      [
        input(GP, [
          observation('g1', at, { valueQuantity: mmolMol(86) }),
          observation('g2', '2026-01-15T09:00:00Z', { valueQuantity: mmolMol(70) }),
        ]),
        input(ACUTE, [observation('a1', at, { valueQuantity: mmolMol(86) }), observation('a2', at, { valueQuantity: mmolMol(84) })]),
      ],
      context(),
    );
    const points = trendOf(test as TestResults).series[0]!.points;
    expect(points.map((p) => p.value).sort()).toEqual([70, 84, 86]);
  });
});
