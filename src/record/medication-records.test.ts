// Medicines from every R4 medication resource: MedicationStatement (with the
// GP Connect / UK Core plan and issues), MedicationDispense and
// MedicationAdministration, folded into one line where they are one medicine.
import { describe, expect, it } from 'vitest';
import type { Medication, MedicationAdministration, MedicationDispense, MedicationRequest, MedicationStatement } from '@medplum/fhirtypes';
import { buildMedications } from './medications';
import { stopDateNotRecorded } from './medication-display';
import { ACUTE, context, GP, input, SUBJECT } from './fixtures';

const ORAL = { coding: [{ system: 'http://snomed.info/sct', code: '26643006', display: 'Oral route' }] };
const ONCE_DAILY = { repeat: { frequency: 1, period: 1, periodUnit: 'd' as const } };
const LAST_ISSUE = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicationStatementLastIssueDate';
const AGENCY = 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-PrescribingAgency-1';

const medication = (id: string, name: string): Medication => ({
  resourceType: 'Medication',
  id,
  code: { coding: [{ system: 'http://snomed.info/sct', code: `${id}-code`, display: name }] },
});

function statement(overrides: Partial<MedicationStatement> = {}): MedicationStatement {
  return {
    resourceType: 'MedicationStatement',
    id: 'ms1',
    status: 'active',
    subject: SUBJECT,
    medicationReference: { reference: 'Medication/ramipril' },
    effectivePeriod: { start: '2025-02-01' },
    dateAsserted: '2025-02-01',
    basedOn: [{ reference: 'MedicationRequest/plan1' }],
    dosage: [
      { text: 'One capsule daily', route: ORAL, timing: ONCE_DAILY, doseAndRate: [{ doseQuantity: { value: 1, unit: 'capsule' } }] },
    ],
    ...overrides,
  };
}

function plan(overrides: Partial<MedicationRequest> = {}): MedicationRequest {
  return {
    resourceType: 'MedicationRequest',
    id: 'plan1',
    status: 'active',
    intent: 'plan',
    subject: SUBJECT,
    medicationReference: { reference: 'Medication/ramipril' },
    courseOfTherapyType: { coding: [{ code: 'continuous' }] },
    authoredOn: '2025-02-01',
    requester: { display: 'Dr Sarah AHMED' },
    dosageInstruction: [{ text: 'One capsule daily' }],
    ...overrides,
  };
}

const order = (id: string, authoredOn: string, overrides: Partial<MedicationRequest> = {}): MedicationRequest =>
  plan({ id, intent: 'order', status: 'completed', authoredOn, basedOn: [{ reference: 'MedicationRequest/plan1' }], ...overrides });

const ramipril = medication('ramipril', 'Ramipril 2.5mg capsules');

