import { describe, expect, it } from 'vitest';
import type { Resource } from '@medplum/fhirtypes';
import { assembleRecord, sectionState } from './assemble';
import { firstScreenBuilders, RESOURCE_QUERIES, sectionNames, SECTIONS as REGISTRY } from './sections';
import { assembleWith } from './assemble-with';
import { ACUTE, COMMUNITY, GP, NOW, problem, SOCIAL } from './fixtures';
import type { CareRecord, QueryResult, SourceRef } from './model';

const SCT = 'http://snomed.info/sct';
const NHS = 'https://fhir.nhs.uk/Id/nhs-number';

function loaded(
  source: SourceRef,
  resourceType: string,
  resources: unknown[],
  extra: { truncated?: boolean; total?: number; warnings?: string[] } = {},
): QueryResult {
  return {
    source,
    resourceType,
    outcome: {
      kind: 'loaded',
      resources: resources as Resource[],
      truncated: extra.truncated ?? false,
      total: extra.total,
      warnings: extra.warnings ?? [],
    },
  };
}

function failed(source: SourceRef, resourceType: string, kind: 'failed' | 'timed-out' | 'identity-mismatch' = 'failed'): QueryResult {
  return { source, resourceType, outcome: { kind: 'problem', problem: problem(source, kind) } };
}

const patient = (id: string) => ({
  resourceType: 'Patient',
  id,
  identifier: [{ system: NHS, value: '9990000018' }],
  name: [{ family: 'Thompson', given: ['Margaret'], prefix: ['Mrs'] }],
  birthDate: '1938-03-02',
});
const subject = (id: string) => ({ reference: `Patient/${id}` });

const penicillin = (patientId: string, id = 'pen') => ({
  resourceType: 'AllergyIntolerance',
  id,
  patient: subject(patientId),
  code: { coding: [{ system: SCT, code: '764146007', display: 'Penicillin' }] },
  reaction: [{ manifestation: [{ text: 'Anaphylaxis' }] }],
});

const nkda = (patientId: string) => ({
  resourceType: 'AllergyIntolerance',
  id: 'nkda',
  patient: subject(patientId),
  code: { coding: [{ system: SCT, code: '409137002' }] },
});

function amlodipine(patientId: string, id: string) {
  return {
    resourceType: 'MedicationRequest',
    id,
    status: 'active',
    intent: 'order',
    subject: subject(patientId),
    medicationReference: { reference: `Medication/m-${id}` },
    dosageInstruction: [
      { timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd' } }, doseAndRate: [{ doseQuantity: { value: 1, unit: 'tablet' } }] },
    ],
  };
}

function amlodipineMedication(id: string, mg: number) {
  return {
    resourceType: 'Medication',
    id: `m-${id}`,
    code: { text: `Amlodipine ${mg}mg tablets` },
    form: { text: 'tablet' },
    ingredient: [
      {
        itemCodeableConcept: { text: 'Amlodipine' },
        strength: { numerator: { value: mg, unit: 'mg' }, denominator: { value: 1, unit: 'tablet' } },
      },
    ],
  };
}

const respect = (patientId: string) => ({
  resourceType: 'Consent',
  id: 'respect',
  status: 'active',
  scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'adr' }] },
  category: [{ text: 'ReSPECT form' }],
  patient: subject(patientId),
  dateTime: '2026-03-15',
  provision: { code: [{ text: 'Not for CPR' }] },
});

const SECTIONS = ['patient', 'advanceDecisions', 'flags', 'allergies', 'medications', 'problems'] as const;

function states(record: CareRecord) {
  return Object.fromEntries(SECTIONS.map((s) => [s, sectionState(record[s])]));
}

/** Every non-Patient query answered with nothing. */
function emptyAnswers(source: SourceRef, except: string[] = []): QueryResult[] {
  return RESOURCE_QUERIES.filter((q) => q.resourceType !== 'Patient' && !except.includes(q.resourceType)).map((q) =>
    loaded(source, q.resourceType, []),
  );
}

