import { describe, expect, it } from 'vitest';
import type { Medication, MedicationRequest } from '@medplum/fhirtypes';
import { buildMedications } from './medications';
import { stopDateNotRecorded } from './medication-display';
import { ACUTE, context, GP, input, raw, SUBJECT } from './fixtures';

const DMD = 'https://dmd.nhs.uk';
const UCUM = 'http://unitsofmeasure.org';
const TABLET = { value: 1, system: 'http://snomed.info/sct', code: '732936001', unit: 'tablet' };
const ONCE_DAILY = { repeat: { frequency: 1, period: 1, periodUnit: 'd' as const } };
const COURSE = 'http://terminology.hl7.org/CodeSystem/medicationrequest-course-of-therapy';

function tabletMedication(id: string, name: string, mg: number, display = `${name} ${mg}mg tablets`): Medication {
  return {
    resourceType: 'Medication',
    id,
    code: { coding: [{ system: DMD, code: `${name}-${mg}`, display }] },
    form: { coding: [{ display: 'tablet' }] },
    ingredient: [
      { itemCodeableConcept: { text: name }, strength: { numerator: { value: mg, system: UCUM, code: 'mg' }, denominator: TABLET } },
    ],
  };
}

function request(overrides: Partial<MedicationRequest> = {}): MedicationRequest {
  return {
    resourceType: 'MedicationRequest',
    id: 'plan1',
    meta: { lastUpdated: '2026-01-10T09:00:00Z' },
    status: 'active',
    intent: 'plan',
    courseOfTherapyType: { coding: [{ system: COURSE, code: 'continuous' }] },
    subject: SUBJECT,
    medicationReference: { reference: '#med' },
    contained: [tabletMedication('med', 'Amlodipine', 5)],
    authoredOn: '2025-01-10',
    requester: { display: 'Dr Sarah Ahmed' },
    dosageInstruction: [
      {
        text: 'One tablet once a day',
        timing: ONCE_DAILY,
        route: { coding: [{ display: 'Oral' }] },
        doseAndRate: [{ doseQuantity: { value: 1, unit: 'tablet', system: 'http://snomed.info/sct', code: '428673006' } }],
      },
    ],
    ...overrides,
  };
}

function issue(id: string, authoredOn: string, overrides: Partial<MedicationRequest> = {}): MedicationRequest {
  return request({ id, intent: 'order', authoredOn, basedOn: [{ reference: 'MedicationRequest/plan1' }], ...overrides });
}

