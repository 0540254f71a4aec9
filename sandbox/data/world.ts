// What the patient modules share: the five builders and directories, and the
// helpers that build a patient's demographics, repeat medicines, vital signs.
import type { ContactPoint, Extension, HumanName, Identifier, Patient, Quantity } from '@medplum/fhirtypes';
import type { SourceName } from '../config';
import {
  cc,
  coding,
  medicationRequest,
  observation,
  qty,
  ukCore,
  type MedicationRequestOptions,
  type Ref,
  type SourceBuilder,
} from './builders';
import type { Clock } from './dates';
import { plusDays } from './dates';
import { fhirAddress, RIVERSIDE, type Address, type Directory, type StaffRefs } from './directory';
import type { ScenarioPatient } from './patients';
import { LOINC, SCT, SYS } from './terminology';

export interface World {
  clock: Clock;
  b: Record<SourceName, SourceBuilder>;
  dir: Record<SourceName, Directory>;
}

export function staff(w: World, source: SourceName, key: string): StaffRefs {
  const person = w.dir[source].staff[key];
  if (!person) throw new Error(`${source}: no staff member "${key}"`);
  return person;
}

export function location(w: World, source: SourceName, key: string): Ref {
  const ref = w.dir[source].locations[key];
  if (!ref) throw new Error(`${source}: no location "${key}"`);
  return ref;
}

export interface PatientOptions {
  birthDate: string;
  address?: Address;
  telecom?: ContactPoint[];
  deceased?: string;
  /** Registered with Riverside Medical Practice (default true). */
  registered?: boolean;
  /** Overrides for a source whose record is of someone else (identity conflict). */
  identity?: { given: string; prefix?: string; gender: 'male' | 'female'; localId: string };
  /** A name that is not a real name (the unidentified patient). */
  temporaryName?: boolean;
}

const NHS_NUMBER_VERIFIED: Extension = {
  url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
  valueCodeableConcept: cc(
    coding('https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland', '01', 'Number present and verified'),
  ),
};

/** Adds the patient to a source (in the current group) and returns the reference. */
export function addPatient(w: World, source: SourceName, p: ScenarioPatient, o: PatientOptions): Ref {
  const b = w.b[source];
  const localId = o.identity?.localId ?? p.localIds[source];
  if (!localId) throw new Error(`${p.key} has no local id at ${source}`);
  const given = o.identity?.given ?? p.given;
  const prefix = o.identity ? o.identity.prefix : p.prefix;
  const identifier: Identifier[] = [];
  if (p.nhsNumber) identifier.push({ extension: [NHS_NUMBER_VERIFIED], system: SYS.nhsNumber, value: p.nhsNumber });
  identifier.push({ system: b.source.localIdSystem, value: localId });
  const name: HumanName = {
    use: o.temporaryName ? 'temp' : 'official',
    family: p.family,
    given: [given],
    prefix: prefix ? [prefix] : undefined,
  };
  const practice = w.dir[source].practice;
  const patient: Patient = {
    resourceType: 'Patient',
    meta: ukCore('Patient'),
    identifier,
    active: true,
    name: [name],
    telecom: o.telecom,
    gender: o.identity?.gender ?? p.gender,
    birthDate: o.birthDate,
    deceasedDateTime: o.deceased,
    address: o.address ? [fhirAddress(o.address)] : undefined,
    generalPractitioner:
      o.registered === false
        ? undefined
        : [{ ...practice, identifier: { system: SYS.ods, value: RIVERSIDE.odsCode }, display: RIVERSIDE.name }],
    managingOrganization: w.dir[source].org,
  };
  const display = `${p.family}, ${given}${prefix ? ` (${prefix})` : ''}`;
  return b.shared(`patient/${p.key}${o.identity ? '-other' : ''}`, patient, `identifier=${b.source.localIdSystem}|${localId}`, display);
}

export interface RepeatOptions extends Omit<MedicationRequestOptions, 'intent' | 'status' | 'authoredOn' | 'basedOn' | 'validity'> {
  /** Date the repeat was authorised. */
  started: string;
  status?: 'active' | 'stopped' | 'completed' | 'entered-in-error' | 'on-hold';
  /** When stopped or completed. */
  ended?: string;
  /** Issues, oldest first: days before today. */
  issuesDaysAgo: number[];
}