describe('assembleRecord progress', () => {
  it('starts with every section loading for every source', () => {
    const record = assembleRecord([GP, ACUTE], [], NOW);
    expect(record.sources).toEqual([GP, ACUTE]);
    for (const name of SECTIONS) expect(record[name].progress).toEqual({ gp: 'loading', acute: 'loading' });
    expect(Object.values(states(record))).toEqual(Array(6).fill('loading'));
  });

  it('waits for the Patient answer before using anything else from a source', () => {
    const record = assembleRecord([GP], [loaded(GP, 'AllergyIntolerance', [penicillin('p1')])], NOW);
    expect(record.allergies.progress.gp).toBe('loading');
    expect(record.allergies.items).toEqual([]);
  });

  it('marks a section loaded per source as its resource types arrive', () => {
    const record = assembleRecord(
      [GP, ACUTE],
      [
        loaded(GP, 'Patient', [patient('p1')]),
        loaded(GP, 'Consent', [respect('p1')]),
        loaded(GP, 'Flag', []),
        loaded(GP, 'CarePlan', []),
        loaded(GP, 'AllergyIntolerance', []),
      ],
      NOW,
    );
    expect(record.patient.progress).toEqual({ gp: 'loaded', acute: 'loading' });
    // Flags wait for CarePlans too (the plan behind a safeguarding flag); both come in the alerts' first batch.
    // Advance decisions also wait for Conditions (a DNACPR may be coded there).
    expect(record.advanceDecisions.progress.gp).toBe('loading');
    expect(record.advanceDecisions.items).toHaveLength(1);
    expect(record.flags.progress.gp).toBe('loaded');
    expect(record.allergies.progress.gp).toBe('loaded');
    expect(record.medications.progress.gp).toBe('loading');
    expect(states(record)).toMatchObject({ patient: 'loaded', advanceDecisions: 'loaded', flags: 'loading', allergies: 'loading' });
  });

  it('reports a failed query for its section only, and the rest of the record still shows', () => {
    const results = [
      loaded(GP, 'Patient', [patient('p1')]),
      ...emptyAnswers(GP, ['MedicationRequest']),
      loaded(GP, 'MedicationRequest', [amlodipine('p1', 'gp1'), amlodipineMedication('gp1', 5)]),
      loaded(ACUTE, 'Patient', [patient('a1')]),
      ...emptyAnswers(ACUTE, ['MedicationRequest']),
      failed(ACUTE, 'MedicationRequest', 'timed-out'),
    ];
    const record = assembleRecord([GP, ACUTE], results, NOW);
    expect(record.medications.progress.acute).toMatchObject({ kind: 'timed-out', source: ACUTE });
    expect(record.medications.items).toHaveLength(1);
    expect(states(record)).toEqual({
      patient: 'loaded',
      advanceDecisions: 'empty',
      flags: 'empty',
      allergies: 'empty',
      medications: 'partial',
      problems: 'empty',
    });
  });

  it('applies a Patient-level problem (identity mismatch) to every section and never uses that source', () => {
    const results = [
      loaded(GP, 'Patient', [patient('p1')]),
      ...emptyAnswers(GP),
      failed(SOCIAL, 'Patient', 'identity-mismatch'),
      loaded(SOCIAL, 'AllergyIntolerance', [penicillin('s1')]),
    ];
    const record = assembleRecord([GP, SOCIAL], results, NOW);
    for (const name of SECTIONS) expect(record[name].progress['social-care']).toMatchObject({ kind: 'identity-mismatch' });
    expect(record.allergies.items).toEqual([]);
    // The left-out source says nothing about allergies; the source status line says why it was left out.
    expect(record.allergies.statuses).toEqual([{ kind: 'not-recorded', source: GP }]);
    expect(sectionState(record.allergies)).toBe('empty');
  });

  it('treats a source with no matching Patient as not holding the patient, not as a failure', () => {
    const results = [loaded(GP, 'Patient', [patient('p1')]), ...emptyAnswers(GP), loaded(COMMUNITY, 'Patient', [])];
    const record = assembleRecord([GP, COMMUNITY], results, NOW);
    expect(record.problems.progress.community).toMatchObject({ kind: 'not-held', at: NOW.toISOString() });
    expect(states(record)).toMatchObject({ problems: 'empty', allergies: 'empty' });
    expect(record.allergies.statuses).toEqual([{ kind: 'not-recorded', source: GP }]);
  });

  it('treats an unreadable Patient answer as a failure', () => {
    const record = assembleRecord([GP], [loaded(GP, 'Patient', [{ resourceType: 'Patient' }])], NOW);
    expect(record.patient.progress.gp).toMatchObject({ kind: 'failed' });
    expect(record.patient.notices).toEqual([
      { kind: 'skipped', source: GP, text: 'Riverside Medical Practice: 1 record could not be read and is not shown.' },
    ]);
    expect(sectionState(record.patient)).toBe('failed');
  });

  it('lets a later answer replace an earlier one (a retry)', () => {
    const results = [
      loaded(GP, 'Patient', [patient('p1')]),
      failed(GP, 'AllergyIntolerance'),
      loaded(GP, 'AllergyIntolerance', [penicillin('p1')]),
    ];
    const record = assembleRecord([GP], results, NOW);
    expect(record.allergies.progress.gp).toBe('loaded');
    expect(record.allergies.items).toHaveLength(1);
  });

  it('ignores results from sources it was not given', () => {
    const record = assembleRecord([GP], [loaded(ACUTE, 'Patient', [patient('a1')])], NOW);
    expect(record.patient.items).toEqual([]);
    expect(Object.keys(record.patient.progress)).toEqual(['gp']);
  });
});

