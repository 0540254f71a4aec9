import { describe, expect, it } from 'vitest';
import type { DiagnosticReport, Observation, Resource } from '@medplum/fhirtypes';
import { assembleRecord, sectionState } from '../assemble';
import { SECTIONS, sectionResourceTypes } from '../sections';
import type { QueryResult } from '../model';
import { buildResults } from './results';
import type { ReportResults, ResultGroup, TestResults } from './types';
import { ACUTE, COMMUNITY, context, GP, input, NOW, raw, SUBJECT } from '../fixtures';
import { malformedReason } from '../validate';

const LOINC = 'http://loinc.org';
const SCT = 'http://snomed.info/sct';
const UCUM = 'http://unitsofmeasure.org';
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const SECTION = 'http://terminology.hl7.org/CodeSystem/v2-0074';

const HBA1C = [
  { system: LOINC, code: '59261-8', display: 'Hemoglobin A1c/Hemoglobin.total in Blood by IFCC protocol' },
  { system: SCT, code: '999791000000106', display: 'Haemoglobin A1c level - IFCC standardised' },
];
const mmolMol = (value: number) => ({ value, unit: 'mmol/mol', system: UCUM, code: 'mmol/mol' });

function hba1c(id: string, value: number, date: string, overrides: Partial<Observation> = {}): Observation {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: [{ coding: [{ system: CATEGORY, code: 'laboratory' }] }],
    code: { coding: HBA1C, text: 'HbA1c (IFCC)' },
    subject: SUBJECT,
    effectiveDateTime: date,
    issued: `${date.slice(0, 10)}T16:00:00Z`,
    performer: [{ display: 'Dr S MILLS' }],
    valueQuantity: mmolMol(value),
    interpretation: [{ coding: [{ system: INTERPRETATION, code: 'H', display: 'High' }] }],
    referenceRange: [{ low: mmolMol(20), high: mmolMol(41), text: '20-41 mmol/mol (non-diabetic)' }],
    ...overrides,
  };
}

function glucose(id: string, value: number, date: string, overrides: Partial<Observation> = {}): Observation {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: [{ coding: [{ system: CATEGORY, code: 'laboratory' }] }],
    code: { coding: [{ system: LOINC, code: '14743-9' }], text: 'Capillary blood glucose' },
    subject: SUBJECT,
    effectiveDateTime: date,
    valueQuantity: { value, unit: 'mmol/L', system: UCUM, code: 'mmol/L' },
    referenceRange: [
      { low: { value: 4, unit: 'mmol/L', system: UCUM, code: 'mmol/L' }, high: { value: 7, unit: 'mmol/L', system: UCUM, code: 'mmol/L' } },
    ],
    ...overrides,
  };
}

function bloodPressure(id: string, systolic: number, diastolic: number, date: string): Observation {
  const mmHg = (value: number) => ({ value, unit: 'mmHg', system: UCUM, code: 'mm[Hg]' });
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: [{ coding: [{ system: CATEGORY, code: 'vital-signs' }] }],
    code: {
      coding: [
        { system: LOINC, code: '85354-9' },
        { system: SCT, code: '75367002' },
      ],
      text: 'Blood pressure',
    },
    subject: SUBJECT,
    effectiveDateTime: date,
    component: [
      {
        code: { coding: [{ system: LOINC, code: '8480-6' }], text: 'Systolic blood pressure' },
        valueQuantity: mmHg(systolic),
        referenceRange: [{ high: mmHg(140) }],
      },
      { code: { coding: [{ system: LOINC, code: '8462-4' }], text: 'Diastolic blood pressure' }, valueQuantity: mmHg(diastolic) },
    ],
  };
}

const tests = (groups: ResultGroup[]) => groups.filter((g): g is TestResults => g.kind === 'test');
const reports = (groups: ResultGroup[]) => groups.filter((g): g is ReportResults => g.kind === 'report');
const only = (groups: ResultGroup[]): TestResults => {
  const t = tests(groups);
  expect(t).toHaveLength(1);
  return t[0] as TestResults;
};