describe('MedicationStatement', () => {
  it('shows a statement on its own as a current medicine (UK Core: what the patient is taking)', () => {
    const alone = statement({ basedOn: undefined });
    const { items } = buildMedications([input(GP, [alone, ramipril])], context());
    expect(items).toHaveLength(1);
    expect(items[0]?.lines[0]).toMatchObject({
      genericName: 'Ramipril 2.5mg capsules',
      directions: '1 capsule, oral, once daily',
      status: 'active',
      current: true,
      kind: 'other',
      started: '2025-02-01',
      provenance: { resource: 'MedicationStatement/ms1', recorded: '2025-02-01' },
    });
  });

  it("folds the plan it is based on and the plan's issues into one line: last issue date, prescriber, repeat", () => {
    const resources = [
      statement(),
      plan(),
      order('o1', '2026-05-02'),
      order('o2', '2026-06-30'),
      order('o3', '2026-07-01', { status: 'entered-in-error' }),
      ramipril,
    ];
    const { items } = buildMedications([input(GP, resources)], context());
    expect(items).toHaveLength(1);
    expect(items[0]?.lines).toHaveLength(1);
    expect(items[0]?.lines[0]).toMatchObject({
      kind: 'repeat',
      lastIssued: '2026-06-30',
      prescriber: 'Dr Sarah AHMED',
      provenance: { resource: 'MedicationStatement/ms1' },
    });
  });

  it('reads the last issue date and prescribing agency extensions (UK Core and GP Connect URLs)', () => {
    const withExtensions = statement({
      basedOn: undefined,
      extension: [
        { url: LAST_ISSUE, valueDateTime: '2026-07-01' },
        {
          url: AGENCY,
          valueCodeableConcept: { coding: [{ code: 'prescribed-by-another-organisation', display: 'Prescribed by another organisation' }] },
        },
      ],
    });
    const atPractice = statement({
      id: 'ms2',
      basedOn: undefined,
      medicationReference: { reference: 'Medication/aml' },
      extension: [
        {
          url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicationPrescribingOrganizationType',
          valueCodeableConcept: { coding: [{ code: 'prescribed-at-gp-practice' }] },
        },
      ],
    });
    const { items } = buildMedications(
      [input(GP, [withExtensions, atPractice, ramipril, medication('aml', 'Amlodipine 5mg tablets')])],
      context(),
    );
    expect(items.map((g) => [g.genericName, g.lines[0]?.lastIssued, g.lines[0]?.prescribedBy])).toEqual([
      ['Amlodipine 5mg tablets', undefined, undefined],
      ['Ramipril 2.5mg capsules', '2026-07-01', 'Prescribed by another organisation'],
    ]);
  });

  it('takes the dose from the plan when the statement has none, and the medicine from a contained Medication', () => {
    const bare = statement({
      dosage: undefined,
      medicationReference: { reference: '#m' },
      contained: [medication('m', 'Lisinopril 10mg tablets')],
    });
    const withDose = plan({ dosageInstruction: [{ text: 'One tablet in the morning', route: ORAL }] });
    const [line] = buildMedications([input(GP, [bare, withDose])], context()).items[0]?.lines ?? [];
    expect(line).toMatchObject({ genericName: 'Lisinopril 10mg tablets', directions: 'One tablet in the morning, oral' });
  });

  it('shows a completed statement with no end date as stopped, date not recorded; with one, that date', () => {
    const undated = statement({
      status: 'completed',
      basedOn: undefined,
      effectivePeriod: { start: '2026-05-01' },
      meta: { lastUpdated: '2026-07-15T09:00:00Z' },
    });
    const dated = statement({
      id: 'ms2',
      status: 'stopped',
      basedOn: undefined,
      medicationReference: { reference: 'Medication/aml' },
      effectivePeriod: { start: '2024-01-01', end: '2026-06-01' },
    });
    const { items, recentlyStopped } = buildMedications(
      [input(GP, [undated, dated, ramipril, medication('aml', 'Amlodipine 5mg tablets')])],
      context(),
    );
    expect(items).toEqual([]);
    expect(recentlyStopped.map((g) => [g.genericName, g.lines[0]?.stopped, stopDateNotRecorded(g.lines[0]!)])).toEqual([
      ['Amlodipine 5mg tablets', '2026-06-01', false],
      ['Ramipril 2.5mg capsules', undefined, true],
    ]);
  });

  it('keeps intended and on-hold statements with current medicines, not-taken apart', () => {
    const intended = statement({ status: 'intended', basedOn: undefined });
    const notTaken = statement({
      id: 'nt',
      status: 'not-taken',
      basedOn: undefined,
      medicationReference: { reference: 'Medication/aml' },
      effectivePeriod: { start: '2026-06-01' },
    });
    const { items, recentlyStopped } = buildMedications(
      [input(GP, [intended, notTaken, ramipril, medication('aml', 'Amlodipine 5mg tablets')])],
      context(),
    );
    expect(items.map((g) => g.lines[0]?.status)).toEqual(['intended']);
    expect(recentlyStopped.map((g) => g.lines[0]?.status)).toEqual(['not-taken']);
  });
});