describe('medication lines', () => {
  it('builds the NHS medication line: generic, strength, form, dose, route, frequency', () => {
    const { items } = buildMedications([input(GP, [request()])], context());
    expect(items).toHaveLength(1);
    expect(items[0]?.lines[0]).toEqual({
      genericName: 'Amlodipine',
      brand: undefined,
      strength: '5 mg',
      form: 'tablet',
      dose: '1 tablet',
      route: 'Oral',
      frequency: 'once daily',
      instructions: 'One tablet once a day',
      directions: '1 tablet, oral, once daily',
      status: 'active',
      current: true,
      kind: 'repeat',
      started: '2025-01-10',
      lastIssued: undefined,
      stopped: undefined,
      prescriber: 'Dr Sarah Ahmed',
      code: { system: DMD, code: 'Amlodipine-5' },
      provenance: {
        source: GP,
        resource: 'MedicationRequest/plan1',
        recorded: '2025-01-10',
        lastUpdated: '2026-01-10T09:00:00Z',
        author: 'Dr Sarah Ahmed',
      },
    });
  });

  it('writes doses without trailing zeros or a bare point', () => {
    const liquid = request({
      dosageInstruction: [{ doseAndRate: [{ doseQuantity: { value: 0.5, system: UCUM, code: 'mL' } }], timing: ONCE_DAILY }],
    });
    expect(buildMedications([input(GP, [liquid])], context()).items[0]?.lines[0]?.dose).toBe('0.5 mL');
    const micro = request({
      dosageInstruction: [{ doseAndRate: [{ doseQuantity: { value: 62.5, system: UCUM, code: 'ug' } }], timing: ONCE_DAILY }],
    });
    expect(buildMedications([input(GP, [micro])], context()).items[0]?.lines[0]?.dose).toBe('62.5 micrograms');
  });

  it('keeps the written instructions when the structured dose is missing, "as directed" included', () => {
    const textOnly = request({ dosageInstruction: [{ text: 'As directed by the diabetes team' }] });
    const [line] = buildMedications([input(GP, [textOnly])], context()).items[0]?.lines ?? [];
    expect(line).toMatchObject({
      dose: undefined,
      frequency: undefined,
      instructions: 'As directed by the diabetes team',
      directions: 'As directed by the diabetes team',
    });
  });

  it('shows the text and the route when the source sends the dose only as text (never the route alone)', () => {
    const textAndRoute = request({ dosageInstruction: [{ text: 'One tablet at night', route: { coding: [{ display: 'Oral route' }] } }] });
    expect(buildMedications([input(GP, [textAndRoute])], context()).items[0]?.lines[0]?.directions).toBe('One tablet at night, oral');
  });

  it('says "dose not recorded" when there is neither a dose nor any words, keeping the route', () => {
    const bare = request({ dosageInstruction: [{ route: { coding: [{ display: 'Subcutaneous route' }] } }] });
    const none = request({ id: 'none', dosageInstruction: undefined, contained: [tabletMedication('med', 'Ramipril', 5)] });
    const { items } = buildMedications([input(GP, [bare, none])], context());
    expect(items.map((g) => g.lines[0]?.directions)).toEqual(['dose not recorded, subcutaneous', 'dose not recorded']);
  });

  it('keeps every instruction of a multi-step dosage as written', () => {
    const steps = request({ dosageInstruction: [{ text: '40 mg daily for 5 days' }, { text: '20 mg daily for 5 days' }] });
    const [line] = buildMedications([input(GP, [steps])], context()).items[0]?.lines ?? [];
    expect(line).toMatchObject({
      dose: undefined,
      instructions: '40 mg daily for 5 days; then 20 mg daily for 5 days',
      directions: '40 mg daily for 5 days; then 20 mg daily for 5 days',
    });
  });

  it('shows the as-required frequency', () => {
    const prn = request({
      dosageInstruction: [{ asNeededBoolean: true, timing: { repeat: { frequency: 1, period: 4, periodUnit: 'h' } } }],
    });
    expect(buildMedications([input(GP, [prn])], context()).items[0]?.lines[0]?.frequency).toBe('every 4 hours as required');
  });

  it('reads an included Medication and a simple coded concept', () => {
    const included = request({ id: 'r1', medicationReference: { reference: 'Medication/m1' }, contained: undefined });
    const concept = request({
      id: 'r2',
      medicationReference: undefined,
      contained: undefined,
      medicationCodeableConcept: { text: 'Clozapine 100mg tablets' },
    });
    const { items } = buildMedications([input(GP, [included, tabletMedication('m1', 'Bisoprolol', 2.5), concept])], context());
    expect(items.map((g) => [g.genericName, g.lines[0]?.strength])).toEqual([
      ['Bisoprolol', '2.5 mg'],
      ['Clozapine 100mg tablets', undefined],
    ]);
  });

  it('classifies repeat, acute, inpatient and other', () => {
    const acute = request({
      id: 'a',
      courseOfTherapyType: { coding: [{ code: 'acute' }] },
      contained: [tabletMedication('med', 'Amoxicillin', 500)],
    });
    const inpatient = request({
      id: 'i',
      category: [{ coding: [{ code: 'inpatient' }] }],
      courseOfTherapyType: { coding: [{ code: 'acute' }] },
      contained: [tabletMedication('med', 'Paracetamol', 500)],
    });
    const other = request({ id: 'o', courseOfTherapyType: undefined, contained: [tabletMedication('med', 'Sertraline', 50)] });
    const { items } = buildMedications([input(GP, [request(), acute, inpatient, other])], context());
    expect(items.map((g) => [g.genericName, g.lines[0]?.kind])).toEqual([
      ['Amlodipine', 'repeat'],
      ['Amoxicillin', 'acute'],
      ['Paracetamol', 'inpatient'],
      ['Sertraline', 'other'],
    ]);
  });
});