describe('buildResults: values', () => {
  it('shows value, unit, range, marker in words, status and provenance', () => {
    const test = only(buildResults([input(GP, [hba1c('h1', 86, '2026-07-01T09:10:00Z')])], context()));
    expect(test).toMatchObject({
      kind: 'test',
      name: 'HbA1c (IFCC)',
      code: { system: SCT, code: '999791000000106' },
      category: 'laboratory',
    });
    expect(test.values[0]).toEqual({
      display: '86 mmol/mol',
      numeric: 86,
      unit: 'mmol/mol',
      range: { low: 20, high: 41, display: '20 to 41 mmol/mol', text: '20-41 mmol/mol (non-diabetic)' },
      flag: { code: 'H', text: 'High', basis: 'interpretation' },
      interpretation: undefined,
      components: [],
      date: '2026-07-01T09:10:00Z',
      time: Date.parse('2026-07-01T09:10:00Z'),
      futureDated: false,
      status: 'final',
      category: 'laboratory',
      note: undefined,
      alsoFrom: [],
      provenance: {
        source: GP,
        resource: 'Observation/h1',
        recorded: '2026-07-01T16:00:00Z',
        lastUpdated: undefined,
        author: 'Dr S MILLS',
      },
    });
  });

  it('formats numbers without trailing zeros and keeps < and > (which are never plotted)', () => {
    const groups = buildResults(
      [
        input(ACUTE, [
          glucose('g1', 2.1, '2026-06-03T07:40:00Z', { valueQuantity: { value: 2.1, unit: 'mmol/L', code: 'mmol/L', system: UCUM } }),
          glucose('g2', 6.8, '2026-06-03T08:15:00Z'),
          glucose('g3', 1.5, '2026-06-03T06:00:00Z', {
            valueQuantity: { value: 1.5, comparator: '<', unit: 'mmol/L', code: 'mmol/L', system: UCUM },
          }),
        ]),
      ],
      context(),
    );
    const values = only(groups).values;
    expect(values.map((v) => [v.display, v.numeric])).toEqual([
      ['6.8 mmol/L', 6.8],
      ['2.1 mmol/L', 2.1],
      ['<1.5 mmol/L', undefined],
    ]);
  });

  it('uses the sender’s interpretation (HH, LL, A) and otherwise works High or Low out from the range', () => {
    const critical = (code: string) => ({ interpretation: [{ coding: [{ system: INTERPRETATION, code }] }] });
    const values = only(
      buildResults(
        [
          input(ACUTE, [
            glucose('ll', 2.1, '2026-06-07', critical('LL')),
            glucose('hh', 30, '2026-06-06', critical('HH')),
            glucose('a', 5, '2026-06-05', critical('A')),
            glucose('low', 3.2, '2026-06-04'),
            glucose('high', 9, '2026-06-03'),
            glucose('normal', 5, '2026-06-02'),
            // The lab's "normal" wins over our reading of the range (ranges depend on things we cannot see).
            glucose('n', 8, '2026-06-01', critical('N')),
            glucose('lt', 3, '2026-05-31', { valueQuantity: { value: 3, comparator: '<', unit: 'mmol/L', code: 'mmol/L' } }),
            glucose('gt', 4, '2026-05-30', { valueQuantity: { value: 4, comparator: '>', unit: 'mmol/L', code: 'mmol/L' } }),
            glucose('text', 12, '2026-05-29', { interpretation: [{ text: 'Critically high' }] }),
          ]),
        ],
        context(),
      ),
    ).values;
    expect(values.map((v) => [v.provenance.resource.slice('Observation/'.length), v.flag?.text, v.flag?.basis])).toEqual([
      ['ll', 'Critically low', 'interpretation'],
      ['hh', 'Critically high', 'interpretation'],
      ['a', 'Abnormal', 'interpretation'],
      ['low', 'Low', 'range'],
      ['high', 'High', 'range'],
      ['normal', undefined, undefined],
      ['n', undefined, undefined],
      ['lt', 'Low', 'range'],
      ['gt', undefined, undefined],
      ['text', 'Critically high', 'interpretation'],
    ]);
  });

  it('reads coded, text, boolean and absent values, and keeps interpretations that are not markers', () => {
    const base = glucose('x', 1, '2026-01-01', { referenceRange: undefined });
    const { valueQuantity: _omit, ...noValue } = base;
    const values = only(
      buildResults(
        [
          input(GP, [
            {
              ...noValue,
              id: 'coded',
              effectiveDateTime: '2026-01-05',
              valueCodeableConcept: { coding: [{ system: SCT, code: '260373001', display: 'Detected' }] },
              interpretation: [{ coding: [{ code: 'POS' }], text: 'Positive' }],
            },
            { ...noValue, id: 'string', effectiveDateTime: '2026-01-04', valueString: 'Haemolysed: please repeat' },
            { ...noValue, id: 'bool', effectiveDateTime: '2026-01-03', valueBoolean: false },
            { ...noValue, id: 'absent', effectiveDateTime: '2026-01-02', dataAbsentReason: { text: 'Sample lost' } },
            { ...noValue, id: 'none', effectiveDateTime: '2026-01-01' },
          ]),
        ],
        context(),
      ),
    ).values;
    expect(values.map((v) => [v.display, v.interpretation, v.flag])).toEqual([
      ['Detected', 'Positive', undefined],
      ['Haemolysed: please repeat', undefined, undefined],
      ['No', undefined, undefined],
      ['No result: Sample lost', undefined, undefined],
      ['Not Known', undefined, undefined],
    ]);
  });

  it('does not compare a value with a range in another unit', () => {
    const v = only(
      buildResults(
        [input(GP, [glucose('g', 200, '2026-01-01', { valueQuantity: { value: 200, unit: 'mg/dL', system: UCUM, code: 'mg/dL' } })])],
        context(),
      ),
    ).values[0];
    expect(v?.range).toBeUndefined();
    expect(v?.flag).toBeUndefined();
  });

  it('leaves out entered-in-error and cancelled, and says when a value is preliminary, amended or awaited', () => {
    const { valueQuantity: _omit, ...pending } = hba1c('pending', 0, '2026-07-02', { status: 'registered', interpretation: undefined });
    const values = only(
      buildResults(
        [
          input(GP, [
            hba1c('eie', 99, '2026-07-05', { status: 'entered-in-error' }),
            hba1c('cancelled', 99, '2026-07-04', { status: 'cancelled' }),
            hba1c('prelim', 70, '2026-07-03', { status: 'preliminary' }),
            pending,
            hba1c('amended', 71, '2026-07-01', { status: 'amended' }),
          ]),
        ],
        context(),
      ),
    ).values;
    expect(values.map((v) => [v.provenance.resource, v.status, v.display])).toEqual([
      ['Observation/prelim', 'preliminary', '70 mmol/mol'],
      ['Observation/pending', 'registered', 'Awaiting result'],
      ['Observation/amended', 'amended', '71 mmol/mol'],
    ]);
  });

  it('marks a future-dated value, orders partial dates by their start, and puts undated values last', () => {
    const values = only(
      buildResults(
        [
          input(GP, [
            hba1c('undated', 50, '2026-01-01', { effectiveDateTime: undefined, issued: undefined }),
            hba1c('year', 60, '2019'),
            hba1c('month', 61, '2019-05'),
            hba1c('future', 62, '2027-01-10T09:00:00Z'),
            hba1c('today', 63, NOW.toISOString()),
          ]),
        ],
        context(),
      ),
    ).values;
    expect(values.map((v) => [v.provenance.resource, v.date, v.futureDated])).toEqual([
      ['Observation/future', '2027-01-10T09:00:00Z', true],
      ['Observation/today', NOW.toISOString(), false],
      ['Observation/month', '2019-05', false],
      ['Observation/year', '2019', false],
      ['Observation/undated', undefined, false],
    ]);
  });

  it('takes the date from effectivePeriod or issued when there is no effectiveDateTime', () => {
    const values = only(
      buildResults(
        [
          input(GP, [
            hba1c('period', 50, '2026-01-01', { effectiveDateTime: undefined, effectivePeriod: { start: '2026-02-01T10:00:00Z' } }),
            hba1c('issued', 51, '2026-01-01', { effectiveDateTime: undefined, issued: '2026-03-01T10:00:00Z' }),
          ]),
        ],
        context(),
      ),
    ).values;
    expect(values.map((v) => v.date)).toEqual(['2026-03-01T10:00:00Z', '2026-02-01T10:00:00Z']);
  });

  it('says when a result was recorded only from `issued`, never from the sample date or the server’s lastUpdated', () => {
    const [value] = only(
      buildResults([input(GP, [glucose('g', 5, '2026-01-01T08:00:00Z', { meta: { lastUpdated: '2026-07-15T09:00:00Z' } })])], context()),
    ).values;
    expect(value?.date).toBe('2026-01-01T08:00:00Z');
    expect(value?.provenance).toMatchObject({ recorded: undefined, lastUpdated: '2026-07-15T09:00:00Z' });
  });
});