describe('MedicationDispense and MedicationAdministration', () => {
  const chart: MedicationRequest = {
    resourceType: 'MedicationRequest',
    id: 'chart1',
    status: 'active',
    intent: 'order',
    subject: SUBJECT,
    category: [{ coding: [{ code: 'inpatient' }] }],
    medicationCodeableConcept: { text: 'Morphine sulfate 10mg/1ml solution for injection' },
    authoredOn: '2026-07-13',
    dosageInstruction: [{ text: '2.5mg subcutaneously when required', route: { text: 'Subcutaneous' } }],
  };
  const given = (id: string, at: string, status: MedicationAdministration['status'] = 'completed'): MedicationAdministration => ({
    resourceType: 'MedicationAdministration',
    id,
    status,
    subject: SUBJECT,
    medicationCodeableConcept: chart.medicationCodeableConcept,
    request: { reference: 'MedicationRequest/chart1' },
    effectiveDateTime: at,
    dosage: { dose: { value: 2.5, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' }, route: { text: 'Subcutaneous' } },
  });

  it("shows the last dose given on the inpatient chart's line (a dose not given does not count)", () => {
    const resources = [
      chart,
      given('a1', '2026-07-14T22:00:00Z'),
      given('a2', '2026-07-15T06:10:00Z'),
      given('a3', '2026-07-15T10:00:00Z', 'not-done'),
    ];
    const { items } = buildMedications([input(ACUTE, resources)], context());
    expect(items).toHaveLength(1);
    expect(items[0]?.lines).toHaveLength(1);
    expect(items[0]?.lines[0]?.lastGiven).toEqual({ at: '2026-07-15T06:10:00Z', dose: '2.5 mg, subcutaneous' });
  });

  it('shows the last supply on the prescription it was dispensed against, through the plan to the statement', () => {
    const dispense: MedicationDispense = {
      resourceType: 'MedicationDispense',
      id: 'd1',
      status: 'completed',
      subject: SUBJECT,
      medicationReference: { reference: 'Medication/ramipril' },
      authorizingPrescription: [{ reference: 'MedicationRequest/o1' }],
      whenHandedOver: '2026-07-03T11:00:00Z',
    };
    const { items } = buildMedications([input(GP, [statement(), plan(), order('o1', '2026-07-01'), dispense, ramipril])], context());
    expect(items[0]?.lines).toHaveLength(1);
    expect(items[0]?.lines[0]).toMatchObject({
      lastIssued: '2026-07-01',
      lastDispensed: '2026-07-03T11:00:00Z',
      provenance: { resource: 'MedicationStatement/ms1' },
    });
  });

  it('lists a supply with no prescription in the record while it lasts, then as recently supplied', () => {
    const supply = (id: string, handedOver: string, days: number): MedicationDispense => ({
      resourceType: 'MedicationDispense',
      id,
      status: 'completed',
      subject: SUBJECT,
      medicationCodeableConcept: { text: id === 'now' ? 'Amoxicillin 500mg capsules' : 'Prednisolone 5mg tablets' },
      whenHandedOver: handedOver,
      daysSupply: { value: days, unit: 'day' },
      dosageInstruction: [{ text: 'One capsule three times a day' }],
    });
    const { items, recentlyStopped } = buildMedications(
      [input(ACUTE, [supply('now', '2026-07-10', 7), supply('before', '2026-05-01', 5)])],
      context(),
    );
    expect(items.map((g) => [g.genericName, g.lines[0]?.kind, g.lines[0]?.lastDispensed])).toEqual([
      ['Amoxicillin 500mg capsules', 'dispensed', '2026-07-10'],
    ]);
    expect(recentlyStopped.map((g) => [g.genericName, stopDateNotRecorded(g.lines[0]!)])).toEqual([['Prednisolone 5mg tablets', false]]);
  });

  it('lists a dose given with no prescription in the record (e.g. by the ambulance crew) for a day as current', () => {
    const dose: MedicationAdministration = { ...given('crew', '2026-07-15T09:30:00Z'), request: undefined };
    const { items } = buildMedications([input(ACUTE, [dose])], context());
    expect(items[0]?.lines[0]).toMatchObject({
      kind: 'administered',
      directions: '2.5 mg, subcutaneous',
      lastGiven: { at: '2026-07-15T09:30:00Z' },
      current: true,
    });
  });

  it('groups one medicine recorded several ways by several sources, with every line', () => {
    const gpStatement = statement({ basedOn: undefined });
    const acuteChart: MedicationRequest = { ...chart, id: 'c2', medicationCodeableConcept: { text: 'Ramipril 2.5mg capsules' } };
    const { items } = buildMedications([input(GP, [gpStatement, ramipril]), input(ACUTE, [acuteChart])], context());
    expect(items).toHaveLength(1);
    expect(items[0]?.lines.map((l) => l.provenance.resource)).toEqual(['MedicationRequest/c2', 'MedicationStatement/ms1']);
  });
});