describe('repeat plans and issues', () => {
  it('folds issues into the plan as the last issue date and does not list them', () => {
    const resources = [request(), issue('i1', '2026-05-01'), issue('i2', '2026-06-28'), issue('i3', '2026-03-01')];
    const { items } = buildMedications([input(GP, resources)], context());
    expect(items).toHaveLength(1);
    expect(items[0]?.lines).toHaveLength(1);
    expect(items[0]?.lines[0]).toMatchObject({ lastIssued: '2026-06-28', provenance: { resource: 'MedicationRequest/plan1' } });
  });

  it('ignores entered-in-error issues for the last issue date', () => {
    const resources = [request(), issue('i1', '2026-05-01'), issue('i2', '2026-06-28', { status: 'entered-in-error' })];
    expect(buildMedications([input(GP, resources)], context()).items[0]?.lines[0]?.lastIssued).toBe('2026-05-01');
  });

  it('lists an order whose plan is not in the results as its own line', () => {
    const orphan = issue('i1', '2026-05-01', { basedOn: [{ reference: 'MedicationRequest/elsewhere' }] });
    const { items } = buildMedications([input(GP, [orphan])], context());
    expect(items[0]?.lines[0]?.provenance.resource).toBe('MedicationRequest/i1');
  });
});

describe('status', () => {
  it('never shows entered-in-error, cancelled, draft or proposals', () => {
    const resources = ['entered-in-error', 'cancelled', 'draft'].map((status, i) => request({ id: `x${i}`, status: status as never }));
    const proposal = request({ id: 'p', intent: 'proposal' });
    const { items, recentlyStopped } = buildMedications([input(GP, [...resources, proposal])], context());
    expect(items).toEqual([]);
    expect(recentlyStopped).toEqual([]);
  });

  it('keeps recently stopped (6 months) apart and drops older ones', () => {
    const recent = request({ id: 'recent', status: 'stopped', dispenseRequest: { validityPeriod: { end: '2026-03-01' } } });
    const old = request({
      id: 'old',
      status: 'completed',
      contained: [tabletMedication('med', 'Ramipril', 5)],
      dispenseRequest: { validityPeriod: { end: '2025-12-01' } },
    });
    const { items, recentlyStopped } = buildMedications([input(GP, [recent, old])], context());
    expect(items).toEqual([]);
    expect(recentlyStopped.map((g) => g.lines.map((l) => [l.provenance.resource, l.stopped]))).toEqual([
      [['MedicationRequest/recent', '2026-03-01']],
    ]);
  });

  it('dates a stop by the status change extension, never by the last update', () => {
    const byExtension = request({
      id: 'ext',
      status: 'stopped',
      extension: [
        {
          url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicationStatusReason',
          extension: [{ url: 'statusChangeDate', valueDateTime: '2026-04-02' }],
        },
      ],
    });
    // Stored yesterday, issued last month, stopped on a day the record does not hold.
    const byUpdate = request({
      id: 'upd',
      status: 'stopped',
      contained: [tabletMedication('med', 'Ramipril', 5)],
      meta: { lastUpdated: '2026-07-14T10:00:00Z' },
      authoredOn: '2026-06-01',
    });
    const { recentlyStopped } = buildMedications([input(GP, [byExtension, byUpdate])], context());
    expect(recentlyStopped.flatMap((g) => g.lines.map((l) => [l.genericName, l.stopped, stopDateNotRecorded(l)]))).toEqual([
      ['Amlodipine', '2026-04-02', false],
      ['Ramipril', undefined, true],
    ]);
  });

  it('shows on-hold and unknown status as current so nothing possibly taken is hidden', () => {
    const held = request({ id: 'held', status: 'on-hold' });
    const unknown = request({ id: 'unk', status: 'unknown', contained: [tabletMedication('med', 'Ramipril', 5)] });
    const { items } = buildMedications([input(GP, [held, unknown])], context());
    expect(items.map((g) => g.lines[0]?.status)).toEqual(['on-hold', 'unknown']);
  });
});