describe('buildResults: grouping', () => {
  it('groups one test across sources by any shared code, newest first, groups by their newest value', () => {
    const loincOnly = hba1c('a1', 70, '2026-03-01', { code: { coding: [HBA1C[0]!], text: 'HbA1c' } });
    const snomedOnly = hba1c('c1', 75, '2026-05-01', { code: { coding: [HBA1C[1]!] } });
    const groups = buildResults(
      [
        input(GP, [hba1c('g1', 86, '2026-07-01'), glucose('glu', 5, '2026-04-01')]),
        input(ACUTE, [loincOnly]),
        input(COMMUNITY, [snomedOnly]),
      ],
      context(),
    );
    expect(groups.map((g) => g.name)).toEqual(['HbA1c (IFCC)', 'Capillary blood glucose']);
    const values = (groups[0] as TestResults).values;
    expect(values.map((v) => [v.display, v.provenance.source.name])).toEqual([
      ['86 mmol/mol', 'gp'],
      ['75 mmol/mol', 'community'],
      ['70 mmol/mol', 'acute'],
    ]);
  });

  it('groups uncoded values with their coded namesake, otherwise by normalised text', () => {
    const groups = buildResults(
      [
        input(GP, [hba1c('coded', 80, '2026-07-01')]),
        input(COMMUNITY, [
          hba1c('text', 70, '2026-06-01', { code: { text: 'hba1c  (IFCC)' } }),
          hba1c('other1', 7, '2026-05-01', { code: { text: 'Urine ketones' }, referenceRange: undefined, interpretation: undefined }),
          hba1c('other2', 6, '2026-04-01', { code: { text: 'URINE KETONES' }, referenceRange: undefined, interpretation: undefined }),
        ]),
      ],
      context(),
    );
    expect(groups.map((g) => [g.name, (g as TestResults).values.length])).toEqual([
      ['HbA1c (IFCC)', 2],
      ['Urine ketones', 2],
    ]);
  });

  it('never groups results by a transfer-degraded code: by their written names instead', () => {
    const degraded = (id: string, text: string, date: string) =>
      glucose(id, 4.8, date, {
        code: { coding: [{ system: SCT, code: '196411000000103', display: 'Transfer-degraded record entry' }], text },
      });
    const groups = buildResults(
      [
        input(GP, [
          degraded('d1', 'CHOL/HDL RATIO', '2026-03-01'),
          degraded('d2', 'Serum potassium', '2026-02-01'),
          degraded('d3', 'chol/hdl ratio', '2026-01-01'),
        ]),
        input(ACUTE, [glucose('k', 4.1, '2026-01-15', { code: { coding: [{ system: LOINC, code: '2823-3' }], text: 'Serum potassium' } })]),
      ],
      context(),
    );
    expect(groups.map((g) => [g.name, g.code, (g as TestResults).values.map((v) => v.provenance.resource)])).toEqual([
      ['CHOL/HDL RATIO', undefined, ['Observation/d1', 'Observation/d3']],
      ['Serum potassium', { system: LOINC, code: '2823-3' }, ['Observation/d2', 'Observation/k']],
    ]);
  });

  it('keeps a local code without a system to its own source', () => {
    const local = (id: string) => glucose(id, 5, '2026-01-01', { code: { coding: [{ code: 'GLU' }], text: 'Glucose' } });
    const groups = buildResults([input(GP, [local('a')]), input(ACUTE, [local('b')])], context());
    expect(groups).toHaveLength(2);
  });

  it('shows the same value at the same time from two sources once, naming both', () => {
    const groups = buildResults(
      [input(GP, [hba1c('gp', 86, '2026-07-01T09:10:00Z')]), input(ACUTE, [hba1c('acute', 86, '2026-07-01T09:10:00Z')])],
      context(),
    );
    const values = only(groups).values;
    expect(values).toHaveLength(1);
    expect(values[0]?.provenance.source).toEqual(ACUTE);
    expect(values[0]?.alsoFrom.map((p) => p.source)).toEqual([GP]);
  });

  it('keeps two equal values from one source apart (it recorded them twice)', () => {
    const values = only(
      buildResults([input(GP, [hba1c('x', 86, '2026-07-01T09:10:00Z'), hba1c('y', 86, '2026-07-01T09:10:00Z')])], context()),
    ).values;
    expect(values).toHaveLength(2);
  });
});

