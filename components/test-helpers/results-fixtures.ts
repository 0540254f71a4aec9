// Results and immunisations for component tests, built by the real builders
// from FHIR resources modelled on docs/sandbox-patients.md: PATEL's quarterly HbA1c (21
// values over five years, the latest 86 mmol/mol and high), her A&E capillary
// glucose of 2.1 mmol/L, a chest X-ray report whose HTML is hostile, and
// OKAFOR's childhood immunisations. Fixed dates so expectations are exact.

import type { DiagnosticReport, Immunization, Observation, Resource } from '@medplum/fhirtypes';
import { buildImmunisations, type ImmunisationItem } from '../../src/record/immunisations';
import type { Section, SectionNotice, SourceProgress, SourceRef } from '../../src/record/model';
import { buildResults } from '../../src/record/results/results';
import type { ResultGroup, TestResults } from '../../src/record/results/types';
import { ACUTE, COMMUNITY, GP, PATEL_SOURCES, section } from './source-fixtures';

export const FIXTURE_NOW = new Date('2026-11-22T14:02:00Z');

const LOINC = 'http://loinc.org';
const SCT = 'http://snomed.info/sct';
const UCUM = 'http://unitsofmeasure.org';
const LAB = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }];
const VITALS = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }];
const SUBJECT = { reference: 'Patient/p1' };

/** PATEL's HbA1c, oldest first. */
export const PATEL_HBA1C = [62, 58, 55, 52, 48, 51, 57, 60, 64, 59, 56, 61, 66, 70, 67, 63, 68, 72, 77, 81, 86];

const q = (value: number, unit: string, code = unit) => ({ value, unit, system: UCUM, code });

/** The 15th of the month, `monthsAgo` months before November 2026. */
function quarterDate(monthsAgo: number): string {
  return new Date(Date.UTC(2026, 10 - monthsAgo, 15, 9, 10)).toISOString();
}

function hba1c(i: number, value: number): Observation {
  const date = quarterDate((PATEL_HBA1C.length - 1 - i) * 3);
  return {
    resourceType: 'Observation',
    id: `hba1c-${i + 1}`,
    status: 'final',
    category: LAB,
    code: {
      coding: [
        { system: LOINC, code: '59261-8' },
        { system: SCT, code: '999791000000106' },
      ],
      text: 'HbA1c (IFCC)',
    },
    subject: SUBJECT,
    effectiveDateTime: date,
    issued: date,
    performer: [{ display: 'Dr S MILLS' }],
    valueQuantity: q(value, 'mmol/mol'),
    interpretation: [{ coding: [{ code: 'H' }] }],
    referenceRange: [
      {
        low: q(20, 'mmol/mol'),
        high: q(41, 'mmol/mol'),
        text: '20-41 mmol/mol (non-diabetic). Target in type 1 diabetes: 48 mmol/mol or lower',
      },
    ],
  };
}

function glucose(id: string, date: string, value: number, interpretation: string): Observation {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: LAB,
    code: { coding: [{ system: LOINC, code: '14743-9' }], text: 'Capillary blood glucose' },
    subject: SUBJECT,
    effectiveDateTime: date,
    performer: [{ display: 'Dr K OSEI' }],
    valueQuantity: q(value, 'mmol/L'),
    interpretation: [{ coding: [{ code: interpretation }] }],
    referenceRange: [{ low: q(4, 'mmol/L'), high: q(7, 'mmol/L') }],
  };
}

const bloodPressure: Observation = {
  resourceType: 'Observation',
  id: 'bp',
  status: 'final',
  category: VITALS,
  code: { coding: [{ system: LOINC, code: '85354-9' }], text: 'Blood pressure' },
  subject: SUBJECT,
  effectiveDateTime: '2026-10-11T07:43:00Z',
  component: [
    { code: { coding: [{ system: LOINC, code: '8480-6' }], text: 'Systolic blood pressure' }, valueQuantity: q(134, 'mmHg', 'mm[Hg]') },
    { code: { coding: [{ system: LOINC, code: '8462-4' }], text: 'Diastolic blood pressure' }, valueQuantity: q(78, 'mmHg', 'mm[Hg]') },
  ],
};

/** Deliberately hostile report HTML: <cr-safe-narrative> must render it inert. */
export const HOSTILE_REPORT_HTML =
  '<p>Heart size normal. <strong>No consolidation.</strong></p><script>window.__pwned = true</script><img src=x onerror="window.__pwned = true"><a href="javascript:window.__pwned = true">More</a>';

const chestXray: DiagnosticReport = {
  resourceType: 'DiagnosticReport',
  id: 'cxr',
  status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'RAD' }] }],
  code: { coding: [{ system: SCT, code: '399208008', display: 'Plain chest X-ray' }] },
  subject: SUBJECT,
  effectiveDateTime: '2026-10-11T09:30:00Z',
  issued: '2026-10-11T12:00:00Z',
  resultsInterpreter: [{ display: 'Dr R PATEL' }],
  conclusion: 'No acute abnormality.',
  presentedForm: [{ contentType: 'text/html', data: btoa(HOSTILE_REPORT_HTML) }],
};