describe('grouping across sources', () => {
  const gpAmlodipine = request();
  const acuteAmlodipine = request({
    id: 'chart1',
    category: [{ coding: [{ code: 'inpatient' }] }],
    courseOfTherapyType: { coding: [{ code: 'acute' }] },
    contained: [tabletMedication('med', 'Amlodipine', 10)],
    requester: { display: 'Dr Kwame Osei' },
  });

  it('puts amlodipine 5 mg (gp) and 10 mg (acute) in one group with a conflict naming both sources', () => {
    const { items } = buildMedications([input(GP, [gpAmlodipine]), input(ACUTE, [acuteAmlodipine])], context());
    expect(items).toHaveLength(1);
    expect(items[0]?.genericName).toBe('Amlodipine');
    // The inpatient chart's line first: what she is given on the ward now; the GP's difference said in words.
    expect(items[0]?.lines.map((l) => l.provenance.source.name)).toEqual(['acute', 'gp']);
    expect(items[0]?.conflicts).toEqual([
      'Dose differs: 10 mg once daily (Weald General Hospital, inpatient); 5 mg once daily (Riverside Medical Practice)',
    ]);
  });

  it('finds the dose conflict when one source only has a coded name and a measured dose', () => {
    const simple = request({
      id: 'simple',
      medicationReference: undefined,
      contained: undefined,
      medicationCodeableConcept: { text: 'Amlodipine 10mg tablets' },
      dosageInstruction: [{ doseAndRate: [{ doseQuantity: { value: 10, system: UCUM, code: 'mg' } }], timing: ONCE_DAILY }],
    });
    const { items } = buildMedications([input(GP, [gpAmlodipine]), input(ACUTE, [simple])], context());
    expect(items).toHaveLength(1);
    expect(items[0]?.conflicts).toEqual([
      'Dose differs: 5 mg once daily (Riverside Medical Practice); 10 mg once daily (Weald General Hospital)',
    ]);
  });

  it('does not report a conflict when the sources agree', () => {
    const same = request({ id: 'same', contained: [tabletMedication('med', 'Amlodipine', 5)] });
    const { items } = buildMedications([input(GP, [gpAmlodipine]), input(ACUTE, [same])], context());
    expect(items[0]?.lines).toHaveLength(2);
    expect(items[0]?.conflicts).toEqual([]);
  });

  it('does not call "in the morning" a different frequency from "once daily" (the sandbox inpatient chart)', () => {
    const chart = request({
      id: 'chart',
      contained: [tabletMedication('med', 'Amlodipine', 10)],
      dosageInstruction: [
        {
          text: '10mg once daily',
          timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd', when: ['MORN'] } },
          doseAndRate: [{ doseQuantity: { value: 10, unit: 'mg' } }],
        },
      ],
    });
    const { items } = buildMedications([input(GP, [gpAmlodipine]), input(ACUTE, [chart])], context());
    expect(items[0]?.lines[1]?.frequency).toBe('in the morning');
    // Strength and dose never run together ("10 mg, 10 mg, in the morning").
    expect(items[0]?.conflicts).toEqual([
      'Dose differs: 5 mg once daily (Riverside Medical Practice); 10 mg in the morning (Weald General Hospital)',
    ]);
    const timesOnly = request({
      id: 'times',
      dosageInstruction: [
        { timing: { repeat: { when: ['MORN', 'NIGHT'] } }, doseAndRate: [{ doseQuantity: { value: 1, unit: 'tablet' } }] },
      ],
    });
    const twice = request({
      id: 'twice',
      dosageInstruction: [
        { timing: { code: { coding: [{ code: 'BID' }] } }, doseAndRate: [{ doseQuantity: { value: 1, unit: 'tablet' } }] },
      ],
    });
    expect(buildMedications([input(GP, [timesOnly]), input(ACUTE, [twice])], context()).items[0]?.conflicts).toEqual([]);
  });

  it('marks a frequency conflict', () => {
    const twice = request({
      id: 'twice',
      dosageInstruction: [{ ...request().dosageInstruction?.[0], timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' } } }],
    });
    const { items } = buildMedications([input(GP, [gpAmlodipine]), input(ACUTE, [twice])], context());
    expect(items[0]?.conflicts).toEqual([
      'Frequency differs: 5 mg once daily (Riverside Medical Practice); 5 mg twice daily (Weald General Hospital)',
    ]);
  });

  it('marks a medicine active in one source and stopped in another, keeping it with current medicines', () => {
    const stopped = request({ id: 'stopped', status: 'stopped', dispenseRequest: { validityPeriod: { end: '2026-07-01' } } });
    const { items, recentlyStopped } = buildMedications([input(ACUTE, [stopped]), input(GP, [gpAmlodipine])], context());
    expect(recentlyStopped).toEqual([]);
    expect(items[0]?.lines.map((l) => l.status)).toEqual(['active', 'stopped']);
    expect(items[0]?.conflicts).toEqual([
      'Status differs: active (Riverside Medical Practice); stopped 01-Jul-2026 (Weald General Hospital)',
    ]);
  });

  it('marks a medicine on hold in one source and active in another', () => {
    const held = request({ id: 'held', status: 'on-hold' });
    const { items } = buildMedications([input(GP, [gpAmlodipine]), input(ACUTE, [held])], context());
    expect(items[0]?.conflicts).toEqual(['Status differs: active (Riverside Medical Practice); on-hold (Weald General Hospital)']);
  });

  it('keeps different medicines apart (insulin glargine and insulin aspart)', () => {
    const glargine = request({
      id: 'g',
      contained: [{ resourceType: 'Medication', id: 'med', code: { text: 'Insulin glargine 100units/ml solution for injection' } }],
    });
    const aspart = request({
      id: 'a',
      contained: [{ resourceType: 'Medication', id: 'med', code: { text: 'Insulin aspart 100units/ml solution for injection' } }],
    });
    const { items } = buildMedications([input(GP, [glargine, aspart])], context());
    expect(items).toHaveLength(2);
  });

  it('shows a medicine known only to one source (clozapine from mental health)', () => {
    const clozapine = request({ id: 'c', contained: [tabletMedication('med', 'Clozapine', 100)] });
    const { items } = buildMedications([input(GP, [gpAmlodipine]), input(ACUTE, [clozapine])], context());
    expect(items.map((g) => [g.genericName, g.lines.length, g.conflicts.length])).toEqual([
      ['Amlodipine', 1, 0],
      ['Clozapine', 1, 0],
    ]);
  });

  it('skips and reports a request that cannot be read, keeping the rest', () => {
    const skipped: string[] = [];
    const broken = raw({ ...request({ id: 'broken' }), dosageInstruction: 'one daily' });
    const { items } = buildMedications([input(GP, [broken, request()])], context(skipped));
    expect(items).toHaveLength(1);
    expect(skipped).toEqual(['gp:MedicationRequest/broken']);
  });
});

describe('no substitute dates', () => {
  it('sorts recently stopped newest first, a stop whose date is not recorded last, never as if stopped today', () => {
    const april = request({ id: 'apr', status: 'stopped', dispenseRequest: { validityPeriod: { end: '2026-04-02' } } });
    const june = request({
      id: 'jun',
      status: 'completed',
      contained: [tabletMedication('med', 'Bisoprolol', 2.5)],
      dispenseRequest: { validityPeriod: { end: '2026-06-20' } },
    });
    const undated = request({
      id: 'undated',
      status: 'completed',
      contained: [tabletMedication('med', 'Aspirin', 75)],
      authoredOn: '2026-05-01',
      meta: { lastUpdated: '2026-07-15T11:00:00Z' },
    });
    const { recentlyStopped } = buildMedications([input(GP, [april, undated, june])], context());
    expect(recentlyStopped.map((g) => [g.genericName, g.lines[0]?.stopped])).toEqual([
      ['Bisoprolol', '2026-06-20'],
      ['Amlodipine', '2026-04-02'],
      ['Aspirin', undefined],
    ]);
  });

  it('keeps a course completed on a day still to come with current medicines, ending then', () => {
    const course = request({
      id: 'course',
      status: 'completed',
      dispenseRequest: { validityPeriod: { start: '2026-07-10', end: '2026-07-24' } },
    });
    const { items } = buildMedications([input(GP, [course])], context());
    expect(items[0]?.lines[0]).toMatchObject({ current: true, status: 'completed', stopped: '2026-07-24' });
  });

  it('counts an undated stop with nothing in the last six months as older, not as recently stopped', () => {
    const old = request({ id: 'old', status: 'stopped', authoredOn: '2019-03-01', meta: { lastUpdated: '2026-07-15T11:00:00Z' } });
    const { items, recentlyStopped, notShown } = buildMedications([input(GP, [old])], context());
    expect([items, recentlyStopped]).toEqual([[], []]);
    expect(notShown).toEqual([
      { source: GP, kind: 'older', count: 1, text: '1 entry stopped or last given more than 6 months ago (Riverside Medical Practice)' },
    ]);
  });
});

describe('what is not listed is said, never "None recorded"', () => {
  it('counts older, never issued and unreadable kinds per source', () => {
    const old = request({ id: 'old', status: 'stopped', dispenseRequest: { validityPeriod: { end: '2020-01-01' } } });
    const draft = request({ id: 'draft', status: 'draft' });
    const proposal = request({ id: 'prop', intent: 'proposal' });
    const unknownKinds = [
      raw({ resourceType: 'MedicationKnowledge', id: 'k1' }),
      raw({ resourceType: 'MedicationUsage', id: 'u1', status: 'recorded' }),
    ];
    const { items, notShown } = buildMedications([input(GP, [old, draft]), input(ACUTE, [proposal, ...unknownKinds])], context());
    expect(items).toEqual([]);
    expect(notShown.map((n) => n.text)).toEqual([
      '1 entry stopped or last given more than 6 months ago (Riverside Medical Practice)',
      '1 entry never issued or given: draft, cancelled, proposed or not done (Riverside Medical Practice)',
      '1 entry never issued or given: draft, cancelled, proposed or not done (Weald General Hospital NHS Trust)',
      '2 entries of a kind this viewer cannot show (Weald General Hospital NHS Trust)',
    ]);
  });

  it('does not count the Medication a record names, or the people and places it refers to', () => {
    const included = request({ id: 'r1', medicationReference: { reference: 'Medication/m1' }, contained: undefined });
    const { notShown } = buildMedications(
      [input(GP, [included, tabletMedication('m1', 'Bisoprolol', 2.5), raw({ resourceType: 'Practitioner', id: 'dr' })])],
      context(),
    );
    expect(notShown).toEqual([]);
  });

  it('says when the source records no known medications (IPS, SNOMED CT) instead of listing it as a medicine', () => {
    const ips = raw({
      resourceType: 'MedicationStatement',
      id: 'none',
      status: 'active',
      subject: SUBJECT,
      medicationCodeableConcept: {
        coding: [{ system: 'http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips', code: 'no-known-medications' }],
      },
    });
    const { items, notShown } = buildMedications([input(GP, [ips])], context());
    expect(items).toEqual([]);
    expect(notShown).toEqual([{ source: GP, kind: 'none-known', count: 0, text: 'No known medications (Riverside Medical Practice)' }]);
  });
});