describe('buildResults: panels and reports', () => {
  it('reads blood pressure as systolic/diastolic, with a marker for the part out of range', () => {
    const test = only(
      buildResults([input(ACUTE, [bloodPressure('bp1', 134, 78, '2026-06-01'), bloodPressure('bp2', 162, 95, '2026-06-02')])], context()),
    );
    expect(test.category).toBe('vital-signs');
    expect(test.values.map((v) => [v.display, v.flag])).toEqual([
      ['162/95 mmHg', { code: 'H', text: 'High', basis: 'range', of: 'Systolic blood pressure' }],
      ['134/78 mmHg', undefined],
    ]);
    expect(test.values[0]?.components.map((c) => [c.key, c.name, c.display, c.numeric])).toEqual([
      [`${LOINC}|8480-6`, 'Systolic blood pressure', '162 mmHg', 162],
      [`${LOINC}|8462-4`, 'Diastolic blood pressure', '95 mmHg', 95],
    ]);
  });

  it('names other panels part by part', () => {
    const panel: Observation = {
      ...glucose('p', 0, '2026-01-01'),
      valueQuantity: undefined,
      referenceRange: undefined,
      code: { text: 'Visual acuity' },
      component: [
        { code: { text: 'Left eye' }, valueString: '6/9' },
        { code: { text: 'Right eye' }, valueString: '6/6' },
      ],
    };
    expect(only(buildResults([input(GP, [panel])], context())).values[0]?.display).toBe('Left eye 6/9; Right eye 6/6');
  });

  it('shows a hasMember panel through its members, and keeps it when none of them arrived', () => {
    const fbc = (id: string, members: string[]): Observation => ({
      resourceType: 'Observation',
      id,
      status: 'final',
      code: { coding: [{ system: LOINC, code: '58410-2' }], text: 'Full blood count' },
      subject: SUBJECT,
      effectiveDateTime: '2026-05-01',
      hasMember: members.map((m) => ({ reference: `Observation/${m}` })),
    });
    const hb = glucose('hb', 135, '2026-05-01', {
      code: { coding: [{ system: LOINC, code: '718-7' }], text: 'Haemoglobin' },
      valueQuantity: { value: 135, unit: 'g/L' },
      referenceRange: undefined,
    });
    const groups = buildResults([input(GP, [fbc('fbc1', ['hb']), hb]), input(ACUTE, [fbc('fbc2', ['wbc', 'plt'])])], context());
    expect(groups.map((g) => g.name)).toEqual(['Full blood count', 'Haemoglobin']);
    const panel = groups[0] as TestResults;
    expect(panel.values.map((v) => [v.provenance.resource, v.display])).toEqual([
      ['Observation/fbc2', '2 results in this panel were not loaded'],
    ]);
    expect((groups[1] as TestResults).values[0]?.partOf).toEqual({ name: 'Full blood count', resource: 'Observation/fbc1' });
  });

  it('lends a lab report’s name and conclusion to its results, without showing the report twice', () => {
    const report: DiagnosticReport = {
      resourceType: 'DiagnosticReport',
      id: 'r1',
      status: 'final',
      category: [{ coding: [{ system: SECTION, code: 'LAB' }] }],
      code: { text: 'HbA1c' },
      subject: SUBJECT,
      effectiveDateTime: '2026-07-01',
      conclusion: 'Poor control; review insulin.',
      result: [{ reference: 'Observation/h1' }],
    };
    const groups = buildResults([input(GP, [hba1c('h1', 86, '2026-07-01'), report])], context());
    expect(reports(groups)).toEqual([]);
    expect(only(groups).values[0]?.partOf).toEqual({
      name: 'HbA1c',
      conclusion: 'Poor control; review insulin.',
      resource: 'DiagnosticReport/r1',
    });
  });

  it('shows a lab report whose results did not arrive as a report, counting what is missing', () => {
    const report: DiagnosticReport = {
      resourceType: 'DiagnosticReport',
      id: 'r2',
      status: 'final',
      category: [{ coding: [{ system: SECTION, code: 'LAB' }] }],
      code: { text: 'Urea and electrolytes' },
      subject: SUBJECT,
      effectiveDateTime: '2026-07-01',
      result: [{ reference: 'Observation/na' }, { reference: 'Observation/k' }],
    };
    const [group] = reports(buildResults([input(ACUTE, [report])], context()));
    expect(group).toMatchObject({ kind: 'report', name: 'Urea and electrolytes', category: 'laboratory' });
    expect(group?.reports[0]).toMatchObject({ missingResults: 2, results: [] });
  });

  it('shows a radiology report as a report: conclusion, text and HTML presented forms (HTML left for <cr-safe-narrative>)', () => {
    const html = '<p>No consolidation.<script>alert(1)</script></p>';
    const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
    const xray = (id: string, date: string, extra: Partial<DiagnosticReport> = {}): DiagnosticReport => ({
      resourceType: 'DiagnosticReport',
      id,
      status: 'final',
      category: [{ coding: [{ system: SECTION, code: 'RAD', display: 'Radiology' }] }],
      code: { coding: [{ system: SCT, code: '399208008', display: 'Plain chest X-ray' }] },
      subject: SUBJECT,
      effectiveDateTime: date,
      issued: `${date}T15:00:00Z`,
      resultsInterpreter: [{ display: 'Dr R PATEL' }],
      ...extra,
    });
    const groups = buildResults(
      [
        input(ACUTE, [
          xray('x1', '2026-06-01', {
            conclusion: 'Clear lungs.',
            conclusionCode: [{ text: 'Normal chest X-ray' }],
            presentedForm: [
              { contentType: 'text/html', data: b64(html) },
              { contentType: 'text/plain; charset=utf-8', data: b64('Heart size normal. Lungs clear — no effusion.') },
              { contentType: 'application/pdf', url: 'Binary/1', title: 'Full report (PDF)' },
            ],
          }),
          xray('x0', '2025-01-01', { status: 'entered-in-error' }),
          xray('x2', '2024-01-01', { status: 'preliminary', text: { status: 'additional', div: '<div>Old film</div>' } }),
        ]),
      ],
      context(),
    );
    const [group] = reports(groups);
    expect(group).toMatchObject({ name: 'Plain chest X-ray', category: 'imaging', code: { system: SCT, code: '399208008' } });
    expect(group?.reports).toHaveLength(2);
    expect(group?.reports[0]).toEqual({
      name: 'Plain chest X-ray',
      date: '2026-06-01',
      time: Date.parse('2026-06-01'),
      futureDated: false,
      status: 'final',
      conclusion: 'Clear lungs.',
      findings: ['Normal chest X-ray'],
      narrative: html,
      text: 'Heart size normal. Lungs clear — no effusion.',
      attachments: ['Full report (PDF)'],
      missingResults: 0,
      results: [],
      provenance: {
        source: ACUTE,
        resource: 'DiagnosticReport/x1',
        recorded: '2026-06-01T15:00:00Z',
        lastUpdated: undefined,
        author: 'Dr R PATEL',
      },
    });
    expect(group?.reports[1]).toMatchObject({ status: 'preliminary', narrative: '<div>Old film</div>' });
  });
});