function inputs(resources: Partial<Record<string, Resource[]>>, sources: SourceRef[]) {
  return sources.map((source) => ({ source, progress: 'loaded' as const, resources: resources[source.name] ?? [] }));
}

/** PATEL's results at gp and acute (community holds none). */
export function patelResults(progress: Partial<Record<string, SourceProgress>> = {}, notices: SectionNotice[] = []): Section<ResultGroup> {
  const built = buildResults(
    inputs(
      {
        gp: PATEL_HBA1C.map((v, i) => hba1c(i, v)),
        acute: [
          glucose('glu-1', '2026-10-11T07:40:00Z', 2.1, 'LL'),
          glucose('glu-2', '2026-10-11T08:15:00Z', 6.8, 'N'),
          bloodPressure,
          chestXray,
        ],
      },
      PATEL_SOURCES,
    ),
    { now: FIXTURE_NOW },
  );
  return section(built, progress, notices, PATEL_SOURCES);
}

/** One test with `count` daily heart rates at one source, newest first. */
export function longHistory(count: number): TestResults {
  const resources: Observation[] = Array.from({ length: count }, (_, i) => ({
    resourceType: 'Observation',
    id: `hr-${i}`,
    status: 'final',
    category: VITALS,
    code: { coding: [{ system: LOINC, code: '8867-4' }], text: 'Heart rate' },
    subject: SUBJECT,
    effectiveDateTime: new Date(FIXTURE_NOW.getTime() - (i + 1) * 86_400_000).toISOString(),
    valueQuantity: q(60 + (i % 30), 'beats/minute', '/min'),
  }));
  const [test] = buildResults(inputs({ community: resources }, [COMMUNITY]), { now: FIXTURE_NOW });
  return test as TestResults;
}

/** Three blood pressures at the GP, a month apart, the oldest high. */
export function bloodPressures(): TestResults {
  const readings: Observation[] = [
    [162, 95],
    [148, 88],
    [134, 78],
  ].map(([systolic, diastolic], i) => ({
    ...bloodPressure,
    id: `bp-${i}`,
    effectiveDateTime: new Date(Date.UTC(2026, 7 + i, 1, 9)).toISOString(),
    component: [
      {
        code: { coding: [{ system: LOINC, code: '8480-6' }], text: 'Systolic' },
        valueQuantity: q(systolic ?? 0, 'mmHg', 'mm[Hg]'),
        referenceRange: [{ high: q(140, 'mmHg', 'mm[Hg]') }],
      },
      { code: { coding: [{ system: LOINC, code: '8462-4' }], text: 'Diastolic' }, valueQuantity: q(diastolic ?? 0, 'mmHg', 'mm[Hg]') },
    ],
  }));
  const [test] = buildResults(inputs({ gp: readings }, [GP]), { now: FIXTURE_NOW });
  return test as TestResults;
}

function vaccine(id: string, name: string, date: string, dose: number, extra: Partial<Immunization> = {}): Immunization {
  return {
    resourceType: 'Immunization',
    id,
    status: 'completed',
    vaccineCode: { text: name },
    patient: SUBJECT,
    occurrenceDateTime: date,
    recorded: date,
    primarySource: true,
    route: { coding: [{ code: 'IM', display: 'Injection, intramuscular' }] },
    performer: [{ actor: { display: 'Nurse J DAWSON' } }],
    protocolApplied: [
      {
        series: 'UK routine immunisation schedule',
        targetDisease: [{ text: 'Diphtheria' }, { text: 'Tetanus' }, { text: 'Pertussis' }],
        doseNumberPositiveInt: dose,
      },
    ],
    ...extra,
  };
}

/** OKAFOR's immunisations: three 6-in-1 doses (the first also held by the GP) and a declined flu vaccine. */
export function okaforImmunisations(progress: Partial<Record<string, SourceProgress>> = {}): Section<ImmunisationItem> {
  const sixInOne = 'DTaP/IPV/Hib/HepB vaccine (6-in-1)';
  const built = buildImmunisations(
    inputs(
      {
        community: [
          vaccine('dose-1', sixInOne, '2020-12-01T10:00:00Z', 1),
          vaccine('dose-2', sixInOne, '2021-01-05T10:00:00Z', 2),
          vaccine('dose-3', sixInOne, '2021-02-02T10:00:00Z', 3),
          vaccine('flu', 'Live attenuated influenza vaccine (nasal spray)', '2026-07-20', 1, {
            status: 'not-done',
            statusReason: { text: 'Parent declined' },
            protocolApplied: [{ targetDisease: [{ text: 'Influenza' }], doseNumberPositiveInt: 1 }],
          }),
        ],
        gp: [vaccine('gp-dose-1', sixInOne, '2020-12-01', 1, { performer: undefined })],
      },
      [GP, COMMUNITY],
    ),
    { now: FIXTURE_NOW },
  );
  return section(built, progress, [], [GP, COMMUNITY, ACUTE]);
}