/** A GP repeat: the authorisation (intent plan) and each issue (intent order, basedOn the plan), in one group. */
export function addRepeat(w: World, source: SourceName, key: string, o: RepeatOptions): Ref {
  const b = w.b[source];
  b.group();
  const status = o.status ?? 'active';
  const plan = b.add(
    `${key}/plan`,
    medicationRequest({
      ...o,
      intent: 'plan',
      status,
      course: 'continuous',
      authoredOn: o.started,
      validity: { start: o.started.slice(0, 10), end: o.ended?.slice(0, 10) },
    }),
  );
  o.issuesDaysAgo.forEach((days, i) => {
    const issued = w.clock.daysAgo(days, '10:30');
    b.add(
      `${key}/issue-${i + 1}`,
      medicationRequest({
        ...o,
        intent: 'order',
        status: 'completed',
        course: 'continuous',
        authoredOn: issued,
        basedOn: plan,
        repeats: undefined,
        validity: { start: issued.slice(0, 10), end: plusDays(issued.slice(0, 10), o.supplyDays ?? 28) },
      }),
    );
  });
  return plan;
}

/** Issue dates every `every` days, the newest `lastDaysAgo` before today. */
export function issueDays(count: number, lastDaysAgo: number, every = 28): number[] {
  return Array.from({ length: count }, (_, i) => lastDaysAgo + (count - 1 - i) * every);
}

export interface VitalSigns {
  heartRate?: number;
  respiratoryRate?: number;
  systolic?: number;
  diastolic?: number;
  spo2?: number;
  temperature?: number;
  gcs?: number;
}

/** One observation per vital sign (the blood pressure as a panel with components). */
export function addVitalSigns(
  w: World,
  source: SourceName,
  key: string,
  patient: Ref,
  at: string,
  v: VitalSigns,
  extra: { encounter?: Ref; performer?: Ref; restricted?: boolean } = {},
): void {
  const b = w.b[source];
  const common = {
    patient,
    category: 'vital-signs' as const,
    effective: at,
    issued: at,
    encounter: extra.encounter,
    performer: extra.performer ? [extra.performer] : undefined,
    restricted: extra.restricted,
  };
  const add = (name: string, codes: Parameters<typeof observation>[0]['code'], value: Quantity, interpretation?: 'H' | 'L' | 'N') =>
    b.add(`${key}/${name}`, observation({ ...common, code: codes, value, interpretation }));
  if (v.heartRate !== undefined)
    add(
      'heart-rate',
      [LOINC.heartRate, SCT.heartRate],
      qty(v.heartRate, 'beats/minute', '/min'),
      v.heartRate > 100 ? 'H' : v.heartRate < 50 ? 'L' : undefined,
    );
  if (v.respiratoryRate !== undefined)
    add(
      'respiratory-rate',
      [LOINC.respiratoryRate, SCT.respiratoryRate],
      qty(v.respiratoryRate, 'breaths/minute', '/min'),
      v.respiratoryRate > 20 ? 'H' : undefined,
    );
  if (v.spo2 !== undefined) add('spo2', [LOINC.oxygenSaturation, SCT.oxygenSaturation], qty(v.spo2, '%'), v.spo2 < 94 ? 'L' : undefined);
  if (v.temperature !== undefined)
    add(
      'temperature',
      [LOINC.bodyTemperature, SCT.bodyTemperature],
      qty(v.temperature, 'degrees C', 'Cel'),
      v.temperature < 36 ? 'L' : v.temperature > 38 ? 'H' : undefined,
    );
  if (v.gcs !== undefined)
    add(
      'gcs',
      [LOINC.glasgowComaScore, SCT.glasgowComaScore],
      { value: v.gcs, unit: 'score', system: SYS.ucum, code: '{score}' },
      v.gcs < 15 ? 'L' : undefined,
    );
  if (v.systolic !== undefined && v.diastolic !== undefined) {
    b.add(
      `${key}/blood-pressure`,
      observation({
        ...common,
        code: [LOINC.bloodPressurePanel, SCT.bloodPressure],
        text: 'Blood pressure',
        components: [
          { code: cc([LOINC.systolic, SCT.systolic]), valueQuantity: qty(v.systolic, 'mmHg', 'mm[Hg]') },
          { code: cc([LOINC.diastolic, SCT.diastolic]), valueQuantity: qty(v.diastolic, 'mmHg', 'mm[Hg]') },
        ],
      }),
    );
  }
}