describe('buildResults: unreadable resources', () => {
  it('skips and reports what cannot be read; the rest still shows', () => {
    const skipped: string[] = [];
    const broken = raw({ ...hba1c('broken', 1, '2026-01-01'), component: 'systolic 120' });
    const brokenReport = raw({ resourceType: 'DiagnosticReport', id: 'broken-report', status: 'final', code: { text: 'X' }, result: 5 });
    const groups = buildResults([input(GP, [broken, brokenReport, hba1c('h1', 86, '2026-07-01')])], context(skipped));
    expect(only(groups).values.map((v) => v.provenance.resource)).toEqual(['Observation/h1']);
    expect(skipped).toEqual(['gp:Observation/broken', 'gp:DiagnosticReport/broken-report']);
  });

  it('rejects malformed results before building (wrong types, missing code or status)', () => {
    const ok = hba1c('ok', 1, '2026-01-01') as unknown as Record<string, unknown>;
    expect(malformedReason(ok)).toBeUndefined();
    expect(malformedReason({ ...ok, valueQuantity: { value: '86' } })).toBe('valueQuantity has the wrong type');
    expect(malformedReason({ ...ok, code: undefined })).toBe('missing code');
    expect(malformedReason({ ...ok, referenceRange: { low: 1 } })).toBe('referenceRange has the wrong type');
    expect(
      malformedReason({ resourceType: 'DiagnosticReport', id: 'r', status: 'final', code: { text: 'X' }, result: [{ reference: 3 }] }),
    ).toBe('result has the wrong type');
  });
});