describe('assembleRecord content', () => {
  it('builds each section with provenance, and the allergy states per source', () => {
    const results = [
      loaded(GP, 'Patient', [patient('p1')]),
      ...emptyAnswers(GP, ['AllergyIntolerance', 'Consent']),
      loaded(GP, 'AllergyIntolerance', [nkda('p1')]),
      loaded(GP, 'Consent', [respect('p1')]),
      loaded(ACUTE, 'Patient', [patient('a1')]),
      ...emptyAnswers(ACUTE),
      loaded(COMMUNITY, 'Patient', [patient('c1')]),
      failed(COMMUNITY, 'AllergyIntolerance', 'timed-out'),
    ];
    const record = assembleRecord([GP, ACUTE, COMMUNITY], results, NOW);
    expect(record.patient.items.map((p) => p.provenance.resource)).toEqual(['Patient/p1', 'Patient/a1', 'Patient/c1']);
    expect(record.advanceDecisions.items).toMatchObject([
      { recommendation: 'Not for CPR', provenance: { source: GP, resource: 'Consent/respect' } },
    ]);
    expect(record.allergies.statuses.map((s) => [s.kind, s.source.name])).toEqual([
      ['no-known-drug-allergies', 'gp'],
      ['not-recorded', 'acute'],
      ['could-not-load', 'community'],
    ]);
  });

  it('groups amlodipine 5 mg (gp) and 10 mg (acute) with a conflict naming both', () => {
    const results = [
      loaded(GP, 'Patient', [patient('p1')]),
      loaded(GP, 'MedicationRequest', [amlodipine('p1', 'gp1'), amlodipineMedication('gp1', 5)]),
      loaded(ACUTE, 'Patient', [patient('a1')]),
      loaded(ACUTE, 'MedicationRequest', [amlodipine('a1', 'ac1'), amlodipineMedication('ac1', 10)]),
    ];
    const record = assembleRecord([GP, ACUTE], results, NOW);
    expect(record.medications.items).toHaveLength(1);
    const [conflict] = record.medications.items[0]?.conflicts ?? [];
    expect(conflict).toContain('5 mg');
    expect(conflict).toContain('10 mg');
    expect(conflict).toContain('Riverside Medical Practice');
    expect(conflict).toContain('Weald General Hospital');
  });

  it('turns truncation and warnings into notices', () => {
    const many = Array.from({ length: 3 }, (_, i) => penicillin('p1', `a${i}`));
    const results = [
      loaded(GP, 'Patient', [patient('p1')]),
      loaded(GP, 'AllergyIntolerance', many, { truncated: true, total: 2310, warnings: ['Some allergies are held on paper'] }),
      loaded(GP, 'Condition', [], { truncated: true }),
    ];
    const record = assembleRecord([GP], results, NOW);
    expect(record.allergies.notices).toEqual([
      { kind: 'warning', source: GP, text: 'Riverside Medical Practice: Some allergies are held on paper' },
      { kind: 'truncated', source: GP, text: 'Riverside Medical Practice: showing 3 of 2,310 allergy records; the rest were not loaded.' },
    ]);
    // Conditions feed both problems and advance decisions: both say so.
    expect(record.problems.notices.map((n) => n.kind)).toEqual(['truncated']);
    expect(record.advanceDecisions.notices.map((n) => n.kind)).toEqual(['truncated']);
    expect(record.problems.notices[0]?.text).toBe(
      'Riverside Medical Practice: showing the first 0 problems and diagnoses; more were not loaded.',
    );
  });

  it('skips malformed resources, counts them, and shows the rest', () => {
    const results = [
      loaded(GP, 'Patient', [patient('p1')]),
      loaded(GP, 'AllergyIntolerance', [
        penicillin('p1'),
        { resourceType: 'AllergyIntolerance', id: 'no-patient', code: { text: 'Latex' } },
        { resourceType: 'AllergyIntolerance', id: 'bad-code', patient: subject('p1'), code: 'Latex' },
        null,
        'not a resource',
      ]),
    ];
    const record = assembleRecord([GP], results, NOW);
    expect(record.allergies.items.map((g) => g.substance)).toEqual(['Penicillin']);
    expect(record.allergies.notices).toEqual([
      { kind: 'skipped', source: GP, text: 'Riverside Medical Practice: 4 records could not be read and are not shown.' },
    ]);
    expect(sectionState(record.allergies)).toBe('loaded');
  });

  it('drops resources about anyone but the matched patient, and says so', () => {
    const results = [
      loaded(GP, 'Patient', [patient('p1')]),
      loaded(GP, 'AllergyIntolerance', [
        penicillin('p1'),
        penicillin('someone-else', 'other'),
        { ...penicillin('p1', 'group'), patient: { reference: 'Group/g1' } },
        { ...penicillin('p1', 'absolute'), patient: { reference: 'http://127.0.0.1:8080/fhir/gp/Patient/p1' } },
      ]),
      loaded(GP, 'Consent', [{ ...respect('p1'), patient: undefined }]),
    ];
    const record = assembleRecord([GP], results, NOW);
    expect(record.allergies.items[0]?.entries.map((e) => e.provenance.resource)).toEqual([
      'AllergyIntolerance/pen',
      'AllergyIntolerance/absolute',
    ]);
    expect(record.allergies.notices).toEqual([
      { kind: 'skipped', source: GP, text: 'Riverside Medical Practice: 2 records not linked to this patient were left out.' },
    ]);
    expect(record.advanceDecisions.items).toEqual([]);
    expect(record.advanceDecisions.notices.map((n) => n.text)).toEqual([
      'Riverside Medical Practice: 1 record not linked to this patient was left out.',
    ]);
  });

  it('never joins one source’s resources to another source’s patient', () => {
    const results = [
      loaded(GP, 'Patient', [patient('p1')]),
      loaded(ACUTE, 'Patient', [patient('a1')]),
      // acute sends a resource pointing at the gp's patient id: not acute's patient.
      loaded(ACUTE, 'AllergyIntolerance', [penicillin('p1')]),
    ];
    const record = assembleRecord([GP, ACUTE], results, NOW);
    expect(record.allergies.items).toEqual([]);
    expect(record.allergies.notices).toHaveLength(1);
  });

  it('never throws on garbage and keeps the good parts', () => {
    const garbage = [
      null,
      { source: GP },
      { source: GP, resourceType: 'Flag', outcome: null },
      { source: GP, resourceType: 'Flag', outcome: { kind: 'problem' } },
      { source: GP, resourceType: 'Condition', outcome: { kind: 'loaded', resources: 'nope', truncated: false, warnings: null } },
    ] as unknown as QueryResult[];
    const results = [loaded(GP, 'Patient', [patient('p1')]), ...garbage];
    const record = assembleRecord([GP], results, NOW);
    expect(record.patient.items).toHaveLength(1);
    expect(record.flags.progress.gp).toBe('loading');
    expect(record.problems.progress.gp).toBe('loaded');
  });

  it('is pure: the same results give the same record and inputs are left unchanged', () => {
    const results = [loaded(GP, 'Patient', [patient('p1')]), loaded(GP, 'AllergyIntolerance', [penicillin('p1')])];
    const before = structuredClone(results);
    expect(assembleRecord([GP], results, NOW)).toEqual(assembleRecord([GP], results, NOW));
    expect(results).toEqual(before);
  });
});

describe('exports for the fetching layer', () => {
  it('the sections start with the patient', () => {
    expect(sectionNames(REGISTRY)[0]).toBe('patient');
  });
});

describe('assembleWith: some builders not loaded yet', () => {
  it('builds the alerts from their own builders and keeps every other section loading, never empty', () => {
    const results = [
      loaded(GP, 'Patient', [patient('p1')]),
      loaded(GP, 'AllergyIntolerance', [penicillin('p1')]),
      loaded(GP, 'MedicationRequest', [amlodipine('p1', 'a'), amlodipineMedication('a', 5)]),
    ];
    const partial = assembleWith(firstScreenBuilders(), [GP], results, NOW);
    const whole = assembleRecord([GP], results, NOW);

    expect(partial.allergies).toEqual(whole.allergies);
    expect(partial.patient).toEqual(whole.patient);
    expect(whole.medications.items).toHaveLength(1);
    expect(partial.medications).toEqual({ items: [], recentlyStopped: [], progress: { [GP.name]: 'loading' }, notices: [] });
    expect(sectionState(partial.medications)).toBe('loading');
    expect(sectionState(partial.timeline)).toBe('loading');
    expect(Object.keys(partial).sort()).toEqual(Object.keys(whole).sort());
  });
});