describe('buildResults: a long record', () => {
  it('builds 20,000 Observations near-linearly (timing printed, not asserted)', () => {
    const kinds = [
      { code: '59261-8', text: 'HbA1c (IFCC)', unit: 'mmol/mol', low: 20, high: 41 },
      { code: '14682-9', text: 'Serum creatinine', unit: 'umol/L', low: 45, high: 84 },
      { code: '8867-4', text: 'Heart rate', unit: '/min', low: 50, high: 100 },
      { code: '9279-1', text: 'Respiratory rate', unit: '/min', low: 12, high: 20 },
      { code: '59408-5', text: 'Oxygen saturation', unit: '%', low: 94, high: 100 },
      { code: '8310-5', text: 'Body temperature', unit: 'Cel', low: 36, high: 38 },
    ];
    const sources = [GP, ACUTE, COMMUNITY];
    const start = Date.UTC(1976, 0, 1);
    const perSource = new Map<string, Resource[]>(sources.map((s) => [s.name, []]));
    for (let i = 0; i < 20_000; i++) {
      const source = sources[i % sources.length]!;
      const kind = kinds[i % kinds.length]!;
      const date = new Date(start + i * 79_000_000).toISOString();
      const q = (value: number) => ({ value, unit: kind.unit, system: UCUM, code: kind.unit });
      const o: Observation =
        i % 7 === 0
          ? bloodPressure(`o${i}`, 100 + (i % 80), 60 + (i % 40), date)
          : {
              resourceType: 'Observation',
              id: `o${i}`,
              status: 'final',
              category: [{ coding: [{ system: CATEGORY, code: 'laboratory' }] }],
              code: {
                coding: [
                  { system: LOINC, code: kind.code },
                  { system: SCT, code: `${1000 + kinds.indexOf(kind)}` },
                ],
                text: kind.text,
              },
              subject: SUBJECT,
              effectiveDateTime: date,
              issued: date,
              performer: [{ display: 'Dr A CLINICIAN' }],
              valueQuantity: q(kind.low + ((i * 7.3) % (kind.high - kind.low + 20))),
              referenceRange: [{ low: q(kind.low), high: q(kind.high) }],
            };
      perSource.get(source.name)!.push(o);
    }
    const inputs = sources.map((s) => input(s, perSource.get(s.name)!));
    // A minute apart, so no build reuses the one before (the record reuses it while nothing has changed).
    let minute = 0;
    // The memory a record's loader owns: the last build is kept there, and reused while nothing has changed.
    const memory = new Map<string, unknown>();
    const time = (of: typeof inputs, runs = 3) => {
      buildResults(of, { now: new Date(NOW.getTime() + ++minute * 61_000), memory }); // warm-up: JIT compilation
      const t0 = performance.now();
      let built: ResultGroup[] = [];
      for (let r = 0; r < runs; r++) built = buildResults(of, { now: new Date(NOW.getTime() + ++minute * 61_000), memory });
      return { ms: (performance.now() - t0) / runs, built };
    };
    const quarter = time(inputs.map((i) => ({ ...i, resources: i.resources.slice(0, i.resources.length / 4) })));
    const { ms, built: groups } = time(inputs);
    const t1 = performance.now();
    const again = buildResults(inputs, { now: new Date(NOW.getTime() + minute * 61_000), memory });
    const reused = performance.now() - t1;
    console.log(
      `buildResults: 20,000 Observations in ${ms.toFixed(1)} ms (5,000 in ${quarter.ms.toFixed(1)} ms; mean of 3 each); ` +
        `rebuilt from the same resources in ${reused.toFixed(1)} ms`,
    );
    expect(again).toBe(groups);
    // Another record's memory (another patient, or after the lock) holds nothing of this one.
    expect(buildResults(inputs, { now: new Date(NOW.getTime() + minute * 61_000), memory: new Map() })).not.toBe(groups);
    expect(buildResults(inputs, { now: new Date(NOW.getTime() + minute * 61_000) })).not.toBe(groups);
    expect(tests(groups).reduce((n, g) => n + g.values.length, 0)).toBe(20_000);
    expect(groups.map((g) => g.name).sort()).toEqual([...kinds.map((k) => k.text), 'Blood pressure'].sort());
  });
});

describe('results and immunisations in the record', () => {
  const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
  const patient = { resourceType: 'Patient', id: 'p1', identifier: [{ system: NHS, value: '9990000042' }], birthDate: '1961-07-23' };
  const loaded = (resourceType: string, resources: unknown[], extra: { truncated?: boolean; total?: number } = {}): QueryResult => ({
    source: GP,
    resourceType,
    outcome: { kind: 'loaded', resources: resources as Resource[], truncated: extra.truncated ?? false, total: extra.total, warnings: [] },
  });

  it('asks for Observations newest first in big pages, DiagnosticReports and Immunizations', () => {
    expect(SECTIONS.results.queries).toEqual([
      { resourceType: 'Observation', query: 'Observation?patient={patient}&_sort=-date&_count=1000' },
      { resourceType: 'DiagnosticReport', query: 'DiagnosticReport?patient={patient}&_count=200' },
    ]);
    expect(sectionResourceTypes('immunisations')).toEqual(['Immunization']);
  });

  it('waits for both Observations and reports, says when results were capped, and counts unreadable ones', () => {
    const observations = [hba1c('h1', 86, '2026-07-01'), { ...hba1c('bad', 1, '2026-01-01'), valueQuantity: { value: 'high' } }];
    const waiting = assembleRecord([GP], [loaded('Patient', [patient]), loaded('Observation', observations)], NOW);
    expect(waiting.results.progress.gp).toBe('loading');
    expect(waiting.results.items).toHaveLength(1);
    const record = assembleRecord(
      [GP],
      [
        loaded('Patient', [patient]),
        loaded('Observation', observations, { truncated: true, total: 20_412 }),
        loaded('DiagnosticReport', []),
        loaded('Immunization', []),
      ],
      NOW,
    );
    expect(record.results.progress.gp).toBe('loaded');
    expect(record.results.items.map((g) => g.name)).toEqual(['HbA1c (IFCC)']);
    expect(record.results.notices.map((n) => n.text)).toEqual([
      'Riverside Medical Practice: showing 2 of 20,412 results; the oldest were not loaded.',
      'Riverside Medical Practice: 1 record could not be read and is not shown.',
    ]);
    expect(sectionState(record.immunisations)).toBe('empty');
  });
});
